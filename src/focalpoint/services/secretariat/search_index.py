"""A regional table's filterable columns, held in memory, and the matches of a filter.

Why in memory: a text filter cannot use an index on both SQLite and PostgreSQL, and scanning
220,000 services with ``LIKE`` took 75-100 ms on SQLite, twice a keystroke's budget. Held here,
the same test is ``word in text`` run by C loops (``compress``/``map``): 20-40 ms for 220,000
rows, and a few ms when the user types on and only the last matches are looked at again.

The index holds what a list filters, sorts and shows. It is read once (one to two seconds for
220,000 services, in the background when a tab opens) and read again when the consolidated
state changed: at once after a write of this process, within ``FRESH_FOR`` after another
analyst's on a shared database (one small query, at most that often).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import contains, eq
from typing import Any, NamedTuple

from focalpoint.domain.text import fold
from focalpoint.services.common.collection_pause import collector_paused
from focalpoint.storage.secretariat import regional_list_store
from focalpoint.storage.secretariat.database import SecretariatDatabase

Key = tuple[str, str]  # (country, record_id)
# Each row's place in an order, from the index's columns by name.
Ranking = Callable[[Mapping[str, list[Any]]], list[int]]
# Values this short (codes, municipalities) are kept once however many rows repeat them.
SHARED_LENGTH = 40
# How long (seconds) the store's state, once checked, is taken as current when this process
# has not written since.
FRESH_FOR = 1.0


@dataclass(frozen=True)
class Criteria:
    """What a filter asks of the index's columns: folded ``words``, all in ``search``;
    ``equals`` as ``(column, value)``; ``codes`` as ``(column, code)``, the code among the
    column's (`` a b ``)."""

    words: tuple[str, ...] = ()
    equals: tuple[tuple[str, str], ...] = ()
    codes: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(
        cls, text: str, equals: Sequence[tuple[str, str]], codes: Sequence[tuple[str, str]]
    ) -> Criteria:
        """Criteria from typed text and chosen values (an empty value asks for nothing)."""
        return cls(
            tuple(fold(text).split()),
            tuple((c, v) for c, v in equals if v),
            tuple((c, v) for c, v in codes if v),
        )

    def narrows(self, before: Criteria) -> bool:
        """Whether every row matching this matches ``before`` too (the user typed on)."""
        return (
            self.equals == before.equals
            and self.codes == before.codes
            and all(any(old in new for new in self.words) for old in before.words)
        )


@dataclass
class _Loaded:
    state: Any
    keys: list[Key]
    columns: dict[str, list[Any]]
    writes: int  # the database's count of this process's writes when the state was checked
    checked: float  # and the moment (``time.monotonic``)
    rows: dict[Key, int] = field(default_factory=dict)  # filled when a position is asked
    ranks: dict[str, list[int]] = field(default_factory=dict)
    everything: list[int] | None = None

    def row(self, key: Key) -> int | None:
        if not self.rows:
            self.rows = {k: i for i, k in enumerate(self.keys)}
        return self.rows.get(key)


class Matched(NamedTuple):
    """A filter's rows and the very index they are rows of: a reload in another thread
    between two calls cannot pair row numbers with another copy's keys or columns."""

    rows: list[int]
    loaded: _Loaded

    @property
    def keys(self) -> list[Key]:
        return self.loaded.keys

    def column(self, name: str) -> list[Any]:
        return self.loaded.columns[name]


