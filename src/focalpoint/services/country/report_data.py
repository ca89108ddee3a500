"""Gathering the country report's content in one read of the workspace, in the report's language."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.vocab import COUNTRIES, ActionStatus
from focalpoint.i18n import Translator, _, pick
from focalpoint.render.country_report.content import (
    SECTIONS,
    ActionLine,
    AxisBlock,
    DirectorySummary,
    MapMark,
    ObjectiveBlock,
    PracticeGroup,
    PracticesSummary,
    ReportData,
    ServiceType,
    SubdivisionBlock,
)
from focalpoint.services.common.vocabularies import vocabularies
from focalpoint.services.country import report_listings as listings
from focalpoint.services.country.plan import PlanService
from focalpoint.services.country.profile import ProfileService
from focalpoint.storage.country import entity_store, report_store, submission_store
from focalpoint.storage.sqlite import Database


def collect(
    db: Database,
    plan: PlanService,
    profile: ProfileService,
    language: str,
    tr: Translator,
    sections: Collection[str] = tuple(SECTIONS),
    full: bool = False,
) -> ReportData:
    """Read the workspace once and put the report's content into ``language``; practices and
    services only when ``sections`` include them. Long parts are summarised
    (``report_listings``) unless ``full`` asks for every entry."""
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
    shape = geography.country_shape(who.country)
    practices: tuple[PracticeGroup, ...] = ()
    services: tuple[SubdivisionBlock, ...] = ()
    types: tuple[ServiceType, ...] = ()
    marks: tuple[MapMark, ...] = ()
    directory: DirectorySummary | None = None
    compilation: PracticesSummary | None = None
    with db.reading() as conn:
        last = submission_store.last_submission(conn)
        changes, changes_summary = listings.changes(conn, last.audit_mark if last else 0, full)
        names = {e.id: e.display_name for e in entity_store.list_all(conn)}
        if "practices" in sections:
            if full or report_store.live_practice_count(conn) <= listings.LISTED_PRACTICES:
                practices = listings.practices_listed(conn, vocab, names, places, language)
            else:
                compilation = listings.practices_summary(conn, vocab, places, language)
        if "services" in sections:
            if full or report_store.live_service_count(conn) <= listings.LISTED_SERVICES:
                services, types = listings.services_listed(conn, vocab, places, language)
            else:
                types = listings.service_types(conn, vocab, language)
                directory = listings.directory_summary(conn, types, places)
            if shape is not None:
                marks = listings.map_marks(conn, shape.bbox)
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
        changes=changes,
        changes_summary=changes_summary,
        since_submission=(last.sequence, last.created_at) if last else None,
        practices=practices,
        practices_summary=compilation,
        services=services,
        service_types=types,
        directory_summary=directory,
        map_marks=marks,
        shape=shape,
        subdivision_names=places,
    )
