"""The consolidated store: each country's newest accepted submission, record by record, and the
package that set each record. Rewritten whole for a country at each acceptance (Core, in bulk):
a country's state is a function of its accepted packages, never an accumulation of edits."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from focalpoint.storage.secretariat.bulk import bulk_insert
from focalpoint.storage.secretariat.tables import (
    ConsolidatedAssignment,
    ConsolidatedCountry,
    ConsolidatedRecord,
    table_of,
)

_COUNTRY = table_of(ConsolidatedCountry)
_ASSIGNMENT = table_of(ConsolidatedAssignment)
_RECORD = table_of(ConsolidatedRecord)


@dataclass(frozen=True)
class ConsolidatedHead:
    country: str
    package_id: str
    sequence: int
    consolidated_at: str


@dataclass(frozen=True)
class AssignmentCell:
    action_code: str
    lead_id: str | None
    lead_name: str
    support_ids: tuple[str, ...]
    support_names: tuple[str, ...]
    status: str
    note: str
    set_by: str  # the received package's id


def head(conn: Connection, country: str) -> ConsolidatedHead | None:
    row = conn.execute(select(_COUNTRY).where(_COUNTRY.c.country == country)).mappings().first()
    return ConsolidatedHead(**row) if row else None


def heads(conn: Connection) -> dict[str, ConsolidatedHead]:
    return {r["country"]: ConsolidatedHead(**r) for r in conn.execute(select(_COUNTRY)).mappings()}


ASSIGNMENT_COLUMNS = (
    "country",
    "action_code",
    "lead_id",
    "lead_name",
    "support_ids",
    "support_names",
    "status",
    "note",
    "set_by",
)
RECORD_COLUMNS = ("country", "kind", "record_id", "data", "set_by")


def replace_country(
    conn: Connection,
    new_head: ConsolidatedHead,
    assignments: Iterable[AssignmentCell],
    records: Iterable[tuple[str, str, str, str]],
) -> None:
    """Make ``new_head`` the country's state: its assignments and its ``(kind, id, JSON text,
    set_by)`` records replace whatever the country had (one transaction: the caller's)."""
    country = new_head.country
    conn.execute(delete(_ASSIGNMENT).where(_ASSIGNMENT.c.country == country))
    conn.execute(delete(_RECORD).where(_RECORD.c.country == country))
    conn.execute(delete(_COUNTRY).where(_COUNTRY.c.country == country))
    conn.execute(insert(_COUNTRY).values(**new_head.__dict__))
    cells = [
        (
            country,
            a.action_code,
            a.lead_id,
            a.lead_name,
            json.dumps(list(a.support_ids)),
            json.dumps(list(a.support_names), ensure_ascii=False),
            a.status,
            a.note,
            a.set_by,
        )
        for a in assignments
    ]
    bulk_insert(conn, _ASSIGNMENT, ASSIGNMENT_COLUMNS, cells)
    rows = [(country, kind, record_id, text, set_by) for kind, record_id, text, set_by in records]
    bulk_insert(conn, _RECORD, RECORD_COLUMNS, rows)


def assignments(
    conn: Connection, country: str, action_code: str | None = None
) -> list[AssignmentCell]:
    """A country's cells, by action code (only ``action_code``'s when given)."""
    query = (
        select(_ASSIGNMENT)
        .where(_ASSIGNMENT.c.country == country)
        .order_by(_ASSIGNMENT.c.action_code)
    )
    if action_code is not None:
        query = query.where(_ASSIGNMENT.c.action_code == action_code)
    return [
        AssignmentCell(
            r["action_code"],
            r["lead_id"],
            r["lead_name"],
            tuple(json.loads(r["support_ids"])),
            tuple(json.loads(r["support_names"])),
            r["status"],
            r["note"],
            r["set_by"],
        )
        for r in conn.execute(query).mappings()
    ]


def records(conn: Connection, country: str, kind: str) -> list[tuple[str, dict[str, Any], str]]:
    """``(id, record, set_by)`` of one kind for a country, by id."""
    query = (
        select(_RECORD.c.record_id, _RECORD.c.data, _RECORD.c.set_by)
        .where(_RECORD.c.country == country, _RECORD.c.kind == kind)
        .order_by(_RECORD.c.record_id)
    )
    return [(r.record_id, json.loads(r.data), r.set_by) for r in conn.execute(query)]


def record(conn: Connection, country: str, kind: str, record_id: str) -> dict[str, Any] | None:
    """One record of a country's consolidated state, as its package gave it."""
    query = select(_RECORD.c.data).where(
        _RECORD.c.country == country, _RECORD.c.kind == kind, _RECORD.c.record_id == record_id
    )
    data = conn.execute(query).scalar_one_or_none()
    return None if data is None else dict(json.loads(data))


def matrix_cells(conn: Connection) -> dict[str, dict[str, tuple[str, list[str], str, str]]]:
    """Every country's cells, as the regional matrix reads them: ``{country: {action_code:
    (lead name, supporting names, status, note)}}``, in one read."""
    query = select(
        _ASSIGNMENT.c.country,
        _ASSIGNMENT.c.action_code,
        _ASSIGNMENT.c.lead_name,
        _ASSIGNMENT.c.support_names,
        _ASSIGNMENT.c.status,
        _ASSIGNMENT.c.note,
    )
    cells: dict[str, dict[str, tuple[str, list[str], str, str]]] = {}
    for country, code, lead, supports, status, note in conn.execute(query):
        names = [] if supports == "[]" else list(json.loads(supports))
        cells.setdefault(country, {})[code] = (lead, names, status, note)
    return cells
