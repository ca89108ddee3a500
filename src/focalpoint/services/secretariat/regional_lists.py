"""The regional services list and map, and the regional compilation of practices: every
country's consolidated records, a page at a time, filtered in memory (``search_index``).

Each list answers what a long list asks (a filter's count, a page in an order, a record's
position), so the window shows them with the same paged models as the country's lists.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import compress
from typing import Any

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
from focalpoint.domain.vocab import COUNTRIES
from focalpoint.i18n import current_language
from focalpoint.services.common.vocabularies import vocabularies
from focalpoint.services.secretariat.search_index import Criteria, SearchIndex
from focalpoint.storage.secretariat import consolidated_store, regional_list_store
from focalpoint.storage.secretariat.database import SecretariatDatabase

_SERVICES = "services"
_PRACTICES = "practices"
_SERVICE_COLUMNS = (
    "search",
    "service_type",
    "populations",
    "subdivision",
    "sort_organisation",
    "municipality",
    "longitude",
    "latitude",
)
_SERVICE_ROW = (
    "name",
    "organisation",
    "service_type",
    "populations",
    "subdivision",
    "municipality",
    "latitude",
    "longitude",
)
_PRACTICE_COLUMNS = ("search", "state", "categories", "populations", "subdivisions", "updated_at")
_PRACTICE_ROW = (
    "title",
    "state",
    "categories",
    "populations",
    "subdivisions",
    "national",
    "updated_at",
)
Window = tuple[float, float, float, float]  # west, south, east, north
# Up to this many placed services in its window, the map draws each (as the country's does).
POINT_LIMIT = 25_000


def country_names(language: str) -> dict[str, str]:
    return {code: labels.get(language, code) for code, labels in COUNTRIES.items()}


def _by_label(keys: list[str], label: Callable[[str], str]) -> list[int]:
    """Each row's place when sorted by the label of its code (then by the index's order)."""
    labels = {code: fold(label(code)) for code in set(keys)}
    order = sorted(range(len(keys)), key=lambda i: (labels[keys[i]], i))
    return _places(order)


def _by_text(values: list[str]) -> list[int]:
    order = sorted(range(len(values)), key=lambda i: (fold(values[i] or ""), i))
    return _places(order)


def _places(order: list[int]) -> list[int]:
    ranks = [0] * len(order)
    for place, row in enumerate(order):
        ranks[row] = place
    return ranks


class RegionalServices:
    """Every country's live services: the list, its map, one filter at a time."""

    def __init__(self, db: SecretariatDatabase) -> None:
        self._db = db
        self._index = SearchIndex(db, _SERVICES, _SERVICE_COLUMNS, "sort_name")

    def prepare(self) -> None:
        """Read what filters look at (about a second for 220,000 services): in the background
        when the tab opens, so that the first keystroke does not wait."""
        self._index.prepare()

    def forget(self) -> None:
        self._index.forget()

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

    def count(self, wanted: RegionalServiceFilter) -> int:
        return len(self._index.matches(_service_criteria(wanted)))

    def page(
        self, wanted: RegionalServiceFilter, sorting: Sorting, offset: int, limit: int
    ) -> list[RegionalService]:
        rows = self._ordered(wanted, sorting)[offset : offset + limit]
        keys = self._index.row_keys()
        with self._db.reading() as conn:
            found = regional_list_store.rows_by_key(
                conn, _SERVICES, _SERVICE_ROW, [keys[i] for i in rows]
            )
        return [_service(r) for r in found]

    def position(
        self, wanted: RegionalServiceFilter, sorting: Sorting, service_id: str
    ) -> int | None:
        return _position(self._index, self._ordered(wanted, sorting), service_id)

    def _ordered(self, wanted: RegionalServiceFilter, sorting: Sorting) -> list[int]:
        column = RegionalServiceColumn(sorting.column)
        criteria = _service_criteria(wanted)
        if column == RegionalServiceColumn.NAME:
            return self._index.ordered(criteria, "", sorting.descending, list)
        language = current_language()
        index = self._index
        rank: Callable[[], list[int]]
        if column == RegionalServiceColumn.COUNTRY:
            names = country_names(language)
            rank = lambda: _by_label(  # noqa: E731
                index.column("country"), lambda c: names.get(c, c)
            )
        elif column == RegionalServiceColumn.TYPE:
            terms = vocabularies().service_type
            rank = lambda: _by_label(  # noqa: E731
                index.column("service_type"), lambda c: terms.label(c, language)
            )
        elif column == RegionalServiceColumn.SUBDIVISION:
            from focalpoint.services.common import geography

            def subdivision(code: str) -> str:
                found = geography.subdivision(code) if code else None
                return found.name_in(language) if found else code

            rank = lambda: _by_label(index.column("subdivision"), subdivision)  # noqa: E731
        elif column == RegionalServiceColumn.ORGANISATION:
            rank = lambda: _by_text(index.column("sort_organisation"))  # noqa: E731
        else:
            rank = lambda: _by_text(index.column("municipality"))  # noqa: E731
        return index.ordered(criteria, f"{column}:{language}", sorting.descending, rank)

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
        rows = self._index.matches(_service_criteria(wanted))
        lon = self._index.column("longitude")
        lat = self._index.column("latitude")
        west, south, east, north = window
        inside = [
            i
            for i in rows
            if lon[i] is not None and west <= lon[i] <= east and south <= lat[i] <= north
        ]
        types = self._index.column("service_type")
        keys = self._index.row_keys()
        if len(inside) <= limit:
            return [MapMark(row_id(*keys[i]), lon[i], lat[i], types[i]) for i in inside], True
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
        rows = self._index.matches(_service_criteria(wanted))
        lon = self._index.column("longitude")
        return sum(1 for _ in compress(rows, (lon[i] is None for i in rows)))

    def near(
        self, wanted: RegionalServiceFilter, window: Window, limit: int
    ) -> tuple[list[RegionalService], int]:
        """The placed services in a small window, by name (at most ``limit``), and how many."""
        rows = self._index.matches(_service_criteria(wanted))
        lon = self._index.column("longitude")
        lat = self._index.column("latitude")
        west, south, east, north = window
        inside = [
            i
            for i in rows
            if lon[i] is not None and west <= lon[i] <= east and south <= lat[i] <= north
        ]
        keys = self._index.row_keys()
        with self._db.reading() as conn:
            found = regional_list_store.rows_by_key(
                conn, _SERVICES, _SERVICE_ROW, [keys[i] for i in inside[:limit]]
            )
        return [_service(r) for r in found], len(inside)


