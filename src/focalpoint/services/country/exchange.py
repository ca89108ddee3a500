"""The directory of services in and out of FocalPoint: CSV with HXL hashtags, and GeoJSON.

The CSV has one row per service with its organisation's columns repeated, a row of headers in
the user's language and a row of HXL hashtags (https://hxlstandard.org), so that a spreadsheet,
a colleague's tool or the Humanitarian Data Exchange reads it as it is;
``docs/directory-exchange.md`` lists the columns. An import is checked whole: one bad row
and nothing is imported.
"""

from __future__ import annotations

import csv
import io
import json
import operator
import re
import sqlite3
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, TextIO, TypeVar

from focalpoint.domain.directory import ImportReport, Organisation, Service
from focalpoint.domain.errors import FocalPointError, InvalidInput
from focalpoint.domain.text import fold, name_key
from focalpoint.domain.vocab import COUNTRIES
from focalpoint.domain.vocabularies import Vocabulary
from focalpoint.i18n import LANGUAGES, _, current_language, pick, translator
from focalpoint.render import directory_exchange
from focalpoint.render.csv_cells import unguarded
from focalpoint.render.directory_exchange import BY_KEY, COLUMNS, REQUIRED, MapExport
from focalpoint.services.common.files import output_target, read_bounded, writing
from focalpoint.services.common.vocabularies import search_words, vocabularies
from focalpoint.services.country.directory import DirectoryService, audit_changes
from focalpoint.services.country.profile import ProfileService
from focalpoint.storage.country import directory_store
from focalpoint.storage.sqlite import Database

MAX_IMPORT_BYTES = 50 * 1024 * 1024
MAX_IMPORT_ROWS = 100_000
# The hashtag row may sit below a title or a note or two; HXL tools look this far down for it.
_HEADER_SEARCH_ROWS = 25
_DELIMITERS = (",", ";", "\t")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_HASHTAG = re.compile(r"^#[a-z][a-z0-9_]*(\s*\+\s*[a-z][a-z0-9_]*)*$", re.IGNORECASE)


# Organisation columns and the field of the organisation each one fills.
_ORG_FIELDS = {
    "org_name": "name",
    "org_acronym": "acronym",
    "org_type": "provider_type",
    "org_website": "website",
    "org_contact": "contact_name",
    "org_email": "email",
    "org_phone": "phone",
    "org_notes": "notes",
}
# Service columns copied as they are (after trimming).
_SERVICE_TEXTS = (
    "name",
    "languages",
    "hours",
    "referral",
    "referral_contact",
    "address",
    "municipality",
)


class DirectoryExchange:
    """Export the directory to CSV or GeoJSON, and import it from CSV, all or nothing."""

    def __init__(self, db: Database, profile: ProfileService, directory: DirectoryService) -> None:
        self._db = db
        self._profile = profile
        self._directory = directory

    # --- export ------------------------------------------------------------------------------

    def export_csv(self, target: Path) -> int:
        """Write every service to ``target`` (UTF-8 with BOM); returns how many were written."""
        return _write_whole(target, lambda handle: self.write_csv(handle), bom=True)

    def export_geojson(self, target: Path) -> MapExport:
        """Write the services that have coordinates as a GeoJSON FeatureCollection."""
        return _write_whole(target, lambda handle: self.write_geojson(handle), bom=False)

    def write_csv(self, stream: TextIO) -> int:
        """The CSV to an open text stream (opened with ``newline=""``)."""
        return directory_exchange.write_csv(stream, self._rows())

    def write_geojson(self, stream: TextIO) -> MapExport:
        """A GeoJSON FeatureCollection (RFC 7946) of the located services, one per line."""
        return directory_exchange.write_geojson(stream, self._rows(), vocabularies())

    def _rows(self) -> list[tuple[Any, ...]]:
        """Every live service with its organisation: the values of the columns, in order."""
        from focalpoint.services.common import geography

        with self._db.reading() as conn:
            found = directory_store.exchange_rows(conn)
        country = self._directory.country()
        language = current_language()
        names: dict[str, str] = {}
        rows = []
        for raw in found:
            # raw: 8 organisation fields, id, name, type, populations (JSON), ages, 6 texts,
            # subdivision, municipality, latitude, longitude, updated_at.
            subdivision = raw[20]
            if subdivision not in names:
                place = geography.subdivision(subdivision) if subdivision else None
                names[subdivision] = place.name_in(language) if place else ""
            rows.append(
                (
                    *raw[:11],
                    ";".join(json.loads(raw[11])),
                    *raw[12:21],
                    names[subdivision],
                    raw[21],
                    raw[22],
                    raw[23],
                    country,
                    raw[24],
                )
            )
        return rows

    # --- import ------------------------------------------------------------------------------

    def import_csv(self, source: Path) -> ImportReport:
        """Add and update services from a CSV; refused whole, listing every bad row, or done."""
        actor = self._profile.actor()  # set up first: every change names a person
        table = _read_table(source)
        with self._db.transaction() as conn:
            return _Import(self._directory, conn, actor, table).run()


