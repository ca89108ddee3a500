"""Gathering the regional report's content in one read of the Secretariat's store, in the
report's language (``RegionalReportService`` writes it; ``render/regional_report`` lays it out).

**Open actions** (``open_only``, for a virtual meeting of the Network): an action is open when
at least one country that has reported has not completed it (no cell, not started or in
progress; "not applicable" counts as done for that country), or when no country has reported
yet. With ``open_only`` the matrix and the list of actions without a responsible entity show
the open actions only; the cover says so, and the other parts still cover the whole plan.

The report stays a report: the compilation names a few practices per country and category,
and prints a few on alternatives to detention whole per country; the rest are counted.
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

from focalpoint.domain.palette import type_colour
from focalpoint.domain.plan import PlanDocument
from focalpoint.domain.text import fold
from focalpoint.domain.vocab import ActionStatus, country_name
from focalpoint.i18n import (
    N_,
    Translator,
    language_name,
    pick,
)
from focalpoint.render.country_report.content import MapMark, ServiceType
from focalpoint.render.periods import period
from focalpoint.render.regional_report.content import (
    Acronym,
    AxisMatrix,
    CategoryBlock,
    CountryProgress,
    Detention,
    DetentionPractice,
    MatrixCell,
    MatrixLine,
    OpenAction,
    PracticeLine,
    ProposalLine,
    RegionalReportData,
    ServiceCounts,
)
from focalpoint.services.common.vocabularies import vocabularies
from focalpoint.storage.secretariat import consolidated_store, registry_store, report_store
from focalpoint.storage.secretariat.database import SecretariatDatabase

DETENTION = "alternative_care"  # the category of items 7-8: alternatives to detention
LISTED_PER_CATEGORY = 3  # practices named per country under each category
LISTED_DETENTION = 6  # practices on alternatives to detention printed whole per country
MAP_CELLS_ACROSS = 250  # services closer than this share of the region's width share a dot
DONE = (ActionStatus.COMPLETED, ActionStatus.NOT_APPLICABLE)
KINDS = {
    "wording": N_("New wording"),
    "new_action": N_("New action"),
    "paragraph": N_("New paragraph"),
    "comment": N_("Comment"),
}
STATES = {
    "submitted": N_("Received, not answered yet"),
    "incorporated": N_("Incorporated"),
    "declined": N_("Declined"),
    "discussion": N_("Under discussion"),
}


class _Tally:
    """One country's counts while the plan is read."""

    def __init__(self) -> None:
        self.assigned = 0
        self.by_status = [0] * len(ActionStatus)
        self.axes: list[tuple[int, int]] = []  # (completed, actions) per axis


def _status(value: str) -> ActionStatus:
    try:
        return ActionStatus(value)
    except ValueError:  # a status a newer country app knows: not done, as far as we can tell
        return ActionStatus.NOT_STARTED


