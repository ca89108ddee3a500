"""First-run set-up and Settings: interface language, country, and the officer's profile; at
first run, the Secretariat's key file too (optional), pinned as the key its plan versions and
receipts must be signed with."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import (
    QComboBox,
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
from focalpoint.domain.records import Profile
from focalpoint.domain.vocab import COUNTRIES
from focalpoint.i18n import LANGUAGES, _, current_language, language_name, pick, set_language
from focalpoint.services.country.profile import ProfileService
from focalpoint.ui.feedback import error_label, hide_when_edited
from focalpoint.ui.qt_translations import use_qt_language
from focalpoint.ui.widgets.guarded_form import GuardedForm

if TYPE_CHECKING:
    from focalpoint.services.country.secretariat import SecretariatService


class SetupDialog(GuardedForm):
    """Asks for everything the workspace needs to know about its user; saves on OK."""

    def __init__(
        self,
        profiles: ProfileService,
        first_run: bool,
        parent: QWidget | None = None,
        secretariat: SecretariatService | None = None,
    ) -> None:
        super().__init__(parent)
        self._profiles = profiles
        # The Secretariat's key is asked for at first run only, and only while none is trusted.
        self._secretariat = (
            secretariat
            if first_run and secretariat is not None and secretariat.trusted() is None
            else None
        )
        self._first_run = first_run
        self._start_language = current_language()
        current = profiles.get()
        self.setMinimumWidth(520)

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(language_name(code), code)
        self.language.setCurrentIndex(
            LANGUAGES.index(current.language if current else current_language())
        )
        self.country = QComboBox()
        self.name = QLineEdit(current.name if current else "")
        self.title_field = QLineEdit(current.title if current else "")
        self.institution = QLineEdit(current.institution if current else "")
        self.email = QLineEdit(current.email if current else "")
        self.phone = QLineEdit(current.phone if current else "")
        self.error = error_label()

        self.form = QFormLayout()
        self._labels = [QLabel() for _ in range(7)]
        for label, field in zip(
            self._labels,
            (
                self.language,
                self.country,
                self.name,
                self.title_field,
                self.institution,
                self.email,
                self.phone,
            ),
            strict=True,
        ):
            label.setBuddy(field)
            self.form.addRow(label, field)
        self.key_file = QLineEdit()
        self.key_label = QLabel()
        self.key_choose = QPushButton()
        self.key_shown = QLabel()  # short lines, broken where they should be: no wrapping
        if self._secretariat is not None:
            self.key_label.setBuddy(self.key_file)
            self.key_choose.clicked.connect(self._choose_key_file)
            self.key_file.editingFinished.connect(self._show_key_file)
            row = QHBoxLayout()
            row.addWidget(self.key_file, 1)
            row.addWidget(self.key_choose)
            self.form.addRow(self.key_label, row)
            self.form.addRow("", self.key_shown)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self._fill_countries(current.country if current else "")
        self.language.currentIndexChanged.connect(self._language_changed)
        self._retranslate()
        hide_when_edited(self.error, self)

    def _fill_countries(self, selected: str) -> None:
        self.country.clear()
        if not selected:
            self.country.addItem(_("Choose the country…"), "")
        for code, names in sorted(COUNTRIES.items(), key=lambda item: pick(item[1])):
            self.country.addItem(pick(names), code)
        index = self.country.findData(selected)
        self.country.setCurrentIndex(max(index, 0))

    def _language_changed(self) -> None:
        # The dialog speaks the chosen language at once, so the user sees what they picked.
        set_language(self.language.currentData())
        use_qt_language(self.language.currentData())
        self._fill_countries(self.country.currentData())
        self._retranslate()

    def _retranslate(self) -> None:
        self.setWindowTitle(_("Welcome to FocalPoint") if self._first_run else _("Settings"))
        self.intro.setText(
            _(
                "FocalPoint keeps your country's part of the RCM Strategic Plan on this computer. "
                "Tell it who you are and which country you report for; you can change this later "
                "under Settings."
            )
            if self._first_run
            else _("Your profile appears on reports and in the history of every change.")
        )
        texts = (
            _("Interface language"),
            _("Country"),
            _("Officer's name *"),
            _("Job title"),
            _("Institution"),
            _("E-mail"),
            _("Phone"),
        )
        for label, text in zip(self._labels, texts, strict=True):
            label.setText(text)
        self.name.setPlaceholderText(_("Required"))
        self.key_label.setText(_("Secretariat's key file"))
        self.key_file.setPlaceholderText(_("Optional: FocalPoint-Secretariat-key.json"))
        self.key_choose.setText(_("Choose…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            _("Start") if self._first_run else _("Save")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            _("Quit") if self._first_run else _("Cancel")
        )

    def changeEvent(self, event: QEvent) -> None:
        # Installing Qt's catalogue posts a LanguageChange that makes the button box put back
        # Qt's own "OK"/"Cancel"; our words ("Start", "Quit") go back on top once the button
        # box has had its turn.
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            QTimer.singleShot(0, self, self._retranslate)  # not once the dialog is gone

    def profile(self) -> Profile:
        return Profile(
            language=self.language.currentData(),
            country=self.country.currentData(),
            name=self.name.text(),
            title=self.title_field.text(),
            institution=self.institution.text(),
            email=self.email.text(),
            phone=self.phone.text(),
        )

    def _choose_key_file(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, _("The Secretariat's key file"), str(Path.home()), _("Key files (*.json)")
        )
        if chosen:
            self.key_file.setText(chosen)
            self._show_key_file()

    def _show_key_file(self) -> None:
        """Whose key the file holds, and its fingerprint, to check with the Secretariat."""
        path = self.key_file.text().strip()
        if self._secretariat is None or not path:
            self.key_shown.clear()
            return
        try:
            key = self._secretariat.read_key_file(Path(path))
        except FocalPointError as error:
            self.key_shown.setText(error.message)
        else:
            self.error.hide()
            self.key_shown.setText(
                _("{name}\nFingerprint: {fingerprint}").format(
                    name=key.name, fingerprint=key.fingerprint
                )
                + "\n"
                + _("Plan versions and receipts will have to be signed with this key.")
            )
        # The lines shown may need more height than the dialog had: once the layout has
        # taken them in.
        QTimer.singleShot(0, self, self.adjustSize)

    def _save(self) -> None:
        if not self.country.currentData():
            self._show_error(_("Please choose the country you report for."))
            return
        key_file = self.key_file.text().strip() if self._secretariat is not None else ""
        try:
            if key_file and self._secretariat is not None:  # a bad file, said before saving
                self._secretariat.read_key_file(Path(key_file))
            self._profiles.save(self.profile())
            if key_file and self._secretariat is not None:
                self._secretariat.pin_at_first_run(Path(key_file))
        except FocalPointError as error:
            self._show_error(error.message)
            return
        self.accept()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def reject(self) -> None:
        if not self.may_close():
            return
        if current_language() != self._start_language:
            set_language(self._start_language)  # nothing was saved, so nothing changes
            use_qt_language(self._start_language)
        QDialog.reject(self)
