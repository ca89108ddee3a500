"""File → Trust the Secretariat's key: a key file, its fingerprint read over the phone, typed back.

The file is checked as soon as it is chosen (intact and self-signed), and the name and fingerprint
it carries are shown; nothing is trusted until the fingerprint the Secretariat reads out is
typed back and is the file's own.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.errors import FocalPointError
from focalpoint.domain.submissions import TrustedSecretariat
from focalpoint.i18n import _, format_timestamp
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.submissions.suggested_paths import default_folder
from focalpoint.ui.feedback import error_label, hide_when_edited
from focalpoint.ui.help.context_help import help_link
from focalpoint.ui.help.guide_text import ENCRYPTING, TRUSTING
from focalpoint.ui.widgets.buttons import dialog_buttons
from focalpoint.ui.widgets.labels import fingerprint_label, mono_font, selectable, wrapped


class TrustSecretariatDialog(QDialog):
    trusted = Signal(object)  # the TrustedSecretariat, once stored

    def __init__(
        self, workspace: Workspace, parent: QWidget | None = None, path: Path | None = None
    ) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._path: Path | None = None
        self.setWindowTitle(_("Trust the Secretariat's key"))
        self.setMinimumWidth(720)

        current = workspace.secretariat.trusted()
        self.current = wrapped(
            _("Trusted now: {name}, key {fingerprint}, since {when}.").format(
                name=current.name,
                fingerprint=current.fingerprint,
                when=format_timestamp(current.pinned_at),
            )
            if current
            else _("This workspace does not trust a Secretariat key yet.")
        )
        intro = wrapped(
            _(
                "Choose the key file the Secretariat sent you. Then call the Secretariat: "
                "they read its fingerprint to you, and you type it below. Trust the key only "
                "if the two are the same."
            )
        )
        self.fingerprint_help = help_link(_("How is a fingerprint checked?"), TRUSTING)
        self.file_label = selectable(wrapped(_("No file chosen.")))
        choose = QPushButton(_("Choose file…"))
        choose.clicked.connect(lambda: self.choose())
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(choose)

        self.name = selectable(wrapped())
        self.fingerprint = fingerprint_label(points=16)
        self.created = QLabel()
        # The age key is for FocalPoint, not for reading: said in words first, the raw text
        # after it, small and grey, selectable for whoever wants to compare it.
        self.recipient_note = wrapped(
            _(
                "Only the Secretariat can open a package encrypted with this key. FocalPoint "
                "keeps it for you: there is nothing to copy."
            )
        )
        self.recipient = selectable(wrapped())
        self.recipient.setFont(mono_font(max(8, self.font().pointSize() - 1)))
        self.recipient.setStyleSheet("color: palette(placeholder-text);")
        self.recipient.setAccessibleName(_("The Secretariat's encryption key"))
        self.encryption_help = help_link(_("What is encryption for?"), ENCRYPTING)
        recipient_box = QWidget()
        recipient_layout = QVBoxLayout(recipient_box)
        recipient_layout.setContentsMargins(0, 0, 0, 0)
        recipient_layout.setSpacing(2)
        for widget in (self.recipient_note, self.recipient, self.encryption_help):
            recipient_layout.addWidget(widget)
        self.recipient_box = recipient_box
        self.typed = QLineEdit()
        self.typed.setPlaceholderText("XXXX-XXXX-XXXX-XXXX")
        self.typed.setAccessibleName(_("The fingerprint read to you by the Secretariat"))
        self.typed.textChanged.connect(lambda _t: self._update())
        facts = QFormLayout()
        # Narrow (French at 200%), a long label goes above its field instead of being cut.
        facts.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        facts.addRow(_("Secretariat:"), self.name)
        facts.addRow(_("Fingerprint in the file:"), self.fingerprint)
        facts.addRow(_("Written on:"), self.created)
        facts.addRow(_("Encryption key (for the Secretariat only):"), recipient_box)
        facts.addRow(_("Fingerprint read to you:"), self.typed)
        self._facts = facts
        facts.setRowVisible(recipient_box, False)  # until a file says which key
        self.error = error_label()

        self.buttons = dialog_buttons(self, _("Trust this key"), lambda: self._trust_clicked())
        layout = QVBoxLayout(self)
        layout.addWidget(self.current)
        layout.addWidget(intro)
        layout.addWidget(self.fingerprint_help)
        layout.addLayout(file_row)
        layout.addLayout(facts)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        # Help is reached last with Tab: the dialog opens with the focus on choosing the file.
        QWidget.setTabOrder(self.typed, self.fingerprint_help)
        if path is not None:
            self.load(path)
        self._update()
        hide_when_edited(self.error, self)

    @property
    def trust_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def choose(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            _("The Secretariat's key file"),
            str(default_folder()),
            _("Secretariat key files (*.json);;All files (*)"),
        )
        if chosen:
            self.load(Path(chosen))

    def load(self, path: Path) -> None:
        """Read and check the file at ``path``; show what it says, or why it is refused."""
        self._path = None
        self.file_label.setText(str(path))
        for label in (self.name, self.fingerprint, self.created, self.recipient):
            label.setText("")
        self._facts.setRowVisible(self.recipient_box, False)
        try:
            key = self._ws.secretariat.read_key_file(path)
        except FocalPointError as error:
            self._say(error.message)
        else:
            self._path = path
            self._say("")
            self.name.setText(key.name)
            self.fingerprint.setText(key.fingerprint)
            self.created.setText(format_timestamp(key.created_at.isoformat()))
            self.recipient.setText(key.age_recipient)
            self._facts.setRowVisible(self.recipient_box, True)
            self.typed.setFocus()
        self._update()
        # Rows shown or hidden: the dialog takes the height its wrapped lines now need (it
        # would otherwise squeeze them, cutting the key's explanation in half).
        QTimer.singleShot(0, self, self._fit_height)

    def _fit_height(self) -> None:
        self.resize(self.width(), max(self.height(), self.heightForWidth(self.width())))

    def _trust_clicked(self) -> None:
        self.trust()

    def trust(self) -> TrustedSecretariat | None:
        if self._path is None:
            return None
        try:
            row = self._ws.secretariat.trust(self._path, self.typed.text())
        except FocalPointError as error:
            self._say(error.message)
            return None
        self.trusted.emit(row)
        self.accept()
        return row

    def _say(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def _update(self) -> None:
        self.trust_button.setEnabled(self._path is not None and bool(self.typed.text().strip()))