def collect(
    db: SecretariatDatabase,
    plan: PlanDocument,
    secretariat: str,
    language: str,
    tr: Translator,
    open_only: bool = False,
) -> RegionalReportData:
    """Read the store once and put the report's content into ``language``."""
    from focalpoint.services.common import geography  # the shapes: only when a report is made

    vocab = vocabularies()
    with db.reading() as conn:
        codes = registry_store.countries(conn)
        heads = consolidated_store.heads(conn)
        names = {c: country_name(c, language) for c in {*codes, *heads}}
        codes = sorted(names, key=lambda c: (fold(names[c]), c))  # as a reader looks them up
        stored: dict[str, dict[str, report_store.StoredCell]] = {}
        for cell in report_store.cells(conn):
            stored.setdefault(cell.country, {})[cell.action_code] = cell
        acronyms = report_store.acronyms(conn)
        practice_rows = list(report_store.practice_rows(conn))
        service_rows = report_store.services_by_country_and_type(conn)
        proposals = report_store.proposals(conn)
        shape = geography.region_shape(codes)
        marks: list[tuple[str, float, float]] = []
        if shape is not None:
            west, _south, east, _north = shape.bbox
            marks = report_store.map_marks(conn, max(east - west, 1e-6) / MAP_CELLS_ACROSS)
        detention_keys, detention_more = _detention_choice(practice_rows, codes)
        detention_records = report_store.practice_records(conn, detention_keys)

    reported = [c for c in codes if c in heads]

    # The plan, action by action, with every country's cell.
    used: dict[tuple[str, str], str] = {}  # (country, acronym) → the entity's full name
    axes_matrix: list[AxisMatrix] = []
    unassigned: list[OpenAction] = []
    open_count = 0
    tally = {c: _Tally() for c in codes}
    statuses = list(ActionStatus)
    for axis in plan.axes:
        lines: list[MatrixLine] = []
        completed_here = dict.fromkeys(codes, 0)
        total_here = 0
        for objective in axis.objectives:
            for action in objective.actions:
                total_here += 1
                cells: list[MatrixCell | None] = []
                anyone = False
                is_open = not reported
                for country in codes:
                    found = stored.get(country, {}).get(action.code)
                    if country not in heads:
                        cells.append(None)
                        continue
                    status = _status(found.status) if found else ActionStatus.NOT_STARTED
                    entry = tally[country]
                    entry.by_status[statuses.index(status)] += 1
                    if status is ActionStatus.COMPLETED:
                        completed_here[country] += 1
                    if status not in DONE:
                        is_open = True
                    if found is None:  # reported, but nothing said of this action
                        cells.append(MatrixCell("", 0, status))
                        continue
                    lead = found.lead_name
                    if found.lead_id:
                        anyone = True
                        entry.assigned += 1
                        acronym = acronyms.get((country, found.lead_id))
                        if acronym:
                            used[(country, acronym)] = found.lead_name
                            lead = acronym
                    cells.append(MatrixCell(lead, found.supporting, status))
                title = pick(action.title, language)
                open_count += is_open
                if open_only and not is_open:
                    continue
                lines.append(MatrixLine(action.code, title, tuple(cells)))
                if not anyone:
                    unassigned.append(OpenAction(action.code, title, axis.code))
        for country in codes:
            tally[country].axes.append((completed_here[country], total_here))
        axes_matrix.append(AxisMatrix(axis.code, pick(axis.title, language), tuple(lines)))

    countries = tuple(
        CountryProgress(
            code=c,
            name=names[c],
            reported=c in heads,
            sequence=heads[c].sequence if c in heads else None,
            assigned=tally[c].assigned,
            by_status=tuple(tally[c].by_status) if c in heads else (),
            completed_by_axis=tuple(tally[c].axes) if c in heads else (),
        )
        for c in codes
    )

    # Practices: counted per category and country, a few named.
    category_codes = vocab.practice_category.codes
    counts = {k: dict.fromkeys(codes, 0) for k in category_codes}
    chosen: dict[str, dict[str, list[tuple[bool, str, str]]]] = {k: {} for k in category_codes}
    for country, _record, title, state, categories, updated in practice_rows:
        for code in categories.split():
            if code not in counts:
                continue
            counts[code][country] = counts[code].get(country, 0) + 1
            chosen[code].setdefault(country, []).append((state == "draft", _desc(updated), title))
    categories_out = []
    for code in category_codes:
        listed: list[PracticeLine] = []
        for country in codes:
            best = sorted(chosen[code].get(country, []))[:LISTED_PER_CATEGORY]
            listed += [PracticeLine(names[country], title, draft) for draft, _u, title in best]
        total = sum(counts[code].values())
        categories_out.append(
            CategoryBlock(
                code,
                vocab.practice_category.label(code, language),
                tuple(counts[code].get(c, 0) for c in codes),
                tuple(listed),
                total - len(listed),
            )
        )
    detention = Detention(
        vocab.practice_category.label(DETENTION, language),
        tuple(counts[DETENTION].get(c, 0) for c in codes) if DETENTION in counts else (),
        tuple(
            _detention_line(names[country], detention_records[(country, rid)], vocab, tr, language)
            for country, rid in detention_keys
            if (country, rid) in detention_records
        ),
        detention_more,
        LISTED_DETENTION,
    )

    # Services: counted per country and type; the legend in vocabulary order.
    type_codes = vocab.service_type.codes
    by_type: dict[str, int] = {}
    per_country: dict[str, dict[str, int]] = {}
    located: dict[str, int] = {}
    for country, kind, n, here in service_rows:
        by_type[kind] = by_type.get(kind, 0) + n
        per_country.setdefault(country, {})[kind] = n
        located[country] = located.get(country, 0) + here
    rank = {code: n for n, code in enumerate(type_codes)}
    legend = tuple(
        ServiceType(k, vocab.service_type.label(k, language), type_colour(k, type_codes), n)
        for k, n in sorted(by_type.items(), key=lambda i: rank.get(i[0], len(type_codes)))
    )
    service_counts = tuple(
        ServiceCounts(
            names[c],
            tuple(per_country.get(c, {}).get(t.code, 0) for t in legend),
            located.get(c, 0),
        )
        for c in codes
        if c in per_country
    )

    info = plan.info
    titles = {a.code: pick(a.title, language) for a in plan.actions()}
    titles |= {o.code: pick(o.title, language) for axis in plan.axes for o in axis.objectives}
    return RegionalReportData(
        language=language,
        secretariat=secretariat,
        made_on=date.today(),
        plan_code=info.code,
        plan_version=info.version,
        plan_title=pick(info.title, language),
        provisional=info.provisional,
        countries=countries,
        axes=tuple(
            (a.code, pick(a.title, language), sum(len(o.actions) for o in a.objectives))
            for a in plan.axes
        ),
        actions=sum(1 for _ in plan.actions()),
        open_only=open_only,
        matrix=tuple(axes_matrix),
        acronyms=_glossary(used, names),
        unassigned=tuple(unassigned),
        categories=tuple(categories_out),
        detention=detention,
        service_types=legend,
        service_counts=service_counts,
        shape=shape,
        country_names=names,
        map_marks=tuple(MapMark(*m) for m in marks),
        proposals=tuple(_proposal_line(p, names, titles, tr, language) for p in proposals),
        open_actions=open_count,
        practices=len(practice_rows),
        listed_per_category=LISTED_PER_CATEGORY,
        services=sum(by_type.values()),
    )


