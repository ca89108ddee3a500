"""SQL for the practices list: how many a filter leaves, one page of them in any order, and
where a practice stands in that order.

By title and by last change a page walks an index (``practice_by_title``, ``practice_by_change``)
and checks each entry against the filter's matches (``list_scope``). The other orders sort the
matches by a computed key (the first category's or subdivision's label, the state's, the lowest
action code): a country records thousands of practices, which SQLite sorts in milliseconds.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from focalpoint.domain.listing import Sorting
from focalpoint.domain.practices import PracticeColumn, PracticeFilter, PracticeSummary
from focalpoint.storage.country import code_lists, list_scope, search_index
from focalpoint.storage.country.list_scope import Matching, Scope
from focalpoint.storage.country.practice_store import STATES


@dataclass(frozen=True)
class _Order:
    source: str
    keys: tuple[str, ...]  # ascending, ending with p.id
    ranked: str = ""  # an expression whose values the caller puts in order


_TITLE = ("p.title COLLATE NOCASE", "p.id")
_BY_TITLE = "practice p INDEXED BY practice_by_title"
ORDERS = {
    PracticeColumn.TITLE: _Order(_BY_TITLE, _TITLE),
    PracticeColumn.CHANGED: _Order(
        "practice p INDEXED BY practice_by_change", ("p.updated_at", "p.id")
    ),
    PracticeColumn.STATE: _Order(_BY_TITLE, _TITLE, ranked="p.state"),
    PracticeColumn.CATEGORIES: _Order(
        _BY_TITLE, _TITLE, ranked="coalesce(json_extract(p.categories, '$[0]'), '')"
    ),
    # National practices rank as the code "" (the caller places its label among the names).
    PracticeColumn.SCOPE: _Order(
        _BY_TITLE,
        _TITLE,
        ranked="CASE WHEN p.national THEN ''"
        " ELSE coalesce(json_extract(p.subdivisions, '$[0]'), '') END",
    ),
    PracticeColumn.ACTIONS: _Order(
        _BY_TITLE,
        (
            "coalesce((SELECT min(a.action_code) FROM practice_action a"
            " WHERE a.practice_id = p.id), '')",
            *_TITLE,
        ),
    ),
}
_COLUMNS = (
    "p.id, p.title, p.state, p.categories, p.populations, p.subdivisions, p.national,"
    " p.updated_at, p.deleted_at"
)


def matching(wanted: PracticeFilter) -> Matching:
    """The filter as a search-index query for live practices and a condition for deleted ones."""
    words = search_index.match_query(wanted.text)
    facet_query = search_index.facet_query
    facets = search_index.both(
        facet_query("c", [wanted.category]) if wanted.category else "",
        facet_query("p", [wanted.population]) if wanted.population else "",
        # A national practice is everywhere: its token is "n", whatever its subdivisions.
        f'(facets : "n" OR {facet_query("d", [wanted.subdivision])})' if wanted.subdivision else "",
        facet_query("s", [wanted.state]) if wanted.state else "",
    )
    search = search_index.both(words, facets) or None
    typed = search_index.typed_words(wanted.text)
    return list_scope.filtered(
        search,
        typed,
        facets,
        wanted.include_deleted,
        (
            ("has_words(title, ?)", wanted.text, bool(words)),
            ("instr(categories, ?) > 0", f'"{wanted.category}"', bool(wanted.category)),
            ("instr(populations, ?) > 0", f'"{wanted.population}"', bool(wanted.population)),
            (
                "(national OR instr(subdivisions, ?) > 0)",
                f'"{wanted.subdivision}"',
                bool(wanted.subdivision),
            ),
            ("state = ?", wanted.state, bool(wanted.state)),
        ),
    )


def scope(conn: sqlite3.Connection, wanted: PracticeFilter) -> Scope:
    return list_scope.scope(conn, "practice", matching(wanted))


def count(conn: sqlite3.Connection, wanted: PracticeFilter) -> int:
    return scope(conn, wanted).count


def page(
    conn: sqlite3.Connection,
    wanted: PracticeFilter,
    sorting: Sorting,
    codes: Sequence[str],
    offset: int,
    limit: int,
) -> list[PracticeSummary]:
    """Rows ``offset`` to ``offset + limit`` in ``sorting``'s order; ``codes``: for an order by
    state, category or scope, the codes in the order their labels read."""
    reader = _Reader(conn, scope(conn, wanted), sorting, codes)
    rows = list_scope.either_end(reader.fetch, reader.scope.count, offset, limit)
    actions: dict[str, list[str]] = {}
    if rows:
        ids = [row[0] for row in rows]
        for practice_id, code in conn.execute(
            "SELECT practice_id, action_code FROM practice_action"
            f" WHERE practice_id IN ({', '.join('?' for _ in ids)})",
            ids,
        ):
            actions.setdefault(practice_id, []).append(code)
    return [_summary(row, actions.get(row[0], [])) for row in rows]


def position(
    conn: sqlite3.Connection,
    wanted: PracticeFilter,
    sorting: Sorting,
    codes: Sequence[str],
    practice_id: str,
) -> int | None:
    """The row of a practice in that order, or None when the filter leaves it out."""
    return _Reader(conn, scope(conn, wanted), sorting, codes).position(practice_id)


def _summary(row: tuple[Any, ...], actions: list[str]) -> PracticeSummary:
    return PracticeSummary(
        id=row[0],
        title=row[1],
        state=STATES[row[2]],
        categories=code_lists.read(row[3]),
        populations=code_lists.read(row[4]),
        subdivisions=code_lists.read(row[5]),
        national=bool(row[6]),
        action_codes=tuple(sorted(actions)),
        updated_at=row[7],
        deleted=row[8] is not None,
    )


class _Reader:
    """One filter in one order: pages and positions."""

    def __init__(
        self, conn: sqlite3.Connection, where: Scope, sorting: Sorting, codes: Sequence[str]
    ) -> None:
        self.conn = conn
        self.scope = where
        order = ORDERS[PracticeColumn(sorting.column)]
        self.source = order.source
        self.descending = sorting.descending
        self.params: tuple[object, ...] = ()
        keys = list(order.keys)
        if order.ranked and codes:
            ranks = " ".join(f"WHEN ? THEN {i}" for i in range(len(codes)))
            keys = [f"CASE {order.ranked} {ranks} ELSE {len(codes)} END", order.ranked, *keys]
            self.params = tuple(codes)
        elif order.ranked:
            keys = [order.ranked, *keys]
        self.keys = keys

    def fetch(self, backwards: bool, skip: int, n: int) -> list[tuple[Any, ...]]:
        direction = " DESC" if backwards != self.descending else ""
        order = ", ".join(key + direction for key in self.keys)
        return self.conn.execute(
            f"SELECT {_COLUMNS} FROM {self.source} WHERE {self.scope.on('p')}"
            f" ORDER BY {order} LIMIT ? OFFSET ?",
            (*self.params, n, skip),
        ).fetchall()

    def position(self, practice_id: str) -> int | None:
        keys = ", ".join(self.keys)
        mine = self.conn.execute(
            f"SELECT {keys} FROM practice p WHERE p.id = ? AND {self.scope.on('p')}",
            (*self.params, practice_id),
        ).fetchone()
        if mine is None:
            return None
        comparison = ">" if self.descending else "<"
        return int(
            self.conn.execute(
                f"SELECT count(*) FROM {self.source} WHERE {self.scope.on('p')}"
                f" AND ({keys}) {comparison} ({', '.join('?' for _ in self.keys)})",
                (*self.params, *mine),
            ).fetchone()[0]
        )
