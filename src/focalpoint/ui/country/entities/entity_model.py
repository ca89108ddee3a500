"""The national entity directory as a Qt table model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from focalpoint.domain.records import Entity
from focalpoint.i18n import _

ENTITY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
AnyIndex = QModelIndex | QPersistentModelIndex


class EntityTableModel(QAbstractTableModel):
    """Name, acronym, type, parent, how many actions it is named on, retired or active."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Entity] = []
        self._by_id: dict[str, Entity] = {}
        self._usage: dict[str, int] = {}

    def load(self, entities: list[Entity], usage: dict[str, int]) -> None:
        self.beginResetModel()
        self._rows = list(entities)
        self._by_id = {e.id: e for e in entities}
        self._usage = dict(usage)
        self.endResetModel()

    def entity(self, row: int) -> Entity:
        return self._rows[row]

    def row_of(self, entity_id: str) -> int:
        return next((i for i, e in enumerate(self._rows) if e.id == entity_id), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                _("Name"),
                _("Acronym"),
                _("Type"),
                _("Parent institution"),
                _("Actions"),
                _("State"),
            )[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        e = self._rows[index.row()]
        if role == ENTITY_ID_ROLE:
            return e.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            parent = self._by_id.get(e.parent_id or "")
            return (
                e.name,
                e.acronym,
                e.type.label,
                parent.display_name if parent else "",
                str(self._usage.get(e.id, 0)),
                _("Retired") if e.retired else _("Active"),
            )[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and e.retired:
            return QBrush(QColor("#8a8a8a"))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