class RegionalPractices:
    """Every country's live practices: the regional compilation, one filter at a time."""

    def __init__(self, db: SecretariatDatabase) -> None:
        self._db = db
        self._index = SearchIndex(db, _PRACTICES, _PRACTICE_COLUMNS, "sort_title")

    def prepare(self) -> None:
        self._index.prepare()

    def forget(self) -> None:
        self._index.forget()

    def record(self, practice_id: str) -> dict[str, Any] | None:
        """A practice as its country sent it (None: no longer there)."""
        country, record_id = split_row_id(practice_id)
        with self._db.reading() as conn:
            return consolidated_store.record(conn, country, "practices", record_id)

    def count(self, wanted: RegionalPracticeFilter) -> int:
        return len(self._index.matches(_practice_criteria(wanted)))

    def page(
        self, wanted: RegionalPracticeFilter, sorting: Sorting, offset: int, limit: int
    ) -> list[RegionalPractice]:
        rows = self._ordered(wanted, sorting)[offset : offset + limit]
        keys = self._index.row_keys()
        with self._db.reading() as conn:
            found = regional_list_store.rows_by_key(
                conn, _PRACTICES, _PRACTICE_ROW, [keys[i] for i in rows]
            )
        return [
            RegionalPractice(
                row_id(r.country, r.record_id),
                r.country,
                r.title,
                r.state,
                split_codes(r.categories),
                split_codes(r.populations),
                split_codes(r.subdivisions),
                bool(r.national),
                r.updated_at,
            )
            for r in found
        ]

    def position(
        self, wanted: RegionalPracticeFilter, sorting: Sorting, practice_id: str
    ) -> int | None:
        return _position(self._index, self._ordered(wanted, sorting), practice_id)

    def _ordered(self, wanted: RegionalPracticeFilter, sorting: Sorting) -> list[int]:
        column = RegionalPracticeColumn(sorting.column)
        criteria = _practice_criteria(wanted)
        if column == RegionalPracticeColumn.TITLE:
            return self._index.ordered(criteria, "", sorting.descending, list)
        language = current_language()
        index = self._index
        rank: Callable[[], list[int]]
        if column == RegionalPracticeColumn.COUNTRY:
            names = country_names(language)
            rank = lambda: _by_label(  # noqa: E731
                index.column("country"), lambda c: names.get(c, c)
            )
        elif column == RegionalPracticeColumn.STATE:
            rank = lambda: _by_text(index.column("state"))  # noqa: E731
        elif column == RegionalPracticeColumn.CATEGORIES:
            terms = vocabularies().practice_category
            rank = lambda: _by_label(  # noqa: E731
                index.column("categories"), lambda c: terms.labels(c.split(), language)
            )
        elif column == RegionalPracticeColumn.SCOPE:
            rank = lambda: _by_text(index.column("subdivisions"))  # noqa: E731
        else:
            rank = lambda: _by_text(index.column("updated_at"))  # noqa: E731
        return index.ordered(criteria, f"{column}:{language}", sorting.descending, rank)


def _service(r: Any) -> RegionalService:
    return RegionalService(
        row_id(r.country, r.record_id),
        r.country,
        r.name,
        r.organisation,
        r.service_type,
        split_codes(r.populations),
        r.subdivision,
        r.municipality,
        r.latitude,
        r.longitude,
    )


def _position(index: SearchIndex, ordered: list[int], record: str) -> int | None:
    try:
        row = index.row(split_row_id(record))
    except ValueError:
        return None
    if row is None:
        return None
    try:
        return ordered.index(row)
    except ValueError:
        return None


def _service_criteria(wanted: RegionalServiceFilter) -> Criteria:
    return Criteria.of(
        wanted.text,
        (("country", wanted.country), ("service_type", wanted.service_type)),
        (("populations", wanted.population),),
    )


def _practice_criteria(wanted: RegionalPracticeFilter) -> Criteria:
    return Criteria.of(
        wanted.text,
        (("country", wanted.country),),
        (("categories", wanted.category), ("populations", wanted.population)),
    )
