"""The form to add or change one entity of the directory."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.errors import FocalPointError
from focalpoint.domain.records import Entity, EntityDraft
from focalpoint.domain.vocab import EntityType
from focalpoint.i18n import _
from focalpoint.services.country.entities import EntityService
from focalpoint.ui.feedback import error_label, hide_when_edited
from focalpoint.ui.widgets.buttons import Standard, dialog_buttons
from focalpoint.ui.widgets.guarded_form import GuardedForm
from focalpoint.ui.widgets.text_area import text_area


class EntityForm(GuardedForm):
    """Saves through the service on OK; a refusal is shown in the form, which stays open."""

    def __init__(
        self,
        entities: EntityService,
        entity: Entity | None = None,
        parent: QWidget | None = None,
        name: str = "",
    ) -> None:
        super().__init__(parent)
        self._service = entities
        self._entity = entity
        self.saved: Entity | None = None
        self.setWindowTitle(_("Edit entity") if entity else _("New entity"))
        self.setMinimumWidth(560)

        self.name = QLineEdit(entity.name if entity else name)
        self.name.setPlaceholderText(_("Required"))
        self.acronym = QLineEdit(entity.acronym if entity else "")
        self.type = QComboBox()
        for t in EntityType:
            self.type.addItem(t.label, t.value)
        self.type.setCurrentIndex(
            self.type.findData((entity.type if entity else EntityType.OTHER).value)
        )
        self.parent_entity = QComboBox()
        self.parent_entity.addItem(_("— none —"), None)
        for other in entities.all():
            # A retired parent stays on offer for the entity that already has it, so that
            # saving another field never drops it silently.
            keep = not other.retired or (entity is not None and other.id == entity.parent_id)
            if keep and (entity is None or other.id != entity.id):
                label = other.display_name + (" " + _("(retired)") if other.retired else "")
                self.parent_entity.addItem(label, other.id)
        if entity and entity.parent_id:
            self.parent_entity.setCurrentIndex(
                max(self.parent_entity.findData(entity.parent_id), 0)
            )
        self.contact = QLineEdit(entity.contact_person if entity else "")
        self.email = QLineEdit(entity.email if entity else "")
        self.phone = QLineEdit(entity.phone if entity else "")
        self.address = text_area(entity.address if entity else "")
        self.address.setFixedHeight(60)
        self.notes = text_area(entity.notes if entity else "")
        self.notes.setFixedHeight(80)
        self.error = error_label()

        form = QFormLayout()
        form.addRow(_("Name *"), self.name)
        form.addRow(_("Acronym"), self.acronym)
        form.addRow(_("Type"), self.type)
        form.addRow(_("Parent institution"), self.parent_entity)
        form.addRow(_("Contact person"), self.contact)
        form.addRow(_("E-mail"), self.email)
        form.addRow(_("Phone"), self.phone)
        form.addRow(_("Address"), self.address)
        form.addRow(_("Notes"), self.notes)
        buttons = dialog_buttons(
            self, _("Save"), self._save, Standard.Save, read_only=entities.read_only
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        hide_when_edited(self.error, self)

    def draft(self) -> EntityDraft:
        return EntityDraft(
            name=self.name.text(),
            acronym=self.acronym.text(),
            type=EntityType(self.type.currentData()),
            parent_id=self.parent_entity.currentData(),
            contact_person=self.contact.text(),
            email=self.email.text(),
            phone=self.phone.text(),
            address=self.address.toPlainText(),
            notes=self.notes.toPlainText(),
        )

    def _save(self) -> None:
        try:
            if self._entity is None:
                self.saved = self._service.add(self.draft())
            else:
                self.saved = self._service.update(self._entity.id, self.draft())
        except FocalPointError as error:
            self.error.setText(error.message)
            self.error.show()
            return
        self.accept()
