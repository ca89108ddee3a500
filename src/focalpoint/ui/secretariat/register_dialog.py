"""Registering a country's key: the file from its registration sheet (PEM, or the QR text), the
country, and the fingerprint its focal point reads over the phone, typed back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.errors import FocalPointError
from focalpoint.domain.vocab import COUNTRIES
from focalpoint.i18n import _, pick
from focalpoint.services.secretariat.registry import Registry
from focalpoint.ui.feedback import show_error
from focalpoint.ui.help.context_help import help_link
from focalpoint.ui.help.guide_text import REGISTERING
from focalpoint.ui.widgets.labels import wrapped


class RegisterKeyDialog(QDialog):
    def __init__(self, registry: Registry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._registry = registry
        self.setWindowTitle(_("Register a country's key"))
        self.setMinimumWidth(600)
        self.file = QLineEdit()
        self.file.setAccessibleName(_("Key file"))
        browse = QPushButton(_("Choose…"))
        browse.clicked.connect(self._browse)
        chooser = QHBoxLayout()
        chooser.addWidget(self.file, 1)
        chooser.addWidget(browse)
        self.country = QComboBox()
        self.country.setAccessibleName(_("Country"))
        # No country is chosen for the user: the first of the list would register a key to
        # Belize by a slip.
        self.country.addItem(_("Choose the country…"), "")
        for code, names in sorted(COUNTRIES.items(), key=lambda item: pick(item[1])):
            self.country.addItem(f"{pick(names)} ({code})", code)
        self.fingerprint = QLineEdit()
        self.fingerprint.setAccessibleName(_("Fingerprint heard"))
        self.fingerprint.setPlaceholderText("XXXX-XXXX-XXXX-XXXX")
        self.replace = QCheckBox(_("It replaces the country's current key"))
        form = QFormLayout()
        form.addRow(_("Key file"), chooser)
        form.addRow(_("Country"), self.country)
        form.addRow(_("Fingerprint heard"), self.fingerprint)
        form.addRow("", self.replace)
        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapped(
                _(
                    "Choose the public key (PEM) the country sent, or a text file with the QR "
                    "text of its registration sheet. Then call the focal point, have them read "
                    "the fingerprint on their sheet, and type what you hear: the key is "
                    "registered only if it matches."
                )
            )
        )
        layout.addLayout(form)
        self.help = help_link(_("How is a fingerprint checked over the phone?"), REGISTERING)
        layout.addWidget(self.help)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Register"))
        buttons.accepted.connect(self._register)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, _("The country's key"), "", _("Keys and QR texts (*.pem *.txt);;All files (*)")
        )
        if chosen:
            self.file.setText(chosen)

    def _register(self) -> None:
        if not self.country.currentData():
            show_error(self, FocalPointError(_("Choose the country whose key this is.")))
            return
        try:
            self._registry.register_file(
                Path(self.file.text().strip()),
                self.country.currentData(),
                self.fingerprint.text(),
                replace=self.replace.isChecked(),
            )
        except Exception as error:
            show_error(self, error)
            return
        self.accept()
