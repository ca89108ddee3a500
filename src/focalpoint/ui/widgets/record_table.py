"""The table of a list of records: one record a row, chosen one at a time (or several, where a
list allows it), found by its id.

The records are a flat model's (``table_model``) or a paged one's (``paged_model``): either way
the table asks the model for the record on a row and for the row of a record."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QHeaderView, QTableView

from focalpoint.ui.widgets.paged_model import PagedTableModel
from focalpoint.ui.widgets.table_model import Identified, RowTableModel

R = TypeVar("R", bound=Identified)


class RecordTable(QTableView, Generic[R]):
    """Shows ``records`` (through ``proxy`` when the list sorts or filters in Qt)."""

    def __init__(
        self,
        records: RowTableModel[R] | PagedTableModel[R],
        accessible_name: str = "",
        proxy: QSortFilterProxyModel | None = None,
    ) -> None:
        super().__init__()
        self._records = records
        self._proxy = proxy
        self.setModel(records if proxy is None else proxy)
        if accessible_name:
            self.setAccessibleName(accessible_name)
        self.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.verticalHeader().hide()

    def stretch_first(self, widths: Sequence[tuple[int, int]]) -> None:
        """The first column takes the room left; the others start at ``(column, width)`` and
        can be dragged wider."""
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in widths:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.setColumnWidth(column, width)

    def allow_many(self) -> None:
        """Let several rows be chosen at once (Ctrl or Shift and a click, Ctrl+A)."""
        self.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)

    def chosen(self) -> R | None:
        """The chosen record: of several, the one the keyboard or the last click is on."""
        selection = self.selectionModel()
        rows = selection.selectedRows()
        if not rows:
            return None
        current = self.currentIndex()
        if current.isValid() and selection.isRowSelected(current.row(), current.parent()):
            return self._record_at(current)
        return self._record_at(rows[0])

    def chosen_all(self) -> list[R]:
        """Every chosen record, in the order they are shown."""
        rows = sorted(self.selectionModel().selectedRows(), key=lambda index: index.row())
        found = (self._record_at(index) for index in rows)
        return [record for record in found if record is not None]

    def _record_at(self, index: QModelIndex) -> R | None:
        source = index if self._proxy is None else self._proxy.mapToSource(index)
        return self._records.record(source.row())

    def sortable(self, column: int, descending: bool = False) -> None:
        """Every column sorts on a click of its header; the list starts in this order."""
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.horizontalHeader().setSortIndicator(column, order)
        self.setSortingEnabled(True)

    def choose_all(self, record_ids: Sequence[str], current: str | None = None) -> None:
        """Choose the records again (those still on show), the keyboard on ``current``: a list
        read anew keeps what the user had chosen (the caller keeps where it was scrolled)."""
        selection = QItemSelection()
        for record_id in record_ids:
            index = self._index_of(record_id)
            if index is not None:
                selection.select(index, index)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.selectionModel().select(selection, flags)
        at = self._index_of(current) if current is not None else None
        if at is not None:  # no scrolling: the list stays where the user is reading
            self.selectionModel().setCurrentIndex(at, QItemSelectionModel.SelectionFlag.NoUpdate)

    def _index_of(self, record_id: str) -> QModelIndex | None:
        row = self._records.row_of(record_id)
        if row < 0:
            return None
        index = self._records.index(row, 0)
        if self._proxy is not None:
            index = self._proxy.mapFromSource(index)  # invalid when the proxy leaves it out
        return index if index.isValid() else None

    def choose(self, record_id: str) -> None:
        """Select the record's row and scroll to it (nothing if it is not on show)."""
        index = self._index_of(record_id)
        if index is None:
            return
        self.selectRow(index.row())
        self.scrollTo(index)
