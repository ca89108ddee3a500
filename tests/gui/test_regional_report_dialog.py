"""The Secretariat's regional report window: made in the background, previewed, saved, printed,
remade in another language; opened from File → Regional report…"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from focalpoint.i18n import translator
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from focalpoint.ui.secretariat.main_window import SecretariatWindow
from focalpoint.ui.secretariat.report_dialog import RegionalReportDialog
from focalpoint.ui.tasks import TaskRunner
from tests.secretariat.test_intake import TS_PASSPHRASE, country_workspace, export, register

OPEN_ONLY = (
    "Open actions only: {open} of the plan's {total} actions. An action is open while a country "
    "that has reported has not completed it (an action a country marked not applicable counts "
    "as done there), or while no country has reported. The matrix and the list of actions "
    "without a responsible entity show the open actions; the other parts cover the whole plan."
)


@pytest.fixture
def region(tmp_path: Path) -> Iterator[SecretariatWorkspace]:
    """A Secretariat that accepted El Salvador's and Guatemala's first submissions."""
    ts = SecretariatWorkspace.open(tmp_path / "secretariat")
    ts.profile.save("Secretaría Técnica de la CRM", "es")
    ts.keys.create(TS_PASSPHRASE)
    countries = [country_workspace(tmp_path / code, code) for code in ("SV", "GT")]
    for ws in countries:
        register(ts, ws, tmp_path)
    for result in ts.intake.receive([export(ws) for ws in countries]):
        ts.consolidation.accept(result.id)
    for ws in countries:
        ws.close()
    yield ts
    ts.close()


def open_dialog(ts: SecretariatWorkspace, qtbot, tasks: TaskRunner) -> RegionalReportDialog:  # type: ignore[no-untyped-def]
    dialog = RegionalReportDialog(ts, tasks)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.report_ready, timeout=30000):
        dialog.show()
    return dialog


def test_preview_save_print_and_close(region: SecretariatWorkspace, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(region, qtbot, TaskRunner(synchronous=True))
    made = dialog.made
    assert made is not None and made.path.exists()
    assert dialog.preview.page_count == made.pages >= 8
    assert "pages" in dialog.state.text() or "páginas" in dialog.state.text()
    dialog.resize(1000, 820)
    dialog.preview.render_all_visible_now()
    assert dialog.preview.rendered_pages >= 1
    qtbot.wait(50)  # the pages laid out in the preview before it is looked at
    dialog.preview.render_all_visible_now()
    dialog.grab().save(str(tmp_path / "regional-report-dialog.png"))

    saved = dialog.save_as(tmp_path / "informe-regional")
    assert saved == tmp_path / "informe-regional.pdf"
    assert len(PdfReader(saved).pages) == made.pages

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_report(printer) == made.pages

    dialog.reject()
    assert not made.path.exists()  # the preview goes with the window


def test_every_input_has_a_name_a_screen_reader_reads(
    region: SecretariatWorkspace,
    qapp,  # type: ignore[no-untyped-def]
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    from focalpoint.ui.accessibility import name_inputs_on_show
    from tests.gui.test_accessible_names import unnamed

    namer = name_inputs_on_show(qapp)  # as the application names them, when a window shows
    try:
        dialog = open_dialog(region, qtbot, TaskRunner(synchronous=True))
        assert unnamed(dialog) == []
        dialog.reject()
    finally:
        qapp.removeEventFilter(namer)


def test_another_language_and_the_open_actions_remake_it(
    region: SecretariatWorkspace,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    dialog = open_dialog(region, qtbot, TaskRunner(synchronous=True))
    first = dialog.made
    assert first is not None
    with qtbot.waitSignal(dialog.report_ready, timeout=30000):
        dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    assert not first.path.exists()  # the preview replaced is removed
    assert dialog.suggested_name().endswith("(fr).pdf")
    with qtbot.waitSignal(dialog.report_ready, timeout=30000):
        dialog.open_only.setChecked(True)
    made = dialog.made
    assert made is not None and made.language == "fr"
    cover = " ".join(PdfReader(made.path).pages[0].extract_text().split())
    said = translator("fr")(OPEN_ONLY).format(open=30, total=30)  # every action is open
    assert " ".join(said.split()) in cover


def test_the_window_opens_it_and_stays_usable_while_it_is_made(
    region: SecretariatWorkspace,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    window = SecretariatWindow(region)
    qtbot.addWidget(window)
    window.show()
    names = [a.text().replace("&", "") for a in window.menuBar().actions()[0].menu().actions()]
    assert any(name.startswith("Regional report") for name in names)
    dialog = window.open_report()  # real background tasks: the window's own runner
    qtbot.waitUntil(lambda: dialog.making, timeout=5000)  # started once the dialog shows
    window.tabs.setCurrentIndex(1)  # and can be used meanwhile
    assert window.tabs.currentIndex() == 1
    with qtbot.waitSignal(dialog.report_ready, timeout=60000):
        pass
    assert dialog.made is not None and dialog.print_button.isEnabled()
    dialog.reject()
    window.close()


def test_a_landscape_page_is_printed_turned_on_portrait_paper(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The matrix's landscape pages fill a portrait sheet, their top along its left edge."""
    import pypdfium2
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    from focalpoint.ui.widgets.pdf_preview import print_pdf, render_page

    wide = tmp_path / "wide.pdf"
    canvas = Canvas(str(wide), pagesize=landscape(A4))
    width, height = landscape(A4)
    canvas.setFillColorRGB(0, 0, 1)
    canvas.rect(0, height - 60, width, 60, stroke=0, fill=1)  # a blue band along the top
    canvas.save()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(72)
    assert print_pdf(wide, printer) == 1
    document = pypdfium2.PdfDocument(str(tmp_path / "printed.pdf"))
    image = render_page(document, 0, 36)
    document.close()
    assert image.height() > image.width()  # portrait paper
    middle = image.height() // 2
    left = image.pixelColor(image.width() // 20, middle)
    right = image.pixelColor(image.width() - image.width() // 20, middle)
    assert left.blue() > 200 and left.red() < 80  # the top of the page, along the left edge
    assert right.red() > 200  # white: the page's foot is on the right
    # Most of the sheet is used: the page is turned, not shrunk to fit its width.
    band = [x for x in range(image.width()) if image.pixelColor(x, middle).red() < 80]
    assert band and max(band) < image.width() // 4
