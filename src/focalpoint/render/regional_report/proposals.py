"""The amendment proposals the countries sent, and the Secretariat's answer to each."""

from __future__ import annotations

from collections import Counter

from babel.numbers import format_decimal
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from focalpoint.i18n import N_, Translator
from focalpoint.render.regional_report.content import SECTIONS, RegionalReportData
from focalpoint.render.report_styles import Styles
from focalpoint.render.rows import Cell, Row, Rows
from focalpoint.render.style import ACCENT, BOLD, MUTED, SHADE, plain

STATE_INK = {
    "incorporated": colors.HexColor("#2e7d32"),
    "declined": colors.HexColor("#a61b1b"),
    "discussion": colors.HexColor("#8a5a00"),
}


def proposals_section(data: RegionalReportData, tr: Translator, s: Styles) -> list[Flowable]:
    lang = data.language
    story: list[Flowable] = [plain(tr(SECTIONS["proposals"]), s["H1"])]
    if not data.proposals:
        story.append(plain(tr(N_("No amendment proposal has been received.")), s["body"]))
        return story
    states = Counter(p.state for p in data.proposals)
    story.append(
        plain(
            tr(N_("Proposals received: {total} ({states}).")).format(
                total=format_decimal(len(data.proposals), locale=lang),
                states="; ".join(
                    f"{k}: {format_decimal(n, locale=lang)}" for k, n in states.items()
                ),
            ),
            s["body"],
        )
    )
    story.append(Spacer(1, 3 * mm))
    head = Row(
        [
            Cell(tr(N_("Country")), BOLD, 8, colors.white, tr(N_("Date")), colors.white),
            Cell(tr(N_("Proposal")), BOLD, 8, colors.white, tr(N_("Justification")), colors.white),
            Cell(tr(N_("State")), BOLD, 8, colors.white, tr(N_("Answer")), colors.white),
        ],
        ACCENT,
    )
    rows = []
    target = None
    for p in data.proposals:  # by the code they are about, then country
        if p.target != target:  # one line across for the action or objective
            target = p.target
            about = f"{p.target} {p.target_title}" if p.target_title else p.target
            rows.append(Row([Cell(about, BOLD, 8)], SHADE))
        rows.append(
            Row(
                [
                    Cell(p.country, size=7.5, sub=p.proposed),
                    Cell(f"{p.kind} ({p.language}): {p.text}", size=7.5, sub=p.justification),
                    Cell(p.state, BOLD, 7.5, STATE_INK.get(p.state_code, MUTED), sub=p.answer),
                ]
            )
        )
    story.append(Rows([34 * mm, 100 * mm, 40 * mm], rows, head))
    return story
