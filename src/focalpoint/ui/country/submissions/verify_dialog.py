"""File → Verify a package: is this submission file intact, and who signed it?

Checks run in the background; the answer is a green summary (who, when, which key, every file
inside) or a red refusal with its reason in the user's language — never a traceback.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.errors import Cancelled, FocalPointError, PackageRefused
from focalpoint.domain.evidence import describe_size
from focalpoint.domain.vocab import COUNTRIES
from focalpoint.i18n import _, format_timestamp, pick
from focalpoint.services.country.submissions import Verification
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.submissions.suggested_paths import default_folder
from focalpoint.ui.feedback import show_error
from focalpoint.ui.tasks import TaskContext, TaskRunner
from focalpoint.ui.widgets.labels import fingerprint_font, selectable, wrapped

log = logging.getLogger("focalpoint")
GOOD = "#1b6e2a"
GOOD_BACKGROUND = "#e7f4ea"
BAD = "#b3261e"
BAD_BACKGROUND = "#fbe9e7"
WARNING = "#8a5300"
NEUTRAL = "#1f4e79"
NEUTRAL_BACKGROUND = "#e8f0f8"


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
        self._task: TaskContext | None = None
        self._run: object | None = None
        self._closed = False
        self.verification: Verification | None = None
        self.refusal: str = ""
        self._checked = Path()  # the file the answer shown is about
        self.setWindowTitle(_("Verify a package"))
        self.resize(760, 640)

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
        mono = fingerprint_font(self.expected.font().pointSize())
        mono.setBold(False)
        self.expected.setFont(mono)
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
        self.panel = QFrame()
        self.panel.setObjectName("answer")
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSize(font.pointSize() + 3)
        font.setBold(True)
        self.heading.setFont(font)
        self.icon = QLabel()
        self.reason = selectable(wrapped())
        self.facts = QWidget()
        self.facts_layout = QGridLayout(self.facts)
        self.facts_layout.setContentsMargins(0, 0, 0, 0)
        self.facts_layout.setColumnStretch(1, 1)
        self.members = QTableWidget(0, 2)
        self.members.setHorizontalHeaderLabels([_("File in the package"), _("Size")])
        self.members.setAccessibleName(_("Files in the package"))
        self.members.verticalHeader().hide()
        self.members.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.members.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.members.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.members.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        top = QHBoxLayout()
        top.addWidget(self.icon)
        top.addWidget(self.heading, 1)
        panel_layout = QVBoxLayout(self.panel)
        panel_layout.addLayout(top)
        panel_layout.addWidget(self.reason)
        panel_layout.addWidget(self.facts)
        panel_layout.addWidget(self.members, 1)
        self.panel.hide()

        close = QPushButton(_("Close"))
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = self._layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(run_row)
        layout.addWidget(self.panel)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self._set_busy(False)
        self._update_button()
        if path is not None:
            QTimer.singleShot(0, self.start)

    def _changed(self) -> None:
        """A new file or fingerprint: the answer shown was about something else; drop it."""
        if self._run is not None:
            self.cancel()  # a check of what was there before the edit: its answer is moot
        if not self.panel.isHidden() or self.state.text():  # an answer, or "Cancelled."
            self.panel.hide()
            self.verification = None
            self.refusal = ""
            self.state.setText(_("Press Verify to check it."))
        self._update_button()

    def _update_button(self) -> None:
        self.verify_button.setEnabled(bool(self.path.text().strip()) and self._run is None)

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
        if not text or self._closed:
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

        run = object()
        self._run = run

        def current() -> bool:
            return self._run is run and not self._closed

        def done(result: Verification) -> None:
            if current():
                self._finished()
                self.show_intact(result)

        def failed(error: Exception) -> None:
            if current():
                self._finished()
                self.show_refused(error)

        def progressed(fraction: float) -> None:
            if current():
                self.progress.setValue(round(fraction * 100))

        context = self._tasks.run_with_progress(work, done, failed, progressed)
        if self._run is run:
            self._task = context
        self._update_button()

    def _finished(self) -> None:
        self._task = None
        self._run = None
        self._set_busy(False)
        self._update_button()

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self._task = None
        if self._run is not None:
            self._run = None
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
    def _colour(self, good: bool | None) -> None:
        """Green for intact, red for refused, neutral for a package that cannot be opened here."""
        fg, bg, icon = {
            True: (GOOD, GOOD_BACKGROUND, QStyle.StandardPixmap.SP_DialogApplyButton),
            False: (BAD, BAD_BACKGROUND, QStyle.StandardPixmap.SP_MessageBoxCritical),
            None: (NEUTRAL, NEUTRAL_BACKGROUND, QStyle.StandardPixmap.SP_MessageBoxInformation),
        }[good]
        self.panel.setStyleSheet(
            f"QFrame#answer {{ background: {bg}; border: 1px solid {fg}; border-radius: 4px; }}"
        )
        self.heading.setStyleSheet(f"color: {fg};")
        self.icon.setPixmap(self.style().standardIcon(icon).pixmap(28, 28))

    def _clear_facts(self) -> None:
        while self.facts_layout.count():
            item = self.facts_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # at once: deletion waits for the event loop
                widget.deleteLater()

    def _fact(self, label: str, value: str, mono: bool = False, colour: str = "") -> QLabel:
        row = self.facts_layout.rowCount()
        title = QLabel(label)
        title.setAlignment(Qt.AlignmentFlag.AlignTop)
        field = selectable(wrapped(value))
        if mono:
            font = fingerprint_font(title.font().pointSize())
            font.setBold(False)
            field.setFont(font)
        if colour:
            field.setStyleSheet(f"color: {colour};")
        self.facts_layout.addWidget(title, row, 0)
        self.facts_layout.addWidget(field, row, 1)
        return field

    def show_intact(self, result: Verification) -> None:
        self.verification = result
        self.state.setText("")
        self._colour(True)
        self.heading.setText(_("Intact and signed"))
        self.reason.setText(
            _("Every file is exactly as it was signed, and the signature is valid.")
        )
        self._clear_facts()
        self._fact(_("File"), self._checked.name)
        country = pick(COUNTRIES[result.country]) if result.country in COUNTRIES else ""
        self._fact(_("Country"), country or result.country)
        self._fact(_("Submission"), str(result.sequence))
        self._fact(_("Signed by"), result.signer or "—")
        self._fact(_("Signed on"), format_timestamp(result.created_at.isoformat()))
        self._fact(_("Key fingerprint"), result.fingerprint, mono=True)
        if result.own_key:
            self._fact(_("Key"), _("This workspace's signing key."))
        else:
            self._fact(_("Key"), _("A key this workspace has never had (another workspace's)."))
        if result.on_record is True:
            self._fact(
                _("History"),
                _("Identical to submission {n} in this workspace's history.").format(
                    n=result.sequence
                ),
            )
        elif result.on_record is False:
            self._fact(
                _("History"),
                _(
                    "Not the same file as submission {n} in this workspace's history, although "
                    "signed with this workspace's key."
                ).format(n=result.sequence),
                colour=WARNING,
            )
        self._fact(_("SHA-256"), result.sha256, mono=True)
        self._fact(_("Size"), describe_size(result.size))
        self.members.setRowCount(len(result.members))
        for row, (name, size) in enumerate(result.members):
            self.members.setItem(row, 0, QTableWidgetItem(name))
            size_item = QTableWidgetItem(describe_size(size))
            size_item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.members.setItem(row, 1, size_item)
        self.facts.show()
        self.members.show()
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
        sealed = isinstance(error, PackageRefused) and error.reason == "encrypted"
        if sealed:
            # Not a fault: only the Secretariat can open it. Red would alarm for nothing.
            self._colour(None)
            self.heading.setText(_("Encrypted for the Secretariat"))
        else:
            self._colour(False)
            self.heading.setText(
                _("Refused: do not trust this package")
                if isinstance(error, PackageRefused)
                else _("The package could not be checked")
            )
        self.reason.setText(error.message)
        self._clear_facts()
        self._fact(_("File"), self._checked.name)
        self.facts.setVisible(True)
        self.members.hide()
        self._layout.setStretchFactor(self.panel, 0)
        self.panel.show()
        self.checked.emit()

    def done(self, result: int) -> None:
        self._closed = True
        if self._task is not None:
            self._task.cancel()
        self._task = None
        self._run = None
        super().done(result)
