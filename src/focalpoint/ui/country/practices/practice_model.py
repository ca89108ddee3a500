"""The practices of the country as a Qt table model, a page at a time."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from focalpoint.domain.practices import PracticeColumn, PracticeState, PracticeSummary
from focalpoint.i18n import N_, _, current_language, format_timestamp
from focalpoint.services.common.vocabularies import vocabularies
from focalpoint.ui.widgets.paged_model import PagedTableModel
from focalpoint.ui.widgets.table_model import AnyIndex


class PracticeTableModel(PagedTableModel[PracticeSummary]):
    """Title, state, categories, actions, scope, last change; texts built when shown."""

    COLUMNS = (
        N_("Title"),
        N_("State"),
        N_("Categories"),
        N_("Plan actions"),
        N_("Scope"),
        N_("Last change"),
    )
    # The order each column sorts by, in the same order as COLUMNS.
    ORDERS = (
        PracticeColumn.TITLE,
        PracticeColumn.STATE,
        PracticeColumn.CATEGORIES,
        PracticeColumn.ACTIONS,
        PracticeColumn.SCOPE,
        PracticeColumn.CHANGED,
    )

    def __init__(self, subdivision_names: dict[str, str], parent: Any = None) -> None:
        super().__init__(parent)
        self._subdivision_names = subdivision_names
        self._times: dict[str, str] = {}

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        p = self.record(index.row()) if index.isValid() else None
        if p is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            column = index.column()
            if column == 0:
                return p.title
            if column == 1:
                return _("Deleted") if p.deleted else p.state.label
            if column == 2:
                return vocabularies().practice_category.labels(p.categories, current_language())
            if column == 3:
                return ", ".join(p.action_codes)
            if column == 4:
                if p.national:
                    return _("National")
                return ", ".join(self._subdivision_names.get(s, s) for s in p.subdivisions)
            stamp = self._times.get(p.updated_at)
            if stamp is None:  # babel takes about a millisecond; rows repaint often
                stamp = self._times[p.updated_at] = format_timestamp(p.updated_at)
            return stamp
        if role == Qt.ItemDataRole.ForegroundRole:
            if p.deleted:
                return QBrush(QColor("#8a8a8a"))
            if index.column() == 1 and p.state is PracticeState.DRAFT:
                return QBrush(QColor("#8a5a00"))
        return None
