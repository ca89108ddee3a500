"""The audit log of one record as a Qt table: when, who, what, before, after."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from focalpoint.domain.history import change_text
from focalpoint.domain.records import AuditEntry
from focalpoint.i18n import _, format_timestamp

AnyIndex = QModelIndex | QPersistentModelIndex


class HistoryTableModel(QAbstractTableModel):
    """When, who, and the change in one readable sentence (the full text in its tooltip)."""

    SHORT = 120

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AuditEntry] = []
        self._times: list[str] = []

    def load(self, entries: list[AuditEntry]) -> None:
        self.beginResetModel()
        self._rows = list(entries)
        self._times = [format_timestamp(e.at) for e in entries]
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_("When"), _("Who"), _("Change"))[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        e = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (self._times[index.row()], e.actor or "—", change_text(e, self.SHORT))[
                index.column()
            ]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (self._times[index.row()], e.actor or "—", change_text(e))[index.column()]
        return None
