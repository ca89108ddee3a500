"""What the lists of practices and services share: the rows a filter leaves, counted once and
kept by the database, and reading one page of them from either end of an index.

A filter becomes a :class:`Matching`: an FTS5 query for the live records (words and vocabulary
codes meet in the search index) and an SQL condition for the deleted ones, which leave the
index and are matched by name. Its matches are written once into ``temp.<kind>_hits``, a table
of search keys in this connection's memory (or, when it keeps most records, the keys it leaves
out); the count follows from how many went in, and every page, the position of a record and the
map check their own index entries against it. Nothing is written again until the filter changes
or the workspace does (another connection's commit moves ``PRAGMA data_version``, this
connection's own edits move ``total_changes``).

Measured on 200,000 services: writing 180,000 matches takes ~40 ms, after which any page takes
under a millisecond; counting them and then finding a page with the FTS5 query inside it took
~50 ms for every page scrolled to.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TypeVar

from focalpoint.domain.text import has_words
from focalpoint.storage.country.search_index import EVERY

Row = TypeVar("Row")
_KINDS = ("practice", "service")


@dataclass(frozen=True)
class Matching:
    """What a list's filter asks for.

    ``search``: an FTS5 query over the live records; None for every live record.
    ``deleted``: an SQL condition (over the record table, no alias) choosing the deleted records
    to show, with ``deleted_params``; None when deleted records are not shown; "1" for all.
    """

    search: str | None = None
    deleted: str | None = None
    deleted_params: tuple[object, ...] = ()
    typed: str = ""  # the words typed (folded), and the filter tokens asked for, apart:
    facets: str = ""  # to tell a filter that narrows the one before as the user types on

    def narrows(self, typed: str, facets: str) -> bool:
        """Whether this filter keeps at most what one of ``typed`` words and ``facets`` did."""
        return self.facets == facets and self.typed.startswith(typed)

    @property
    def everything(self) -> bool:
        return self.search is None and self.deleted == "1"

    @property
    def all_live(self) -> bool:
        return self.search is None and self.deleted is None


def filtered(
    search: str | None,
    typed: str,
    facets: str,
    include_deleted: bool,
    conditions: Iterable[tuple[str, object, bool]],
) -> Matching:
    """A list's filter: the search-index query for live records and, when deleted ones are
    shown, the SQL ``conditions`` (condition, parameter, whether the filter uses it) that pick
    them by their own columns."""
    if not include_deleted:
        return Matching(search, typed=typed, facets=facets)
    used = [(condition, param) for condition, param, wanted in conditions if wanted]
    where = " AND ".join(condition for condition, _param in used) or "1"
    return Matching(search, where, tuple(param for _condition, param in used), typed, facets)


@dataclass(frozen=True)
class Scope:
    """The rows a filter leaves: an SQL condition on a record table's alias, and their count.

    ``hits``: the rows are exactly the keys in ``temp.<kind>_hits`` (a page may start from them).
    """

    kind: str
    condition: str  # with "{a}" where the alias goes
    count: int
    hits: bool = False

    def on(self, alias: str) -> str:
        return self.condition.format(a=alias)


# Beyond this share of the live records, the keys a filter leaves out are written instead of
# those it keeps: "p" keeps 198,163 of 200,000 services; writing them took 80 ms, writing the
# 1,837 others (FTS5 still walks every key, through ``NOT``) 32 ms.
DENSE = 0.6


def scope(conn: sqlite3.Connection, kind: str, matching: Matching) -> Scope:
    """The rows ``matching`` leaves in the ``kind`` table, their matches written if need be.

    Counts are kept per filter (the lists ask for the total beside the filtered count); the
    matches of one filter per kind, the latest.
    """
    assert kind in _KINDS
    wanted = repr(matching)
    _prepare(conn)
    version = int(conn.execute("PRAGMA data_version").fetchone()[0])
    epoch = conn.execute("SELECT version, changes FROM temp.list_epoch").fetchone()
    wrote = tuple(epoch) != (version, conn.total_changes)
    if wrote:  # the workspace changed since the counts were kept: forget them all
        conn.execute("DELETE FROM temp.list_counts")
        conn.execute("DELETE FROM temp.list_hits_of")
    if matching.all_live or matching.everything:
        condition = "{a}.deleted_at IS NULL" if matching.all_live else "1"
        count = _kept_count(conn, kind, wanted)
        if count is None:
            wrote = True
            where = "WHERE deleted_at IS NULL" if matching.all_live else ""
            count = _count(conn, f"SELECT count(*) FROM {kind} {where}")
            conn.execute("INSERT INTO temp.list_counts VALUES (?, ?, ?)", (kind, wanted, count))
        found = Scope(kind, condition, count)
    else:
        kept = conn.execute(
            "SELECT count, inverted, share FROM temp.list_hits_of WHERE kind = ? AND query = ?",
            (kind, wanted),
        ).fetchone()
        if kept is None:
            wrote = True
            kept = _write_hits(conn, kind, matching)
        count, inverted, _share = kept
        hits = f"temp.{kind}_hits"
        condition = (
            f"{{a}}.deleted_at IS NULL AND {{a}}.search_key NOT IN {hits}"
            if inverted
            else f"{{a}}.search_key IN {hits}"
        )
        found = Scope(kind, condition, int(count), hits=not inverted)
    if wrote:
        # This update is one change more on this connection: counted in advance, so that the
        # next call finds the connection as it was left.
        conn.execute(
            "UPDATE temp.list_epoch SET version = ?, changes = ?",
            (version, conn.total_changes + 1),
        )
    return found


def _kept_count(conn: sqlite3.Connection, kind: str, query: str) -> int | None:
    row = conn.execute(
        "SELECT count FROM temp.list_counts WHERE kind = ? AND query = ?", (kind, query)
    ).fetchone()
    return None if row is None else int(row[0])


def _prepare(conn: sqlite3.Connection) -> None:
    if conn.execute("SELECT 1 FROM temp.sqlite_master WHERE name = 'list_epoch'").fetchone():
        return
    for kind in _KINDS:
        conn.execute(f"CREATE TEMP TABLE {kind}_hits (key INTEGER PRIMARY KEY)")
    conn.execute("CREATE TEMP TABLE list_counts (kind TEXT, query TEXT, count INTEGER)")
    conn.execute(
        "CREATE TEMP TABLE list_hits_of (kind TEXT PRIMARY KEY, query TEXT, count INTEGER,"
        " inverted INTEGER, share REAL, typed TEXT, facets TEXT, search TEXT)"
    )
    conn.execute("CREATE TEMP TABLE list_epoch (version INTEGER, changes INTEGER)")
    conn.execute("INSERT INTO temp.list_epoch VALUES (-1, -1)")


def _count(conn: sqlite3.Connection, sql: str, params: Sequence[object] = ()) -> int:
    return int(conn.execute(sql, params).fetchone()[0])


def _write_hits(conn: sqlite3.Connection, kind: str, matching: Matching) -> tuple[int, bool, float]:
    """Write the filter's keys, or when the last filter kept most records (as the first
    letters typed do) the keys it leaves out; their count, which, and the share kept."""
    before = conn.execute(
        "SELECT typed, facets, share, search, count, inverted FROM temp.list_hits_of"
        " WHERE kind = ?",
        (kind,),
    ).fetchone()
    live = _kept_count(conn, kind, repr(Matching()))
    if live is None:
        live = _count(conn, f"SELECT count(*) FROM {kind} WHERE deleted_at IS NULL")
        conn.execute(
            "INSERT INTO temp.list_counts VALUES (?, ?, ?)", (kind, repr(Matching()), live)
        )
    if (
        before is not None
        and before[3] is not None
        and matching.search is not None
        and matching.deleted is None
        and matching.narrows(before[0], before[1])
    ):
        return _narrow_hits(conn, kind, matching, before[3], int(before[4]), bool(before[5]), live)
    if matching.search is None or matching.deleted is not None or not matching.typed:
        inverted = False
    elif before is not None and matching.narrows(before[0], before[1]):
        inverted = before[2] > DENSE  # typing on: the last count foretells this one
    else:  # a first letter or two, alone, matches most of any language's records
        inverted = not matching.facets and len(matching.typed) <= 2
    conn.execute(f"DELETE FROM temp.{kind}_hits")
    conn.execute("DELETE FROM temp.list_hits_of WHERE kind = ?", (kind,))
    if matching.search is None:
        written = conn.execute(
            f"INSERT INTO temp.{kind}_hits SELECT search_key FROM {kind}"
            " WHERE deleted_at IS NULL AND search_key IS NOT NULL"
        ).rowcount
    else:
        search = f'facets : "{EVERY}" NOT ({matching.search})' if inverted else matching.search
        # In rowid order, as FTS5 gives them: each key goes at the end of the table.
        written = conn.execute(
            f"INSERT INTO temp.{kind}_hits SELECT rowid FROM {kind}_search"
            f" WHERE {kind}_search MATCH ?",
            (search,),
        ).rowcount
    if matching.deleted is not None:
        # Deleted records are few; their names are compared as people type them.
        conn.create_function("has_words", 2, has_words, deterministic=True)
        written += conn.execute(
            f"INSERT OR IGNORE INTO temp.{kind}_hits SELECT search_key FROM {kind}"
            f" WHERE deleted_at IS NOT NULL AND search_key IS NOT NULL AND ({matching.deleted})",
            matching.deleted_params,
        ).rowcount
    count = live - written if inverted else written
    return _kept_hits(conn, kind, matching, count, inverted, live)


def _narrow_hits(
    conn: sqlite3.Connection,
    kind: str,
    matching: Matching,
    before: str,
    count: int,
    inverted: bool,
    live: int,
) -> tuple[int, bool, float]:
    """Typing on: the new matches are the last filter's less those the new query leaves out,
    so only those are written (as keys left out) or taken away (from the matches). Typing
    "protec" after "prote" over 200,000 services wrote 125,673 keys again (35-60 ms); now it
    reads the last filter's matches and writes none (~10 ms)."""
    assert matching.search is not None
    dropped = f"({before}) NOT ({matching.search})"
    select = f"SELECT rowid FROM {kind}_search WHERE {kind}_search MATCH ?"
    if inverted:
        changed = conn.execute(f"INSERT OR IGNORE INTO temp.{kind}_hits {select}", (dropped,))
    else:
        changed = conn.execute(f"DELETE FROM temp.{kind}_hits WHERE key IN ({select})", (dropped,))
    conn.execute("DELETE FROM temp.list_hits_of WHERE kind = ?", (kind,))
    return _kept_hits(conn, kind, matching, count - changed.rowcount, inverted, live)


