"""The regional compilation of practices the Secretariat circulates: a workbook (XLSX) and CSV,
one row per practice of every country (or of those a filter keeps).

Rows come prepared: the values of :data:`COLUMNS` as text, in the reader's language. The
workbook has one sheet, with a frozen header and title, filters, A4 landscape and the long
texts wrapped, each row as tall as its longest cell (to the most a spreadsheet allows). It is
written row by row (XlsxWriter's ``constant_memory``), so fifty thousand practices do not sit in
memory; every text cell is written as text, never as a formula.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from focalpoint.i18n import N_, translator
from focalpoint.render.csv_cells import write_rows
from focalpoint.render.sheets import HEADER_FILL, LINE_HEIGHT, finish, heading, lines

# Each column's header and width in characters, in the order of a row's values.
COLUMNS: tuple[tuple[str, int], ...] = (
    (N_("Country"), 16),
    (N_("Title"), 36),
    (N_("Categories"), 30),
    (N_("Populations"), 30),
    (N_("Scope"), 22),
    (N_("Plan actions"), 12),
    (N_("Period"), 18),
    (N_("State"), 14),
    (N_("Summary"), 60),
    (N_("Results"), 50),
    (N_("Lessons learned"), 50),
    (N_("Contact"), 28),
    (N_("Partner organisations"), 30),
)
# A row of Excel is at most 409 points tall; a longer text scrolls inside its cell.
MOST_LINES = 409 // LINE_HEIGHT


def headers(language: str) -> list[str]:
    tr = translator(language)
    return [tr(label) for label, _width in COLUMNS]


def write_practices_csv(rows: Iterable[Sequence[str]], out: TextIO, language: str) -> None:
    """The compilation as CSV to an open text stream (opened with ``newline=""``)."""
    write_rows(out, rows, [headers(language)])


def write_practices_xlsx(rows: Iterable[Sequence[str]], target: Path, language: str) -> int:
    """Write the workbook to the file ``target``; returns how many practices it holds."""
    from xlsxwriter import Workbook  # loaded when a spreadsheet is made, never at start-up

    tr = translator(language)
    book = Workbook(str(target), {"constant_memory": True, "strings_to_formulas": False})
    header = book.add_format(
        {"bold": True, "font_color": "#FFFFFF", "bg_color": HEADER_FILL, "text_wrap": True}
    )
    text = book.add_format({"text_wrap": True, "valign": "top"})
    sheet = book.add_worksheet(tr(N_("Practices"))[:31])
    for c, (_label, width) in enumerate(COLUMNS):
        sheet.set_column(c, c, width)
    heading(sheet, header, headers(language))
    widths = [width for _label, width in COLUMNS]
    r = 0
    for r, values in enumerate(rows, start=1):
        tallest = max(lines(v, w) for v, w in zip(values, widths, strict=True))
        sheet.set_row(r, LINE_HEIGHT * min(tallest, MOST_LINES))
        for c, value in enumerate(values):
            if value:
                sheet.write_string(r, c, value, text)
    finish(sheet, (1, 2), r, len(COLUMNS) - 1, title_columns=True)
    book.close()
    return r
