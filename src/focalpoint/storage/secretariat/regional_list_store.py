"""Reading the regional tables (services, practices) for their lists, in portable SQL.

A regional list filters in memory (``services/secretariat/regional_lists``): no SQL filter on
text can use an index on both SQLite and PostgreSQL, and a scan of 220,000 services with
``LIKE`` took 75-100 ms on SQLite, twice the budget of a keystroke. So this module reads, once,
what a list filters, sorts and shows (:func:`search_rows`), and tells when that went stale
(:func:`state`).
"""

from __future__ import annotations

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
