"""Settings → Backups…, File → Move to another computer… and the first window taking such a
file in, used as a person would."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.backups.move_dialogs import import_at_first_run
from focalpoint.ui.first_run import WorkspaceKindDialog
from tests.conftest import entity_id
from tests.gui.conftest import answer_message_box

SHOTS = os.environ.get("FOCALPOINT_SHOTS")  # a folder: the dialogs are saved there as PNG


def shot(widget: object, name: str) -> None:
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))  # type: ignore[attr-defined]


def test_backups_dialog_lists_makes_and_restores(ws: Workspace, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    ws.assignments.set_lead("1.1.1", entity_id(ws, "CONNA"))
    window = open_window(ws)
    window.backup_at_startup()  # what the application does once the plan is on show
    assert [b.reason for b in ws.backups.list()] == ["startup"]
    window.backup_at_startup()  # the same day: no second one
    assert len(ws.backups.list()) == 1

    menus = {
        menu.title().replace("&", ""): [a.text().replace("&", "") for a in menu.actions()]
        for menu in (a.menu() for a in window.menuBar().actions())
        if menu is not None
    }
    assert "Backups…" in menus["Settings"]
    assert "Move to another computer…" in menus["File"]
    dialog = window.open_backups()
    assert dialog.model.rowCount() == 1
    assert "at start-up" in dialog.model.item(0, 1).text()
    assert "1 action assigned" in dialog.model.item(0, 3).text()
    assert str(ws.folder / "backups") in dialog.where.text()
    dialog.create_now()
    assert dialog.model.rowCount() == 2 and "made on demand" in dialog.model.item(0, 1).text()
    shot(dialog, "backups-dialog")

    # A change after the backups, then the older one restored: asked first, with what it holds.
    window.workspace.assignments.set_lead("2.2.1", entity_id(ws, "DGME"))
    dialog.table.selectRow(1)
    seen = answer_message_box("Restore")
    with qtbot.waitSignal(window.workspace_replaced, timeout=5000):
        dialog.restore()
    assert "It holds: 1 action assigned" in seen[0] and "backed up first" in seen[0]
    with _opened(ws.folder) as fresh:
        assert fresh.assignments.get("2.2.1").lead_id is None
        assert "before_restore" in [b.reason for b in fresh.backups.list()]


class _opened:
    def __init__(self, folder: Path) -> None:
        self.ws = Workspace.open(folder)

    def __enter__(self) -> Workspace:
        return self.ws

    def __exit__(self, *_exc: object) -> None:
        self.ws.close()


def test_move_to_another_computer_then_open_it_at_first_run(  # type: ignore[no-untyped-def]
    ws: Workspace, open_window, qtbot, tmp_path: Path
) -> None:
    ws.assignments.set_lead("1.1.1", entity_id(ws, "CONNA"))
    window = open_window(ws)
    target = tmp_path / "FocalPoint workspace SV.zip"
    window.move_to_another_computer(target)
    box = next(b for b in window.findChildren(QMessageBox) if b.isVisible())
    assert str(target) in box.text() and "KB" in box.text()
    assert "Open a workspace file from another computer" in box.informativeText()
    shot(box, "move-done")
    box.close()

    laptop = tmp_path / "laptop"
    first = WorkspaceKindDialog(None, lambda d, f: import_at_first_run(d, laptop, f))
    qtbot.addWidget(first)
    first.show()
    shot(first, "first-run")
    seen = answer_message_box("Open it")
    first.open_workspace_file(target)
    qtbot.waitUntil(lambda: first.result() == 1, timeout=5000)
    assert "the workspace of SV" in seen[0] and "1 action assigned" in seen[0]
    assert first.kind() == "country"
    with _opened(laptop) as moved:
        assert moved.assignments.get("1.1.1").lead_id == entity_id(ws, "CONNA")


def test_a_refused_file_at_first_run_says_why_and_makes_nothing(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path
) -> None:
    bad = tmp_path / "not-a-workspace.zip"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    first = WorkspaceKindDialog(None, lambda d, f: import_at_first_run(d, tmp_path / "laptop", f))
    qtbot.addWidget(first)
    seen = answer_message_box("OK")
    first.open_workspace_file(bad)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert "not a usable FocalPoint workspace file" in seen[0]
    assert not (tmp_path / "laptop").exists()
    assert not [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QProgressDialog) and w.isVisible()
    ]


def test_the_dialogs_keep_everything_in_reach_with_text_twice_as_large(  # type: ignore[no-untyped-def]
    ws: Workspace, qtbot, tmp_path: Path, focus_style: None
) -> None:
    from focalpoint.ui.country.backups.backups_dialog import BackupsDialog
    from focalpoint.ui.tasks import TaskRunner
    from tests.gui.test_screen_fit import LARGE_TEXT_SCREEN, text_twice_as_large, unreachable

    ws.backups.create()
    with text_twice_as_large():
        dialog = BackupsDialog(ws, TaskRunner(synchronous=True))
        first = WorkspaceKindDialog(
            None, lambda d, f: import_at_first_run(d, tmp_path / "laptop", f)
        )
        problems = []
        for widget, name in ((dialog, "backups-dialog-200"), (first, "first-run-200")):
            qtbot.addWidget(widget)
            widget.show()
            problems += unreachable(widget, LARGE_TEXT_SCREEN)
            shot(widget, name)
    assert problems == []
