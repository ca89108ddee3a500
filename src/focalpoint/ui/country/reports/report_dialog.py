"""The country report: choose its language and sections, preview it, print it, save it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.errors import Cancelled, InvalidInput
from focalpoint.domain.vocab import COUNTRIES
from focalpoint.i18n import LANGUAGES, N_, _, language_name, ngettext, pick, translator
from focalpoint.services.country.report_data import SECTIONS
from focalpoint.services.country.reports import ReportResult
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.feedback import attempt, show_error
from focalpoint.ui.tasks import LatestTask, TaskContext, TaskRunner
from focalpoint.ui.widgets.pdf_preview import PdfPreview, print_pdf
from focalpoint.ui.widgets.screen_fit import open_size

REPORT_FILE_TITLE = N_("Country report")


class ReportDialog(QDialog):
    """Makes the report in the background whenever its options change, and shows it."""

    report_ready = Signal()

    def __init__(
        self, workspace: Workspace, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._tasks = tasks
        self._making = LatestTask(tasks)
        self._result: ReportResult | None = None
        workspace.reports.remove_stale_previews()
        self._shown: ReportResult | None = None  # the preview on screen, removed when replaced
        self.setWindowTitle(_("Country report"))
        open_size(self, 1000, 820)

        profile = workspace.profile.get()
        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(language_name(code), code)
        self.language.setCurrentIndex(LANGUAGES.index(profile.language if profile else "es"))
        self.sections: dict[str, QCheckBox] = {}
        for key, label in SECTIONS.items():
            box = QCheckBox(_(label))
            box.setChecked(True)
            self.sections[key] = box
        # Long parts are summarised (report_listings): this asks for every entry instead.
        self.full = QCheckBox(_("Full listings"))
        self.full.setToolTip(
            _(
                "Every practice, service and change, however many: a country with a large "
                "directory gets hundreds of pages, which take minutes to make."
            )
        )
        self.full.toggled.connect(self.make)
        self.update_button = QPushButton(_("Update preview"))
        self.update_button.clicked.connect(lambda: self.make())
        self.language.currentIndexChanged.connect(self.make)
        for box in self.sections.values():
            box.toggled.connect(self.make)

        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(220)
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.state = QLabel()

        self.preview = PdfPreview()
        self.zoom_out = QPushButton("−")
        self.zoom_in = QPushButton("+")
        for button, name in ((self.zoom_out, _("Zoom out")), (self.zoom_in, _("Zoom in"))):
            button.setAccessibleName(name)
            button.setToolTip(name)
            button.setFixedWidth(36)
        self.zoom_out.clicked.connect(lambda: self.preview.set_zoom(self.preview.zoom / 1.25))
        self.zoom_in.clicked.connect(lambda: self.preview.set_zoom(self.preview.zoom * 1.25))
        self.print_button = QPushButton(_("Print…"))
        # Lambdas: clicked(bool) would otherwise arrive as the optional first argument.
        self.print_button.clicked.connect(lambda: self.print_report())
        self.save_button = QPushButton(_("Save as PDF…"))
        self.save_button.clicked.connect(lambda: self.save_as())
        close = QPushButton(_("Close"))
        close.clicked.connect(self.reject)

        # Five parts do not fit on one line in Spanish or French: three to a row.
        options = QGridLayout()
        options.addWidget(QLabel(_("Report language")), 0, 0)
        options.addWidget(self.language, 0, 1)
        options.addWidget(self.update_button, 0, 3)
        options.addWidget(QLabel(_("Include:")), 1, 0, Qt.AlignmentFlag.AlignTop)
        # Two columns of parts: three were wider than a laptop's screen with text at 200%.
        for n, box in enumerate(self.sections.values()):
            options.addWidget(box, 1 + n // 2, 1 + n % 2)
        options.addWidget(self.full, 1 + (len(self.sections) + 1) // 2, 1, 1, 2)
        options.setColumnStretch(2, 1)
        status = QHBoxLayout()
        status.addWidget(self.progress)
        status.addWidget(self.cancel_button)
        status.addWidget(self.state, 1)
        status.addWidget(self.zoom_out)
        status.addWidget(self.zoom_in)
        actions = QHBoxLayout()
        actions.addStretch(1)
        for button in (self.print_button, self.save_button, close):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(options)
        layout.addLayout(status)
        layout.addWidget(self.preview, 1)
        layout.addLayout(actions)
        self._set_busy(False)
        QTimer.singleShot(0, self, self.make)

    @property
    def making(self) -> bool:
        """Whether a report is being made now."""
        return self._making.running

    def chosen_sections(self) -> list[str]:
        return [key for key, box in self.sections.items() if box.isChecked()]

    # -- making the report --------------------------------------------------------------------
    def make(self) -> None:
        """(Re)make the preview with the options as they are now.

        Each run writes its own file, and only the latest run may touch the dialog: a run that
        was cancelled or overtaken finishes in the background and its result is thrown away.
        """
        self.cancel()
        self._result = None
        sections = self.chosen_sections()
        self.update_button.setEnabled(bool(sections))
        if not sections:
            self._set_busy(False)
            self.state.setText("")
            self.preview.show_message(_("Choose at least one part of the report."))
            return
        language = self.language.currentData()
        full = self.full.isChecked()
        self._set_busy(True)
        self.state.setText(_("Making the report…"))
        self.preview.show_message(_("Making the report…"))

        def work(context: TaskContext) -> ReportResult:
            return self._ws.reports.make_preview(
                language, sections, context.progress, context.cancelled, full
            )

        def progressed(fraction: float) -> None:
            self.progress.setValue(round(fraction * 100))

        # An overtaken or cancelled run's file is thrown away: nobody will look at it.
        self._making.start(work, self._made, self._failed, progressed, self._ws.reports.discard)

    def _made(self, result: ReportResult) -> None:
        if self._shown is not None:
            self._ws.reports.discard(self._shown)
        self._shown = result
        self._result = result
        self._set_busy(False)
        self.preview.load(result.path)
        self.state.setText(ngettext("{n} page", "{n} pages", result.pages).format(n=result.pages))
        self.report_ready.emit()

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        if isinstance(error, Cancelled):
            self.state.setText(_("Cancelled."))
            self.preview.show_message(_("Cancelled. Press “Update preview” to make it again."))
            return
        self.state.setText("")
        self.preview.show_message(_("The report could not be made."))
        show_error(self, error)

    def cancel(self) -> None:
        """Stop the running report; it finishes quietly in the background."""
        if self._making.cancel():
            self._set_busy(False)
            self.state.setText(_("Cancelled."))
            self.preview.show_message(_("Cancelled. Press “Update preview” to make it again."))

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress.setValue(0)
        ready = not busy and self._result is not None
        for button in (self.print_button, self.save_button, self.zoom_in, self.zoom_out):
            button.setEnabled(ready)

    # -- printing and saving ------------------------------------------------------------------
    def suggested_name(self) -> str:
        """A file name that says what the file is: country, report, date, language."""
        profile = self._ws.profile.get()
        language = self.language.currentData()
        country = pick(COUNTRIES[profile.country], language) if profile else ""
        title = translator(language)(REPORT_FILE_TITLE)
        return f"{country} - {title} - {date.today().isoformat()} ({language}).pdf"

    def save_as(self, target: Path | None = None) -> Path | None:
        result = self._result
        if result is None:
            return None
        if target is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self,
                _("Save the report"),
                str(Path.home() / self.suggested_name()),
                _("PDF documents (*.pdf)"),
            )
            if not chosen:
                return None
            target = Path(chosen)
        chosen_target = target
        saved = attempt(self, lambda: self._ws.reports.save_copy(result, chosen_target))
        if saved is None:
            return None
        target = saved
        self.state.setText(_("Saved as {path}.").format(path=target))
        return target

    def print_report(self, printer: QPrinter | None = None) -> int:
        """Print through the system's print dialog (or on ``printer`` as given)."""
        if self._result is None:
            return 0
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDocName(self.suggested_name())
            dialog = QPrintDialog(printer, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return 0
        progress = QProgressDialog(_("Printing…"), _("Cancel"), 0, self._result.pages, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def on_page(done: int, total: int) -> bool:
            progress.setValue(done)
            QApplication.processEvents()  # the Cancel button must answer between pages
            return not progress.wasCanceled()

        try:
            pages = print_pdf(self._result.path, printer, on_page)
        except OSError as exc:
            show_error(self, InvalidInput(str(exc)))
            return 0
        finally:
            progress.close()
        if pages < self._result.pages:
            self.state.setText(_("Printing cancelled."))
            return pages
        self.state.setText(
            ngettext(
                "Sent {n} page to the printer.", "Sent {n} pages to the printer.", pages
            ).format(n=pages)
        )
        return pages

    def done(self, result: int) -> None:
        self.cancel()
        self._making.close()  # from now on, late results only clean up after themselves
        self.preview.clear()
        if self._shown is not None:
            self._ws.reports.discard(self._shown)
        super().done(result)
