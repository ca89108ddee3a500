"""The long lists read a page at a time: what a filter counts, every order a column sorts in,
pages that join up, and where a record stands, as the window asks for them."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from focalpoint.domain.directory import (
    Organisation,
    Service,
    ServiceColumn,
    ServiceFilter,
    ServiceSummary,
)
from focalpoint.domain.listing import PAGE_SIZE, Sorting
from focalpoint.domain.practices import Practice, PracticeColumn, PracticeFilter, PracticeState
from focalpoint.domain.text import fold
from focalpoint.services.common import geography
from focalpoint.services.common.vocabularies import search_words, vocabularies
from focalpoint.services.country.workspace import Workspace
from focalpoint.storage.country import directory_store, practice_store

MUNICIPALITIES = ("Apopa", "Ilopango", "Mejicanos", "Soyapango", "")
WORDS = ("albergue", "asesoria", "salud", "retorno", "familia", "escuela", "consulado")


def many_services(ws: Workspace, count: int, seed: int = 3) -> None:
    """``count`` services of four organisations, of every type, some without a subdivision,
    written through the store in one transaction (a fixture, not the path being tested)."""
    rng = random.Random(seed)
    types = vocabularies().service_type.codes
    populations = vocabularies().population.codes
    places = [s.code for s in geography.subdivisions("SV")] + [""]
    with ws.db.transaction() as conn:
        orgs = [
            directory_store.save_organisation(
                conn, Organisation(name=name, acronym=acronym), search_words()
            )
            for name, acronym in (("Zeta", ""), ("Alfa", "ALF"), ("Mango", ""), ("beta", "B"))
        ]
        for n in range(count):
            directory_store.save_service(
                conn,
                Service(
                    organisation_id=orgs[n % len(orgs)],
                    name=f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {n:03d}",
                    service_type=types[n % len(types)],
                    populations=(populations[n % len(populations)],),
                    subdivision=places[n % len(places)],
                    municipality=MUNICIPALITIES[n % len(MUNICIPALITIES)],
                ),
                search_words(),
            )


def every_page(ws: Workspace, wanted: ServiceFilter, sorting: Sorting) -> list[ServiceSummary]:
    rows: list[ServiceSummary] = []
    while len(rows) < ws.directory.count(wanted):
        rows += ws.directory.page(wanted, sorting, len(rows), PAGE_SIZE)
    return rows


def expected_key(ws: Workspace, column: ServiceColumn) -> object:
    """How a person expects each column to sort: labels and names as they read them."""
    labels = {t.code: fold(t.label("en")) for t in vocabularies().service_type.terms}
    names = {s.code: fold(s.name_in("en")) for s in geography.subdivisions("SV")}
    return {
        ServiceColumn.NAME: lambda s: (s.name.lower(), s.id),
        ServiceColumn.ORGANISATION: lambda s: (s.organisation.lower(), s.name.lower(), s.id),
        ServiceColumn.TYPE: lambda s: (labels[s.service_type], s.name.lower(), s.id),
        ServiceColumn.SUBDIVISION: lambda s: (names.get(s.subdivision, ""), s.name.lower(), s.id),
        ServiceColumn.MUNICIPALITY: lambda s: (s.municipality.lower(), s.name.lower(), s.id),
    }[column]


@pytest.mark.parametrize("column", list(ServiceColumn))
def test_every_column_sorts_both_ways_and_its_pages_join_up(ws: Workspace, column) -> None:  # type: ignore[no-untyped-def]
    many_services(ws, 450)
    everything = ServiceFilter()
    expected = sorted(ws.directory.summaries(), key=expected_key(ws, column))  # type: ignore[arg-type]
    for descending in (False, True):
        sorting = Sorting(column, descending)
        rows = every_page(ws, everything, sorting)
        wanted = list(reversed(expected)) if descending else expected
        assert [r.id for r in rows] == [s.id for s in wanted], (column, descending)
        # Pages read from the end (the last of 450) join the ones read from the start.
        assert ws.directory.page(everything, sorting, 440, PAGE_SIZE) == rows[440:]
        for at in (0, 199, 200, 449):
            assert ws.directory.position(everything, sorting, rows[at].id) == at


def test_a_filter_counts_what_it_leaves_and_its_pages_hold_exactly_that(ws: Workspace) -> None:
    many_services(ws, 300)
    sorting = Sorting(ServiceColumn.NAME)
    every = ws.directory.summaries()
    for wanted, keep in (
        (ServiceFilter(service_type="shelter"), lambda s: s.service_type == "shelter"),
        (ServiceFilter(population="returned"), lambda s: "returned" in s.populations),
        (ServiceFilter(subdivision="SV-SS"), lambda s: s.subdivision == "SV-SS"),
        (
            ServiceFilter(text="salud", service_type="shelter", population="returned"),
            lambda s: (
                "salud" in s.name.lower()
                and s.service_type == "shelter"
                and "returned" in s.populations
            ),
        ),
    ):
        kept = [s.id for s in every if keep(s)]
        assert kept, wanted
        assert ws.directory.count(wanted) == len(kept), wanted
        assert {s.id for s in every_page(ws, wanted, sorting)} == set(kept), wanted


def test_typing_on_narrows_the_list_as_the_search_index_does(ws: Workspace) -> None:
    """The first letters match most services: the list then keeps what they leave out. Either
    way, each keystroke shows exactly what the search index finds."""
    many_services(ws, 260)
    for text in ("s", "sa", "sal", "salu", "salud", "salud a", "salud al", "x", ""):
        wanted = ServiceFilter(text=text)
        found = ws.directory.search(text)
        expected = {s.id for s in ws.directory.summaries()} if found is None else found
        assert ws.directory.count(wanted) == len(expected), text
        rows = every_page(ws, wanted, Sorting(ServiceColumn.MUNICIPALITY, descending=True))
        assert {s.id for s in rows} == expected, text


def test_typing_on_within_a_type_and_after_an_edit_still_finds_what_the_index_finds(
    ws: Workspace,
) -> None:
    """Typing on only reads what the new letters leave out of the last filter's matches: with a
    type chosen, with deleted services shown, and after an edit, each step still equals the
    same filter asked afresh."""
    many_services(ws, 300)
    service_type = vocabularies().service_type.codes[1]

    fresh = Workspace.open(ws.folder)  # connections of its own: nothing kept from before

    def afresh(wanted: ServiceFilter) -> set[str]:
        fresh.db.release_thread()
        return {s.id for s in every_page(fresh, wanted, Sorting(ServiceColumn.NAME))}

    for deleted in (False, True):
        steps = ["a", "al", "alb", "albe", "albergue", "albergue s", "albergue sa"]
        for n, text in enumerate(steps):
            wanted = ServiceFilter(text=text, service_type=service_type, include_deleted=deleted)
            typed_on = {s.id for s in every_page(ws, wanted, Sorting(ServiceColumn.NAME))}
            assert ws.directory.count(wanted) == len(typed_on), text
            if n == 3:  # an edit between two keystrokes
                page = ws.directory.page(wanted, Sorting(ServiceColumn.NAME), 0, PAGE_SIZE)
                victim = next(s for s in page if not s.deleted)
                ws.directory.delete_service(victim.id)
                typed_on = {s.id for s in every_page(ws, wanted, Sorting(ServiceColumn.NAME))}
                assert (victim.id in typed_on) == deleted
            assert typed_on == afresh(wanted), text
            if not deleted:
                found = ws.directory.search(text)
                assert found is not None
                kept = {s.id for s in ws.directory.summaries() if s.service_type == service_type}
                assert typed_on == found & kept, text
    fresh.close()


def test_a_list_follows_an_edit_made_after_it_was_counted(ws: Workspace) -> None:
    many_services(ws, 30)
    wanted = ServiceFilter(text="salud")
    before = ws.directory.count(wanted)
    first = ws.directory.page(wanted, Sorting(ServiceColumn.NAME), 0, PAGE_SIZE)[0]
    ws.directory.delete_service(first.id)
    assert ws.directory.count(wanted) == before - 1
    assert first.id not in {s.id for s in every_page(ws, wanted, Sorting(ServiceColumn.NAME))}
    shown = ServiceFilter(text="salud", include_deleted=True)
    assert ws.directory.count(shown) == before  # deleted, it is still found by its name
    assert ws.directory.position(shown, Sorting(ServiceColumn.NAME), first.id) == 0


def test_a_record_the_filter_leaves_out_has_no_position(ws: Workspace) -> None:
    many_services(ws, 20)
    other = next(s for s in ws.directory.summaries() if s.service_type != "shelter")
    wanted = ServiceFilter(service_type="shelter")
    assert ws.directory.position(wanted, Sorting(ServiceColumn.TYPE), other.id) is None


def many_practices(ws: Workspace, count: int) -> None:
    rng = random.Random(5)
    categories = vocabularies().practice_category.codes
    places = [s.code for s in geography.subdivisions("SV")]
    codes = ws.plan.overview().document.action_codes()
    with ws.db.transaction() as conn:
        for n in range(count):
            practice = Practice(
                title=f"{rng.choice(WORDS).capitalize()} {n:03d}",
                categories=(categories[n % len(categories)],) if n % 7 else (),
                national=n % 3 == 0,
                subdivisions=() if n % 3 == 0 else (places[n % len(places)],),
                action_codes=(codes[n % len(codes)],) if n % 5 else (),
                state=PracticeState.READY if n % 2 else PracticeState.DRAFT,
            )
            practice_id = practice_store.save(conn, practice)
            practice_store.index(conn, replace(practice, id=practice_id), [], search_words())


@pytest.mark.parametrize("column", list(PracticeColumn))
def test_practices_sort_by_every_column(ws: Workspace, column: PracticeColumn) -> None:
    many_practices(ws, 230)
    labels = {t.code: fold(t.label("en")) for t in vocabularies().practice_category.terms}
    names = {s.code: fold(s.name_in("en")) for s in geography.subdivisions("SV")}
    key = {
        PracticeColumn.TITLE: lambda p: (p.title.lower(), p.id),
        PracticeColumn.STATE: lambda p: (fold(p.state.label), p.title.lower(), p.id),
        PracticeColumn.CATEGORIES: lambda p: (
            labels[p.categories[0]] if p.categories else "",
            p.title.lower(),
            p.id,
        ),
        PracticeColumn.ACTIONS: lambda p: (min(p.action_codes, default=""), p.title.lower(), p.id),
        PracticeColumn.SCOPE: lambda p: (
            "national" if p.national else names[p.subdivisions[0]],
            p.title.lower(),
            p.id,
        ),
        PracticeColumn.CHANGED: lambda p: (p.updated_at, p.id),
    }[column]
    expected = sorted(ws.practices.summaries(), key=key)  # type: ignore[arg-type]
    wanted = PracticeFilter()
    for descending in (False, True):
        sorting = Sorting(column, descending)
        rows = ws.practices.page(wanted, sorting, 0, PAGE_SIZE)
        rows += ws.practices.page(wanted, sorting, PAGE_SIZE, PAGE_SIZE)
        order = list(reversed(expected)) if descending else expected
        assert [r.id for r in rows] == [p.id for p in order], (column, descending)
        assert ws.practices.position(wanted, sorting, rows[201].id) == 201


def test_a_practice_filter_counts_national_practices_everywhere(ws: Workspace) -> None:
    many_practices(ws, 60)
    every = ws.practices.summaries()
    wanted = PracticeFilter(subdivision="SV-SS", state="ready")
    kept = [p for p in every if (p.national or "SV-SS" in p.subdivisions) and p.state == "ready"]
    assert ws.practices.count(wanted) == len(kept) > 0
    rows = ws.practices.page(wanted, Sorting(PracticeColumn.TITLE), 0, PAGE_SIZE)
    assert {p.id for p in rows} == {p.id for p in kept}
