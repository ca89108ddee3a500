"""What the Secretariat's workbooks share (the regional matrix, the compilation of practices):
the header's colour, rows as tall as their wrapped text, and the page set-up (frozen header,
filters, A4 landscape, titles repeated on every page)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.worksheet import Worksheet

HEADER_FILL = "#1D3557"
A4 = 9  # the paper size code spreadsheets use
LINE_HEIGHT = 15  # points, for the default 11-point font
# Printed at 65 %: the title columns on every page and a few more beside them, readable.
PRINT_SCALE = 65


def lines(text: str, width: int) -> int:
    """How many lines ``text`` takes in a column ``width`` characters wide, wrapped at words."""
    return sum(max(1, -(-len(part) // max(width - 2, 1))) for part in text.split("\n"))


def heading(sheet: Worksheet, style: Format, labels: Iterable[str]) -> None:
    for c, label in enumerate(labels):
        sheet.write_string(0, c, label, style)


def finish(
    sheet: Worksheet,
    frozen: tuple[int, int],
    last_row: int,
    last_column: int,
    title_columns: bool = False,
) -> None:
    """Frozen header, filters over the table, A4 landscape, titles repeated on every page."""
    sheet.freeze_panes(*frozen)
    sheet.autofilter(0, 0, max(last_row, 1), last_column)
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.set_print_scale(PRINT_SCALE)
    sheet.repeat_rows(0)
    if title_columns:
        sheet.repeat_columns(0, 1)
