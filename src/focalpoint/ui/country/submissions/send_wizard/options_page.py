"""Page 2 of sending: the country report, encryption for the Secretariat, where to save."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from focalpoint.domain.errors import FocalPointError
from focalpoint.i18n import LANGUAGES, _, language_name
from focalpoint.ui.feedback import error_label, hide_when_edited, show_error
from focalpoint.ui.help.context_help import help_link
from focalpoint.ui.help.guide_text import ENCRYPTING
from focalpoint.ui.widgets.labels import wrapped

if TYPE_CHECKING:
    from focalpoint.ui.country.submissions.send_wizard.wizard import SubmissionWizard


class OptionsPage(QWizardPage):
    """Page 2: the country report, encryption for the Secretariat, where to save the file."""

    def __init__(self, wizard: SubmissionWizard) -> None:
        super().__init__()
        self._wizard = wizard
        ws = wizard.workspace
        self.setTitle(_("Options"))
        self.setSubTitle(_("What goes into the package, and where to save it."))
        profile = ws.profile.get()

        self.include_report = QCheckBox(_("Include the country report (PDF)"))
        self.include_report.setChecked(True)
        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(language_name(code), code)
        language = profile.language if profile else "es"
        self.language.setCurrentIndex(LANGUAGES.index(language) if language in LANGUAGES else 0)
        self.language.setAccessibleName(_("Report language"))
        self.include_report.toggled.connect(self.language.setEnabled)
        report_row = QHBoxLayout()
        report_row.addWidget(self.include_report)
        report_row.addSpacing(12)
        report_row.addWidget(QLabel(_("Report language")))
        report_row.addWidget(self.language)
        report_row.addStretch(1)

        self.encrypt = QCheckBox(_("Encrypt for the Secretariat"))
        self.encrypt_note = wrapped()
        self.recipient = QLineEdit(ws.submissions.secretariat_recipient())
        self.recipient.setPlaceholderText(_("age1… (the Secretariat gives it to you)"))
        self.recipient.setAccessibleName(_("The Secretariat's encryption key"))
        self.recipient.textEdited.connect(lambda _t: self._recipient_edited())
        self.save_recipient = QPushButton(_("Save key"))
        self.save_recipient.clicked.connect(lambda: self.set_recipient())
        recipient_row = QHBoxLayout()
        recipient_row.addWidget(QLabel(_("The Secretariat's encryption key:")))
        recipient_row.addWidget(self.recipient, 1)
        recipient_row.addWidget(self.save_recipient)

        self.error = error_label()
        self.destination = QLineEdit(str(wizard.remembered_destination()))
        self.destination.setAccessibleName(_("Save the package in"))
        self.destination.textChanged.connect(lambda _t: self.error.hide())
        choose = QPushButton(_("Choose…"))
        choose.clicked.connect(lambda: self.choose_destination())
        destination_row = QHBoxLayout()
        destination_row.addWidget(self.destination, 1)
        destination_row.addWidget(choose)
        kept = wrapped(
            _(
                "A copy is always kept in the workspace as well: File → Submissions… saves it "
                "again (to a USB stick, or a folder to attach to an e-mail)."
            )
        )
        kept.setStyleSheet("color: palette(placeholder-text);")

        layout = QVBoxLayout(self)
        layout.addWidget(_heading(_("Country report")))
        layout.addLayout(report_row)
        layout.addSpacing(8)
        self.encryption_help = help_link(_("What is encryption for?"), ENCRYPTING)
        encryption_row = QHBoxLayout()
        encryption_row.addWidget(_heading(_("Encryption")))
        encryption_row.addStretch(1)
        encryption_row.addWidget(self.encryption_help)
        layout.addLayout(encryption_row)
        layout.addWidget(self.encrypt)
        layout.addWidget(self.encrypt_note)
        layout.addLayout(recipient_row)
        layout.addSpacing(8)
        layout.addWidget(_heading(_("Save the package in")))
        layout.addLayout(destination_row)
        layout.addWidget(kept)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self._update_encryption(initial=True)
        hide_when_edited(self.error, self)

    def _recipient_edited(self) -> None:
        self.save_recipient.setEnabled(True)
        self.error.hide()

    def _update_encryption(self, initial: bool = False) -> None:
        workspace = self._wizard.workspace
        recipient = workspace.submissions.secretariat_recipient()
        has = bool(recipient)
        self.encrypt.setEnabled(has)
        if initial or not has:
            self.encrypt.setChecked(has)
        note = (
            _(
                "Only the Secretariat can open an encrypted package: send the file ending in "
                ".age. The workspace keeps the signed package before encryption."
            )
            if has
            else _(
                "To encrypt the package so that only the Secretariat can open it, trust the "
                "Secretariat's key file (File → Trust the Secretariat's key…), or paste here the "
                "encryption key the Secretariat gave you (a long text starting with age1) and "
                "save it."
            )
        )
        trusted = workspace.secretariat.trusted()
        if has and trusted is not None and trusted.age_recipient == recipient:
            # Say where the key came from, so nobody wonders whether to paste one.
            note += " " + _(
                "The key is the one in the Secretariat's key file you trusted ({fingerprint})."
            ).format(fingerprint=trusted.fingerprint)
        self.encrypt_note.setText(note)
        self.save_recipient.setEnabled(False)
        self.encrypt.setToolTip(
            "" if has else _("Save the Secretariat's key below to encrypt the package for it.")
        )

    def set_recipient(self, text: str | None = None) -> bool:
        if text is not None:
            self.recipient.setText(text)
        try:
            value = self._wizard.workspace.submissions.set_secretariat_recipient(
                self.recipient.text()
            )
        except FocalPointError as error:
            self.error.setText(error.message)
            self.error.show()
            return False
        except Exception as error:
            show_error(self, error)
            return False
        self.recipient.setText(value)
        had = self.encrypt.isChecked()
        self._update_encryption()
        if value and not had:
            self.encrypt.setChecked(True)
        return True

    def choose_destination(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, _("Where to save the package"), self.destination.text() or str(Path.home())
        )
        if chosen:
            self.destination.setText(chosen)

    def chosen_language(self) -> str:
        return str(self.language.currentData())

    def validatePage(self) -> bool:
        folder = Path(self.destination.text().strip()).expanduser()
        if not self.destination.text().strip() or not folder.is_dir():
            self.error.setText(
                _("{path} is not a folder. Choose where to save the package.").format(
                    path=self.destination.text().strip() or "—"
                )
            )
            self.error.show()
            return False
        typed = self.recipient.text().strip()
        saved = self._wizard.workspace.submissions.secretariat_recipient()
        return typed == saved or self.set_recipient()


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label
