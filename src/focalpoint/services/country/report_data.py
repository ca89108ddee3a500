"""Gathering the country report's content in one read of the workspace, in the report's language."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from datetime import date

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.history import SUBMITTED_KINDS
from focalpoint.domain.palette import type_colour
from focalpoint.domain.practices import PracticeState
from focalpoint.domain.text import fold
from focalpoint.domain.vocab import COUNTRIES, ActionStatus
from focalpoint.domain.vocabularies import Vocabularies
from focalpoint.i18n import Translator, _, pick
from focalpoint.render.country_report.content import (
    SECTIONS,
    ActionLine,
    AxisBlock,
    ObjectiveBlock,
    PracticeEntry,
    PracticeGroup,
    ReportData,
    ServiceLine,
    ServiceType,
    SubdivisionBlock,
)
from focalpoint.services.common.vocabularies import vocabularies
from focalpoint.services.country.plan import PlanService
from focalpoint.services.country.profile import ProfileService
from focalpoint.storage.country import (
    audit_store,
    directory_store,
    entity_store,
    practice_store,
    submission_store,
)
from focalpoint.storage.sqlite import Database


def collect(
    db: Database,
    plan: PlanService,
    profile: ProfileService,
    language: str,
    tr: Translator,
    sections: Collection[str] = tuple(SECTIONS),
) -> ReportData:
    """Read the workspace once and put the report's content into ``language``; practices and
    services only when ``sections`` include them (20,000 services take a second to read)."""
    who = profile.get()
    if who is None:
        raise InvalidInput(
            _(
                "Set up this workspace first (country and officer): in the window, "
                "or with `focalpoint setup --country CODE --name NAME`."
            )
        )
    from focalpoint.services.common import geography  # the shapes: only when a report is made

    overview = plan.overview()
    vocab = vocabularies()
    places = {s.code: s.name_in(language) for s in geography.subdivisions(who.country, language)}
    with db.reading() as conn:
        last = submission_store.last_submission(conn)
        mark = last.audit_mark if last else 0
        changes = audit_store.named_changes_since(conn, mark, SUBMITTED_KINDS)
        names = {e.id: e.display_name for e in entity_store.list_all(conn)}
        practices = (
            _practices(conn, vocab, names, places, language) if "practices" in sections else ()
        )
        services, types = (
            _services(conn, vocab, places, language) if "services" in sections else ((), ())
        )
    axes = []
    for axis in overview.document.axes:
        objectives = []
        for obj in axis.objectives:
            lines = []
            for action in obj.actions:
                a = overview.assignments.get(action.code)
                lines.append(
                    ActionLine(
                        code=action.code,
                        title=pick(action.title, language),
                        lead=names.get(a.lead_id or "", "") if a else "",
                        supporting=tuple(names.get(s, "") for s in a.support_ids) if a else (),
                        status=a.status if a else ActionStatus.NOT_STARTED,
                        note=a.note if a else "",
                    )
                )
            objectives.append(ObjectiveBlock(obj.code, pick(obj.title, language), tuple(lines)))
        axes.append(AxisBlock(axis.code, pick(axis.title, language), tuple(objectives)))
    info = overview.info
    return ReportData(
        language=language,
        country=pick(COUNTRIES[who.country], language),
        country_code=who.country,
        officer=who.name,
        officer_title=who.title,
        institution=who.institution,
        made_on=date.today(),
        plan_code=info.code,
        plan_version=info.version,
        plan_title=pick(info.title, language),
        provisional=info.provisional,
        axes=tuple(axes),
        changes=tuple(changes),
        since_submission=(last.sequence, last.created_at) if last else None,
        practices=practices,
        services=services,
        service_types=types,
        shape=geography.country_shape(who.country),
        subdivision_names=places,
    )


def _practices(
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


def _services(
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
