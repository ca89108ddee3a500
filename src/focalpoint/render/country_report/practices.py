"""The practices section of the country report: every practice under its first category, drafts
marked, with what it did, where, when, with whom, and what it learned."""

from __future__ import annotations

from babel.numbers import format_decimal
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer

from focalpoint.domain.practices import STATE_LABELS, PracticeState
from focalpoint.i18n import N_, Translator
from focalpoint.render.country_report.content import SECTIONS, PracticesSummary, ReportData
from focalpoint.render.periods import period
from focalpoint.render.report_styles import HEADING, KEEP_MAX, Styles
from focalpoint.render.rows import Cell, Row, Rows, table
from focalpoint.render.style import BOLD, FONT, ITALIC, MUTED, SHADE, plain

DRAFT_FILL = colors.HexColor("#fff4ce")
DRAFT_INK = colors.HexColor("#8a5a00")
READY_INK = colors.HexColor("#2e7d32")


def practices_section(data: ReportData, tr: Translator, s: Styles) -> list[Flowable]:
    story: list[Flowable] = [plain(tr(SECTIONS["practices"]), s["H1"])]
    if data.practices_summary is not None:
        return story + _summary(data, data.practices_summary, tr, s)
    if not data.practices:
        story += [plain(tr(N_("No practice has been recorded yet.")), s["body"]), PageBreak()]
        return story
    lang = data.language
    drafts = sum(p.draft for g in data.practices for p in g.practices)
    story += [
        plain(
            tr(
                N_("Practices recorded: {total}. Ready for submission: {ready}. Drafts: {drafts}.")
            ).format(
                total=format_decimal(data.practice_count, locale=lang),
                ready=format_decimal(data.practice_count - drafts, locale=lang),
                drafts=format_decimal(drafts, locale=lang),
            ),
            s["body"],
        ),
        plain(
            tr(
                N_(
                    "Each practice is listed under its first category, and its other categories "
                    "are named with it. Drafts are marked: they are not ready for submission yet."
                )
            ),
            s["muted"],
        ),
    ]
    labels = {
        key: tr(text)
        for key, text in (
            ("state", N_("State")),
            ("summary", N_("Summary")),
            ("categories", N_("Categories")),
            ("populations", N_("Populations")),
            ("phases", N_("Migration phases")),
            ("scope", N_("Scope")),
            ("entities", N_("Implementing entities")),
            ("partners", N_("Partner organisations")),
            ("period", N_("Period")),
            ("results", N_("Results")),
            ("lessons", N_("Lessons learned")),
            ("actions", N_("Plan actions")),
            ("evidence", N_("Evidence")),
        )
    }
    draft = Cell(tr(STATE_LABELS[PracticeState.DRAFT]), BOLD, 8.5, DRAFT_INK)
    ready = Cell(tr(STATE_LABELS[PracticeState.READY]), FONT, 8.5, READY_INK)
    national = tr(N_("National"))
    continued = tr(N_("{title} (continued)"))
    widths = (34 * mm, 140 * mm)
    for group in data.practices:
        heading = plain(group.category or tr(N_("Without a category")), s["H2"])
        for n, practice in enumerate(group.practices):
            values = (
                ("summary", practice.summary),
                ("categories", "; ".join(practice.categories)),
                ("populations", "; ".join(practice.populations)),
                ("phases", "; ".join(practice.phases)),
                ("scope", national if practice.national else "; ".join(practice.subdivisions)),
                ("entities", "; ".join(n for n in practice.entities if n)),
                ("partners", "; ".join(practice.partners)),
                ("period", period(practice.period_start, practice.period_end, tr, lang)),
                ("results", practice.results),
                ("lessons", practice.lessons),
                ("actions", ", ".join(practice.action_codes)),
                ("evidence", "; ".join(practice.evidence)),
            )
            rows = [
                Row([Cell(practice.title, BOLD, 9.5)], DRAFT_FILL if practice.draft else SHADE),
                Row(
                    [
                        Cell(labels["state"], size=7.5, colour=MUTED),
                        draft if practice.draft else ready,
                    ]
                ),
            ]
            rows += [
                Row([Cell(labels[key], size=7.5, colour=MUTED), Cell(value, size=8.5)])
                for key, value in values
                if value
            ]
            more = Row([Cell(continued.format(title=practice.title), ITALIC, 7.5, MUTED)])
            block = Rows(widths, rows, more=more, rules=False, keep=3, split_lines=5, whole=60 * mm)
            if n == 0:  # the heading and the start of its first practice on the same page
                story += [CondPageBreak(min(HEADING + block.lead_height(), KEEP_MAX)), heading]
            else:  # between practices only: a gap after the last could spill onto a blank page
                story.append(Spacer(1, 4 * mm))
            story.append(block)
    story.append(PageBreak())
    return story


def _summary(
    data: ReportData, summary: PracticesSummary, tr: Translator, s: Styles
) -> list[Flowable]:
    """The compilation counted, for a country with more practices than a report can list."""
    lang = data.language

    def number(n: int) -> Cell:
        return Cell(format_decimal(n, locale=lang))

    story: list[Flowable] = [
        plain(
            tr(
                N_("Practices recorded: {total}. Ready for submission: {ready}. Drafts: {drafts}.")
            ).format(
                total=format_decimal(summary.practices, locale=lang),
                ready=format_decimal(summary.practices - summary.drafts, locale=lang),
                drafts=format_decimal(summary.drafts, locale=lang),
            ),
            s["body"],
        ),
        plain(
            tr(
                N_(
                    "The compilation is too long to print here practice by practice: it is "
                    "counted below. Every practice travels whole in each submission to the "
                    "Secretariat, and the report made with “Full listings” prints them all."
                )
            ),
            s["muted"],
        ),
        Spacer(1, 3 * mm),
    ]
    categories = table(
        [114 * mm, 30 * mm, 30 * mm],
        [tr(N_("Category")), tr(N_("Practices")), tr(N_("Drafts"))],
        [
            [Cell(label or tr(N_("Without a category")), BOLD), number(n), number(drafts)]
            for label, n, drafts in summary.categories
        ],
    )
    story += [plain(tr(N_("Practices by category")), s["H3"]), categories]
    places = table(
        [144 * mm, 30 * mm],
        [tr(N_("Where they work")), tr(N_("Practices"))],
        [[Cell(name or tr(N_("National")), BOLD), number(n)] for name, n in summary.places],
    )
    story.append(CondPageBreak(min(HEADING + places.lead_height(), KEEP_MAX)))
    story += [plain(tr(N_("Practices by place")), s["H3"]), places, PageBreak()]
    return story
