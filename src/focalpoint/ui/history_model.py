"""The audit log of one record as a Qt table: when, who, what, before, after."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from focalpoint.domain.records import AuditEntry
from focalpoint.domain.vocab import ActionStatus
from focalpoint.i18n import N_, _, format_timestamp

AnyIndex = QModelIndex | QPersistentModelIndex

_FIELD_LABELS = {
    "lead": N_("Lead entity"),
    "support": N_("Supporting entities"),
    "status": N_("Status"),
    "note": N_("Progress note"),
    "merge": N_("Entity merged"),
}


def field_label(field: str) -> str:
    return _(_FIELD_LABELS[field]) if field in _FIELD_LABELS else field


def value_label(field: str, value: str) -> str:
    if not value:
        return "—"
    if field == "status":
        try:
            return ActionStatus(value).label
        except ValueError:
            return value
    return value


def change_text(entry: AuditEntry, limit: int | None = None) -> str:
    """One change as a person reads it: "Status: Not started → In progress"."""
    old, new = value_label(entry.field, entry.old), value_label(entry.field, entry.new)
    if limit is not None:
        old, new = (v if len(v) <= limit else v[: limit - 1] + "…" for v in (old, new))
    return f"{field_label(entry.field)}: {old} → {new}"


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
