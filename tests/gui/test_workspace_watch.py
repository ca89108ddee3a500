"""Views that stay true (issue 15): the command line changes the workspace in another process
while the window is open; the window shows it within seconds, and its counts are the report's."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from focalpoint.domain.records import ActionStatus
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.main_window import MainWindow
from focalpoint.ui.workspace_watch import WorkspaceWatch
from tests.conftest import entity_id


def cli(folder: Path, *args: str) -> str:
    """A real second process: `python -m focalpoint ... --data-dir` (committing on its own)."""
    done = subprocess.run(
        [sys.executable, "-m", "focalpoint", *args, "--data-dir", str(folder), "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def active(window: MainWindow, qtbot: QtBot) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)


def test_a_change_from_the_command_line_shows_in_the_open_window_within_seconds(
    ws: Workspace,
    open_window: Callable[[Workspace], MainWindow],
    qtbot: QtBot,
) -> None:
    ws.assignments.set_lead("1.1.1", entity_id(ws, "CONNA"))
    ws.assignments.set_lead("1.1.2", entity_id(ws, "CONNA"))
    window = open_window(ws)
    active(window, qtbot)
    bench = window.workbench
    assert bench.select_action("1.1.3")
    assert "2 of 30" in bench.coverage.text()

    cli(ws.folder, "assign", "1.1.3", "DGME")
    cli(ws.folder, "assign", "1.2.1", "DGME")
    cli(ws.folder, "status", "1.1.3", "in_progress")
    asked = time.monotonic()
    qtbot.waitUntil(lambda: "4 of 30" in bench.coverage.text(), timeout=5000)
    seen_after = time.monotonic() - asked
    assert seen_after < 4

    # The report made from the same window counts the same.
    report_plan = cli(ws.folder, "plan", "show")
    assert "Actions with a responsible entity: 4 of 30" in report_plan
    # The tree's row and the open action's panel: the new lead and status, as stored now.
    entry = bench.model.entry("1.1.3")
    assert entry is not None and entry.assignment is not None
    assert entry.assignment.status is ActionStatus.IN_PROGRESS
    panel = bench.panel
    assert panel.progress.status.currentData() == ActionStatus.IN_PROGRESS.value
    assert "DGME" in panel.responsible.lead.currentText()


def test_a_note_being_typed_is_kept_when_the_action_changes_elsewhere(
    ws: Workspace,
    open_window: Callable[[Workspace], MainWindow],
    qtbot: QtBot,
) -> None:
    window = open_window(ws)
    active(window, qtbot)
    bench = window.workbench
    assert bench.select_action("1.1.1")
    progress = bench.panel.progress
    progress._note_timer.stop()  # the user is still typing: the pause has not come
    progress.note.setPlainText("Meeting with CONNA on Monday")
    progress._note_timer.stop()

    cli(ws.folder, "status", "1.1.1", "completed")
    qtbot.waitUntil(
        lambda: progress.status.currentData() == ActionStatus.COMPLETED.value, timeout=5000
    )
    assert progress.note.toPlainText() == "Meeting with CONNA on Monday"
    assert progress.save_note()
    assert ws.assignments.get("1.1.1").note == "Meeting with CONNA on Monday"
    assert ws.assignments.get("1.1.1").status is ActionStatus.COMPLETED


def test_the_windows_own_edits_are_not_news(
    ws: Workspace,
    open_window: Callable[[Workspace], MainWindow],
    qtbot: QtBot,
) -> None:
    window = open_window(ws)
    refreshed: list[int] = []
    window.watch.changed.connect(lambda: refreshed.append(1))
    ws.assignments.set_lead("1.1.1", entity_id(ws, "CONNA"))  # on the window's thread
    ws.assignments.set_status("1.1.1", ActionStatus.IN_PROGRESS)
    assert not window.watch.check()
    cli(ws.folder, "status", "1.1.1", "completed")
    assert window.watch.check()
    assert not window.watch.check()  # once
    assert refreshed == [1]


def test_the_practices_and_services_lists_follow_changes_from_elsewhere(
    ws: Workspace,
    open_window: Callable[[Workspace], MainWindow],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    window = open_window(ws)
    practices, services = window.practices, window.services
    before = practices.count.text(), services.count.text()
    csv = tmp_path / "services.csv"
    csv.write_text(
        "Organización,Servicio,Tipo\n#org+name,#service+name,#service+type+code\n"
        "Casa Alianza,Albergue temporal,shelter\n",
        encoding="utf-8",
    )
    # Another FocalPoint process records a practice (the command line has no such command).
    script = (
        "import sys; from pathlib import Path;"
        "from focalpoint.domain.practices import Practice;"
        "from focalpoint.services.country.workspace import Workspace;"
        "w = Workspace.open(Path(sys.argv[1]), create=False);"
        "w.practices.save(Practice(title='Acompañamiento en frontera')); w.close()"
    )
    subprocess.run([sys.executable, "-c", script, str(ws.folder)], check=True, timeout=60)
    cli(ws.folder, "directory", "import", str(csv))
    assert window.watch.check()
    assert practices.count.text() != before[0]
    assert "1 practice" in practices.count.text()
    assert services.count.text() != before[1]


def test_the_check_is_cheap_and_never_waits_on_a_lock(ws: Workspace) -> None:
    """Measured: one check a tick on the window's thread; a writer holding the file busy makes
    it answer "not now" at once instead of waiting for the busy timeout (3 s)."""
    import sqlite3

    ws.data_version()
    n = 2000
    started = time.perf_counter()
    for _ in range(n):
        ws.data_version()
    each = (time.perf_counter() - started) / n
    print(f"data_version check: {each * 1e6:.1f} µs")
    assert each < 0.002

    other = sqlite3.connect(ws.db.path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # a writer in the middle of a checkpoint-like lock
    try:
        started = time.perf_counter()
        ws.data_version()
        assert time.perf_counter() - started < 0.5
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_read_only_workspace_opens_read_only_and_says_so(
    ws: Workspace,
    open_window: Callable[[Workspace], MainWindow],
    qtbot: QtBot,
) -> None:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDialogButtonBox

    from focalpoint.domain.practices import Practice
    from focalpoint.ui.country.practices.practice_dialog import PracticeDialog
    from tests.read_only_folder import listing, read_only

    ws.assignments.set_lead("1.1.1", entity_id(ws, "CONNA"))
    practice = ws.practices.save(Practice(title="Acompañamiento en frontera"))
    folder = ws.folder
    ws.close()
    with read_only(folder):
        before = listing(folder)
        opened = Workspace.open(folder, create=False)
        try:
            window = open_window(opened)
            banner = window.read_only_banner
            assert banner.isVisible()
            assert "Read only." in banner.text()
            disabled = {
                a.text().replace("&", "")
                for a in window.findChildren(QAction)
                if a.text() and not a.isEnabled()
            }
            for command in (
                "Import plan file…",
                "Send to the Secretariat…",
                "Import a receipt…",
                "Backups…",
                "Signing key…",
            ):
                assert command in disabled
            bench = window.workbench
            assert bench.select_action("1.1.1")
            panel = bench.panel
            assert not panel.progress.status.isEnabled()
            assert not panel.progress.note.isEnabled()
            assert "CONNA" in panel.responsible.lead.currentText()
            window.resize(1280, 800)
            window.grab().save(str(folder.parent / "read-only.png"))
            practices, services = window.practices, window.services
            assert not practices.buttons.new.isEnabled()
            assert not services.buttons.new.isEnabled()
            assert not services.exchange.import_button.isEnabled()
            assert services.exchange.export_button.isEnabled()  # a copy elsewhere: reading
            window.grab().save(str(folder.parent / "read-only-services.png"))
            entities = window.open_directory()
            assert not entities.add_button.isEnabled()
            entities.close()
            form = PracticeDialog(opened, opened.practices.get(practice.id), window)
            box = form.findChild(QDialogButtonBox)
            assert box is not None
            assert not box.button(QDialogButtonBox.StandardButton.Save).isEnabled()
            assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Close"
            form.deleteLater()
            report = window.open_report()  # previewed outside the workspace
            qtbot.waitUntil(lambda: report.preview.page_count >= 5, timeout=20000)
            shown = report._result
            assert shown is not None and folder not in shown.path.parents
            report.close()
            moved = folder.parent / "move.zip"  # read, and written elsewhere
            window.move_to_another_computer(moved)
            qtbot.waitUntil(moved.exists, timeout=20000)
            window.close()
        finally:
            opened.close()
        assert listing(folder) == before


def test_a_plan_imported_from_the_command_line_is_read_whole(
    ws: Workspace,
    open_window: Callable[[Workspace], MainWindow],
    tmp_path: Path,
) -> None:
    from tests.plan_files import signed_plan_file
    from tests.services.test_plan_import import next_version

    window = open_window(ws)
    assert window.workbench.banner.isVisible()  # the provisional plan
    path = signed_plan_file(ws, tmp_path / "plan-1.0.json", next_version())
    cli(ws.folder, "plan", "import", str(path))
    assert window.watch.check()
    assert not window.workbench.banner.isVisible()
    assert "version 1.0" in window.plan_label.text()
    assert not window.watch.check()  # the plan read whole is not news again


def test_coming_back_to_the_window_shows_what_changed_meanwhile(
    ws: Workspace,
    open_window: Callable[[Workspace], MainWindow],
    qtbot: QtBot,
) -> None:
    from PySide6.QtWidgets import QWidget

    window = open_window(ws)
    active(window, qtbot)
    window.watch._timer.setInterval(3_600_000)  # no tick in this test: only coming back
    terminal = QWidget()  # the user goes to another window (their terminal)
    qtbot.addWidget(terminal)
    terminal.show()
    terminal.activateWindow()
    qtbot.waitUntil(lambda: not window.isActiveWindow(), timeout=3000)
    assert not window.watch._timer.isActive()  # no checks while the user is elsewhere
    cli(ws.folder, "assign", "1.1.1", "CONNA")
    assert "0 of 30" in window.workbench.coverage.text()
    active(window, qtbot)
    qtbot.waitUntil(lambda: "1 of 30" in window.workbench.coverage.text(), timeout=2000)


def test_a_look_from_a_thread_never_holds_the_window_and_is_never_doubled(qtbot: QtBot) -> None:
    """The Secretariat's window looks at a database server from a thread: a server that is
    slow to answer (or silent) never holds the window, and one look is out at a time."""
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    answer = threading.Event()
    asked: list[int] = []

    def slow_server() -> int:
        asked.append(1)
        if not answer.wait(10):
            raise TimeoutError("the server never answered")
        return 7

    watch = WorkspaceWatch(slow_server, window, seen=1, in_background=True)
    changed: list[int] = []
    watch.changed.connect(lambda: changed.append(1))
    started = time.monotonic()
    assert watch.check() is False and watch.check() is False
    assert time.monotonic() - started < 1.5 and watch.looking  # not the 10 s of the server
    qtbot.waitUntil(lambda: asked == [1])
    watch.check()
    qtbot.wait(300)
    assert asked == [1]  # the look out is waited for, never doubled
    answer.set()
    qtbot.waitUntil(lambda: changed == [1] and not watch.looking)
