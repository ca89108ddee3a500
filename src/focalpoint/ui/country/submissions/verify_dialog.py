"""File → Verify a package: is this submission file intact, and who signed it?

Checks run in the background; the answer is a green summary (who, when, which key, every file
inside) or a red refusal with its reason in the user's language — never a traceback.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.errors import Cancelled, FocalPointError
from focalpoint.i18n import _
from focalpoint.services.country.submissions import Verification
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.submissions.suggested_paths import default_folder
from focalpoint.ui.country.submissions.verdict_panel import VerdictPanel
from focalpoint.ui.feedback import show_error
from focalpoint.ui.tasks import LatestTask, TaskContext, TaskRunner
from focalpoint.ui.widgets.labels import mono_font, wrapped
from focalpoint.ui.widgets.screen_fit import open_size, scroll_when_short


class VerifyDialog(QDialog):
    """Choose a package (and, if known, the fingerprint it should carry); check it."""

    checked = Signal()  # a check finished, whatever its answer

    def __init__(
        self,
        workspace: Workspace,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        path: Path | None = None,
        fingerprint: str = "",
    ) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._tasks = tasks
        self._check = LatestTask(tasks)
        self.verification: Verification | None = None
        self.refusal: str = ""
        self._checked = Path()  # the file the answer shown is about
        self.setWindowTitle(_("Verify a package"))
        open_size(self, 760, 640)

        intro = wrapped(
            _(
                "Checks that a submission package is complete, unchanged since it was signed, "
                "and signed by the key it names. Nothing in the package is opened or installed."
            )
        )
        self.path = QLineEdit(str(path) if path else "")
        self.path.setAccessibleName(_("Package"))
        self.path.setPlaceholderText(_("A .zip file, or .age if it is encrypted"))
        self.path.textChanged.connect(lambda _t: self._changed())
        choose = QPushButton(_("Choose…"))
        choose.clicked.connect(lambda: self.choose())
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(choose)
        self.expected = QLineEdit(fingerprint)
        self.expected.setAccessibleName(_("Expected fingerprint"))
        self.expected.setPlaceholderText(_("Optional, e.g. K3ZQ-7RTA-M2PX-QW4D"))
        self.expected.textChanged.connect(lambda _t: self._changed())
        self.expected.setFont(mono_font(self.expected.font().pointSize()))
        expected_note = wrapped(
            _("If you know which key must have signed it, type that key's fingerprint.")
        )
        expected_note.setStyleSheet("color: palette(placeholder-text);")
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("Package"), path_row)
        form.addRow(_("Expected fingerprint"), self.expected)
        form.addRow("", expected_note)

        self.verify_button = QPushButton(_("Verify"))
        self.verify_button.setDefault(True)
        self.verify_button.clicked.connect(lambda: self.start())
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.state = QLabel()
        run_row = QHBoxLayout()
        run_row.addWidget(self.verify_button)
        run_row.addWidget(self.progress, 1)
        run_row.addWidget(self.cancel_button)
        run_row.addWidget(self.state, 1)

        # The answer: a coloured heading, the facts, the files inside.
        self.panel = VerdictPanel()
        self.panel.hide()

        close = QPushButton(_("Close"))
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        # All but Close scrolls: on a short screen (800 × 500 at 200%) the answer's facts and
        # files pushed Close off its bottom.
        body = QWidget()
        layout = self._layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(run_row)
        layout.addWidget(self.panel)
        layout.addStretch(1)
        scroll_when_short(body)
        outer = QVBoxLayout(self)
        outer.addWidget(body, 1)
        outer.addLayout(bottom)
        self._set_busy(False)
        self._update_button()
        if path is not None:
            QTimer.singleShot(0, self, self.start)

    def _changed(self) -> None:
        """A new file or fingerprint: the answer shown was about something else; drop it."""
        if self._check.running:
            self.cancel()  # a check of what was there before the edit: its answer is moot
        if not self.panel.isHidden() or self.state.text():  # an answer, or "Cancelled."
            self.panel.hide()
            self.verification = None
            self.refusal = ""
            self.state.setText(_("Press Verify to check it."))
        self._update_button()

    def _update_button(self) -> None:
        self.verify_button.setEnabled(bool(self.path.text().strip()) and not self._check.running)

    def choose(self) -> None:
        start = self.path.text().strip()
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose a submission package"),
            str(Path(start).parent) if start else str(default_folder()),
            _("Submission packages (*.zip *.age);;All files (*)"),
        )
        if chosen:
            self.path.setText(chosen)
            self.start()

    # -- checking -----------------------------------------------------------------------------
    def start(self) -> None:
        text = self.path.text().strip()
        if not text:
            return
        self.cancel()
        path = Path(text).expanduser()
        fingerprint = self.expected.text().strip() or None
        self.verification = None
        self.refusal = ""
        self.panel.hide()
        self._checked = path
        self.state.setText(_("Checking {name}…").format(name=path.name))
        self._set_busy(True)
        ws = self._ws

        def work(context: TaskContext) -> Verification:
            return ws.submissions.verify(
                path, fingerprint, progress=context.progress, cancelled=context.cancelled
            )

        def done(result: Verification) -> None:
            self._finished()
            self.show_intact(result)

        def failed(error: Exception) -> None:
            self._finished()
            self.show_refused(error)

        def progressed(fraction: float) -> None:
            self.progress.setValue(round(fraction * 100))

        self._check.start(work, done, failed, progressed)
        self._update_button()

    def _finished(self) -> None:
        self._set_busy(False)
        self._update_button()

    def cancel(self) -> None:
        if self._check.cancel():
            self._set_busy(False)
            self.state.setText(_("Cancelled."))
            self._update_button()

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.state.setVisible(True)
        if busy:
            self.progress.setValue(0)

    # -- the answer ---------------------------------------------------------------------------
    def show_intact(self, result: Verification) -> None:
        self.verification = result
        self.state.setText("")
        self.panel.show_intact(result, self._checked.name)
        self._layout.setStretchFactor(self.panel, 1)  # the list of files takes the room
        self.panel.show()
        self.checked.emit()

    def show_refused(self, error: Exception) -> None:
        if isinstance(error, Cancelled):
            self.state.setText(_("Cancelled."))
            self.checked.emit()
            return
        if not isinstance(error, FocalPointError):
            self.state.setText("")
            show_error(self, error)  # logged with its details; the user reads a sentence
            self.checked.emit()
            return
        self.refusal = error.message
        self.state.setText("")
        self.panel.show_refused(error, self._checked.name)
        self._layout.setStretchFactor(self.panel, 0)
        self.panel.show()
        self.checked.emit()

    def done(self, result: int) -> None:
        self._check.close()
        super().done(result)
