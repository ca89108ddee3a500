"""The base of the long lists (practices, services): a table model that knows how many rows a
query has and reads only the pages the view shows.

The query lives behind :class:`Pages` (a count, a read of a stretch, the row of a record), so the
model never holds more than a few pages, whatever the count: opening or filtering 200,000
services costs one count and one page. Clicking a column header asks the owner to order the
query again (:attr:`PagedTableModel.sort_requested`); the owner answers with new pages.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer, Signal

from focalpoint.domain.listing import PAGE_SIZE
from focalpoint.ui.widgets.table_model import AnyIndex, Identified, column_header

R = TypeVar("R", bound=Identified)

# Pages kept after they were read: scrolling back and forth over a few screens reads nothing.
KEPT_PAGES = 8


@dataclass(frozen=True)
class Pages(Generic[R]):
    """One query's rows, read when asked: how many, ``read(offset, limit)``, and ``find(id)``,
    the row of a record (None when the query leaves it out)."""

    count: Callable[[], int]
    read: Callable[[int, int], list[R]]
    find: Callable[[str], int | None]


class Listing(Protocol[R]):
    """What a long list's service offers: a filter's count, a page in an order, a position."""

    def count(self, wanted: Any) -> int: ...
    def page(self, wanted: Any, sorting: Any, offset: int, limit: int) -> list[R]: ...
    def position(self, wanted: Any, sorting: Any, record_id: str) -> int | None: ...


def pages_of(listing: Listing[R], wanted: Any, sorting: Any) -> Pages[R]:
    """The pages of ``listing`` under one filter and order."""
    return Pages(
        lambda: listing.count(wanted),
        lambda offset, limit: listing.page(wanted, sorting, offset, limit),
        lambda record_id: listing.position(wanted, sorting, record_id),
    )


def no_pages() -> Pages[Any]:
    return Pages(lambda: 0, lambda _offset, _limit: [], lambda _id: None)


class PagedTableModel(QAbstractTableModel, Generic[R]):
    """Rows of :class:`Pages`, one column per entry of ``COLUMNS`` (English, marked ``N_``).

    A concrete model writes its own ``data()`` from :meth:`record`.
    """

    COLUMNS: ClassVar[tuple[str, ...]] = ()
    sort_requested = Signal(int, bool)  # column, descending
    failed = Signal(object)  # the exception a read raised

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._pages: Pages[R] = no_pages()
        self._count = 0
        self._kept: OrderedDict[int, list[R]] = OrderedDict()

    def show(self, pages: Pages[R]) -> None:
        """Show ``pages`` in place of the rows on show: counted, and the first page read, before
        the view is told (a view never sees a count without its rows)."""
        count = pages.count()
        first = pages.read(0, PAGE_SIZE) if count else []
        self.beginResetModel()
        try:
            self._pages = pages
            self._count = count
            self._kept = OrderedDict({0: first})
        finally:
            self.endResetModel()

    def record(self, row: int) -> R | None:
        """The record on ``row``, read with its page if it was not kept."""
        if not 0 <= row < self._count:
            return None
        rows = self._page(row // PAGE_SIZE)
        at = row % PAGE_SIZE
        return rows[at] if at < len(rows) else None

    def row_of(self, record_id: str) -> int:
        """The row of a record, or -1 when the query leaves it out."""
        for number, rows in self._kept.items():
            for at, r in enumerate(rows):
                if r.id == record_id:
                    return number * PAGE_SIZE + at
        try:
            found = self._pages.find(record_id)
        except Exception as error:
            self._report(error)
            return -1
        return -1 if found is None or found >= self._count else found

    def _page(self, number: int) -> list[R]:
        rows = self._kept.get(number)
        if rows is not None:
            self._kept.move_to_end(number)
            return rows
        try:
            rows = self._pages.read(number * PAGE_SIZE, PAGE_SIZE)
        except Exception as error:  # a view asks while painting: say so after, keep painting
            self._report(error)
            rows = []
        self._kept[number] = rows
        while len(self._kept) > KEPT_PAGES:
            self._kept.popitem(last=False)
        return rows

    def _report(self, error: Exception) -> None:
        QTimer.singleShot(0, self, lambda: self.failed.emit(error))

    # -- what a view asks ----------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return column_header(self.COLUMNS, section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header was clicked: the owner orders the query again and shows its pages."""
        if 0 <= column < len(self.COLUMNS):
            self.sort_requested.emit(column, order == Qt.SortOrder.DescendingOrder)
