"""The matrix of responsible entities per action and country (on landscape pages), the acronyms
it uses, and the actions no country has given a responsible entity yet."""

from __future__ import annotations

from html import escape

from babel.numbers import format_decimal
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer

from focalpoint.domain.vocab import ActionStatus
from focalpoint.i18n import N_, Translator
from focalpoint.render.regional_report.content import SECTIONS, RegionalReportData
from focalpoint.render.report_styles import HEADING, KEEP_MAX, Styles
from focalpoint.render.rows import Cell, Row, Rows, table
from focalpoint.render.style import ACCENT, BOLD, FONT, INK, MUTED, SHADE, STATUS_COLOURS, plain

WIDE = 261 * mm  # the frame of a landscape A4 page


def matrix_section(data: RegionalReportData, tr: Translator, s: Styles) -> list[Flowable]:
    story: list[Flowable] = [plain(tr(SECTIONS["matrix"]), s["H1"])]
    lines = sum(len(a.lines) for a in data.matrix)
    intro = (
        N_(
            "The open actions ({count}), and for each country its lead entity, how many "
            "entities support it, and its status by the dot's colour."
        )
        if data.open_only
        else N_(
            "Every action of the plan, and for each country its lead entity, how many entities "
            "support it, and its status by the dot's colour."
        )
    )
    story.append(
        plain(tr(intro).format(count=format_decimal(lines, locale=data.language)), s["body"])
    )
    story.append(
        plain(
            tr(
                N_(
                    "“+2”: two supporting entities. “—”: no lead entity. An empty column: no "
                    "accepted submission yet. Entities are named by their acronym when they "
                    "have one (listed after the matrix)."
                )
            ),
            s["muted"],
        )
    )
    story.append(_legend(tr))
    story.append(Spacer(1, 2 * mm))
    countries = data.countries
    # Eleven countries leave the action 68 mm; fewer give it what their columns do not need.
    column = min((WIDE - 14 * mm - 68 * mm) / max(len(countries), 1), 32 * mm)
    fixed = [14 * mm, WIDE - 14 * mm - column * len(countries)]
    head = Row(
        [Cell(tr(N_("Code")), BOLD, 7, colors.white), Cell(tr(N_("Action")), BOLD, 7, colors.white)]
        + [Cell(c.name, BOLD, 6, colors.white) for c in countries],
        ACCENT,
    )
    for axis in data.matrix:
        if not axis.lines:
            continue
        rows = []
        for n, line in enumerate(axis.lines):
            cells = [Cell(line.code, size=7), Cell(line.title, size=6.5)]
            for cell in line.cells:
                if cell is None:
                    cells.append(Cell("", size=6.5))
                    continue
                more = f" +{cell.supporting}" if cell.supporting else ""
                cells.append(
                    Cell(
                        (cell.lead or "—") + more,
                        size=6.5,
                        colour=INK if cell.lead else MUTED,
                        swatch=STATUS_COLOURS[cell.status],
                    )
                )
            rows.append(Row(cells, SHADE if n % 2 else None))
        listing = Rows([*fixed] + [column] * len(countries), rows, head)
        story.append(CondPageBreak(min(HEADING + listing.lead_height(), KEEP_MAX)))
        story.append(
            plain(f"{tr(N_('Axis {code}')).format(code=axis.code)}. {axis.title}", s["H2"])
        )
        story.append(listing)
    if data.acronyms:
        glossary = table(
            [36 * mm, 120 * mm, WIDE - 156 * mm],
            [tr(N_("Acronym")), tr(N_("Entity")), tr(N_("Countries"))],
            [[Cell(a.acronym, BOLD), Cell(a.name), Cell(a.countries)] for a in data.acronyms],
        )
        story.append(CondPageBreak(min(HEADING + glossary.lead_height(), KEEP_MAX)))
        story += [plain(tr(N_("Acronyms used in the matrix")), s["H2"]), glossary]
    return story


def _legend(tr: Translator) -> Flowable:
    """The status dots, each in its colour, on one line."""
    parts = [
        f'<font color="{STATUS_COLOURS[st].hexval().replace("0x", "#")}">●</font> '
        f"{escape(st.label_in(tr))}"
        for st in ActionStatus
    ]
    style = ParagraphStyle("legend", fontName=FONT, fontSize=8, leading=11)
    return Paragraph("&nbsp;&nbsp;&nbsp;".join(parts), style)


def unassigned_section(data: RegionalReportData, tr: Translator, s: Styles) -> list[Flowable]:
    story: list[Flowable] = [plain(tr(SECTIONS["unassigned"]), s["H1"])]
    lang = data.language
    if not data.reported:
        story.append(plain(tr(N_("No country has an accepted submission yet.")), s["body"]))
        return story
    if not data.unassigned:
        story.append(
            plain(tr(N_("Every action has a lead entity in at least one country.")), s["body"])
        )
        return story
    intro = (
        N_("Open actions with no lead entity in any country that has reported: {count}.")
        if data.open_only
        else N_("Actions with no lead entity in any country that has reported: {count}.")
    )
    story.append(
        plain(tr(intro).format(count=format_decimal(len(data.unassigned), locale=lang)), s["body"])
    )
    story.append(Spacer(1, 3 * mm))
    story.append(
        table(
            [18 * mm, 14 * mm, 142 * mm],
            [tr(N_("Code")), tr(N_("Axis")), tr(N_("Action"))],
            [[Cell(a.code), Cell(a.axis), Cell(a.title)] for a in data.unassigned],
        )
    )
    return story
