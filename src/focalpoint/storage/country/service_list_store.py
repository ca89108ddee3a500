"""SQL for the services list: how many a filter leaves, one page of them in any order, and
where a service stands in that order.

Each order walks an index that ends with ``deleted_at`` and ``search_key``, so a page checks its
index entries against the filter's matches (``list_scope``) and reads the rows it returns, and
nothing else. Orders by a vocabulary (type, subdivision) follow the labels in the reader's
language: the caller gives the codes in that order and the list walks one stretch per code.
When a filter leaves few services, a page starts from the matches instead and sorts them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from focalpoint.domain.directory import ServiceColumn, ServiceFilter, ServiceSummary
from focalpoint.domain.listing import Sorting
from focalpoint.storage.country import list_scope, search_index
from focalpoint.storage.country.directory_store import SUMMARY_COLUMNS, summary
from focalpoint.storage.country.list_scope import Matching, Part, Scope

# Below this many matches a page sorts the matches themselves (a few milliseconds); above it,
# walking an index in order and checking each entry reaches a page sooner. Measured on 200,000
# services: 100 matches took 30 ms through the index and 0.3 ms sorted.
FEW = 2000


@dataclass(frozen=True)
class _Order:
    source: str  # FROM …, the index that walks in this order
    keys: tuple[str, ...]  # ORDER BY, ascending, ending with s.id
    by_code: str = ""  # a column of codes whose order the caller gives


_NAME_KEYS = ("s.name COLLATE NOCASE", "s.id")
_ORG_JOIN = (
    "organisation o INDEXED BY organisation_by_name"
    " CROSS JOIN service s INDEXED BY service_by_organisation ON s.organisation_id = o.id"
)
ORDERS = {
    ServiceColumn.NAME: _Order("service s INDEXED BY service_by_name", _NAME_KEYS),
    ServiceColumn.ORGANISATION: _Order(
        # By the organisation's rowid after its name: a unique, never-null tie-breaker is what
        # lets SQLite follow the two indexes in order instead of sorting each organisation.
        _ORG_JOIN,
        ("o.name COLLATE NOCASE", "o.rowid", *_NAME_KEYS),
    ),
    ServiceColumn.TYPE: _Order(
        "service s INDEXED BY service_by_type", _NAME_KEYS, by_code="s.service_type"
    ),
    ServiceColumn.SUBDIVISION: _Order(
        "service s INDEXED BY service_by_subdivision", _NAME_KEYS, by_code="s.subdivision"
    ),
    ServiceColumn.MUNICIPALITY: _Order(
        "service s INDEXED BY service_by_municipality",
        ("s.municipality COLLATE NOCASE", *_NAME_KEYS),
    ),
}


def matching(wanted: ServiceFilter) -> Matching:
    """The filter as a search-index query for live services and a condition for deleted ones."""
    words = search_index.match_query(wanted.text)
    facets = search_index.both(
        search_index.facet_query("t", [wanted.service_type]) if wanted.service_type else "",
        search_index.facet_query("p", [wanted.population]) if wanted.population else "",
        search_index.facet_query("d", [wanted.subdivision]) if wanted.subdivision else "",
    )
    search = search_index.both(words, facets) or None
    typed = search_index.typed_words(wanted.text)
    return list_scope.filtered(
        search,
        typed,
        facets,
        wanted.include_deleted,
        (
            ("has_words(name, ?)", wanted.text, bool(words)),
            ("service_type = ?", wanted.service_type, bool(wanted.service_type)),
            ("instr(populations, ?) > 0", f'"{wanted.population}"', bool(wanted.population)),
            ("subdivision = ?", wanted.subdivision, bool(wanted.subdivision)),
        ),
    )


def scope(conn: sqlite3.Connection, wanted: ServiceFilter) -> Scope:
    return list_scope.scope(conn, "service", matching(wanted))


def count(conn: sqlite3.Connection, wanted: ServiceFilter) -> int:
    return scope(conn, wanted).count


def page(
    conn: sqlite3.Connection,
    wanted: ServiceFilter,
    sorting: Sorting,
    codes: Sequence[str],
    offset: int,
    limit: int,
) -> list[ServiceSummary]:
    """Rows ``offset`` to ``offset + limit`` in ``sorting``'s order; ``codes``: for an order by
    type or subdivision, the codes in the order their labels read."""
    rows = _Reader(conn, scope(conn, wanted), sorting, codes)
    return [summary(row) for row in list_scope.either_end(rows.fetch, rows.count, offset, limit)]


def position(
    conn: sqlite3.Connection,
    wanted: ServiceFilter,
    sorting: Sorting,
    codes: Sequence[str],
    service_id: str,
) -> int | None:
    """The row of a service in that order, or None when the filter leaves it out."""
    return _Reader(conn, scope(conn, wanted), sorting, codes).position(service_id)


class _Reader:
    """One filter in one order: pages and positions."""

    def __init__(
        self, conn: sqlite3.Connection, where: Scope, sorting: Sorting, codes: Sequence[str]
    ) -> None:
        self.conn = conn
        self.scope = where
        self.count = where.count
        self.order = ORDERS[ServiceColumn(sorting.column)]
        self.descending = sorting.descending
        self.codes = codes
        self.few = where.hits and where.count <= FEW
        self.parts = (
            list_scope.parts_in_order(self.order.by_code, codes)
            if self.order.by_code and not self.few
            else [Part("1", ())]
        )

    # -- the SQL of one walk ------------------------------------------------------------------
    def _source(self) -> str:
        if not self.few:
            return self.order.source
        # Few matches: start from them and sort what they name.
        join = "CROSS JOIN service s INDEXED BY service_search_key ON s.search_key = h.key"
        if self.order.source is _ORG_JOIN:
            join += " JOIN organisation o ON o.id = s.organisation_id"
        return f"temp.service_hits h {join}"

    def _keys(self) -> tuple[list[str], list[object]]:
        if not (self.few and self.order.by_code):
            return list(self.order.keys), []
        column = self.order.by_code
        if not self.codes:
            return [column, *self.order.keys], []
        ranks = " ".join(f"WHEN ? THEN {i}" for i in range(len(self.codes)))
        rank = f"CASE {column} {ranks} ELSE {len(self.codes)} END"
        return [rank, column, *self.order.keys], list(self.codes)

    def _where(self, part: Part) -> str:
        return f"{self.scope.on('s')} AND {part.condition}"

    def fetch_part(self, part: Part, descending: bool, skip: int, n: int) -> list[tuple[Any, ...]]:
        keys, params = self._keys()
        direction = " DESC" if descending else ""
        order = ", ".join(key + direction for key in keys)
        return self.conn.execute(
            f"SELECT {SUMMARY_COLUMNS} FROM {self._source()} WHERE {self._where(part)}"
            f" ORDER BY {order} LIMIT ? OFFSET ?",
            (*part.params, *params, n, skip),
        ).fetchall()

    def size(self, part: Part) -> int:
        if part.condition == "1":
            return self.count
        return int(
            self.conn.execute(
                f"SELECT count(*) FROM {self.order.source} WHERE {self._where(part)}", part.params
            ).fetchone()[0]
        )

    def fetch(self, backwards: bool, skip: int, n: int) -> list[tuple[Any, ...]]:
        # Read backwards, a descending order walks its indexes (and its parts) ascending.
        return list_scope.across_parts(
            self.parts, self.size, self.fetch_part, backwards != self.descending, skip, n
        )

    # -- where one service stands -------------------------------------------------------------
    def position(self, service_id: str) -> int | None:
        row = self.conn.execute(
            "SELECT s.name, s.id, s.municipality, s.service_type, s.subdivision, o.name, o.rowid"
            " FROM service s JOIN organisation o ON o.id = s.organisation_id"
            f" WHERE s.id = ? AND {self.scope.on('s')}",
            (service_id,),
        ).fetchone()
        if row is None:
            return None
        name, record_id, municipality, service_type, subdivision, org_name, org_rowid = row
        values = {
            "s.name COLLATE NOCASE": name,
            "s.id": record_id,
            "s.municipality COLLATE NOCASE": municipality,
            "o.name COLLATE NOCASE": org_name,
            "o.rowid": org_rowid,
        }
        code = {"s.service_type": service_type, "s.subdivision": subdivision}.get(
            self.order.by_code, ""
        )
        keys, params = self._keys()
        mine: list[object] = [values[k] for k in self.order.keys]
        if self.few and self.order.by_code:
            rank = self.codes.index(code) if code in self.codes else len(self.codes)
            mine = [rank, code, *mine] if self.codes else [code, *mine]
        part = next((p for p in self.parts if self._holds(p, service_id)), self.parts[0])
        ahead = self.parts[: self.parts.index(part)]
        if self.descending:
            ahead = self.parts[self.parts.index(part) + 1 :]
        before = sum(self.size(p) for p in ahead)
        comparison = ">" if self.descending else "<"
        found = self.conn.execute(
            f"SELECT count(*) FROM {self._source()} WHERE {self._where(part)}"
            f" AND ({', '.join(keys)}) {comparison} ({', '.join('?' for _ in keys)})",
            (*part.params, *params, *mine),
        ).fetchone()[0]
        return before + int(found)

    def _holds(self, part: Part, service_id: str) -> bool:
        if len(self.parts) == 1:
            return True
        return (
            self.conn.execute(
                f"SELECT 1 FROM service s WHERE s.id = ? AND {part.condition}",
                (service_id, *part.params),
            ).fetchone()
            is not None
        )
