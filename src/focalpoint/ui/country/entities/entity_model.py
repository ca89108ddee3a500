"""The national entity directory as a Qt table model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from focalpoint.domain.records import Entity
from focalpoint.i18n import N_, _
from focalpoint.ui.widgets.table_model import AnyIndex, RowTableModel

ENTITY_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class EntityTableModel(RowTableModel[Entity]):
    """Name, acronym, type, parent, how many actions it is named on, retired or active."""

    COLUMNS = (
        N_("Name"),
        N_("Acronym"),
        N_("Type"),
        N_("Parent institution"),
        N_("Actions"),
        N_("State"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._by_id: dict[str, Entity] = {}
        self._usage: dict[str, int] = {}

    def load(self, entities: list[Entity], usage: dict[str, int]) -> None:
        with self.resetting(list(entities)):
            self._by_id = {e.id: e for e in entities}
            self._usage = dict(usage)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        e = self.rows[index.row()]
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
