"""The audit log of one record as a Qt table: when, who, what, before, after."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from focalpoint.domain.history import change_text
from focalpoint.domain.records import AuditEntry
from focalpoint.i18n import N_, format_timestamp
from focalpoint.ui.widgets.table_model import AnyIndex, RowTableModel


class HistoryTableModel(RowTableModel[AuditEntry]):
    """When, who, and the change in one readable sentence (the full text in its tooltip)."""

    COLUMNS = (N_("When"), N_("Who"), N_("Change"))
    SHORT = 120

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._times: list[str] = []

    def load(self, entries: list[AuditEntry]) -> None:
        with self.resetting(list(entries)):
            self._times = [format_timestamp(e.at) for e in entries]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        e = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (self._times[index.row()], e.actor or "—", change_text(e, self.SHORT))[
                index.column()
            ]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (self._times[index.row()], e.actor or "—", change_text(e))[index.column()]
        return None
