"""Starting the app on a bad workspace file, and switching language: clear words, nothing lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt

from focalpoint.app import Application, open_workspace
from focalpoint.domain.records import Profile
from focalpoint.i18n import set_language
from focalpoint.services.country.workspace import Workspace
from focalpoint.storage.country.schema import DB_NAME
from focalpoint.ui.tasks import TaskRunner
from tests.gui.conftest import answer_message_box


def test_damaged_workspace_can_be_set_aside_and_started_anew(folder: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    folder.mkdir()
    (folder / DB_NAME).write_bytes(b"half a file" * 300)
    seen = answer_message_box("Set it aside and start anew")
    ws = open_workspace(folder)
    assert seen and "damaged" in seen[0]
    assert ws is not None and ws.plan.info() is not None
    ws.close()
    kept = list(folder.glob("focalpoint-damaged-*.db"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"half a file" * 300


def test_damaged_workspace_left_alone_when_the_user_quits(folder: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    folder.mkdir()
    (folder / DB_NAME).write_bytes(b"half a file" * 300)
    answer_message_box("Quit")
    assert open_workspace(folder) is None
    assert (folder / DB_NAME).read_bytes() == b"half a file" * 300


def test_newer_workspace_is_explained_and_not_opened(folder: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    Workspace.open(folder).close()
    with sqlite3.connect(folder / DB_NAME) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0042_future'")
    conn.close()
    seen = answer_message_box("OK")
    assert open_workspace(folder) is None
    assert seen and "newer version of FocalPoint" in seen[0]


def test_changing_language_in_settings_rebuilds_the_window_in_it(ws: Workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    app = Application(ws, TaskRunner(synchronous=True))
    window = app.show()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.plan_loaded):
        pass
    window.workbench.select_action("1.2.1")
    ws.profile.save(Profile("es", "SV", "Ana Pérez"))
    window.language_changed.emit()
    new = app.window
    assert new is not None and new is not window
    qtbot.addWidget(new)
    with qtbot.waitSignal(new.plan_loaded):
        pass
    assert new.workbench.unassigned.text() == "Solo acciones sin entidad responsable"
    assert new.workbench.model.headerData(1, Qt.Orientation.Horizontal) == "Título"
    assert new.workbench.selected_code() == "1.2.1"  # the user stays where they were
    # The edits go on in the new window: Undo names them in Spanish, and the closed window's
    # menu no longer listens (it would fail on its deleted actions).
    ws.assignments.set_status("1.2.1", "in_progress")
    assert new.undo_actions.undo.text() == "&Deshacer: estado de 1.2.1"
    new.close()
    set_language("en")


def test_every_menu_has_one_key_per_item_in_every_language(ws: Workspace, open_window) -> None:  # type: ignore[no-untyped-def]
    """Alt+F then a letter must open one thing: no two items of a menu share their letter."""
    import re

    def letter(text: str) -> str | None:
        found = re.search(r"&(.)", text.replace("&&", ""))
        return found.group(1).lower() if found else None

    for language in ("en", "es", "fr"):
        set_language(language)
        ws.profile.save(Profile(language, "SV", "Ana Pérez"))
        window = open_window(ws)
        bar = window.menuBar()
        menus = {"": [a.text() for a in bar.actions()]}
        for top in bar.actions():
            menus[top.text()] = [a.text() for a in top.menu().actions() if not a.isSeparator()]
        for menu, items in menus.items():
            letters = [letter(item) for item in items]
            assert None not in letters, (language, menu, items)
            assert len(set(letters)) == len(letters), (language, menu, items)
        window.close()
    set_language("en")
