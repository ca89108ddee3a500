"""Reading the practices a page at a time: how many a filter leaves, and the rows on screen
in the order the user chose (``practice_list_store``)."""

from __future__ import annotations

from focalpoint.domain.listing import Sorting
from focalpoint.domain.practices import (
    PracticeColumn,
    PracticeFilter,
    PracticeState,
    PracticeSummary,
)
from focalpoint.domain.text import fold
from focalpoint.i18n import _, current_language
from focalpoint.services.common.vocabularies import vocabularies
from focalpoint.storage.country import practice_list_store
from focalpoint.storage.sqlite import Database


class PracticeListing:
    """The reading side of ``PracticeService`` for the list."""

    _db: Database

    def country(self) -> str:
        raise NotImplementedError

    def count(self, wanted: PracticeFilter) -> int:
        """How many practices the filter leaves."""
        with self._db.reading() as conn:
            return practice_list_store.count(conn, wanted)

    def page(
        self, wanted: PracticeFilter, sorting: Sorting, offset: int, limit: int
    ) -> list[PracticeSummary]:
        """The practices from ``offset`` (at most ``limit``) in ``sorting``'s order."""
        codes = self._codes(sorting)
        with self._db.reading() as conn:
            return practice_list_store.page(conn, wanted, sorting, codes, offset, limit)

    def position(self, wanted: PracticeFilter, sorting: Sorting, practice_id: str) -> int | None:
        """Where a practice stands in that order; None when the filter leaves it out."""
        codes = self._codes(sorting)
        with self._db.reading() as conn:
            return practice_list_store.position(conn, wanted, sorting, codes, practice_id)

    def _codes(self, sorting: Sorting) -> tuple[str, ...]:
        """For an order by a coded column, the codes as their labels sort in the interface's
        language ("" first: no category; for the scope, national practices)."""
        language = current_language()
        labelled: list[tuple[str, str]] = []
        if sorting.column == PracticeColumn.STATE:
            labelled = [(s.value, s.label) for s in PracticeState]
        elif sorting.column == PracticeColumn.CATEGORIES:
            labelled = [("", "")] + [
                (t.code, t.label(language)) for t in vocabularies().practice_category.terms
            ]
        elif sorting.column == PracticeColumn.SCOPE:
            from focalpoint.services.common import geography

            labelled = [("", _("National"))] + [
                (s.code, s.name_in(language))
                for s in geography.subdivisions(self.country(), language)
            ]
        return tuple(code for code, label in sorted(labelled, key=lambda c: (fold(c[1]), c[0])))
