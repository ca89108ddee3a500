"""Page 4 of sending: signing in the background, then what was made and where it is."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from focalpoint.domain.errors import Cancelled, WrongPassphrase
from focalpoint.domain.evidence import describe_size
from focalpoint.i18n import _, ngettext
from focalpoint.services.country.submission_preview import email_note
from focalpoint.services.country.submissions import SIGNING_SHARE, Sent
from focalpoint.ui.country.submissions.colours import BAD, GOOD, WARNING
from focalpoint.ui.feedback import show_error
from focalpoint.ui.tasks import LatestTask, TaskContext
from focalpoint.ui.widgets.labels import mono_font, selectable, wrapped

if TYPE_CHECKING:
    from focalpoint.ui.country.submissions.send_wizard.wizard import SubmissionWizard


class ProgressPage(QWizardPage):
    """Page 4: signing in the background, then what was made and where it is."""

    finished = Signal()

    def __init__(self, wizard: SubmissionWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self._signing = LatestTask(wizard.tasks)
        self.outcome: Sent | None = None
        self.setTitle(_("Signing"))
        self.state = wrapped()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.again_button = QPushButton(_("Try again"))
        self.again_button.clicked.connect(self.start)
        bar = QHBoxLayout()
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.cancel_button)
        bar.addWidget(self.again_button)

        self.result = QWidget()
        grid = QGridLayout(self.result)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(1, 1)
        self.file_name = selectable(QLabel())
        self.encrypted_name = selectable(QLabel())
        self.size_label = selectable(QLabel())
        self.sha256 = selectable(wrapped())
        self.sha256.setFont(mono_font(self.sha256.font().pointSize()))
        self.fingerprint = selectable(QLabel())
        self.fingerprint.setFont(mono_font(self.fingerprint.font().pointSize()))
        self.saved = selectable(wrapped())
        self._result_rows: dict[QLabel, QLabel] = {}
        rows: tuple[tuple[str, QLabel], ...] = (
            (_("File"), self.file_name),
            (_("Encrypted file"), self.encrypted_name),
            (_("Size"), self.size_label),
            (_("SHA-256"), self.sha256),
            (_("Signing key"), self.fingerprint),
            (_("Saved in"), self.saved),
        )
        for row, (label, field) in enumerate(rows):
            title = QLabel(label)
            title.setAlignment(Qt.AlignmentFlag.AlignTop)
            grid.addWidget(title, row, 0)
            grid.addWidget(field, row, 1)
            self._result_rows[field] = title
        self.copy_problem = wrapped()
        self.copy_problem.setStyleSheet(f"color: {BAD};")
        self.kept = wrapped()
        self.kept.setStyleSheet("color: palette(placeholder-text);")
        self.too_big = wrapped()
        self.too_big.setStyleSheet(f"color: {WARNING};")
        self.too_big.hide()
        self.open_button = QPushButton(_("Open folder"))
        self.open_button.clicked.connect(lambda: self.open_folder())
        self.result.hide()
        self.copy_problem.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addLayout(bar)
        layout.addWidget(self.result)
        layout.addWidget(self.copy_problem)
        layout.addWidget(self.too_big)
        layout.addWidget(self.kept)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self._show_busy(False)
        self.open_button.hide()

    def initializePage(self) -> None:
        self.outcome = None
        self.result.hide()
        self.copy_problem.hide()
        self.kept.setText("")
        self.open_button.hide()
        self.again_button.hide()
        self.state.setText("")
        self.state.setStyleSheet("")
        QTimer.singleShot(0, self, self.start)  # after the page is on screen

    def isComplete(self) -> bool:
        return self.outcome is not None

    @property
    def running(self) -> bool:
        return self._signing.running

    def _show_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(True)
        self._wizard.setOption(
            QWizard.WizardOption.NoCancelButton, busy or self.outcome is not None
        )

    def start(self) -> None:
        if self.running or self.outcome is not None or self._wizard.closed:
            return
        wizard = self._wizard
        ws = wizard.workspace
        options = wizard.options_page
        passphrase = wizard.passphrase_page.passphrase()
        include_report = options.include_report.isChecked()
        language = options.chosen_language()
        encrypt = options.encrypt.isChecked()
        destination = Path(options.destination.text().strip()).expanduser()
        look = wizard.summary.look
        n = look.preview.sequence if look else 1
        self.again_button.hide()
        self.progress.setValue(0)
        self.setSubTitle(_("Submission {n}").format(n=n))
        self.state.setText(_("Signing submission {n}…").format(n=n))
        self._show_busy(True)

        def work(context: TaskContext) -> Sent:
            return ws.submissions.send(
                passphrase,
                destination,
                include_report=include_report,
                language=language,
                encrypt=encrypt,
                progress=context.progress,
                cancelled=context.cancelled,
            )

        def progressed(fraction: float) -> None:
            if fraction > SIGNING_SHARE and self.cancel_button.isEnabled():
                # Signed and recorded: from here on there is nothing left to cancel, only a
                # copy to wait for (a slow USB stick can take half a minute).
                self.cancel_button.setEnabled(False)
                self.state.setText(
                    _("Submission {n} is signed. Copying it to {folder}…").format(
                        n=n, folder=destination
                    )
                )
            self.progress.setValue(round(fraction * 100))

        self._signing.start(work, self._done, self._failed, progressed)

    def cancel(self) -> None:
        """Stop signing; the page says so when the work has ended (nothing written)."""
        if self._signing.running:
            self._signing.interrupt()
            self.cancel_button.setEnabled(False)
            self.state.setText(_("Cancelling…"))

    def stop_quietly(self) -> None:
        """The wizard closes: a running export stops and removes what it had written."""
        self._signing.close()

    def _done(self, outcome: Sent) -> None:
        self.outcome = outcome
        self._show_busy(False)
        self.cancel_button.setEnabled(True)
        row = outcome.submission
        self.state.setText(_("Submission {n} is signed.").format(n=row.sequence))
        self.state.setStyleSheet(f"color: {GOOD}; font-weight: bold;")
        file_name, encrypted_name = row.file_name, row.encrypted_name
        if outcome.saved is not None:  # the name it has there ("… (2).zip" beside a namesake)
            if encrypted_name:
                encrypted_name = outcome.saved.name
            else:
                file_name = outcome.saved.name
        self.file_name.setText(file_name)
        self.encrypted_name.setText(encrypted_name)
        for field in (self.encrypted_name,):
            field.setVisible(bool(row.encrypted_name))
            self._result_rows[field].setVisible(bool(row.encrypted_name))
        self.size_label.setText(describe_size(row.size))
        self.size_label.setToolTip(
            ngettext("{n} byte", "{n} bytes", row.size).format(n=f"{row.size:,}")
        )
        self.sha256.setText(row.sha256)
        self.fingerprint.setText(row.fingerprint)
        if outcome.saved is not None:
            self.saved.setText(str(outcome.saved.parent))
            self.saved.setToolTip(str(outcome.saved))
            self.copy_problem.hide()
        else:
            self.saved.setText(str(self._wizard.workspace.submissions.folder))
            self.copy_problem.setText(
                _(
                    "The package is signed and kept in the workspace, but it could not be saved "
                    "where you asked: {reason} Save it again from File → Submissions…"
                ).format(reason=outcome.copy_error)
            )
            self.copy_problem.show()
        self._result_rows[self.saved].setText(
            _("Saved in") if outcome.saved is not None else _("Kept in")
        )
        self.too_big.setText(email_note(row.size))
        self.too_big.setVisible(bool(self.too_big.text()))
        self.kept.setText(
            _("A copy is kept in the workspace: File → Submissions… shows it.")
            if outcome.saved is not None
            else ""
        )
        self.kept.setVisible(bool(self.kept.text()))  # no empty gap above "Open folder"
        self.result.show()
        self.open_button.show()
        self.completeChanged.emit()
        # Enter now finishes, rather than pressing whichever button took the focus when the
        # passphrase field went away (Open folder, say).
        self._wizard.button(QWizard.WizardButton.FinishButton).setFocus()
        self._wizard.remember_destination()
        self._wizard.submitted.emit(row)
        self.finished.emit()

    def _failed(self, error: Exception) -> None:
        self._show_busy(False)
        self.cancel_button.setEnabled(True)
        self.state.setStyleSheet("")
        if isinstance(error, WrongPassphrase):
            self._wizard.passphrase_page.refuse(error.message)
            self.state.setText("")
            QTimer.singleShot(0, self._wizard, self._wizard.back)
            self.finished.emit()
            return
        self.again_button.show()
        if isinstance(error, Cancelled):
            self.state.setText(_("Cancelled. Nothing was written."))
        else:
            self.state.setText(_("The submission could not be signed. Nothing was written."))
            show_error(self, error)
        self.finished.emit()

    def open_folder(self) -> bool:
        if self.outcome is None:
            return False
        folder = (
            self.outcome.saved.parent
            if self.outcome.saved is not None
            else self._wizard.workspace.submissions.folder
        )
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
