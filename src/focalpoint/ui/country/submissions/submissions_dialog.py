"""File → Submissions: every package signed in this workspace, its state, and what to do with it.

A copy saved from here is the kept package, byte for byte (checked against its hash on the
way). States move forward by hand: signed → sent → acknowledged or returned.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.evidence import describe_size
from focalpoint.domain.submissions import Submission, state_label
from focalpoint.i18n import _, format_timestamp, ngettext
from focalpoint.services.country.secretariat import ReceiptImported
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.submissions.submission_details import (
    SubmissionDetails,
    answer_text,
    answer_tip,
    state_tip,
)
from focalpoint.ui.country.submissions.suggested_paths import default_folder
from focalpoint.ui.feedback import confirm, show_error
from focalpoint.ui.tasks import TaskRunner
from focalpoint.ui.widgets.labels import mono_font, selectable, wrapped
from focalpoint.ui.widgets.screen_fit import open_size

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SHORT_HASH = 12
NUMBER, DATE, STATE, ANSWER, FINGERPRINT, SHA256, SIZE, FILE = range(8)
ANSWER_WIDTH = 260


class SubmissionsDialog(QDialog):
    changed = Signal()

    def __init__(
        self, workspace: Workspace, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._tasks = tasks
        self._copying = False
        self.setWindowTitle(_("Submissions"))
        open_size(self, 1180, 520)

        self.model = QStandardItemModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Submissions"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(lambda _i: self.show_details())
        self.empty = wrapped(
            _(
                "No submission has been signed in this workspace yet. File → Send to the "
                "Secretariat… signs the first one."
            )
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        self.save_button = QPushButton(_("Save a copy…"))
        self.save_button.clicked.connect(lambda: self.save_copy())
        self.folder_button = QPushButton(_("Open folder"))
        self.folder_button.setToolTip(_("The workspace folder where every submission is kept"))
        self.folder_button.clicked.connect(lambda: self.open_folder())
        self.verify_button = QPushButton(_("Verify"))
        self.verify_button.clicked.connect(lambda: self.verify())
        self.details_button = QPushButton(_("Details…"))
        self.details_button.clicked.connect(lambda: self.show_details())
        self.sent_button = QPushButton(_("Mark as sent"))
        self.sent_button.clicked.connect(lambda: self.mark("sent"))
        self.acknowledged_button = QPushButton(_("Mark acknowledged"))
        self.acknowledged_button.clicked.connect(lambda: self.mark("acknowledged"))
        self.returned_button = QPushButton(_("Mark returned…"))
        self.returned_button.clicked.connect(lambda: self.mark("returned"))
        self.receipt_button = QPushButton(_("Import a receipt…"))
        self.receipt_button.setToolTip(
            _("The Secretariat's signed answer: marks the submission it names for you")
        )
        self.receipt_button.clicked.connect(lambda: self.import_receipt())
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        self.message = selectable(wrapped())

        state_row = QHBoxLayout()
        for button in (self.sent_button, self.acknowledged_button, self.returned_button):
            state_row.addWidget(button)
        state_row.addStretch(1)
        state_row.addWidget(self.receipt_button)
        file_row = QHBoxLayout()
        for button in (
            self.details_button,
            self.save_button,
            self.verify_button,
            self.folder_button,
        ):
            file_row.addWidget(button)
        file_row.addStretch(1)
        file_row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.message)
        layout.addLayout(state_row)
        layout.addLayout(file_row)
        self.reload()
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        if self.model.rowCount():
            self.table.selectRow(0)
        self._update_buttons()

    # -- the table ----------------------------------------------------------------------------
    def reload(self) -> None:
        rows = self._ws.submissions.history()
        receipts = self._ws.secretariat.receipts()
        self.model.clear()
        self.model.setHorizontalHeaderLabels(
            [
                _("No."),
                _("Date"),
                _("State"),
                _("Secretariat's answer"),
                _("Key fingerprint"),
                _("SHA-256"),
                _("Size"),
                _("File"),
            ]
        )
        for row in rows:
            cells = [
                QStandardItem(str(row.sequence)),
                QStandardItem(format_timestamp(row.created_at)),
                QStandardItem(state_label(row.state)),
                QStandardItem(answer_text(receipts.get(row.id))),
                QStandardItem(row.fingerprint),
                QStandardItem(row.sha256[:SHORT_HASH] + "…"),
                QStandardItem(describe_size(row.size)),
                QStandardItem(row.encrypted_name or row.file_name),
            ]
            cells[NUMBER].setData(row, ROW_ROLE)
            for column in (NUMBER, SIZE):
                cells[column].setTextAlignment(
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
            cells[STATE].setToolTip(state_tip(row))
            cells[ANSWER].setToolTip(answer_tip(receipts.get(row.id)))
            cells[SHA256].setToolTip(row.sha256)
            cells[SIZE].setToolTip(
                ngettext("{n} byte", "{n} bytes", row.size).format(n=f"{row.size:,}")
            )
            cells[FILE].setToolTip(
                _("Encrypted for the Secretariat; signed package: {name}").format(
                    name=row.file_name
                )
                if row.encrypted_name
                else row.file_name
            )
            self.model.appendRow(cells)
        mono = mono_font(self.table.font().pointSize())
        for r in range(self.model.rowCount()):
            for column in (FINGERPRINT, SHA256):
                self.model.item(r, column).setFont(mono)
        header = self.table.horizontalHeader()
        for column in range(FILE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # A return's reason can be long: its column keeps a set width (the tooltip has it all),
        # so that the file names stay in view.
        header.setSectionResizeMode(ANSWER, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(ANSWER, ANSWER_WIDTH)
        header.setSectionResizeMode(FILE, QHeaderView.ResizeMode.Stretch)
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        self._update_buttons()

    def selected(self) -> Submission | None:
        model = self.table.selectionModel()
        rows = model.selectedRows() if model is not None else []
        if not rows:
            return None
        value = self.model.item(rows[0].row(), NUMBER).data(ROW_ROLE)
        return value if isinstance(value, Submission) else None

    def select(self, submission_id: str) -> None:
        for r in range(self.model.rowCount()):
            if self.model.item(r, NUMBER).data(ROW_ROLE).id == submission_id:
                self.table.selectRow(r)
                return

    def state_text(self, sequence: int) -> str:
        """The state as the table shows it for submission ``sequence``."""
        for r in range(self.model.rowCount()):
            if self.model.item(r, NUMBER).data(ROW_ROLE).sequence == sequence:
                return self.model.item(r, STATE).text()
        return ""

    def _update_buttons(self) -> None:
        row = self.selected()
        allowed = self._ws.submissions.next_states(row) if row is not None else ()
        for button in (self.save_button, self.verify_button, self.details_button):
            button.setEnabled(row is not None and not self._copying)
        self.sent_button.setEnabled("sent" in allowed)
        self.acknowledged_button.setEnabled("acknowledged" in allowed)
        self.returned_button.setEnabled("returned" in allowed)

    # -- actions ------------------------------------------------------------------------------
    def save_copy(self, folder: Path | None = None) -> None:
        row = self.selected()
        if row is None:
            return
        if folder is None:
            title = _("Where to save a copy of submission {n}").format(n=row.sequence)
            chosen = QFileDialog.getExistingDirectory(self, title, str(default_folder()))
            if not chosen:
                return
            folder = Path(chosen)
        encrypted = bool(row.encrypted_name)
        self._copying = True
        self._update_buttons()
        self.message.setText(_("Copying…"))
        target = folder

        def done(path: Path) -> None:
            self._copying = False
            self._update_buttons()
            self.message.setText(_("Saved as {path}.").format(path=path))

        def failed(error: Exception) -> None:
            self._copying = False
            self._update_buttons()
            self.message.setText("")
            show_error(self, error)

        self._tasks.run(
            lambda: self._ws.submissions.save_copy(row.id, target, encrypted=encrypted),
            done,
            failed,
        )

    def import_receipt(self, path: Path | None = None) -> ReceiptImported | None:
        from focalpoint.ui.country.submissions.receipt_import import import_receipt

        done = import_receipt(self._ws, self, path)
        if done is not None:
            self.reload()
            self.select(done.submission.id)
            self.changed.emit()
        return done

    def answer_shown(self, sequence: int) -> str:
        """The Secretariat's answer as the table shows it for submission ``sequence``."""
        for r in range(self.model.rowCount()):
            if self.model.item(r, NUMBER).data(ROW_ROLE).sequence == sequence:
                return self.model.item(r, ANSWER).text()
        return ""

    def open_folder(self) -> bool:
        folder = self._ws.submissions.folder
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def mark(self, state: str, note: str | None = None) -> Submission | None:
        row = self.selected()
        if row is None:
            return None
        if state == "returned" and note is None:
            text, ok = QInputDialog.getMultiLineText(
                self,
                _("Submission {n} returned").format(n=row.sequence),
                _("Why did the Secretariat return it? (optional)"),
            )
            if not ok:
                return None
            note = text
        elif state == "acknowledged" and note is None:
            question = _(
                "Mark submission {n} as acknowledged by the Secretariat? This cannot be undone."
            ).format(n=row.sequence)
            if not confirm(self, question, _("Mark acknowledged"), risky=True):
                return None
        try:
            updated = self._ws.submissions.set_state(row.id, state, note or "")
        except Exception as error:
            show_error(self, error)
            return None
        self.reload()
        self.select(updated.id)
        self.message.setText(
            _("Submission {n} is now marked {state}.").format(
                n=updated.sequence, state=state_label(updated.state)
            )
        )
        self.changed.emit()
        return updated

    def verify(self) -> QDialog | None:
        row = self.selected()
        if row is None:
            return None
        from focalpoint.ui.country.submissions.verify_dialog import VerifyDialog

        dialog = VerifyDialog(
            self._ws,
            self._tasks,
            self,
            path=self._ws.submissions.kept_file(row),
            fingerprint=row.fingerprint,
        )
        dialog.open()
        return dialog

    def show_details(self) -> QDialog | None:
        row = self.selected()
        if row is None:
            return None
        receipt = self._ws.secretariat.receipts().get(row.id)
        dialog = SubmissionDetails(row, self._ws.submissions.kept_file(row), self, receipt)
        dialog.open()
        return dialog
