"""Reading a directory file as a table: its encoding, its delimiter, which column holds which
field (by HXL hashtag or by header in any of the three languages), and its data rows by the
line a spreadsheet shows, within the import's bounds. What the rows say is checked later
(``importing``)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.text import fold
from focalpoint.i18n import LANGUAGES, _, translator
from focalpoint.render.directory_exchange import BY_KEY, COLUMNS, REQUIRED
from focalpoint.services.common.files import read_bounded
from focalpoint.services.common.progress import Progress, Stop, stepped

# The file is read whole (then parsed row by row), so its size is bounded; the bound must let in
# any directory FocalPoint writes within the row limit: 100,000 services with one referral text
# in twenty as long as a field may be export to 55 MB, which the first bound (50 MB) refused.
MAX_IMPORT_BYTES = 128 * 1024 * 1024
MAX_IMPORT_ROWS = 100_000
# The hashtag row may sit below a title or a note or two; HXL tools look this far down for it.
_HEADER_SEARCH_ROWS = 25
_DELIMITERS = (",", ";", "\t")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_HASHTAG = re.compile(r"^#[a-z][a-z0-9_]*(\s*\+\s*[a-z][a-z0-9_]*)*$", re.IGNORECASE)


@dataclass(frozen=True)
class Table:
    """The parsed file: which column holds which field, and the data rows by spreadsheet line."""

    name: str
    columns: dict[str, int]
    rows: list[tuple[int, list[str]]]


def read_table(
    source: Path, progress: Progress | None = None, cancelled: Stop | None = None
) -> Table:
    """The file's data rows and columns; refused whole when it is not a directory file.

    ``progress`` hears how many of the file's lines are read (a cell over several lines makes
    the count a little short); ``cancelled`` stops the reading between rows.
    """
    name = source.name or str(source)
    too_large = _("{name} is too large to import (more than {size} MB).").format(
        name=name, size=MAX_IMPORT_BYTES // (1024 * 1024)
    )
    text = _decode(read_bounded(source, MAX_IMPORT_BYTES, too_large), name)
    if not text.strip():
        raise InvalidInput(_("{name} is empty: there is nothing to import.").format(name=name))
    delimiter, columns, first_data = _layout(text, name)
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    lines = text.count("\n") + 1 if progress is not None else 0  # counted only to be shown
    line = 0
    try:
        for line, record in enumerate(stepped(reader, lines, progress, cancelled), start=1):
            if line < first_data or not any(cell.strip() for cell in record):
                continue
            if len(rows) >= MAX_IMPORT_ROWS:
                raise InvalidInput(
                    _(
                        "{name} has more than {n} rows. Split it into smaller files and import "
                        "them one by one."
                    ).format(name=name, n=MAX_IMPORT_ROWS)
                )
            rows.append((line, record))
    except csv.Error as exc:
        raise InvalidInput(
            _(
                "{name} cannot be read as CSV after line {line}: a cell is too long or a "
                "quotation mark is not closed."
            ).format(name=name, line=line)
        ) from exc
    if not rows:
        raise InvalidInput(
            _("{name} has column names but no rows: there is nothing to import.").format(name=name)
        )
    return Table(name, columns, rows)


def _decode(raw: bytes, name: str) -> str:
    """The file's text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
        raise InvalidInput(
            _(
                "{name} is a spreadsheet workbook, not a CSV file. In your spreadsheet program, "
                "save it as CSV (UTF-8) and import that file."
            ).format(name=name)
        )
    not_csv = InvalidInput(
        _("{name} is not a CSV file: it holds data that is not text.").format(name=name)
    )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise not_csv from exc
    elif b"\x00" in raw:
        raise not_csv
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            # Excel on Windows saves "CSV" in the system's code page; cp1252 leaves five bytes
            # undefined, which latin-1 takes as they are.
            try:
                text = raw.decode("cp1252")
            except UnicodeDecodeError:
                text = raw.decode("latin-1")
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls > len(text) // 100:
        raise not_csv
    return text


