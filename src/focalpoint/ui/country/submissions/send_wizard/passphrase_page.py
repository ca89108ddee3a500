"""Page 3 of sending: the passphrase that unlocks the key, or a new key made here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QPushButton, QVBoxLayout, QWizard, QWizardPage

from focalpoint.i18n import _
from focalpoint.ui.feedback import error_label, hide_when_edited, show_error
from focalpoint.ui.help.context_help import help_link
from focalpoint.ui.help.guide_text import SIGNING_KEY
from focalpoint.ui.widgets.labels import fingerprint_label, wrapped
from focalpoint.ui.widgets.passphrase import PassphraseFields

if TYPE_CHECKING:
    from focalpoint.ui.country.submissions.send_wizard.wizard import SubmissionWizard


class PassphrasePage(QWizardPage):
    """Page 3: the passphrase that unlocks the key, or a new key made here."""

    def __init__(self, wizard: SubmissionWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.created = False
        self.creating = False
        self.setTitle(_("Sign the submission"))
        self.setCommitPage(True)
        self.intro = wrapped()
        self.unlock_fields = PassphraseFields(old=True, new=False)
        self.new_fields = PassphraseFields(new=True)
        self.unlock_fields.changed.connect(self._typed)
        self.new_fields.changed.connect(self._typed)
        self.error = error_label()
        self.fingerprint = fingerprint_label()
        self.made = QFrame()
        self.made.setFrameShape(QFrame.Shape.StyledPanel)
        made_layout = QVBoxLayout(self.made)
        self.made_intro = wrapped(_("Your signing key was created. Its fingerprint:"))
        self.made_reminder = wrapped(
            _(
                "Send the key's registration sheet to the Secretariat (Settings → Signing key), "
                "by a channel other than the one you use for submissions: it checks your "
                "submissions only once it has registered the key."
            )
        )
        self.sheet_button = QPushButton(_("Save registration sheet…"))
        self.sheet_button.clicked.connect(lambda: self._save_sheet())
        made_layout.addWidget(self.made_intro)
        made_layout.addWidget(self.fingerprint)
        made_layout.addWidget(self.made_reminder)
        self.fingerprint_help = help_link(
            _("What is a fingerprint, and how is it checked?"), SIGNING_KEY
        )
        made_layout.addWidget(self.fingerprint_help)
        made_layout.addWidget(self.sheet_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.made.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(6)
        layout.addWidget(self.unlock_fields)
        layout.addWidget(self.new_fields)
        layout.addWidget(self.made)
        layout.addWidget(self.error)
        layout.addStretch(1)
        hide_when_edited(self.error, self)

    @property
    def has_key(self) -> bool:
        return self._wizard.workspace.keys.current() is not None

    def initializePage(self) -> None:
        look = self._wizard.summary.look
        n = look.preview.sequence if look else 1
        key = self._wizard.workspace.keys.current()
        self.setSubTitle(_("Submission {n}").format(n=n))
        self.new_fields.setVisible(key is None and not self.created)
        self.unlock_fields.setVisible(key is not None and not self.created)
        if self.created:
            self.intro.setText("")
        elif key is None:
            self.intro.setText(
                _(
                    "This workspace has no signing key yet. Create it now: choose its "
                    "passphrase. You will type it every time you sign a submission."
                )
            )
        else:
            self.intro.setText(
                _(
                    "Type the passphrase of your signing key {fingerprint} to sign submission {n}."
                ).format(fingerprint=key.fingerprint, n=n)
            )
        self._set_button()
        if self.created:
            # The new key's fingerprint is on screen; the next press signs with it.
            self._wizard.button(QWizard.WizardButton.CommitButton).setFocus()
        else:
            (self.new_fields if key is None else self.unlock_fields).focus()

    def _set_button(self) -> None:
        text = _("Create key") if self.must_create() else _("Sign and save")
        self.setButtonText(QWizard.WizardButton.CommitButton, text)

    def must_create(self) -> bool:
        return not self.created and not self.has_key

    def passphrase(self) -> str:
        return self.new_fields.new_text() if self.created else self.unlock_fields.old_text()

    def _typed(self) -> None:
        self.error.hide()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        if self.creating:
            return False
        if self.must_create() or self.created:
            return True
        return bool(self.unlock_fields.old_text())

    def refuse(self, message: str) -> None:
        """Back from signing: the passphrase did not unlock the key."""
        self.unlock_fields.clear()  # (clearing hides the error line: shown after)
        self.error.setText(message)
        self.error.show()
        self.unlock_fields.focus()

    def validatePage(self) -> bool:
        if not self.must_create():
            return True
        problem = self.new_fields.problem()
        if problem:
            self.error.setText(problem)
            self.error.show()
            return False
        self.creating = True
        self.new_fields.setEnabled(False)
        self.completeChanged.emit()
        passphrase = self.new_fields.new_text()

        def done(_key: Any) -> None:
            self.creating = False
            self.created = True
            self.new_fields.setEnabled(True)
            self.initializePage()
            current = self._wizard.workspace.keys.current()
            self.fingerprint.setText(current.fingerprint if current else "")
            self.made.show()
            self.completeChanged.emit()  # the button is enabled again: now it can take the focus
            self._wizard.button(QWizard.WizardButton.CommitButton).setFocus()

        def failed(error: Exception) -> None:
            self.creating = False
            self.new_fields.setEnabled(True)
            self.completeChanged.emit()
            show_error(self, error)

        self._wizard.tasks.run(lambda: self._wizard.workspace.keys.create(passphrase), done, failed)
        return False  # the next press signs, once the fingerprint has been seen

    def _save_sheet(self) -> None:
        from focalpoint.ui.country.submissions.key_dialog import KeyDialog

        # The key dialog knows the sheet's name and where it goes; it need not be shown.
        KeyDialog(self._wizard.workspace, self._wizard.tasks, self).save_sheet()
