"""The long parts of the country report (practices, services, changes): listed in full up to
what a reader can use, summarised beyond it.

A report is for reading and printing. The compilation and the directory grow with a country's
work; past a few hundred entries a listing runs to hundreds of pages (20,000 services made
2,400), which helps no minister and takes minutes. Past the limits below the part becomes a
summary counted by SQLite (per subdivision and type, the largest organisations, per category;
the map keeps one dot per type and place), so its cost no longer grows with the records. The
full listing travels elsewhere: the directory as a spreadsheet (Services → Export, and
``csv/services.csv`` in every submission), and the whole report with full listings when asked
for (``full``), as its own document.
"""

from __future__ import annotations

import sqlite3

from focalpoint.domain.history import SUBMITTED_KINDS, Change
from focalpoint.domain.palette import type_colour
from focalpoint.domain.practices import PracticeState
from focalpoint.domain.text import fold
from focalpoint.domain.vocabularies import Vocabularies
from focalpoint.render.country_report.content import (
    ChangesSummary,
    DirectorySummary,
    MapMark,
    PlaceCounts,
    PracticeEntry,
    PracticeGroup,
    PracticesSummary,
    ServiceLine,
    ServiceType,
    SubdivisionBlock,
)
from focalpoint.storage.country import audit_store, directory_store, practice_store, report_store

# About sixty pages of the directory (eight services a page) and of the compilation (two
# practices a page), and forty of changes: beyond these a listing is a reference, not a report.
LISTED_SERVICES = 500
LISTED_PRACTICES = 120
LISTED_CHANGES = 1500
# The map's dots: services closer than a two-hundred-and-fiftieth of the country's width print
# as one dot (a dot is 2 points on a 174 mm map).
MAP_CELLS_ACROSS = 250
# The organisations a directory summary names, with the most services first.
LARGEST_ORGANISATIONS = 40


def practices_listed(
    conn: sqlite3.Connection,
    vocab: Vocabularies,
    entity_names: dict[str, str],
    places: dict[str, str],
    language: str,
) -> tuple[PracticeGroup, ...]:
    """Live practices grouped by their first category (vocabulary order), by title within."""
    groups: dict[str, list[PracticeEntry]] = {}
    for summary in practice_store.summaries(conn):
        p = practice_store.get(conn, summary.id)
        if p is None:
            continue
        groups.setdefault(p.categories[0] if p.categories else "", []).append(
            PracticeEntry(
                title=p.title,
                draft=p.state is PracticeState.DRAFT,
                summary=p.summary,
                categories=tuple(vocab.practice_category.label(c, language) for c in p.categories),
                populations=tuple(vocab.population.label(c, language) for c in p.populations),
                phases=tuple(vocab.migration_phase.label(c, language) for c in p.phases),
                national=p.national,
                subdivisions=tuple(places.get(c, c) for c in p.subdivisions),
                entities=tuple(entity_names.get(e, "") for e in p.entity_ids),
                partners=p.partners,
                period_start=p.period_start,
                period_end=p.period_end,
                results=p.results,
                lessons=p.lessons,
                action_codes=p.action_codes,
                evidence=tuple(a.file_name for a in practice_store.attachments(conn, p.id)),
            )
        )
    known = vocab.practice_category.codes
    order = [*known, *sorted(set(groups) - {"", *known}), ""]  # newer codes, then none
    return tuple(
        PracticeGroup(
            vocab.practice_category.label(code, language) if code else "",
            tuple(sorted(groups[code], key=lambda e: fold(e.title))),
        )
        for code in order
        if code in groups
    )


def services_listed(
    conn: sqlite3.Connection, vocab: Vocabularies, places: dict[str, str], language: str
) -> tuple[tuple[SubdivisionBlock, ...], tuple[ServiceType, ...]]:
    """Live services by subdivision (by name, "not said" last), by type and name within; and
    the legend of the types found, in vocabulary order."""
    live = {o.id: o.display_name for o in directory_store.organisations(conn)}
    codes = vocab.service_type.codes
    rank = {code: n for n, code in enumerate(codes)}
    blocks: dict[str, list[ServiceLine]] = {}
    counts: dict[str, int] = {}
    for s in directory_store.services(conn):
        if s.organisation_id not in live:
            continue
        counts[s.service_type] = counts.get(s.service_type, 0) + 1
        blocks.setdefault(s.subdivision, []).append(
            ServiceLine(
                name=s.name,
                organisation=live[s.organisation_id],
                service_type=s.service_type,
                type_label=vocab.service_type.label(s.service_type, language),
                populations=tuple(vocab.population.label(c, language) for c in s.populations),
                age_min=s.age_min,
                age_max=s.age_max,
                referral=s.referral,
                referral_contact=s.referral_contact,
                municipality=s.municipality,
                latitude=s.latitude,
                longitude=s.longitude,
            )
        )
    named = sorted((c for c in blocks if c), key=lambda c: fold(places.get(c) or c))
    result = tuple(
        SubdivisionBlock(
            code,
            places.get(code, code),
            tuple(
                sorted(
                    blocks[code],
                    key=lambda s: (rank.get(s.service_type, len(codes)), fold(s.name)),
                )
            ),
        )
        for code in [*named, *([""] if "" in blocks else [])]
    )
    types = tuple(
        ServiceType(code, vocab.service_type.label(code, language), type_colour(code, codes), n)
        for code, n in sorted(counts.items(), key=lambda item: rank.get(item[0], len(codes)))
    )
    return result, types