class SearchIndex:
    """The rows of the regional table ``kind`` in its ``order`` (a sort-key column, then by
    key), with ``columns`` (one of them ``search``): what :meth:`matches` filters, and
    :meth:`ordered` sorts. Safe to call from a background thread and the window's at once:
    a copy is read outside the lock and swapped in whole, so the window never waits for a
    read (it goes on with the copy it has)."""

    def __init__(
        self, db: SecretariatDatabase, kind: str, columns: Sequence[str], order: str
    ) -> None:
        self._db = db
        self._kind = kind
        self._columns = tuple(columns)
        self._order = order
        self._lock = threading.Lock()
        self._loaded: _Loaded | None = None
        self._last: tuple[Criteria, _Loaded, list[int]] | None = None
        self._sorted: tuple[str, bool, list[int], list[int]] | None = None

    def prepare(self) -> None:
        """Read the index if it was never read or went stale."""
        self._current(check=True)

    def matches(self, criteria: Criteria, check: bool = True) -> Matched:
        """The row numbers (in the index's order) that ``criteria`` keeps. A new filter first
        checks that the store has not changed (``check``: one small query)."""
        loaded = self._current(check=check)
        with self._lock:
            last = self._last
        if last is not None and last[0] == criteria and last[1] is loaded:
            return Matched(last[2], last[1])
        if criteria == Criteria():
            # Every row (a list's total beside its filter's count): kept apart, so that the
            # filter typed on still narrows from its own last matches.
            if loaded.everything is None:
                loaded.everything = list(range(len(loaded.keys)))
            return Matched(loaded.everything, loaded)
        same = last is not None and last[1] is loaded
        before = last[2] if same and last is not None and criteria.narrows(last[0]) else None
        rows = _filter(len(loaded.keys), before, loaded.columns, criteria)
        with self._lock:
            self._last = (criteria, loaded, rows)
        return Matched(rows, loaded)

    def ordered(
        self, criteria: Criteria, sort: str, descending: bool, rank: Ranking | None
    ) -> Matched:
        """The matches in an order: ``sort`` names it and ``rank`` gives every row's place in
        it from the index's columns (once per copy); "" and None for the index's own order."""
        matched = self.matches(criteria)
        with self._lock:
            cached = self._sorted
        # The same order of the very same matches (a new copy makes new matches).
        if cached is not None and cached[:2] == (sort, descending) and cached[2] is matched.rows:
            return Matched(cached[3], matched.loaded)
        rows = matched.rows
        if sort and rank is not None:
            ranks = matched.loaded.ranks.get(sort)
            if ranks is None:
                ranks = matched.loaded.ranks[sort] = rank(matched.loaded.columns)
            rows = sorted(rows, key=ranks.__getitem__, reverse=descending)
        elif descending:
            rows = rows[::-1]
        with self._lock:
            self._sorted = (sort, descending, matched.rows, rows)
        return Matched(rows, matched.loaded)

    def _current(self, check: bool) -> _Loaded:
        """The copy to answer from: read again when the store changed. ``check``: ask the store
        whether it did (a small query), unless this process has written nothing since the
        last time it asked, less than ``FRESH_FOR`` ago (another analyst's acceptance shows
        within that time, and a user typing does not pay a query per keystroke)."""
        loaded = self._loaded
        if loaded is not None and (
            not check
            or (loaded.writes == self._db.writes and time.monotonic() - loaded.checked < FRESH_FOR)
        ):
            return loaded
        writes, checked = self._db.writes, time.monotonic()
        with collector_paused(long_lived=True), self._db.reading() as conn:
            state = regional_list_store.state(conn)
            if loaded is not None and loaded.state == state:
                loaded.writes, loaded.checked = writes, checked
                return loaded
            keys: list[Key] = []
            values: list[list[Any]] = [[] for _name in self._columns]
            shared: dict[Any, Any] = {}  # codes and places repeat: one string of each
            rows = regional_list_store.search_rows(conn, self._kind, self._columns, self._order)
            for row in rows:
                keys.append((shared.setdefault(row[0], row[0]), row[1]))
                for at, value in enumerate(row[2:]):
                    short = isinstance(value, str) and len(value) <= SHARED_LENGTH
                    values[at].append(shared.setdefault(value, value) if short else value)
        columns = dict(zip(self._columns, values, strict=True))
        columns["country"] = [country for country, _id in keys]
        fresh = _Loaded(state, keys, columns, writes, checked)
        with self._lock:
            self._loaded = fresh
            self._last = None
            self._sorted = None
        return fresh


def _filter(
    total: int, before: list[int] | None, columns: dict[str, list[Any]], criteria: Criteria
) -> list[int]:
    """The rows of ``before`` (all when None) that ``criteria`` keeps, in order.

    The tests run in C: ``map(contains, texts, repeat(word))`` over a column, or over the rows
    that matched before when they are fewer than half (picking them costs more than testing
    them all).
    """
    tests: list[tuple[list[Any], Callable[[Any, Any], bool], Any]] = [
        (columns[column], eq, value) for column, value in criteria.equals
    ]
    tests += [(columns[column], contains, f" {code} ") for column, code in criteria.codes]
    tests += [(columns["search"], contains, word) for word in criteria.words]
    rows = before if before is not None and len(before) * 2 <= total else None
    for values, test, wanted in tests:
        if rows is None:
            rows = list(compress(range(total), map(test, values, repeat(wanted))))
        else:
            rows = list(compress(rows, map(test, map(values.__getitem__, rows), repeat(wanted))))
    return list(range(total)) if rows is None else rows