# --- writing files -----------------------------------------------------------------------------


_Result = TypeVar("_Result")


def _write_whole(target: Path, write: Callable[[TextIO], _Result], bom: bool) -> _Result:
    """Write the export through ``write`` into ``target``, whole or not at all."""
    path = output_target(
        target,
        _("Give the file a name, such as directory.csv."),
        _("{path} is not a file: choose another name for the export."),
    )
    failure = _(
        "The directory cannot be written to {path}: {reason}. Choose another folder, "
        "or close the program that has the file open."
    )
    encoding = "utf-8-sig" if bom else "utf-8"
    # The stream closes before the file is placed: the two contexts leave in reverse order.
    with writing(path, failure) as partial, partial.open("w", encoding=encoding, newline="") as out:
        return write(out)


# --- reading files -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Table:
    """The parsed file: which column holds which field, and the data rows by spreadsheet line."""

    name: str
    columns: dict[str, int]
    rows: list[tuple[int, list[str]]]


def _read_table(source: Path) -> _Table:
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
    line = 0
    try:
        for line, record in enumerate(reader, start=1):
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
    return _Table(name, columns, rows)


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


# --- importing -----------------------------------------------------------------------------------


class _RowError(FocalPointError):
    """What is wrong with one row (the import lists them all, each with its line)."""


