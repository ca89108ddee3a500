"""The country's side never loads what the Secretariat's store needs (SQLAlchemy, SQLModel):
importing them costs about as much as Qt, and the country's start-up budget is 1.5x a bare
Qt window."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from focalpoint.services.country.workspace import Workspace
from tests.e2e.processes import environment

PROBE = """
import sys
from focalpoint.cli.main import main
import focalpoint.app  # the window's composition root, as the country's start-up imports it
code = main(["entity", "list", "--data-dir", sys.argv[1]])
loaded = sorted({m.split(".")[0] for m in sys.modules} & {"sqlalchemy", "sqlmodel", "alembic"})
print(code, loaded)
"""


def test_a_country_command_and_the_window_load_no_sqlalchemy(tmp_path: Path) -> None:
    Workspace.open(tmp_path / "country").close()  # made (and migrated) beforehand
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "country")],
        capture_output=True,
        text=True,
        env=environment(FOCALPOINT_LANG="en", QT_QPA_PLATFORM="offscreen"),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "0 []"
