"""What the regional exports read: each country's live services and practices, their full
records (the JSON kept in ``consolidated_record``) in the order of the regional tables.

The rows stream: a statement is read ``CHUNK`` rows at a time (a server-side cursor on
PostgreSQL), so a directory of 220,000 services never sits in memory whole. The generators
read through the connection they are given: consume them inside its ``reading()`` block.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select
from sqlalchemy.sql import ColumnElement, Select

from focalpoint.domain.directory import ORGANISATION_FIELDS
from focalpoint.storage.secretariat.tables import (
    ConsolidatedCountry,
    ConsolidatedRecord,
    RegionalPractice,
    RegionalService,
    table_of,
)

_COUNTRY = table_of(ConsolidatedCountry)
_RECORD = table_of(ConsolidatedRecord)
_SERVICE = table_of(RegionalService)
_PRACTICE = table_of(RegionalPractice)
# Rows fetched at a time: enough that a fetch's cost vanishes, few enough to weigh nothing.
CHUNK = 1000


def consolidated_countries(conn: Connection) -> list[str]:
    """The countries with an accepted submission, by code."""
    return list(conn.scalars(select(_COUNTRY.c.country).order_by(_COUNTRY.c.country)))


def organisations(conn: Connection, country: str) -> dict[str, tuple[str, ...]]:
    """The country's live organisations by id: the values of :data:`ORGANISATION_FIELDS`."""
    query = select(_RECORD.c.data).where(
        _RECORD.c.country == country, _RECORD.c.kind == "organisations"
    )
    found = {}
    for data in conn.execute(query, execution_options={"yield_per": CHUNK}).scalars():
        record = json.loads(data)
        if not record.get("deleted_at"):
            found[str(record["id"])] = tuple(str(record.get(f) or "") for f in ORGANISATION_FIELDS)
    return found


def service_count(conn: Connection, countries: Sequence[str]) -> int:
    query = select(func.count()).select_from(_SERVICE).where(_SERVICE.c.country.in_(countries))
    return int(conn.scalar(query) or 0)


def services(conn: Connection, country: str) -> Iterator[dict[str, Any]]:
    """The country's live services, whole, by organisation then name (as the lists sort)."""
    query = (
        select(_RECORD.c.data)
        .select_from(_SERVICE.join(_RECORD, _joined(_SERVICE, "services")))
        .where(_SERVICE.c.country == country)
        .order_by(_SERVICE.c.sort_organisation, _SERVICE.c.sort_name, _SERVICE.c.record_id)
    )
    for data in conn.execute(query, execution_options={"yield_per": CHUNK}).scalars():
        yield json.loads(data)


def practice_count(
    conn: Connection,
    countries: Sequence[str],
    categories: Sequence[str] = (),
    populations: Sequence[str] = (),
) -> int:
    query = select(func.count()).select_from(_PRACTICE)
    return int(conn.scalar(_filtered(query, countries, categories, populations)) or 0)


def practices(
    conn: Connection,
    countries: Sequence[str],
    categories: Sequence[str] = (),
    populations: Sequence[str] = (),
) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(country, record)`` of the live practices of ``countries`` that have one of
    ``categories`` (if any given) and one of ``populations`` (if any), by country and title."""
    query = select(_PRACTICE.c.country, _RECORD.c.data).select_from(
        _PRACTICE.join(_RECORD, _joined(_PRACTICE, "practices"))
    )
    query = _filtered(query, countries, categories, populations).order_by(
        _PRACTICE.c.country, _PRACTICE.c.sort_title, _PRACTICE.c.record_id
    )
    for row in conn.execute(query, execution_options={"yield_per": CHUNK}):
        yield str(row.country), json.loads(row.data)


def _joined(regional: Any, kind: str) -> ColumnElement[bool]:
    return and_(
        _RECORD.c.country == regional.c.country,
        _RECORD.c.kind == kind,
        _RECORD.c.record_id == regional.c.record_id,
    )


def _filtered(
    query: Select[Any],
    countries: Sequence[str],
    categories: Sequence[str],
    populations: Sequence[str],
) -> Select[Any]:
    query = query.where(_PRACTICE.c.country.in_(countries))
    for column, codes in (
        (_PRACTICE.c.categories, categories),
        (_PRACTICE.c.populations, populations),
    ):
        if codes:  # codes are kept between spaces: " alternative_care education "
            query = query.where(or_(*(column.contains(f" {c} ", autoescape=True) for c in codes)))
    return query
