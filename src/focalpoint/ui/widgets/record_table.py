"""The table of a list of records: one record a row, chosen one at a time, found by its id."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtWidgets import QHeaderView, QTableView

from focalpoint.ui.widgets.table_model import Identified, RowTableModel

R = TypeVar("R", bound=Identified)


class RecordTable(QTableView, Generic[R]):
    """Shows ``records`` (through ``proxy`` when the list sorts or filters in Qt)."""

    def __init__(
        self,
        records: RowTableModel[R],
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
        return self._records.rows[index.row()]

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
