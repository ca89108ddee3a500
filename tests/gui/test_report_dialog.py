"""The report dialog: preview, save and print a real PDF."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.reports.report_dialog import ReportDialog
from focalpoint.ui.tasks import TaskRunner


def open_dialog(ws: Workspace, qtbot) -> ReportDialog:  # type: ignore[no-untyped-def]
    dialog = ReportDialog(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.report_ready, timeout=20000):
        dialog.show()
    return dialog


def test_preview_save_and_print(ws: Workspace, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    ws.assignments.set_lead("1.2.3", ws.entities.resolve("CONNA").id)
    dialog = open_dialog(ws, qtbot)
    assert dialog.preview.page_count >= 5
    assert dialog.save_button.isEnabled() and dialog.print_button.isEnabled()

    saved = dialog.save_as(tmp_path / "informe")
    assert saved == tmp_path / "informe.pdf"
    assert len(PdfReader(saved).pages) == dialog.preview.page_count

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_report(printer) == dialog.preview.page_count
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == dialog.preview.page_count


def test_choosing_the_language_remakes_the_report(ws: Workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(ws, qtbot)
    with qtbot.waitSignal(dialog.report_ready, timeout=20000):
        dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    assert dialog.suggested_name().startswith("Salvador - Rapport de pays - ")
    path = dialog._result.path  # type: ignore[union-attr]
    assert "Rapport de pays" in PdfReader(path).pages[0].extract_text()


def test_closing_removes_the_preview_file(ws: Workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(ws, qtbot)
    path = dialog._result.path  # type: ignore[union-attr]
    assert path.exists()
    dialog.reject()
    assert not path.exists()


def test_the_save_button_asks_where_and_saves_there(ws: Workspace, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    from tests.gui.conftest import when_shown

    dialog = open_dialog(ws, qtbot)
    offered: list[str] = []

    def answer(chooser: QFileDialog) -> None:  # the user picks a folder, keeps the name
        offered.append(Path(chooser.selectedFiles()[0]).name)
        chooser.setDirectory(str(tmp_path))
        chooser.selectFile(offered[0])
        chooser.accept()

    when_shown(QFileDialog, answer)
    dialog.save_button.click()
    assert offered and offered[0].startswith("El Salvador - Country report - ")
    saved = tmp_path / offered[0]
    assert saved.exists() and len(PdfReader(saved).pages) == dialog.preview.page_count


def test_in_the_background_the_latest_choice_wins_and_closing_is_clean(
    ws: Workspace, qtbot
) -> None:  # type: ignore[no-untyped-def]
    tasks = TaskRunner()  # a real pool thread, as in the app
    tasks.after_each = ws.db.release_thread
    dialog = ReportDialog(ws, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.making, timeout=5000)
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))  # overtakes the first run
    with qtbot.waitSignal(dialog.report_ready, timeout=30000):
        pass
    tasks.wait()
    qtbot.wait(50)  # let any late result of the first run arrive
    assert dialog.language.currentData() == "fr"
    shown = dialog._result.path  # type: ignore[union-attr]
    assert "Rapport de pays" in PdfReader(shown).pages[0].extract_text()
    previews = list((ws.folder / "reports").glob("preview-*.pdf"))
    assert previews == [shown]  # the overtaken run's file is gone

    dialog.update_button.click()  # and close while it is being made
    dialog.reject()
    tasks.wait()
    qtbot.wait(50)
    assert list((ws.folder / "reports").glob("*.pdf")) == []
    assert list((ws.folder / "reports").glob(".*.part")) == []


def test_previews_left_by_a_crash_are_removed(ws: Workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    import os

    folder = ws.folder / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    stale = folder / "preview-left-by-a-crash.pdf"
    stale.write_bytes(b"%PDF-1.4 half")
    os.utime(stale, (0, 0))
    dialog = open_dialog(ws, qtbot)
    assert not stale.exists()
    dialog.reject()
