"""The regional report: choose its language and whether it shows the open actions only, preview
it, print it, save it. Made in the background, so the window stays usable meanwhile."""

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
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.errors import Cancelled, InvalidInput
from focalpoint.i18n import LANGUAGES, N_, _, current_language, language_name, ngettext, translator
from focalpoint.services.secretariat.regional_report import RegionalReportResult
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from focalpoint.ui.feedback import attempt, show_error
from focalpoint.ui.tasks import LatestTask, TaskContext, TaskRunner
from focalpoint.ui.widgets.pdf_preview import PdfPreview, print_pdf
from focalpoint.ui.widgets.screen_fit import open_size

REPORT_FILE_TITLE = N_("Regional report")


class RegionalReportDialog(QDialog):
    """Makes the report in the background whenever its options change, and shows it."""

    report_ready = Signal()

    def __init__(
        self, workspace: SecretariatWorkspace, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._reports = workspace.regional_report
        self._making = LatestTask(tasks)
        self._result: RegionalReportResult | None = None
        self._shown: RegionalReportResult | None = None  # on screen, removed when replaced
        self._reports.remove_stale_previews()
        self.setWindowTitle(_("Regional report"))
        open_size(self, 1000, 820)

        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(language_name(code), code)
        language = current_language()
        self.language.setCurrentIndex(LANGUAGES.index(language if language in LANGUAGES else "es"))
        self.open_only = QCheckBox(_("Open actions only (for a meeting)"))
        self.open_only.setToolTip(
            _(
                "The matrix and the actions without a responsible entity show only the actions "
                "not yet completed in at least one country that has reported."
            )
        )
        self.update_button = QPushButton(_("Update preview"))
        self.update_button.clicked.connect(lambda: self.make())
        self.language.currentIndexChanged.connect(self.make)
        self.open_only.toggled.connect(self.make)

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

        options = QHBoxLayout()
        options.addWidget(QLabel(_("Report language")))
        options.addWidget(self.language)
        options.addSpacing(12)
        options.addWidget(self.open_only)
        options.addStretch(1)
        options.addWidget(self.update_button)
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
        return self._making.running

    @property
    def made(self) -> RegionalReportResult | None:
        """The report on screen, once made."""
        return self._result

    # -- making the report --------------------------------------------------------------------
    def make(self) -> None:
        """(Re)make the preview with the options as they are now; only the latest run may
        touch the dialog (an overtaken one's file is thrown away)."""
        self.cancel()
        self._result = None
        language = self.language.currentData()
        open_only = self.open_only.isChecked()
        self._set_busy(True)
        self.state.setText(_("Making the report…"))
        self.preview.show_message(_("Making the report…"))

        def work(context: TaskContext) -> RegionalReportResult:
            return self._reports.make_preview(
                language, open_only, context.progress, context.cancelled
            )

        def progressed(fraction: float) -> None:
            self.progress.setValue(round(fraction * 100))

        self._making.start(work, self._made, self._failed, progressed, self._reports.discard)

    def _made(self, result: RegionalReportResult) -> None:
        self._drop_shown()
        self._shown = self._result = result
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

    def _drop_shown(self) -> None:
        self.preview.clear()
        if self._shown is not None:
            self._reports.discard(self._shown)
            self._shown = None

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
        """A file name that says what the file is: report, date, language."""
        language = self.language.currentData()
        title = translator(language)(REPORT_FILE_TITLE)
        return f"{title} - {date.today().isoformat()} ({language}).pdf"

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
        saved = attempt(self, lambda: self._reports.save_copy(result, chosen_target))
        if saved is None:
            return None
        self.state.setText(_("Saved as {path}.").format(path=saved))
        return saved

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
        self._drop_shown()
        self._result = None
        super().done(result)
