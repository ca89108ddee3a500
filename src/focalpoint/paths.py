"""Where the workspace lives: ``--data-dir``, then ``FOCALPOINT_DATA_DIR``, then the user data."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA_DIR = "FOCALPOINT_DATA_DIR"
RESOURCES = Path(__file__).with_name("resources")
BUNDLED_PLAN = RESOURCES / "plan" / "rcm-nna-2017-2022-provisional.json"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The workspace folder for this run (not created here)."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(ENV_DATA_DIR)
    if from_env:
        return Path(from_env).expanduser()
    # platformdirs is only imported when no folder was given, which keeps scripted runs lean.
    from platformdirs import user_data_dir

    return Path(user_data_dir("FocalPoint", "RCM", roaming=True))