class _Import:
    """One import inside one transaction: check every row, then write, or raise and roll back."""

    def __init__(
        self, directory: DirectoryService, conn: sqlite3.Connection, actor: str, table: _Table
    ) -> None:
        self._directory = directory
        self._conn = conn
        self._actor = actor
        self._table = table
        self._keys = tuple(table.columns)
        self._indexes = tuple(table.columns.values())
        self._country = directory.country()
        vocab = vocabularies()
        self._service_types = vocab.service_type
        self._provider_types = vocab.provider_type
        self._populations = vocab.population
        self._costs = vocab.cost
        self._checked_orgs: dict[
            tuple[tuple[str, Any], ...], tuple[str, dict[str, str]] | FocalPointError
        ] = {}
        self._places: dict[tuple[str, str], str | _RowError] = {}
        # The same few words fill a column from top to bottom: each is looked up once.
        self._codes: dict[tuple[str, str], str] = {}
        self._population_cells: dict[str, tuple[str, ...]] = {}

    def run(self) -> ImportReport:
        conn = self._conn
        existing = {s.id: s for s in directory_store.services(conn, include_deleted=True)}
        orgs_by_name: dict[str, Organisation] = {}
        deleted_orgs: dict[str, Organisation] = {}
        for org in directory_store.organisations(conn, include_deleted=True):
            (deleted_orgs if org.deleted else orgs_by_name).setdefault(name_key(org.name), org)
        errors: list[str] = []
        # Organisation values gathered from the rows: a value given twice must agree.
        org_values: dict[str, dict[str, tuple[str, int]]] = {}
        planned: list[tuple[int, str, Service]] = []  # (line, organisation key, service)
        seen_ids: dict[str, int] = {}
        # Rows without a FocalPoint id (a spreadsheet kept elsewhere) find their service by
        # organisation and name, so importing the same sheet twice updates, not duplicates.
        org_names = {org.id: key for key, org in orgs_by_name.items()}
        by_name: dict[tuple[str, str], list[Service]] = {}
        for svc in existing.values():
            if not svc.deleted and svc.organisation_id in org_names:
                by_name.setdefault((org_names[svc.organisation_id], name_key(svc.name)), []).append(
                    svc
                )
        for line, record in self._table.rows:
            try:
                values = self._values(record)
                org_key, org_row = self._organisation(values)
                if org_key not in orgs_by_name and org_key in deleted_orgs:
                    # Created anew, it would take the name the deleted one needs to come back.
                    raise _RowError(
                        _(
                            "the organisation {name} was deleted from the directory; restore "
                            "it first (Organisations…, Show deleted)"
                        ).format(name=deleted_orgs[org_key].name)
                    )
                gathered = org_values.setdefault(org_key, {})
                for field, value in org_row.items():
                    if not value:
                        continue
                    earlier = gathered.get(field)
                    if earlier is None:
                        gathered[field] = (value, line)
                    elif earlier[0] != value and field != "name":
                        raise _RowError(
                            _(
                                "the organisation {org} has another {field} on line {other} "
                                "({value})"
                            ).format(
                                org=org_row["name"],
                                field=_(BY_KEY[_org_column(field)].header).lower(),
                                other=earlier[1],
                                value=earlier[0],
                            )
                        )
                svc = self._service(values, existing, seen_ids, line, by_name.get(
                    (org_key, name_key(values.get("name", ""))), []
                ))  # fmt: skip
                planned.append((line, org_key, svc))
            except FocalPointError as error:
                errors.append(_("line {line}: {reason}").format(line=line, reason=error.message))
        if errors:
            raise InvalidInput(
                _(
                    "Nothing was imported from {name}: {n} row(s) have a problem. Correct them "
                    "and import the file again."
                ).format(name=self._table.name, n=len(errors)),
                tuple(errors),
            )
        return self._write(orgs_by_name, org_values, planned, existing)

    # --- one row -------------------------------------------------------------------------------

    def _values(self, record: list[str]) -> dict[str, str]:
        """The row's cells by column key, trimmed, without the apostrophe that guards formulas."""
        size = len(record)
        cells = unguarded([record[i].strip() if i < size else "" for i in self._indexes])
        return dict(zip(self._keys, cells, strict=True))

    def _organisation(self, values: dict[str, str]) -> tuple[str, dict[str, str]]:
        """The row's organisation, checked on its own; keyed by its name as a person reads it."""
        given: dict[str, Any] = {
            field: values[column] for column, field in _ORG_FIELDS.items() if values.get(column)
        }
        # An organisation's columns repeat on each of its services' rows: checked once.
        seen = tuple(given.items())
        known = self._checked_orgs.get(seen)
        if isinstance(known, FocalPointError):
            raise known
        if known is not None:
            return known
        try:
            if given.get("provider_type"):
                given["provider_type"] = self._code(self._provider_types, given["provider_type"])
            clean = self._directory.clean_organisation(Organisation(**{"name": "", **given}))
        except FocalPointError as error:
            self._checked_orgs[seen] = error
            raise
        checked = {f: getattr(clean, f) for f in given}
        result = name_key(clean.name), {"name": clean.name, **checked}
        self._checked_orgs[seen] = result
        return result

    def _service(
        self,
        values: dict[str, str],
        existing: dict[str, Service],
        seen_ids: dict[str, int],
        line: int,
        same_name: list[Service],
    ) -> Service:
        service_id = self._service_id(values.get("id", ""), existing, seen_ids, line)
        base = existing.get(service_id) if service_id else None
        if base is None and not service_id:
            base = self._same_service(values, same_name, seen_ids, line)
        changes: dict[str, Any] = {}
        for key in _SERVICE_TEXTS:
            if key in values:
                changes[key] = values[key]
        if "service_type" in values:
            changes["service_type"] = self._code(self._service_types, values["service_type"])
        if "cost" in values:
            changes["cost"] = self._code(self._costs, values["cost"]) if values["cost"] else ""
        if "populations" in values:
            changes["populations"] = self._population_codes(values["populations"])
        for key in ("age_min", "age_max"):
            if key in values:
                changes[key] = _whole_number(values[key], key)
        for key in ("latitude", "longitude"):
            if key in values:
                changes[key] = _decimal(values[key], key)
        if "subdivision" in values or "subdivision_name" in values:
            changes["subdivision"] = self._subdivision(
                values.get("subdivision", ""), values.get("subdivision_name", "")
            )
        country = values.get("country", "").upper()
        if country and country != self._country:
            raise _RowError(
                _("this row is for the country {code}; this workspace is for {country}").format(
                    code=values["country"], country=pick(COUNTRIES.get(self._country, {}))
                )
            )
        if base is not None:
            draft = _service_with(base, changes)
        else:
            draft = _service_with(_NEW_SERVICE, {"id": service_id, **changes})
        return self._directory.clean_service(draft)

    def _service_id(
        self, text: str, existing: dict[str, Service], seen_ids: dict[str, int], line: int
    ) -> str:
        """The id the row keeps: a known service's, a UUID that travelled with it, or none."""
        if not text:
            return ""
        if text in existing:
            service_id = text
        else:
            try:
                service_id = str(uuid.UUID(text))
            except ValueError:
                return ""  # another tool's own numbering: a new service here
        if service_id in seen_ids:
            raise _RowError(
                _("the service ID {id} is also on line {other}").format(
                    id=text, other=seen_ids[service_id]
                )
            )
        seen_ids[service_id] = line
        found = existing.get(service_id)
        if found is not None and found.deleted:
            raise _RowError(
                _(
                    "the service {name} was deleted from the directory; restore it before "
                    "importing changes to it, or clear its service ID to add it anew"
                ).format(name=found.name)
            )
        return service_id

    def _same_service(
        self, values: dict[str, str], same_name: list[Service], seen_ids: dict[str, int], line: int
    ) -> Service | None:
        """The service of the same organisation and name (and subdivision, when the row gives
        one) that a row without an id stands for; None for a new service."""
        candidates = same_name
        if len(candidates) > 1 and ("subdivision" in values or "subdivision_name" in values):
            code = self._subdivision(
                values.get("subdivision", ""), values.get("subdivision_name", "")
            )
            candidates = [s for s in candidates if s.subdivision == code]
        if len(candidates) != 1:
            return None  # none, or several services alike: a new one rather than a guess
        found = candidates[0]
        if found.id in seen_ids:
            return None  # an earlier row already stands for it: this one is another service
        seen_ids[found.id] = line
        return found

    def _code(self, vocabulary: Vocabulary, text: str) -> str:
        """A code for a code or a label in any language; unknown text is left for the check."""
        key = (vocabulary.name, text)
        code = self._codes.get(key)
        if code is None:
            code = self._codes[key] = vocabulary.find(text) or text
        return code

    def _population_codes(self, text: str) -> tuple[str, ...]:
        found = self._population_cells.get(text)
        if found is None:
            found = self._population_cells[text] = self._read_populations(text)
        return found

    def _read_populations(self, text: str) -> tuple[str, ...]:
        """Codes or labels separated by semicolons (labels may hold commas themselves)."""
        codes: list[str] = []
        for piece in re.split(r"[;|\n]", text):
            if not piece.strip():
                continue
            code = self._populations.find(piece)
            if code is not None:
                codes.append(code)
                continue
            parts = [p.strip() for p in piece.split(",") if p.strip()]
            start = 0
            while start < len(parts):  # the longest run of comma pieces that names a term
                for end in range(len(parts), start, -1):
                    code = self._populations.find(", ".join(parts[start:end]))
                    if code is not None:
                        codes.append(code)
                        start = end
                        break
                else:
                    codes.append(parts[start])  # unknown: the check names it
                    start += 1
        return tuple(codes)

    def _subdivision(self, code: str, name: str) -> str:
        """The subdivision code from the code and name cells (the same few, on many rows)."""
        known = self._places.get((code, name))
        if known is None:
            try:
                known = self._find_subdivision(code, name)
            except _RowError as error:
                known = error
            self._places[(code, name)] = known
        if isinstance(known, _RowError):
            raise known
        return known

    def _find_subdivision(self, code: str, name: str) -> str:
        from focalpoint.services.common import geography

        if code:
            if name:
                found = geography.subdivision(code.upper())
                if found is not None and fold(name) not in {fold(n) for n in found.names.values()}:
                    raise _RowError(
                        _(
                            "the subdivision code {code} is {right}, not {name}; correct one of "
                            "the two"
                        ).format(code=code, right=found.name_in(current_language()), name=name)
                    )
            return code
        if not name:
            return ""
        wanted = fold(name)
        for sub in geography.subdivisions(self._country):
            if wanted in {fold(n) for n in sub.names.values()}:
                return sub.code
        raise _RowError(
            _("there is no subdivision named {name} in {country}").format(
                name=name, country=pick(COUNTRIES.get(self._country, {}))
            )
        )

    # --- writing -------------------------------------------------------------------------------

    def _write(
        self,
        orgs_by_name: dict[str, Organisation],
        org_values: dict[str, dict[str, tuple[str, int]]],
        planned: list[tuple[int, str, Service]],
        existing: dict[str, Service],
    ) -> ImportReport:
        conn, actor, words = self._conn, self._actor, search_words()
        org_ids: dict[str, str] = {}
        orgs_created = orgs_updated = 0
        for key, gathered in org_values.items():
            given: dict[str, Any] = {field: value for field, (value, _line) in gathered.items()}
            before = orgs_by_name.get(key)
            if before is None:
                org = Organisation(**given)
                orgs_created += 1
            else:
                # An empty cell leaves the organisation's value as it is; the name keeps the
                # directory's spelling.
                org = replace(before, **{f: v for f, v in given.items() if f != "name"})
                if org == before:
                    org_ids[key] = before.id
                    continue
                orgs_updated += 1
            org_id = directory_store.save_organisation(conn, org, words)
            saved = directory_store.organisation(conn, org_id)
            assert saved is not None
            audit_changes(
                conn,
                actor,
                "organisation",
                org_id,
                before,
                saved,
                directory_store.ORGANISATION_FIELDS,
            )
            org_ids[key] = org_id
        created = updated = unchanged = 0
        for _line, org_key, svc in planned:
            draft = _service_with(svc, {"organisation_id": org_ids[org_key]})
            old = existing.get(draft.id) if draft.id else None
            if old is not None and _SERVICE_VALUES(old) == _SERVICE_VALUES(draft):
                unchanged += 1
                continue
            service_id = directory_store.save_service(conn, draft, words, create=old is None)
            # Saved as it is: the draft is what the history compares, without reading it back.
            audit_changes(
                conn, actor, "service", service_id, old, draft, directory_store.SERVICE_FIELDS
            )
            if old is None:
                created += 1
            else:
                updated += 1
        return ImportReport(
            organisations_created=orgs_created,
            services_created=created,
            services_updated=updated,
            organisations_updated=orgs_updated,
            services_unchanged=unchanged,
        )


