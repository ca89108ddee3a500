"""The window on a workspace that lost its database: damaged, not new; set aside on request."""

from __future__ import annotations

from pathlib import Path

from focalpoint.app import open_workspace
from focalpoint.paths import COUNTRY, folder_kind
from focalpoint.services.country.workspace import Workspace
from focalpoint.storage.country.schema import DB_NAME
from tests.gui.conftest import answer_message_box


def emptied(folder: Path) -> Path:
    """A workspace with a submission kept, whose database became 0 bytes (a crash, a sync)."""
    Workspace.open(folder).close()
    (folder / "submissions").mkdir()
    (folder / "submissions" / "FocalPoint-SV-001-2026-01-01.zip").write_bytes(b"PK kept")
    (folder / DB_NAME).write_bytes(b"")
    for extra in ("-wal", "-shm"):
        (folder / (DB_NAME + extra)).unlink(missing_ok=True)
    return folder


def test_an_empty_database_beside_submissions_is_not_silently_replaced(folder: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    emptied(folder)
    seen = answer_message_box("Quit")
    assert open_workspace(folder) is None
    assert seen and "damaged, not new" in seen[0]
    assert (folder / DB_NAME).stat().st_size == 0
    assert not list(folder.glob("focalpoint-damaged-*"))


def test_it_is_set_aside_and_started_anew_only_when_the_user_asks(folder: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    emptied(folder)
    answer_message_box("Set it aside and start anew")
    ws = open_workspace(folder)
    assert ws is not None and ws.plan.info() is not None
    ws.close()
    assert len(list(folder.glob("focalpoint-damaged-*.db"))) == 1
    assert (folder / "submissions" / "FocalPoint-SV-001-2026-01-01.zip").read_bytes() == b"PK kept"


def test_a_missing_database_beside_submissions_is_explained(folder: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    emptied(folder)
    (folder / DB_NAME).unlink()
    assert folder_kind(folder) == COUNTRY  # the window asks no "which kind?" of it
    seen = answer_message_box("Quit")
    assert open_workspace(folder) is None
    assert seen and "damaged, not new" in seen[0]
    assert not (folder / DB_NAME).exists()


def test_a_workspace_that_lost_its_database_starts_anew_when_asked_its_files_kept(
    folder: Path,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    emptied(folder)
    (folder / DB_NAME).unlink()
    answer_message_box("Set it aside and start anew")
    ws = open_workspace(folder)  # then Settings → Backups… can put a backup back
    assert ws is not None and ws.plan.info() is not None
    ws.close()
    assert (folder / "submissions" / "FocalPoint-SV-001-2026-01-01.zip").read_bytes() == b"PK kept"
