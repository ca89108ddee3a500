"""The form to add or change one organisation of the directory of actors."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.directory import Organisation
from focalpoint.domain.errors import FocalPointError
from focalpoint.i18n import _, current_language
from focalpoint.services.common.vocabularies import vocabularies
from focalpoint.services.country.directory import DirectoryService
from focalpoint.ui.feedback import error_label, hide_when_edited
from focalpoint.ui.widgets.buttons import dialog_buttons
from focalpoint.ui.widgets.guarded_form import GuardedForm
from focalpoint.ui.widgets.text_area import text_area


class OrganisationForm(GuardedForm):
    """Saves on OK; a refusal (an organisation already there, a bad address) stays in view."""

    def __init__(
        self,
        directory: DirectoryService,
        organisation: Organisation | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._directory = directory
        self._organisation = organisation
        self.saved: Organisation | None = None
        self.setWindowTitle(_("Edit organisation") if organisation else _("New organisation"))
        self.setMinimumWidth(560)
        o = organisation or Organisation(name="")
        self.name = QLineEdit(o.name)
        self.name.setPlaceholderText(_("Required"))
        self.acronym = QLineEdit(o.acronym)
        self.provider_type = QComboBox()
        self.provider_type.addItem(_("— not said —"), "")
        for term in vocabularies().provider_type.terms:
            self.provider_type.addItem(term.label(current_language()), term.code)
        self.provider_type.setCurrentIndex(max(0, self.provider_type.findData(o.provider_type)))
        self.website = QLineEdit(o.website)
        self.website.setPlaceholderText("https://")
        self.contact_name = QLineEdit(o.contact_name)
        self.email = QLineEdit(o.email)
        self.phone = QLineEdit(o.phone)
        self.notes = text_area(o.notes)
        self.notes.setMaximumHeight(80)
        form = QFormLayout()
        form.addRow(_("Name:"), self.name)
        form.addRow(_("Acronym:"), self.acronym)
        form.addRow(_("Provider type:"), self.provider_type)
        form.addRow(_("Website:"), self.website)
        form.addRow(_("Contact person:"), self.contact_name)
        form.addRow(_("E-mail:"), self.email)
        form.addRow(_("Phone:"), self.phone)
        form.addRow(_("Notes:"), self.notes)
        self.error = error_label()
        buttons = dialog_buttons(self, _("Save"), self._save, read_only=directory.read_only)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        hide_when_edited(self.error, self)

    def _save(self) -> None:
        base = self._organisation or Organisation(name="")
        draft = Organisation(
            name=self.name.text(),
            acronym=self.acronym.text(),
            provider_type=str(self.provider_type.currentData()),
            website=self.website.text(),
            contact_name=self.contact_name.text(),
            email=self.email.text(),
            phone=self.phone.text(),
            notes=self.notes.toPlainText(),
            id=base.id,
        )
        try:
            self.saved = self._directory.save_organisation(draft)
        except FocalPointError as error:
            self.error.setText(error.message)
            self.error.show()
            return
        self.accept()
