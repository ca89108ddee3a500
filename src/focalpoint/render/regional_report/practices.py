"""The regional compilation of practices: counted per category and country, a few named under
each category; and the practices on alternatives to detention (items 7-8 of the 2017 meeting)
printed whole."""

from __future__ import annotations

from babel.numbers import format_decimal
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from focalpoint.domain.practices import STATE_LABELS, PracticeState
from focalpoint.i18n import N_, Translator
from focalpoint.render.country_report.practices import DRAFT_FILL, DRAFT_INK, READY_INK
from focalpoint.render.regional_report.content import SECTIONS, RegionalReportData
from focalpoint.render.regional_report.counts import counts_table
from focalpoint.render.report_styles import HEADING, KEEP_MAX, Styles
from focalpoint.render.rows import Cell, Row, Rows, table
from focalpoint.render.style import BOLD, ITALIC, MUTED, SHADE, plain


def practices_section(data: RegionalReportData, tr: Translator, s: Styles) -> list[Flowable]:
    lang = data.language
    story: list[Flowable] = [plain(tr(SECTIONS["practices"]), s["H1"])]
    if not data.practices:
        story.append(plain(tr(N_("No country has submitted a practice yet.")), s["body"]))
        return story
    story += [
        plain(
            tr(
                N_(
                    "Practices in the region: {total}. A practice counts under each of its "
                    "categories. Under each category, up to {listed} practices per country are "
                    "named (ready ones first, the newest first); every practice is in the "
                    "regional compilation exported as a spreadsheet."
                )
            ).format(
                total=format_decimal(data.practices, locale=lang), listed=data.listed_per_category
            ),
            s["body"],
        ),
        Spacer(1, 3 * mm),
    ]
    columns = [
        c for c in data.countries if any(b.counts[data.countries.index(c)] for b in data.categories)
    ]
    at = [data.countries.index(c) for c in columns]
    head = [tr(N_("Category")), *(c.code for c in columns), tr(N_("Total"))]
    rows = [
        [block.label]
        + [format_decimal(block.counts[i], locale=lang) for i in at]
        + [format_decimal(block.total, locale=lang)]
        for block in data.categories
    ]
    counts = counts_table(head, rows, s, label_min=58 * mm)
    story += [
        plain(tr(N_("Practices by category and country")), s["H3"]),
        counts,
        plain(
            tr(N_("Countries by their code: {names}.")).format(
                names="; ".join(f"{c.code} {c.name}" for c in columns)
            ),
            s["muted"],
        ),
    ]
    draft = tr(STATE_LABELS[PracticeState.DRAFT])
    ready = tr(STATE_LABELS[PracticeState.READY])
    for block in data.categories:
        if not block.listed:
            continue
        listing = table(
            [38 * mm, 106 * mm, 30 * mm],
            [tr(N_("Country")), tr(N_("Practice")), tr(N_("State"))],
            [
                [
                    Cell(p.country),
                    Cell(p.title, BOLD),
                    Cell(draft, colour=DRAFT_INK) if p.draft else Cell(ready, colour=READY_INK),
                ]
                for p in block.listed
            ],
        )
        story.append(CondPageBreak(min(HEADING + listing.lead_height(), KEEP_MAX)))
        story += [plain(block.label, s["H2"]), listing]
        if block.more:
            story.append(
                plain(
                    tr(N_("Other practices of this category, counted above: {count}.")).format(
                        count=format_decimal(block.more, locale=lang)
                    ),
                    s["muted"],
                )
            )
    return story


def detention_section(data: RegionalReportData, tr: Translator, s: Styles) -> list[Flowable]:
    lang = data.language
    detention = data.detention
    story: list[Flowable] = [plain(tr(SECTIONS["detention"]), s["H1"])]
    story.append(
        plain(
            tr(
                N_(
                    "The Network agreed to compile good practices on alternatives to the "
                    "immigration detention of children (items 7 and 8 of its 2017 meeting). "
                    "These are the practices of the category “{category}”."
                )
            ).format(category=detention.category),
            s["body"],
        )
    )
    if not detention.total:
        story.append(
            plain(tr(N_("No country has submitted a practice of this category yet.")), s["body"])
        )
        return story
    per_country = "; ".join(
        f"{c.name}: {format_decimal(n, locale=lang)}"
        for c, n in zip(data.countries, detention.counts, strict=True)
        if n
    )
    story.append(
        plain(
            tr(N_("Practices: {total} ({countries}).")).format(
                total=format_decimal(detention.total, locale=lang), countries=per_country
            ),
            s["body"],
        )
    )
    if detention.more:
        story.append(
            plain(
                tr(
                    N_(
                        "Up to {listed} practices per country are printed here, ready ones "
                        "first and the newest first; {count} more are in the regional "
                        "compilation exported as a spreadsheet."
                    )
                ).format(
                    listed=detention.listed_per_country,
                    count=format_decimal(detention.more, locale=lang),
                ),
                s["muted"],
            )
        )
    labels = {
        key: tr(text)
        for key, text in (
            ("country", N_("Country")),
            ("state", N_("State")),
            ("summary", N_("Summary")),
            ("populations", N_("Populations")),
            ("period", N_("Period")),
            ("results", N_("Results")),
            ("lessons", N_("Lessons learned")),
            ("actions", N_("Plan actions")),
        )
    }
    continued = tr(N_("{title} (continued)"))
    widths = (34 * mm, 140 * mm)
    for practice in detention.practices:
        values = (
            ("country", practice.country),
            (
                "state",
                tr(STATE_LABELS[PracticeState.DRAFT if practice.draft else PracticeState.READY]),
            ),
            ("summary", practice.summary),
            ("populations", "; ".join(practice.populations)),
            ("period", practice.period),
            ("results", practice.results),
            ("lessons", practice.lessons),
            ("actions", ", ".join(practice.action_codes)),
        )
        rows = [Row([Cell(practice.title, BOLD, 9.5)], DRAFT_FILL if practice.draft else SHADE)]
        rows += [
            Row([Cell(labels[key], size=7.5, colour=MUTED), Cell(value, size=8.5)])
            for key, value in values
            if value
        ]
        more = Row([Cell(continued.format(title=practice.title), ITALIC, 7.5, MUTED)])
        story.append(Spacer(1, 4 * mm))
        story.append(
            Rows(widths, rows, more=more, rules=False, keep=3, split_lines=5, whole=60 * mm)
        )
    return story
