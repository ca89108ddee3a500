"""The country report: choose its language and sections, preview it, print it, save it."""

from __future__ import annotations

import shutil
import uuid
from datetime import date
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.errors import Cancelled, InvalidInput
from focalpoint.domain.vocab import COUNTRIES
from focalpoint.i18n import LANGUAGES, N_, _, language_name, pick, translator
from focalpoint.services.report_data import SECTIONS
from focalpoint.services.reports import ReportResult
from focalpoint.services.workspace import Workspace
from focalpoint.tasks import TaskContext, TaskRunner
from focalpoint.ui.feedback import show_error
from focalpoint.ui.pdf_preview import PdfPreview, print_pdf

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
        self._task: TaskContext | None = None
        self._result: ReportResult | None = None
        folder = workspace.folder / "reports"
        self._preview_path = folder / f"preview-{uuid.uuid4().hex}.pdf"
        self.setWindowTitle(_("Country report"))
        self.resize(1000, 820)

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

        options = QHBoxLayout()
        options.addWidget(QLabel(_("Report language")))
        options.addWidget(self.language)
        options.addSpacing(16)
        options.addWidget(QLabel(_("Include:")))
        for box in self.sections.values():
            options.addWidget(box)
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
        QTimer.singleShot(0, self.make)

    def chosen_sections(self) -> list[str]:
        return [key for key, box in self.sections.items() if box.isChecked()]

    # -- making the report --------------------------------------------------------------------
    def make(self) -> None:
        """(Re)make the preview with the options as they are now."""
        self.cancel()
        self._result = None
        self._preview_path.parent.mkdir(parents=True, exist_ok=True)
        language, sections = self.language.currentData(), self.chosen_sections()
        self._set_busy(True)
        self.state.setText(_("Making the report…"))
        self.preview.show_message(_("Making the report…"))

        def work(context: TaskContext) -> ReportResult:
            return self._ws.reports.make(
                self._preview_path, language, sections, context.progress, context.cancelled
            )

        self._task = self._tasks.run_with_progress(
            work, self._made, self._failed, lambda f: self.progress.setValue(round(f * 100))
        )

    def _made(self, result: ReportResult) -> None:
        self._task = None
        self._result = result
        self._set_busy(False)
        self.preview.load(result.path)
        self.state.setText(_("{pages} pages").format(pages=result.pages))
        self.report_ready.emit()

    def _failed(self, error: Exception) -> None:
        self._task = None
        self._set_busy(False)
        if isinstance(error, Cancelled):
            self.state.setText(_("Cancelled."))
            self.preview.show_message(_("Cancelled. Press “Update preview” to make it again."))
            return
        self.state.setText("")
        self.preview.show_message(_("The report could not be made."))
        show_error(self, error)

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

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
        if self._result is None:
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
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            shutil.copyfile(self._result.path, target)
        except OSError as exc:
            show_error(
                self,
                InvalidInput(
                    _(
                        "The report cannot be written to {path}: {reason}. Choose another folder, "
                        "or close the program that has the file open."
                    ).format(path=target, reason=exc.strerror or exc)
                ),
            )
            return None
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
        try:
            pages = print_pdf(self._result.path, printer)
        except OSError as exc:
            show_error(self, InvalidInput(str(exc)))
            return 0
        self.state.setText(_("Sent {pages} pages to the printer.").format(pages=pages))
        return pages

    def done(self, result: int) -> None:
        self.cancel()
        self._tasks.wait()
        self.preview.clear()
        self._preview_path.unlink(missing_ok=True)
        super().done(result)
