"""Reading the directory a page at a time: the services list and the map under one filter.

The window never holds every service: it asks how many a filter leaves, then for the rows on
screen, in the order the user chose (``service_list_store``), and the map asks for what it
draws of its window (``service_map_store``).
"""

from __future__ import annotations

from focalpoint.domain.directory import MapMark, ServiceColumn, ServiceFilter, ServiceSummary
from focalpoint.domain.listing import Sorting
from focalpoint.domain.text import fold
from focalpoint.i18n import current_language
from focalpoint.services.common.vocabularies import vocabularies
from focalpoint.storage.country import service_list_store, service_map_store
from focalpoint.storage.country.service_map_store import Window
from focalpoint.storage.sqlite import Database

# Up to this many placed services in its window, the map draws each one (what 20,000 always
# were, at 25-35 ms a redraw); beyond, one mark per few pixels (``service_map_store.cells``).
POINT_LIMIT = 25_000


class ServiceListing:
    """The reading side of ``DirectoryService`` for the list and the map."""

    _db: Database

    def country(self) -> str:
        raise NotImplementedError

    def count(self, wanted: ServiceFilter) -> int:
        """How many services the filter leaves."""
        with self._db.reading() as conn:
            return service_list_store.count(conn, wanted)

    def page(
        self, wanted: ServiceFilter, sorting: Sorting, offset: int, limit: int
    ) -> list[ServiceSummary]:
        """The services from ``offset`` (at most ``limit``) in ``sorting``'s order."""
        codes = self._codes(sorting)
        with self._db.reading() as conn:
            return service_list_store.page(conn, wanted, sorting, codes, offset, limit)

    def position(self, wanted: ServiceFilter, sorting: Sorting, service_id: str) -> int | None:
        """Where a service stands in that order; None when the filter leaves it out."""
        codes = self._codes(sorting)
        with self._db.reading() as conn:
            return service_list_store.position(conn, wanted, sorting, codes, service_id)

    def _codes(self, sorting: Sorting) -> tuple[str, ...]:
        """For an order by type or subdivision: the codes as their labels sort, in the
        interface's language (a service without a subdivision first, as an empty cell)."""
        language = current_language()
        if sorting.column == ServiceColumn.TYPE:
            terms = vocabularies().service_type.terms
            return tuple(
                t.code for t in sorted(terms, key=lambda t: (fold(t.label(language)), t.code))
            )
        if sorting.column == ServiceColumn.SUBDIVISION:
            from focalpoint.services.common import geography

            return ("", *(s.code for s in geography.subdivisions(self.country(), language)))
        return ()

    # --- the map and the services without coordinates ---------------------------------------

    def map_marks(
        self, wanted: ServiceFilter, window: Window, cell: tuple[float, float]
    ) -> tuple[list[MapMark], bool]:
        """What the map draws of ``window`` (west, south, east, north): every placed service
        there, when they are few enough (True); else one mark per ``cell`` (degrees of
        longitude and latitude) that holds any (False)."""
        with self._db.reading() as conn:
            if service_map_store.placed_count(conn, wanted, window) <= POINT_LIMIT:
                return service_map_store.points(conn, wanted, window), True
            return service_map_store.cells(conn, wanted, window, cell), False

    def near(
        self, wanted: ServiceFilter, window: Window, limit: int
    ) -> tuple[list[ServiceSummary], int]:
        """The placed services in a small window, by name (at most ``limit``), and how many."""
        with self._db.reading() as conn:
            return service_map_store.near(conn, wanted, window, limit)

    def unplaced_count(self, wanted: ServiceFilter) -> int:
        with self._db.reading() as conn:
            return service_map_store.unplaced_count(conn, wanted)

    def unplaced_groups(self, wanted: ServiceFilter) -> list[tuple[str, int]]:
        """How many of the filter's services without coordinates each subdivision has."""
        with self._db.reading() as conn:
            return service_map_store.unplaced_groups(conn, wanted)

    def unplaced_in(self, wanted: ServiceFilter, subdivision: str) -> list[tuple[str, str, str]]:
        """The filter's services without coordinates in one subdivision ("" for none said),
        by name: (id, name, organisation)."""
        with self._db.reading() as conn:
            return service_map_store.unplaced_in(conn, wanted, subdivision)
