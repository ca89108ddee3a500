"""Completion by country and by axis: a table of each country's statuses, a chart of them, and
the share of actions completed per axis in each country (a table) and in the region (a chart)."""

from __future__ import annotations

from typing import Any

from babel.numbers import format_decimal, format_percent
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from focalpoint.domain.vocab import ActionStatus
from focalpoint.i18n import N_, Translator
from focalpoint.render.regional_report.content import SECTIONS, RegionalReportData
from focalpoint.render.regional_report.counts import counts_table
from focalpoint.render.report_styles import Styles, grid
from focalpoint.render.style import ACCENT, FONT, STATUS_COLOURS, plain


def _percent(part: int, whole: int, language: str) -> str:
    return format_percent(part / whole if whole else 0, locale=language)


def completion_section(data: RegionalReportData, tr: Translator, s: Styles) -> list[Flowable]:
    lang = data.language
    story: list[Flowable] = [plain(tr(SECTIONS["completion"]), s["H1"])]
    reported = data.reported
    if not reported:
        story.append(
            plain(
                tr(N_("No country has an accepted submission yet: there is nothing to count.")),
                s["body"],
            )
        )
        return story
    story.append(
        plain(
            tr(
                N_(
                    "Each country as of its newest accepted submission, over the plan's {total} "
                    "actions. A country without an accepted submission is not counted."
                )
            ).format(total=format_decimal(data.actions, locale=lang)),
            s["body"],
        )
    )
    story.append(Spacer(1, 3 * mm))
    statuses = list(ActionStatus)
    head = [tr(N_("Country")), tr(N_("Submission")), tr(N_("With a responsible entity"))] + [
        st.label_in(tr) for st in statuses
    ]
    rows: list[list[Any]] = [[plain(h, s["cellhead"]) for h in head]]
    waiting: list[int] = []  # rows of countries with nothing accepted: one cell says so
    for country in data.countries:
        if not country.reported:
            waiting.append(len(rows))
            rows.append(
                [plain(country.name, s["cell"]), plain(tr(N_("none accepted yet")), s["muted"])]
                + [""] * (1 + len(statuses))
            )
            continue
        rows.append(
            [
                plain(country.name, s["cell"]),
                str(country.sequence),
                f"{format_decimal(country.assigned, locale=lang)} "
                f"({_percent(country.assigned, data.actions, lang)})",
            ]
            + [format_decimal(country.count(st), locale=lang) for st in statuses]
        )
    table = Table(rows, colWidths=[36 * mm, 20 * mm, 30 * mm] + [22 * mm] * 4, repeatRows=1)
    table.setStyle(
        grid([("ALIGN", (1, 1), (-1, -1), "RIGHT"), *(("SPAN", (1, r), (-1, r)) for r in waiting)])
    )
    story += [table, Spacer(1, 6 * mm)]
    story.append(
        KeepTogether(
            [
                plain(tr(N_("Status of the actions, by country")), s["H3"]),
                _status_chart(data, tr),
            ]
        )
    )
    story.append(Spacer(1, 4 * mm))
    story += _by_axis(data, tr, s)
    return story


def _status_chart(data: RegionalReportData, tr: Translator) -> Drawing:
    """Each reporting country's actions as one bar, stacked by status."""
    reported = list(reversed(data.reported))  # the first country at the top
    height = 36 + 16 * len(reported)
    drawing = Drawing(174 * mm, height + 14)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 34 * mm, 30, 118 * mm, height - 22
    statuses = list(ActionStatus)
    chart.data = [[c.count(st) for c in reported] for st in statuses]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.categoryNames = [c.name for c in reported]
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(data.actions, 1)
    for label in (chart.categoryAxis.labels, chart.valueAxis.labels):
        label.fontName, label.fontSize = FONT, 7.5
    chart.valueAxis.labelTextFormat = lambda v: format_decimal(v, locale=data.language)
    for i, status in enumerate(statuses):
        chart.bars[i].fillColor = STATUS_COLOURS[status]
        chart.bars[i].strokeColor = colors.white
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 34 * mm, 10
    legend.fontName, legend.fontSize = FONT, 7.5
    legend.alignment = "right"
    legend.columnMaximum = 1  # one row, in the order of the bars
    legend.deltax = 90
    legend.colorNamePairs = [(STATUS_COLOURS[st], st.label_in(tr)) for st in statuses]
    drawing.add(legend)
    return drawing


def _by_axis(data: RegionalReportData, tr: Translator, s: Styles) -> list[Flowable]:
    """Completed actions per axis: each country's share (a table) and the region's (a chart)."""
    lang = data.language
    reported = data.reported
    story: list[Flowable] = [plain(tr(N_("Actions completed, by axis")), s["H3"])]
    head = [tr(N_("Axis")), *(c.code for c in reported), tr(N_("Region"))]
    rows: list[list[Any]] = []
    region: list[float] = []
    for n, (code, title, actions) in enumerate(data.axes):
        done = sum(c.completed_by_axis[n][0] for c in reported)
        whole = actions * len(reported)
        region.append(100 * done / whole if whole else 0)
        label = tr(N_("{code}. {title} ({actions} actions)")).format(
            code=code, title=title, actions=format_decimal(actions, locale=lang)
        )
        rows.append(
            [label]
            + [_percent(c.completed_by_axis[n][0], actions, lang) for c in reported]
            + [_percent(done, whole, lang)]
        )
    table = counts_table(head, rows, s)
    story += [
        table,
        plain(
            tr(N_("Countries by their code: {names}.")).format(
                names="; ".join(f"{c.code} {c.name}" for c in reported)
            ),
            s["muted"],
        ),
        Spacer(1, 5 * mm),
    ]
    drawing = Drawing(174 * mm, 40 + 18 * len(data.axes))
    chart = HorizontalBarChart()
    chart.x, chart.y = 28 * mm, 24
    chart.width, chart.height = 120 * mm, 18 * len(data.axes) + 8
    chart.data = [list(reversed(region))]
    chart.categoryAxis.categoryNames = [
        tr(N_("Axis {code}")).format(code=code) for code, _t, _n in reversed(data.axes)
    ]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 25
    for label in (chart.categoryAxis.labels, chart.valueAxis.labels):
        label.fontName, label.fontSize = FONT, 7.5
    chart.valueAxis.labelTextFormat = lambda v: format_percent(v / 100, locale=lang)
    chart.bars[0].fillColor = ACCENT
    chart.barLabelFormat = lambda v: format_percent(v / 100, locale=lang)
    chart.barLabels.fontName, chart.barLabels.fontSize = FONT, 7
    chart.barLabels.boxAnchor, chart.barLabels.dx = "w", 3
    drawing.add(chart)
    story.append(
        KeepTogether(
            [plain(tr(N_("Share of actions completed in the region, by axis")), s["H3"]), drawing]
        )
    )
    return story
