"""The organisations of the directory: add, change, delete with their services, restore."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
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
from focalpoint.i18n import _, current_language
from focalpoint.services.common.vocabularies import vocabularies
from focalpoint.services.country.directory import DirectoryService
from focalpoint.ui.feedback import attempt, confirm, show_error

ORG_ROLE = Qt.ItemDataRole.UserRole + 1


class OrganisationsDialog(QDialog):
    changed = Signal()

    def __init__(self, directory: DirectoryService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._directory = directory
        self.setWindowTitle(_("Organisations"))
        self.resize(820, 520)
        self.model = QStandardItemModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Organisations"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.show_deleted = QCheckBox(_("Show deleted"))
        self.show_deleted.toggled.connect(self.reload)
        new = QPushButton(_("New organisation…"))
        new.clicked.connect(lambda: self._edit(None))
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.restore_button = QPushButton(_("Restore"))
        self.restore_button.clicked.connect(self.restore_selected)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_deleted)
        buttons.addStretch(1)
        for button in (new, self.edit_button, self.delete_button, self.restore_button, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self._update_buttons()

    def reload(self) -> None:
        vocab = vocabularies().provider_type
        counts: dict[str, int] = {}
        for service in self._directory.services():
            counts[service.organisation_id] = counts.get(service.organisation_id, 0) + 1
        self.model.clear()
        self.model.setHorizontalHeaderLabels(
            [_("Name"), _("Acronym"), _("Provider type"), _("Services"), _("State")]
        )
        for org in self._directory.organisations(include_deleted=self.show_deleted.isChecked()):
            cells = [
                QStandardItem(org.name),
                QStandardItem(org.acronym),
                QStandardItem(
                    vocab.label(org.provider_type, current_language()) if org.provider_type else ""
                ),
                QStandardItem(str(counts.get(org.id, 0))),
                QStandardItem(_("Deleted") if org.deleted else _("Active")),
            ]
            cells[0].setData(org, ORG_ROLE)
            cells[3].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.model.appendRow(cells)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self._update_buttons()

    def selected(self) -> Organisation | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        value = self.model.item(rows[0].row(), 0).data(ORG_ROLE)
        return value if isinstance(value, Organisation) else None

    def select(self, org_id: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.item(row, 0).data(ORG_ROLE).id == org_id:
                self.table.selectRow(row)

    def _update_buttons(self) -> None:
        org = self.selected()
        self.edit_button.setEnabled(org is not None and not org.deleted)
        self.delete_button.setEnabled(org is not None and not org.deleted)
        self.restore_button.setEnabled(org is not None and org.deleted)

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
