"""The organisations of the directory as a Qt table model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from focalpoint.domain.directory import Organisation
from focalpoint.i18n import N_, _, current_language
from focalpoint.services.common.vocabularies import vocabularies
from focalpoint.ui.widgets.table_model import AnyIndex, RowTableModel


class OrganisationTableModel(RowTableModel[Organisation]):
    """Name, acronym, provider type, how many services it offers, deleted or active."""

    COLUMNS = (N_("Name"), N_("Acronym"), N_("Provider type"), N_("Services"), N_("State"))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._services: dict[str, int] = {}

    def load(self, organisations: list[Organisation], services: dict[str, int]) -> None:
        """``services``: how many services each organisation offers, by its id."""
        with self.resetting(organisations):
            self._services = services

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        org = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return org.name
            if column == 1:
                return org.acronym
            if column == 2:
                if not org.provider_type:
                    return ""
                return vocabularies().provider_type.label(org.provider_type, current_language())
            if column == 3:
                return str(self._services.get(org.id, 0))
            return _("Deleted") if org.deleted else _("Active")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
