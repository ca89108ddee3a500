"""Setting up a Secretariat workspace: its name, its language, and the passphrase of its key.

The key (Ed25519 for signing receipts, an age identity for packages countries encrypt) is made
on OK, under the busy cursor: sealing both under the passphrase takes a second or two, once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from focalpoint.i18n import LANGUAGES, _, current_language, language_name
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from focalpoint.ui.feedback import error_label, hide_when_edited, show_error
from focalpoint.ui.widgets.labels import wrapped
from focalpoint.ui.widgets.passphrase import PassphraseFields


class SecretariatSetupDialog(QDialog):
    def __init__(self, workspace: SecretariatWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self.setWindowTitle(_("Set up the Secretariat's workspace"))
        self.setMinimumWidth(560)
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("Technical Secretariat of the RCM"))
        self.name.setAccessibleName(_("Name"))
        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(language_name(code), code)
        self.language.setCurrentIndex(LANGUAGES.index(current_language()))
        self.passphrase = PassphraseFields()
        self.passphrase.changed.connect(self._follow)
        self.name.textChanged.connect(self._follow)
        self.error = error_label()
        form = QFormLayout()
        form.addRow(_("Name"), self.name)
        form.addRow(_("Language"), self.language)
        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapped(
                _(
                    "The Secretariat signs its receipts with a key of its own, kept in this "
                    "workspace under a passphrase. Countries check the key's fingerprint before "
                    "they trust it."
                )
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._follow()
        hide_when_edited(self.error, self)

    def _follow(self) -> None:
        problem = "" if self.name.text().strip() else _("Please enter the Secretariat's name.")
        problem = problem or self.passphrase.problem()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem)
        # Only after the user has typed something: an empty form is not an error yet.
        typed = self.name.text() or self.passphrase.new_text()
        self.error.setText(problem if typed else "")
        self.error.setVisible(bool(problem and typed))

    def _save(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._ws.profile.save(self.name.text(), self.language.currentData())
            if self._ws.keys.current() is None:
                self._ws.keys.create(self.passphrase.new_text())
        except Exception as error:
            QApplication.restoreOverrideCursor()
            show_error(self, error)
            return
        QApplication.restoreOverrideCursor()
        self.passphrase.clear()
        self.accept()
