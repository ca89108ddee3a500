"""The organisations of the directory: add, change, delete with their services, restore."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.directory import Organisation
from focalpoint.domain.errors import NeedsConfirmation
from focalpoint.i18n import _
from focalpoint.services.country.directory import DirectoryService
from focalpoint.ui.country.directory.organisation_model import OrganisationTableModel
from focalpoint.ui.feedback import attempt, confirm, show_error
from focalpoint.ui.widgets.buttons import RecordButtons
from focalpoint.ui.widgets.record_table import RecordTable
from focalpoint.ui.widgets.screen_fit import open_size


class OrganisationsDialog(QDialog):
    changed = Signal()

    def __init__(self, directory: DirectoryService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._directory = directory
        self.setWindowTitle(_("Organisations"))
        open_size(self, 820, 520)
        self.model = OrganisationTableModel(self)
        self.table = RecordTable(self.model, _("Organisations"))
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.show_deleted = QCheckBox(_("Show deleted"))
        self.show_deleted.toggled.connect(self.reload)
        self.buttons = RecordButtons(
            _("New organisation…"),
            _("Edit…"),
            lambda: self._edit(None),
            self.edit_selected,
            self.delete_selected,
            self.restore_selected,
        )
        self.edit_button = self.buttons.edit
        self.delete_button = self.buttons.delete
        self.restore_button = self.buttons.restore
        self.buttons.set_read_only(directory.read_only)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_deleted)
        buttons.addStretch(1)
        for button in (*self.buttons.all, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self._update_buttons()

    def reload(self) -> None:
        counts: dict[str, int] = {}
        for service in self._directory.services():
            counts[service.organisation_id] = counts.get(service.organisation_id, 0) + 1
        include = self.show_deleted.isChecked()
        self.model.load(self._directory.organisations(include_deleted=include), counts)
        self._update_buttons()

    def selected(self) -> Organisation | None:
        return self.table.chosen()

    def select(self, org_id: str) -> None:
        self.table.choose(org_id)

    def _update_buttons(self) -> None:
        self.buttons.follow(self.selected())

    def edit_selected(self) -> None:
        org = self.selected()
        if org is not None and not org.deleted:
            self._edit(org)

    def _edit(self, org: Organisation | None) -> None:
        from focalpoint.ui.country.directory.organisation_form import OrganisationForm

        form = OrganisationForm(self._directory, org, self)
        if form.exec() and form.saved is not None:
            self.reload()
            self.select(form.saved.id)
            self.changed.emit()

    def delete_selected(self) -> None:
        org = self.selected()
        if org is None:
            return
        if not self._directory.services_of(org.id):
            text = _("Delete the organisation “{name}”? It can be restored later.").format(
                name=org.display_name
            )
            if not confirm(self, text, _("Delete"), risky=True):
                return
        try:
            self._directory.delete_organisation(org.id)
        except NeedsConfirmation as question:
            if not confirm(self, question.message, _("Delete"), risky=True):
                return
            if (
                attempt(self, lambda: self._directory.delete_organisation(org.id, force=True))
                is None
            ):
                return
        except Exception as error:
            show_error(self, error)
            return
        self.reload()
        self.changed.emit()

    def restore_selected(self) -> None:
        org = self.selected()
        if (
            org is not None
            and attempt(self, lambda: self._directory.restore_organisation(org.id)) is not None
        ):
            self.reload()
            self.select(org.id)
            self.changed.emit()