_NEW_SERVICE = Service("", "", "")
_SERVICE_INIT = tuple(f.name for f in fields(Service))


_SERVICE_VALUES = operator.attrgetter(*directory_store.SERVICE_FIELDS)


def _service_with(svc: Service, changes: dict[str, Any]) -> Service:
    """``dataclasses.replace`` without its checks, which cost a second per 20,000 rows."""
    return Service(**{**{f: getattr(svc, f) for f in _SERVICE_INIT}, **changes})


def _org_column(field: str) -> str:
    return next(column for column, f in _ORG_FIELDS.items() if f == field)


def _whole_number(text: str, key: str) -> int | None:
    if not text:
        return None
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        number = float("nan")
    if not number.is_integer():
        raise _RowError(
            _("'{text}' in the column {column} is not a whole number").format(
                text=text, column=_(BY_KEY[key].header)
            )
        )
    return int(number)


def _decimal(text: str, key: str) -> float | None:
    """Decimal degrees, written with a point or (as a Spanish or French Excel does) a comma."""
    if not text:
        return None
    try:
        return float(text.replace(",", ".") if "." not in text else text)
    except ValueError:
        raise _RowError(
            _("'{text}' in the column {column} is not a number in decimal degrees").format(
                text=text, column=_(BY_KEY[key].header)
            )
        ) from None