def service_types(
    conn: sqlite3.Connection, vocab: Vocabularies, language: str
) -> tuple[ServiceType, ...]:
    """The legend: the types of the live services, in vocabulary order, with their counts."""
    counts: dict[str, int] = {}
    for _place, kind, n, _located in report_store.services_by_place_and_type(conn):
        counts[kind] = counts.get(kind, 0) + n
    return _legend(counts, vocab, language)


def _legend(counts: dict[str, int], vocab: Vocabularies, language: str) -> tuple[ServiceType, ...]:
    codes = vocab.service_type.codes
    rank = {code: n for n, code in enumerate(codes)}
    return tuple(
        ServiceType(code, vocab.service_type.label(code, language), type_colour(code, codes), n)
        for code, n in sorted(counts.items(), key=lambda item: rank.get(item[0], len(codes)))
    )


def map_marks(
    conn: sqlite3.Connection, bbox: tuple[float, float, float, float]
) -> tuple[MapMark, ...]:
    """The map's dots for every live located service (see :data:`MAP_CELLS_ACROSS`)."""
    west, _south, east, _north = bbox
    cell = max(east - west, 1e-6) / MAP_CELLS_ACROSS
    return tuple(MapMark(*mark) for mark in report_store.map_marks(conn, cell))


def directory_summary(
    conn: sqlite3.Connection, types: tuple[ServiceType, ...], places: dict[str, str]
) -> DirectorySummary:
    """The directory counted: per subdivision and type, and its largest organisations."""
    order = {t.code: n for n, t in enumerate(types)}
    counts: dict[str, list[int]] = {}
    located = 0
    for place, kind, n, here in report_store.services_by_place_and_type(conn):
        counts.setdefault(place, [0] * len(types))[order[kind]] += n
        located += here
    named = sorted((c for c in counts if c), key=lambda c: fold(places.get(c) or c))
    rows = tuple(
        PlaceCounts(code, places.get(code, code), tuple(counts[code]))
        for code in [*named, *([""] if "" in counts else [])]
    )
    largest = tuple(
        (f"{name} ({acronym})" if acronym else name, n)
        for name, acronym, n in report_store.largest_organisations(conn, LARGEST_ORGANISATIONS)
    )
    return DirectorySummary(
        services=sum(p.total for p in rows),
        located=located,
        places=rows,
        organisations=report_store.organisations_with_services(conn),
        largest=largest,
    )


def practices_summary(
    conn: sqlite3.Connection, vocab: Vocabularies, places: dict[str, str], language: str
) -> PracticesSummary:
    """The compilation counted: per first category (vocabulary order) and per place."""
    found = {code: (n, drafts) for code, n, drafts in report_store.practices_by_category(conn)}
    known = vocab.practice_category.codes
    order = [*known, *sorted(set(found) - {"", *known}), ""]
    categories = tuple(
        (vocab.practice_category.label(code, language) if code else "", *found[code])
        for code in order
        if code in found
    )
    by_place = report_store.practices_by_place(conn)
    national = [(code, n) for code, n in by_place if not code]
    local = sorted(
        ((code, n) for code, n in by_place if code), key=lambda i: fold(places.get(i[0], i[0]))
    )
    return PracticesSummary(
        practices=sum(n for _label, n, _d in categories),
        drafts=sum(d for _label, _n, d in categories),
        categories=categories,
        places=tuple((places.get(code, code), n) for code, n in [*national, *local]),
    )


def changes(
    conn: sqlite3.Connection, mark: int, full: bool
) -> tuple[tuple[Change, ...], ChangesSummary | None]:
    """The changes since ``mark``: all of them, or, past :data:`LISTED_CHANGES`, what they come
    to by kind with the newest changes to the plan's actions and entities."""
    total = report_store.change_total(conn, mark, SUBMITTED_KINDS)
    if full or total <= LISTED_CHANGES:
        return tuple(audit_store.named_changes_since(conn, mark, SUBMITTED_KINDS)), None
    listed = audit_store.named_changes_since(conn, mark, ("action", "entity"), LISTED_CHANGES)
    counts = report_store.change_counts(conn, mark, SUBMITTED_KINDS)
    rank = {kind: n for n, kind in enumerate(SUBMITTED_KINDS)}
    return tuple(listed), ChangesSummary(total, tuple(sorted(counts, key=lambda c: rank[c[0]])))
