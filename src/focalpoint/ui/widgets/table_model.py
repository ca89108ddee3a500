"""The base of every flat list model: a ``QAbstractTableModel`` over a list of frozen rows.

A concrete model names its columns once (``COLUMNS``) and writes its own ``data()``: texts are
made there, so only the rows on screen cost anything. The base adds nothing to a cell's cost:
it answers the counts and the header, and replaces the rows in one reset.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from focalpoint.i18n import _

AnyIndex = QModelIndex | QPersistentModelIndex
R = TypeVar("R")


def column_header(
    columns: tuple[str, ...], section: int, orientation: Qt.Orientation, role: int
) -> str | None:
    """A list's column title, translated when asked (``columns`` are English, marked ``N_``)."""
    if (
        orientation == Qt.Orientation.Horizontal
        and role == Qt.ItemDataRole.DisplayRole
        and 0 <= section < len(columns)
    ):
        return _(columns[section])
    return None


class Identified(Protocol):
    """A row that names its record: a summary, an entity, an organisation."""

    @property
    def id(self) -> str: ...


Rec = TypeVar("Rec", bound=Identified)


class RowTableModel(QAbstractTableModel, Generic[R]):
    """Rows in ``rows``, one column per entry of ``COLUMNS`` (English, marked with ``N_``)."""

    COLUMNS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[R] = []

    def set_rows(self, rows: list[R]) -> None:
        """Show ``rows`` (kept, not copied) in place of the ones on show."""
        with self.resetting(rows):
            pass

    @contextmanager
    def resetting(self, rows: list[R]) -> Iterator[None]:
        """Show ``rows``; what ``data()`` reads beside them is set inside the block, so that
        no view ever sees new rows with old side data (or the reverse)."""
        self.beginResetModel()
        try:
            self.rows = rows
            yield
        finally:
            self.endResetModel()

    def record(self, row: int) -> R | None:
        """The row's record (None beyond the rows)."""
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self: RowTableModel[Rec], record_id: str) -> int:
        """The row of the record ``record_id``, or -1 when it is not on show."""
        return next((i for i, r in enumerate(self.rows) if r.id == record_id), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return column_header(self.COLUMNS, section, orientation, role)
