"""Reading the regional tables (services, practices) for their lists, in portable SQL.

A regional list filters in memory (``services/secretariat/regional_lists``): no SQL filter on
text can use an index on both SQLite and PostgreSQL, and a scan of 220,000 services with
``LIKE`` took 75-100 ms on SQLite, twice the budget of a keystroke. So this module reads, once,
what a filter looks at (:func:`search_rows`), tells when that went stale (:func:`state`), and
reads the rows of one page by their keys (:func:`rows_by_key`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, Table, select

from focalpoint.storage.secretariat.tables import (
    ConsolidatedCountry,
    RegionalPractice,
    RegionalService,
    table_of,
)

_COUNTRY = table_of(ConsolidatedCountry)
# The regional tables, by the name the services give them.
TABLES: dict[str, Table] = {
    "services": table_of(RegionalService),
    "practices": table_of(RegionalPractice),
}
Key = tuple[str, str]  # (country, record_id)


def state(conn: Connection) -> tuple[tuple[str, int, str], ...]:
    """What the regional tables were made from: each country's consolidated package and when.
    Another analyst's acceptance changes it; reading the tables again is then due."""
    query = select(_COUNTRY.c.country, _COUNTRY.c.sequence, _COUNTRY.c.consolidated_at)
    return tuple(sorted((r.country, r.sequence, r.consolidated_at) for r in conn.execute(query)))


def search_rows(
    conn: Connection, kind: str, columns: Sequence[str], order: str, chunk: int = 20_000
) -> Iterator[Any]:
    """Every row's key and ``columns`` of a regional table (``TABLES``), in ``order`` (a
    sort-key column), then by key."""
    table = TABLES[kind]
    query = (
        select(table.c.country, table.c.record_id, *(table.c[name] for name in columns))
        .order_by(table.c[order], table.c.country, table.c.record_id)
        .execution_options(yield_per=chunk)
    )
    yield from conn.execute(query)


def rows_by_key(
    conn: Connection, kind: str, columns: Sequence[str], keys: Sequence[Key]
) -> list[Any]:
    """The rows of ``keys`` (with their key and ``columns``), in the order of ``keys``; a key
    no longer there is left out. One primary-key lookup per key, grouped by country."""
    if not keys:
        return []
    table = TABLES[kind]
    by_country: dict[str, list[str]] = defaultdict(list)
    for country, record_id in keys:
        by_country[country].append(record_id)
    chosen = (table.c.country, table.c.record_id, *(table.c[name] for name in columns))
    rows: dict[Key, Any] = {}
    # A query per country: SQLite walks the primary key for ``country = ? AND record_id IN``,
    # where an OR of the countries made it scan (30-40 ms a page of 200 on 220,000 services).
    for country, ids in by_country.items():
        query = select(*chosen).where(table.c.country == country, table.c.record_id.in_(ids))
        rows.update(((row.country, row.record_id), row) for row in conn.execute(query))
    return [rows[key] for key in keys if key in rows]
