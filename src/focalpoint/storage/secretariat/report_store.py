"""What the regional report reads from the Secretariat's store, each part in one query: the
stored cells of every country, the entities' acronyms, the practices and services counted,
the practices on alternatives to detention, and the amendment proposals with their answers.

Nothing here holds more than one row per action and country, per entity, per practice (a few
short columns) or per proposal: the records' JSON is read only for the few practices listed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, func, select, tuple_

from focalpoint.storage.secretariat.tables import (
    ConsolidatedAssignment,
    ConsolidatedRecord,
    Proposal,
    RegionalPractice,
    RegionalService,
    table_of,
)

_ASSIGNMENT = table_of(ConsolidatedAssignment)
_RECORD = table_of(ConsolidatedRecord)
_PRACTICE = table_of(RegionalPractice)
_SERVICE = table_of(RegionalService)
_PROPOSAL = table_of(Proposal)
CHUNK = 2000


@dataclass(frozen=True)
class StoredCell:
    country: str
    action_code: str
    lead_id: str | None
    lead_name: str
    supporting: int  # how many supporting entities
    status: str


def cells(conn: Connection) -> Iterator[StoredCell]:
    """Every country's stored cell per action (names resolved at acceptance)."""
    query = select(
        _ASSIGNMENT.c.country,
        _ASSIGNMENT.c.action_code,
        _ASSIGNMENT.c.lead_id,
        _ASSIGNMENT.c.lead_name,
        _ASSIGNMENT.c.support_ids,
        _ASSIGNMENT.c.status,
    ).execution_options(yield_per=CHUNK)
    for country, code, lead_id, lead_name, supports, status in conn.execute(query):
        count = 0 if supports == "[]" else len(json.loads(supports))
        yield StoredCell(country, code, lead_id, lead_name or "", count, status)


def acronyms(conn: Connection) -> dict[tuple[str, str], str]:
    """Each country's entities' acronyms, by (country, entity id); entities without one are
    left out."""
    query = select(_RECORD.c.country, _RECORD.c.record_id, _RECORD.c.data).where(
        _RECORD.c.kind == "entities"
    )
    found = {}
    for country, record_id, data in conn.execute(query.execution_options(yield_per=CHUNK)):
        acronym = str(json.loads(data).get("acronym") or "").strip()
        if acronym:
            found[(country, record_id)] = acronym
    return found


def practice_rows(conn: Connection) -> Iterator[tuple[str, str, str, str, str, str]]:
    """(country, record id, title, state, categories between spaces, updated_at) of every
    live practice."""
    query = select(
        _PRACTICE.c.country,
        _PRACTICE.c.record_id,
        _PRACTICE.c.title,
        _PRACTICE.c.state,
        _PRACTICE.c.categories,
        _PRACTICE.c.updated_at,
    ).execution_options(yield_per=CHUNK)
    for row in conn.execute(query):
        yield tuple(row)


def practice_records(
    conn: Connection, keys: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], dict[str, Any]]:
    """The full records of the practices ``keys`` names, by (country, record id)."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for start in range(0, len(keys), 500):  # a bounded IN list on every database
        chunk = keys[start : start + 500]
        query = select(_RECORD.c.country, _RECORD.c.record_id, _RECORD.c.data).where(
            and_(
                _RECORD.c.kind == "practices",
                tuple_(_RECORD.c.country, _RECORD.c.record_id).in_(chunk),
            )
        )
        for country, record_id, data in conn.execute(query):
            found[(country, record_id)] = json.loads(data)
    return found


def services_by_country_and_type(conn: Connection) -> list[tuple[str, str, int, int]]:
    """(country, service type, live services, of which located) per country and type."""
    located = func.count(_SERVICE.c.latitude)  # counts the rows whose latitude is not null
    query = select(_SERVICE.c.country, _SERVICE.c.service_type, func.count(), located).group_by(
        _SERVICE.c.country, _SERVICE.c.service_type
    )
    return [(c, t, int(n), int(here)) for c, t, n, here in conn.execute(query)]


def map_marks(conn: Connection, cell: float) -> list[tuple[str, float, float]]:
    """(service type, longitude, latitude): one mark per type and square of ``cell`` degrees
    that holds located services, at their mean position (as the country report's map)."""
    column = func.round(_SERVICE.c.longitude / cell)
    row = func.round(_SERVICE.c.latitude / cell)
    query = (
        select(
            _SERVICE.c.service_type,
            func.avg(_SERVICE.c.longitude),
            func.avg(_SERVICE.c.latitude),
        )
        .where(_SERVICE.c.latitude.is_not(None), _SERVICE.c.longitude.is_not(None))
        .group_by(_SERVICE.c.service_type, column, row)
    )
    return [(str(t), float(lon), float(lat)) for t, lon, lat in conn.execute(query)]


@dataclass(frozen=True)
class StoredProposal:
    country: str
    target_code: str
    kind: str
    language: str
    text: str
    justification: str
    proposed_at: str
    proposed_by: str
    state: str
    state_reason: str
    state_version: str


def proposals(conn: Connection) -> list[StoredProposal]:
    """Every amendment proposal received, by the code it is about, then country and date."""
    query = select(
        _PROPOSAL.c.country,
        _PROPOSAL.c.target_code,
        _PROPOSAL.c.kind,
        _PROPOSAL.c.language,
        _PROPOSAL.c.text,
        _PROPOSAL.c.justification,
        _PROPOSAL.c.proposed_at,
        _PROPOSAL.c.proposed_by,
        _PROPOSAL.c.state,
        _PROPOSAL.c.state_reason,
        _PROPOSAL.c.state_version,
    ).order_by(_PROPOSAL.c.target_code, _PROPOSAL.c.country, _PROPOSAL.c.proposed_at)
    return [StoredProposal(*row) for row in conn.execute(query)]
