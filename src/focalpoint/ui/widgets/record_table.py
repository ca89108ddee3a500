"""The table of a list of records: one record a row, chosen one at a time, found by its id.

The records are a flat model's (``table_model``) or a paged one's (``paged_model``): either way
the table asks the model for the record on a row and for the row of a record."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QSortFilterProxyModel, Qt
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

    def chosen(self) -> R | None:
        rows = self.selectionModel().selectedRows()
        if not rows:
            return None
        index = rows[0] if self._proxy is None else self._proxy.mapToSource(rows[0])
        return self._records.record(index.row())

    def sortable(self, column: int, descending: bool = False) -> None:
        """Every column sorts on a click of its header; the list starts in this order."""
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.horizontalHeader().setSortIndicator(column, order)
        self.setSortingEnabled(True)

    def choose(self, record_id: str) -> None:
        """Select the record's row and scroll to it (nothing if it is not on show)."""
        row = self._records.row_of(record_id)
        if row < 0:
            return
        index = self._records.index(row, 0)
        if self._proxy is not None:
            index = self._proxy.mapFromSource(index)
        self.selectRow(index.row())
        self.scrollTo(index)
