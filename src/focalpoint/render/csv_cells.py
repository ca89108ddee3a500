"""CSV as FocalPoint writes it for a spreadsheet, and the one guard on its cells.

A text cell that a spreadsheet would run as a formula is written with a leading apostrophe
(OWASP "CSV injection", which also lists tab and carriage return), so the spreadsheet shows it
as text; an import takes the apostrophe off again (:func:`unguarded`). Numbers and empty cells
are written as they are: a negative longitude stays a number. Every CSV file FocalPoint writes
(the directory export, the copies in a submission) goes through :func:`write_rows`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any, TextIO, TypeVar

FORMULA_CHARS = frozenset("=+-@\t\r")
# Windows line ends, as spreadsheets write them.
LINE_END = "\r\n"
_Key = TypeVar("_Key")


def guarded(value: Any) -> Any:
    """One value as a CSV cell: text that could run as a formula behind an apostrophe.

    Anything but text (numbers, None) is left for the CSV writer, which writes None as an empty
    cell and a float as its shortest exact form.
    """
    if isinstance(value, str):
        return "'" + value if value[:1] in FORMULA_CHARS else value
    return value


def write_rows(
    stream: TextIO, rows: Iterable[Sequence[Any]], heading: Iterable[Sequence[str]] = ()
) -> None:
    """Write ``heading`` (FocalPoint's own column names, as they are) then ``rows``, guarded.

    ``stream`` is a text stream opened with ``newline=""``; lines end in CRLF.
    """
    writer = csv.writer(stream, lineterminator=LINE_END)
    writer.writerows(heading)
    guard = FORMULA_CHARS
    # guarded() inlined for plain text, which is nearly every cell: a call per cell costs a
    # third of the directory export's time. An empty cell stays empty: ""[:1] is "", which no
    # set of characters holds.
    writer.writerows(
        [("'" + v if v[:1] in guard else v) if v.__class__ is str else guarded(v) for v in row]
        for row in rows
    )


def unguarded(cells: dict[_Key, str]) -> dict[_Key, str]:
    """A row read back from a file, its cells by column, with the apostrophe that guards a
    formula taken off; changed in place and returned (building a second row for every row read
    made this step a tenth slower on 100,000 rows)."""
    guard = FORMULA_CHARS
    for key, cell in cells.items():
        if cell[:1] == "'" and cell[1:2] in guard:
            cells[key] = cell[1:]
    return cells


def utf8_with_bom(text: str) -> bytes:
    """CSV text as a file's bytes: UTF-8 behind a byte-order mark, so Excel reads UTF-8."""
    return ("\ufeff" + text).encode("utf-8")


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """A whole CSV file (one header row, then ``rows``) as UTF-8 bytes with a BOM, CRLF."""
    out = io.StringIO(newline="")
    write_rows(out, rows, (header,))
    return utf8_with_bom(out.getvalue())