def _kept_hits(
    conn: sqlite3.Connection, kind: str, matching: Matching, count: int, inverted: bool, live: int
) -> tuple[int, bool, float]:
    """Record which filter's keys ``temp.<kind>_hits`` holds; its count, which keys, the share
    kept. A filter of live records by the index alone may be narrowed later (its query kept)."""
    share = count / live if live else 0.0
    narrowable = matching.search if matching.deleted is None else None
    conn.execute(
        "INSERT INTO temp.list_hits_of VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            kind,
            repr(matching),
            count,
            int(inverted),
            share,
            matching.typed,
            matching.facets,
            narrowable,
        ),
    )
    return count, inverted, share


def either_end(
    fetch: Callable[[bool, int, int], list[Row]], count: int, offset: int, limit: int
) -> list[Row]:
    """Rows ``offset`` to ``offset + limit`` of ``count``, read from whichever end of the order
    is nearer: ``fetch(backwards, skip, n)`` skips ``skip`` rows from the start (or from the
    end, walking backwards) and returns the next ``n``. An index walk costs what it skips, so
    the last page of 200,000 costs what the first does."""
    end = min(offset + limit, count)
    if offset >= end:
        return []
    if count - end < offset:
        rows = fetch(True, count - end, end - offset)
        rows.reverse()
        return rows
    return fetch(False, offset, end - offset)


