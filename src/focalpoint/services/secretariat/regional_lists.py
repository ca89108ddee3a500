"""The regional services list and map, and the regional compilation of practices: every
country's consolidated records, a page at a time, filtered in memory (``search_index``).

Each list answers what a long list asks (a filter's count, a page in an order, a record's
position), so the window shows them with the same paged models as the country's lists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar

from focalpoint.domain.directory import MapMark
from focalpoint.domain.listing import Sorting
from focalpoint.domain.regional_lists import (
    RegionalPractice,
    RegionalPracticeColumn,
    RegionalPracticeFilter,
    RegionalService,
    RegionalServiceColumn,
    RegionalServiceFilter,
    row_id,
    split_codes,
    split_row_id,
)
from focalpoint.domain.text import fold
from focalpoint.domain.vocab import country_name
from focalpoint.i18n import current_language
from focalpoint.services.common.vocabularies import vocabularies
from focalpoint.services.secretariat.search_index import (
    Criteria,
    Key,
    Matched,
    Ranking,
    SearchIndex,
)
from focalpoint.storage.secretariat import consolidated_store, registry_store
from focalpoint.storage.secretariat.database import SecretariatDatabase

Window = tuple[float, float, float, float]  # west, south, east, north
Row = TypeVar("Row")
Wanted = TypeVar("Wanted")
# Up to this many placed services in its window, the map draws each (as the country's does).
POINT_LIMIT = 25_000


def _by_label(keys: list[str], label: Callable[[str], str]) -> list[int]:
    """Each row's place when sorted by the label of its code (then by the index's order)."""
    labels = {code: fold(label(code)) for code in set(keys)}
    order = sorted(range(len(keys)), key=lambda i: (labels[keys[i]], i))
    return _places(order)


def _by_text(values: list[str]) -> list[int]:
    order = sorted(range(len(values)), key=lambda i: (fold(values[i] or ""), i))
    return _places(order)


class _Values:
    """One row's values in the index's columns, by column name."""

    __slots__ = ("_at", "_columns")

    def __init__(self, columns: dict[str, list[Any]], at: int) -> None:
        self._columns = columns
        self._at = at

    def __getitem__(self, name: str) -> Any:
        return self._columns[name][self._at]


def _places(order: list[int]) -> list[int]:
    ranks = [0] * len(order)
    for place, row in enumerate(order):
        ranks[row] = place
    return ranks


class _RegionalList(Generic[Row, Wanted]):
    """One regional table's list: a filter's count, a page in an order, a record's place.

    A list names its table (``KIND``), the columns its filters, orders and rows read
    (``INDEXED``, kept in memory in the order of ``FIRST_ORDER``); and says how a filter reads
    as criteria, how a row is made, and how each other order ranks. A page's rows come from
    the same copy as its row numbers: never from a store another analyst changed meanwhile,
    and without a query per keystroke (reading a page of 200 from the database took 10-15 ms
    of a keystroke's 50).
    """

    KIND: ClassVar[str]
    INDEXED: ClassVar[tuple[str, ...]]
    FIRST_ORDER: ClassVar[str]  # the sort-key column of the first column's order

    def __init__(self, db: SecretariatDatabase) -> None:
        self._db = db
        self._index = SearchIndex(db, self.KIND, self.INDEXED, self.FIRST_ORDER)

    def prepare(self) -> None:
        """Read what filters look at (a second or two for 220,000 services): in the
        background when the tab opens, so that the first keystroke does not wait."""
        self._index.prepare()

    def count(self, wanted: Wanted) -> int:
        return len(self._index.matches(self.criteria(wanted)).rows)

    def page(self, wanted: Wanted, sorting: Sorting, offset: int, limit: int) -> list[Row]:
        """The rows from ``offset`` (at most ``limit``) in ``sorting``'s order."""
        ordered = self._ordered(wanted, sorting)
        return self._rows(ordered, ordered.rows[offset : offset + limit])

    def position(self, wanted: Wanted, sorting: Sorting, record: str) -> int | None:
        """Where a row stands in that order; None when the filter leaves it out."""
        try:
            key = split_row_id(record)
        except ValueError:
            return None
        ordered = self._ordered(wanted, sorting)
        row = ordered.loaded.row(key)
        if row is None:
            return None
        try:
            return ordered.rows.index(row)
        except ValueError:
            return None

    def _rows(self, matched: Matched, rows: list[int]) -> list[Row]:
        keys, columns = matched.keys, matched.loaded.columns
        return [self.row(keys[i], _Values(columns, i)) for i in rows]

    def _ordered(self, wanted: Wanted, sorting: Sorting) -> Matched:
        criteria = self.criteria(wanted)
        language = current_language()
        rank = self.rank(sorting.column, language)
        if rank is None:  # the index's own order
            return self._index.ordered(criteria, "", sorting.descending, None)
        return self._index.ordered(
            criteria, f"{sorting.column}:{language}", sorting.descending, rank
        )

    def _by_country(self, language: str) -> Ranking:
        return lambda columns: _by_label(columns["country"], lambda c: country_name(c, language))

    def _by_text(self, column: str) -> Ranking:
        return lambda columns: _by_text(columns[column])

    # --- what each list says --------------------------------------------------------------
    def criteria(self, wanted: Wanted) -> Criteria:
        raise NotImplementedError

    def row(self, key: Key, values: _Values) -> Row:
        raise NotImplementedError

    def rank(self, column: str, language: str) -> Ranking | None:
        """Each row's place in the order of ``column`` (None: the index's own order)."""
        raise NotImplementedError


class RegionalServices(_RegionalList[RegionalService, RegionalServiceFilter]):
    """Every country's live services: the list, its map, one filter at a time."""

    KIND = "services"
    INDEXED = (
        "search",
        "name",
        "organisation",
        "service_type",
        "populations",
        "subdivision",
        "sort_organisation",
        "municipality",
        "longitude",
        "latitude",
    )
    FIRST_ORDER = "sort_name"

    def map_countries(self) -> list[str]:
        """The countries the map is about: those with a key on record or a submission accepted
        (the regional report's map shows the same); none yet, and the map shows every member."""
        with self._db.reading() as conn:
            return sorted({*registry_store.countries(conn), *consolidated_store.heads(conn)})

    def record(self, service_id: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """A service as its country sent it, and its organisation (None: no longer there)."""
        country, record_id = split_row_id(service_id)
        with self._db.reading() as conn:
            service = consolidated_store.record(conn, country, "services", record_id)
            if service is None:
                return None
            organisation_id = str(service.get("organisation_id") or "")
            organisation = consolidated_store.record(
                conn, country, "organisations", organisation_id
            )
        return service, organisation or {}

    def criteria(self, wanted: RegionalServiceFilter) -> Criteria:
        return Criteria.of(
            wanted.text,
            (("country", wanted.country), ("service_type", wanted.service_type)),
            (("populations", wanted.population),),
        )

    def row(self, key: Key, values: _Values) -> RegionalService:
        return RegionalService(
            row_id(*key),
            key[0],
            values["name"],
            values["organisation"],
            values["service_type"],
            split_codes(values["populations"]),
            values["subdivision"],
            values["municipality"],
            values["latitude"],
            values["longitude"],
        )

    def rank(self, column: str, language: str) -> Ranking | None:
        order = RegionalServiceColumn(column)
        if order == RegionalServiceColumn.NAME:
            return None
        if order == RegionalServiceColumn.COUNTRY:
            return self._by_country(language)
        if order == RegionalServiceColumn.TYPE:
            terms = vocabularies().service_type
            return lambda columns: _by_label(
                columns["service_type"], lambda c: terms.label(c, language)
            )
        if order == RegionalServiceColumn.SUBDIVISION:
            from focalpoint.services.common import geography

            def subdivision(code: str) -> str:
                found = geography.subdivision(code) if code else None
                return found.name_in(language) if found else code

            return lambda columns: _by_label(columns["subdivision"], subdivision)
        if order == RegionalServiceColumn.ORGANISATION:
            return self._by_text("sort_organisation")
        return self._by_text("municipality")

    # --- the map ------------------------------------------------------------------------------

    def map_marks(
        self,
        wanted: RegionalServiceFilter,
        window: Window,
        cell: tuple[float, float],
        limit: int = POINT_LIMIT,
    ) -> tuple[list[MapMark], bool]:
        """What the map draws of ``window``: every placed service there when they are at most
        ``limit`` (True), else one mark per ``cell`` of degrees that holds any (False)."""
        matched = self._placed(wanted, window)
        inside = matched.rows
        lon, lat = matched.column("longitude"), matched.column("latitude")
        types, keys = matched.column("service_type"), matched.keys
        if len(inside) <= limit:
            return [MapMark(row_id(*keys[i]), lon[i], lat[i], types[i]) for i in inside], True
        west, south, _east, _north = window
        width, height = cell
        cells: dict[tuple[int, int], list[int]] = {}
        for i in inside:
            where = (int((lon[i] - west) // width), int((lat[i] - south) // height))
            found = cells.get(where)
            if found is None:
                cells[where] = [i, 1]
            else:
                found[1] += 1
        return [
            MapMark(row_id(*keys[i]), lon[i], lat[i], types[i], stands_for=n)
            for i, n in cells.values()
        ], False

    def unplaced_count(self, wanted: RegionalServiceFilter) -> int:
        matched = self._index.matches(self.criteria(wanted))
        lon, lat = matched.column("longitude"), matched.column("latitude")
        return sum(1 for i in matched.rows if lon[i] is None or lat[i] is None)

    def near(
        self, wanted: RegionalServiceFilter, window: Window, limit: int
    ) -> tuple[list[RegionalService], int]:
        """The placed services in a small window, by name (at most ``limit``), and how many."""
        matched = self._placed(wanted, window)
        return self._rows(matched, matched.rows[:limit]), len(matched.rows)

    def _placed(self, wanted: RegionalServiceFilter, window: Window) -> Matched:
        """The filter's services with both coordinates inside ``window``, in name order."""
        matched = self._index.matches(self.criteria(wanted))
        lon, lat = matched.column("longitude"), matched.column("latitude")
        west, south, east, north = window
        inside = [
            i
            for i in matched.rows
            if lon[i] is not None
            and lat[i] is not None
            and west <= lon[i] <= east
            and south <= lat[i] <= north
        ]
        return Matched(inside, matched.loaded)


class RegionalPractices(_RegionalList[RegionalPractice, RegionalPracticeFilter]):
    """Every country's live practices: the regional compilation, one filter at a time."""

    KIND = "practices"
    INDEXED = (
        "search",
        "title",
        "state",
        "categories",
        "populations",
        "subdivisions",
        "national",
        "updated_at",
    )
    FIRST_ORDER = "sort_title"

    def record(self, practice_id: str) -> dict[str, Any] | None:
        """A practice as its country sent it (None: no longer there)."""
        country, record_id = split_row_id(practice_id)
        with self._db.reading() as conn:
            return consolidated_store.record(conn, country, "practices", record_id)

    def criteria(self, wanted: RegionalPracticeFilter) -> Criteria:
        return Criteria.of(
            wanted.text,
            (("country", wanted.country),),
            (("categories", wanted.category), ("populations", wanted.population)),
        )

    def row(self, key: Key, values: _Values) -> RegionalPractice:
        return RegionalPractice(
            row_id(*key),
            key[0],
            values["title"],
            values["state"],
            split_codes(values["categories"]),
            split_codes(values["populations"]),
            split_codes(values["subdivisions"]),
            bool(values["national"]),
            values["updated_at"],
        )

    def rank(self, column: str, language: str) -> Ranking | None:
        order = RegionalPracticeColumn(column)
        if order == RegionalPracticeColumn.TITLE:
            return None
        if order == RegionalPracticeColumn.COUNTRY:
            return self._by_country(language)
        if order == RegionalPracticeColumn.CATEGORIES:
            terms = vocabularies().practice_category
            return lambda columns: _by_label(
                columns["categories"], lambda c: terms.labels(c.split(), language)
            )
        if order == RegionalPracticeColumn.STATE:
            return self._by_text("state")
        if order == RegionalPracticeColumn.SCOPE:
            return self._by_text("subdivisions")
        return self._by_text("updated_at")
