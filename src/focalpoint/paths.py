"""Where the workspace lives: ``--data-dir``, then ``FOCALPOINT_DATA_DIR``, then the user data."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA_DIR = "FOCALPOINT_DATA_DIR"
RESOURCES = Path(__file__).with_name("resources")
BUNDLED_PLAN = RESOURCES / "plan" / "rcm-nna-2017-2022-provisional.json"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The workspace folder for this run (not created here).

    An empty ``--data-dir ""`` is refused rather than taken to mean the real workspace: a
    script that meant a scratch folder must never write into the user's own work.
    """
    from focalpoint.domain.errors import InvalidInput
    from focalpoint.i18n import _

    for given in (explicit, os.environ.get(ENV_DATA_DIR) or None):  # empty variable: unset
        if given is None:
            continue
        if not str(given).strip():
            raise InvalidInput(_("The workspace folder given is empty."))
        try:
            return Path(given).expanduser()
        except RuntimeError as exc:  # "~someone" who does not exist
            raise InvalidInput(
                _("The workspace folder {path} cannot be found.").format(path=given)
            ) from exc
    # platformdirs is only imported when no folder was given, which keeps scripted runs lean.
    from platformdirs import user_data_dir

    return Path(user_data_dir("FocalPoint", "RCM", roaming=True))
