"""What the country and the regional report dialogs share: the report made in the background
whenever an option changes (only the latest run reaches the screen), its preview with zoom, and
printing and saving it. Each dialog adds its own options and says how its report is made."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.errors import Cancelled, InvalidInput
from focalpoint.i18n import LANGUAGES, _, language_name, ngettext
from focalpoint.services.common.report_files import ReportFile, ReportPreviews
from focalpoint.ui.feedback import attempt, show_error
from focalpoint.ui.tasks import LatestTask, TaskContext, TaskRunner
from focalpoint.ui.widgets.pdf_preview import PdfPreview, print_pdf
from focalpoint.ui.widgets.screen_fit import open_size

ReportWork = Callable[[TaskContext], ReportFile]


class ReportPreviewDialog(QDialog):
    """A report dialog: subclasses build their options (``self.language`` is made here), pass
    them to :meth:`lay_out`, and give :meth:`report_work` and :meth:`file_title`."""

    report_ready = Signal()

    def __init__(
        self,
        previews: ReportPreviews,
        tasks: TaskRunner,
        title: str,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._previews = previews
        self._making = LatestTask(tasks)
        self._result: ReportFile | None = None
        self._shown: ReportFile | None = None  # the preview on screen, removed when replaced
        previews.remove_stale()
        self.setWindowTitle(title)
        open_size(self, 1000, 820)

        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(language_name(code), code)
        self.language.setCurrentIndex(LANGUAGES.index(language if language in LANGUAGES else "es"))
        self.language.currentIndexChanged.connect(self.make)
        self.update_button = QPushButton(_("Update preview"))
        self.update_button.clicked.connect(lambda: self.make())

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
        self.close_button = QPushButton(_("Close"))
        self.close_button.clicked.connect(self.reject)

    def lay_out(self, options: QLayout) -> None:
        """The options on top, then the progress and zoom, the preview, and the buttons; the
        first report is made once the dialog is on its way to the screen."""
        status = QHBoxLayout()
        status.addWidget(self.progress)
        status.addWidget(self.cancel_button)
        status.addWidget(self.state, 1)
        status.addWidget(self.zoom_out)
        status.addWidget(self.zoom_in)
        actions = QHBoxLayout()
        actions.addStretch(1)
        for button in (self.print_button, self.save_button, self.close_button):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(options)
        layout.addLayout(status)
        layout.addWidget(self.preview, 1)
        layout.addLayout(actions)
        self._set_busy(False)
        QTimer.singleShot(0, self, self.make)

    # -- what each report says for itself ---------------------------------------------------
    def options_problem(self) -> str | None:
        """Why the options chosen make no report (None: they do)."""
        return None

    def report_work(self, language: str) -> ReportWork:
        """The work that makes a preview with the options as they are now."""
        raise NotImplementedError

    def file_title(self, language: str) -> str:
        """The start of the suggested file name, in ``language``: what the report is of."""
        raise NotImplementedError

    # -- making the report --------------------------------------------------------------------
    @property
    def making(self) -> bool:
        """Whether a report is being made now."""
        return self._making.running

    @property
    def made(self) -> ReportFile | None:
        """The report on screen, once made."""
        return self._result

    def make(self) -> None:
        """(Re)make the preview with the options as they are now.

        Each run writes its own file, and only the latest run may touch the dialog: a run that
        was cancelled or overtaken finishes in the background and its file is thrown away.
        """
        self.cancel()
        self._result = None
        problem = self.options_problem()
        self.update_button.setEnabled(problem is None)
        if problem is not None:
            self._set_busy(False)
            self.state.setText("")
            self.preview.show_message(problem)
            return
        work = self.report_work(self.language.currentData())
        self._set_busy(True)
        self.state.setText(_("Making the report…"))
        self.preview.show_message(_("Making the report…"))

        def progressed(fraction: float) -> None:
            self.progress.setValue(round(fraction * 100))

        self._making.start(work, self._made, self._failed, progressed, self._previews.discard)

    def _made(self, result: ReportFile) -> None:
        self._drop_shown()
        self._shown = self._result = result
        self._set_busy(False)
        self.preview.load(result.path)
        self.state.setText(ngettext("{n} page", "{n} pages", result.pages).format(n=result.pages))
        self.report_ready.emit()

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        if isinstance(error, Cancelled):
            self._say_cancelled()
            return
        self.state.setText("")
        self.preview.show_message(_("The report could not be made."))
        show_error(self, error)

    def cancel(self) -> None:
        """Stop the running report; it finishes quietly in the background."""
        if self._making.cancel():
            self._set_busy(False)
            self._say_cancelled()

    def _say_cancelled(self) -> None:
        self.state.setText(_("Cancelled."))
        self.preview.show_message(_("Cancelled. Press “Update preview” to make it again."))

    def _drop_shown(self) -> None:
        self.preview.clear()
        if self._shown is not None:
            self._previews.discard(self._shown)
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
        return f"{self.file_title(language)} - {date.today().isoformat()} ({language}).pdf"

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
        saved = attempt(self, lambda: self._previews.save_copy(result, chosen_target))
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