def _glossary(used: dict[tuple[str, str], str], names: dict[str, str]) -> tuple[Acronym, ...]:
    """The acronyms the matrix shows, spelled out: one line per acronym and name, with the
    countries that use it (the same entity name in several countries is listed once)."""
    merged: dict[tuple[str, str], list[str]] = {}
    for (country, acronym), name in sorted(used.items()):
        full = name.removesuffix(f" ({acronym})")  # as acceptance stored it: "Name (ACR)"
        merged.setdefault((acronym, full), []).append(names[country])
    return tuple(
        Acronym(", ".join(countries), acronym, name)
        for (acronym, name), countries in sorted(
            merged.items(), key=lambda i: (fold(i[0][0]), i[0])
        )
    )


def _desc(updated: str) -> str:
    """A sort key that puts the newest first in an ascending sort."""
    return "".join(chr(0x10FFFF - ord(c)) for c in updated)


def _detention_choice(
    rows: list[tuple[str, str, str, str, str, str]], codes: list[str]
) -> tuple[list[tuple[str, str]], int]:
    """The practices on alternatives to detention to print whole (per country: ready ones
    first, newest first, at most ``LISTED_DETENTION``), and how many more there are."""
    found: dict[str, list[tuple[bool, str, str, str]]] = {}
    for country, record_id, title, state, categories, updated in rows:
        if f" {DETENTION} " in f" {categories} ":
            found.setdefault(country, []).append(
                (state == "draft", _desc(updated), title, record_id)
            )
    keys = []
    more = 0
    for country in codes:
        mine = sorted(found.get(country, []))
        keys += [(country, rid) for _d, _u, _t, rid in mine[:LISTED_DETENTION]]
        more += max(len(mine) - LISTED_DETENTION, 0)
    return keys, more


def _detention_line(
    country: str,
    record: dict,
    vocab: object,
    tr: Translator,
    language: str,
) -> DetentionPractice:
    populations = vocab.population  # type: ignore[attr-defined]
    return DetentionPractice(
        country=country,
        title=str(record.get("title") or ""),
        draft=str(record.get("state") or "draft") == "draft",
        summary=str(record.get("summary") or ""),
        populations=tuple(populations.label(c, language) for c in record.get("populations") or ()),
        period=period(
            str(record.get("period_start") or ""), str(record.get("period_end") or ""), tr, language
        ),
        results=str(record.get("results") or ""),
        lessons=str(record.get("lessons") or ""),
        action_codes=tuple(str(c) for c in record.get("action_codes") or ()),
    )


def _proposal_line(
    p: report_store.StoredProposal,
    names: dict[str, str],
    titles: dict[str, str],
    tr: Translator,
    language: str,
) -> ProposalLine:
    answer = ""
    if p.state == "incorporated" and p.state_version:
        answer = tr(N_("In version {version} of the plan.")).format(version=p.state_version)
    elif p.state_reason:
        answer = p.state_reason
    try:
        proposed = format_date(date.fromisoformat(p.proposed_at[:10]), "medium", locale=language)
    except ValueError:
        proposed = p.proposed_at[:10]
    return ProposalLine(
        country=names.get(p.country, country_name(p.country, language)),
        target=p.target_code,
        target_title=titles.get(p.target_code, ""),
        kind=tr(KINDS[p.kind]) if p.kind in KINDS else p.kind,
        language=language_name(p.language),
        text=p.text,
        justification=p.justification,
        proposed=proposed,
        state=tr(STATES[p.state]) if p.state in STATES else p.state,
        state_code=p.state,
        answer=answer,
    )