def _tag_key(tag: str) -> tuple[str, frozenset[str]] | None:
    """A hashtag as HXL compares it: the tag and its attributes, in any order and case."""
    text = tag.strip()
    if not _HASHTAG.match(text):
        return None
    parts = [p.strip().lower() for p in text.split("+")]
    return parts[0], frozenset(parts[1:])


def _tag_table() -> dict[tuple[str, frozenset[str]], str]:
    table: dict[tuple[str, frozenset[str]], str] = {}
    for column in COLUMNS:  # each column's own hashtag first, then the other spellings
        key = _tag_key(column.hashtag)
        assert key is not None
        table.setdefault(key, column.key)
    for column in COLUMNS:
        for alias in column.aliases:
            key = _tag_key(alias)
            assert key is not None
            table.setdefault(key, column.key)
    return table


def _header_table() -> dict[str, str]:
    """Header names in every language (English whatever the catalogues hold)."""
    table: dict[str, str] = {}
    for language in LANGUAGES:
        tr = translator(language)
        for column in COLUMNS:
            table.setdefault(fold(tr(column.header)), column.key)
    for column in COLUMNS:
        table.setdefault(fold(column.header), column.key)
    return table


def _is_hashtag_row(record: Sequence[str]) -> bool:
    cells = [c for c in record if c.strip()]
    return bool(cells) and all(_tag_key(c) is not None for c in cells)


def _columns_of(
    records: list[list[str]],
) -> tuple[dict[str, int], int]:
    """Columns found in the first rows, and the (1-based) line where the data starts."""
    tags, headers = _tag_table(), _header_table()
    hashtag_at = next((i for i, r in enumerate(records) if _is_hashtag_row(r)), None)
    columns: dict[str, int] = {}
    if hashtag_at is not None:
        for index, cell in enumerate(records[hashtag_at]):
            key = _tag_key(cell)
            found = tags.get(key) if key else None
            if found and found not in columns:
                columns[found] = index
        header_at = hashtag_at - 1 if hashtag_at > 0 else None
        first_data = hashtag_at + 2
    else:  # the row naming the most columns (a title line or two may stand above it)
        counts: list[int] = [sum(1 for c in r if fold(c) in headers) for r in records]
        most = max(counts, default=0)
        if most:
            header_at = counts.index(most)
        else:
            header_at = next((i for i, r in enumerate(records) if any(c.strip() for c in r)), 0)
        first_data = header_at + 2
    if header_at is not None:  # header names fill in the columns the hashtags left unknown
        for index, cell in enumerate(records[header_at]):
            found = headers.get(fold(cell))
            if found and found not in columns and index not in columns.values():
                columns[found] = index
    return columns, first_data


def _layout(text: str, name: str) -> tuple[str, dict[str, int], int]:
    """The delimiter (the one under which most columns are recognised), columns, first line."""
    best: tuple[str, dict[str, int], int] = (",", {}, 2)
    for delimiter in _DELIMITERS:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        records: list[list[str]] = []
        try:
            for record in reader:
                records.append(record)
                if len(records) >= _HEADER_SEARCH_ROWS:
                    break
        except csv.Error:
            continue
        columns, first_data = _columns_of(records)
        if len(columns) > len(best[1]):
            best = (delimiter, columns, first_data)
    missing = [k for k in REQUIRED if k not in best[1]]
    if missing:
        raise InvalidInput(
            _(
                "{name} is not a directory file FocalPoint can read: it has no column for {what}. "
                "The first row should name the columns (or the second row hold their HXL "
                "hashtags), as in a file exported from FocalPoint."
            ).format(
                name=name,
                what=", ".join(f"{_(BY_KEY[k].header)} ({BY_KEY[k].hashtag})" for k in missing),
            )
        )
    return best