@dataclass(frozen=True)
class Part:
    """One stretch of an order made of stretches: an SQL condition and its parameters."""

    condition: str
    params: tuple[object, ...]


def parts_in_order(column: str, codes: Sequence[str]) -> list[Part]:
    """An order by a column of codes whose order is given (labels sorted in the reader's
    language): one stretch per code, in that order, then the codes not given, in code order
    (the ranges between the given codes, so that each stretch still walks an index)."""
    parts = [Part(f"{column} = ?", (code,)) for code in codes]
    bounds = sorted(set(codes))
    if not bounds:
        return [Part("1", ())]
    parts.append(Part(f"{column} < ?", (bounds[0],)))
    parts += [Part(f"{column} > ? AND {column} < ?", (low, high)) for low, high in pairwise(bounds)]
    parts.append(Part(f"{column} > ?", (bounds[-1],)))
    return parts


def across_parts(
    parts: Sequence[Part],
    size: Callable[[Part], int],
    fetch: Callable[[Part, bool, int, int], list[Row]],
    backwards: bool,
    skip: int,
    n: int,
) -> list[Row]:
    """``fetch`` for an order made of stretches: skip whole stretches by their size, then read
    from as many as the page needs (each stretch walks its index in order)."""
    rows: list[Row] = []
    for part in reversed(parts) if backwards else parts:
        if n <= 0:
            break
        if skip:  # a stretch's size is only needed to pass over it (the first page needs none)
            count = size(part)
            if skip >= count:
                skip -= count
                continue
        found = fetch(part, backwards, skip, n)
        rows += found
        n -= len(found)
        skip = 0
    return rows
