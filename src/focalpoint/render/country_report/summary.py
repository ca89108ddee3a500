"""The summary section of the country report: how many actions have a responsible entity, and
their statuses, by axis, in a table and two charts."""

from __future__ import annotations

from typing import Any

from babel.numbers import format_decimal, format_percent
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table

from focalpoint.domain.vocab import ActionStatus
from focalpoint.i18n import N_, Translator
from focalpoint.render.country_report.content import SECTIONS, ReportData
from focalpoint.render.report_styles import Styles, grid
from focalpoint.render.style import ACCENT, FONT, MUTED, STATUS_COLOURS, plain


def _percent(part: int, whole: int, language: str) -> str:
    return format_percent(part / whole if whole else 0, locale=language)


def summary_section(data: ReportData, tr: Translator, s: Styles) -> list[Flowable]:
    lang = data.language
    story: list[Flowable] = [plain(tr(SECTIONS["summary"]), s["H1"])]
    story.append(
        plain(
            tr(
                N_(
                    "Actions of the plan with a responsible national entity: {assigned} of "
                    "{total} ({share})."
                )
            ).format(
                assigned=format_decimal(data.assigned, locale=lang),
                total=format_decimal(data.total, locale=lang),
                share=_percent(data.assigned, data.total, lang),
            ),
            s["body"],
        )
    )
    story.append(Spacer(1, 4 * mm))
    head = [tr(N_("Axis")), tr(N_("Actions")), tr(N_("With a responsible entity"))] + [
        status.label_in(tr) for status in ActionStatus
    ]
    rows: list[list[Any]] = [[plain(h, s["cellhead"]) for h in head]]
    for axis in data.axes:
        total = len(axis.lines())
        rows.append(
            [
                plain(f"{axis.code}. {axis.title}", s["cell"]),
                format_decimal(total, locale=lang),
                f"{format_decimal(axis.assigned, locale=lang)} "
                f"({_percent(axis.assigned, total, lang)})",
            ]
            + [format_decimal(axis.count(st), locale=lang) for st in ActionStatus]
        )
    rows.append(
        [
            plain(tr(N_("Whole plan")), s["cellhead"]),
            format_decimal(data.total, locale=lang),
            f"{format_decimal(data.assigned, locale=lang)} "
            f"({_percent(data.assigned, data.total, lang)})",
        ]
        + [format_decimal(sum(a.count(st) for a in data.axes), locale=lang) for st in ActionStatus]
    )
    table = Table(rows, colWidths=[42 * mm, 18 * mm, 26 * mm] + [22 * mm] * 4, repeatRows=1)
    table.setStyle(
        grid(
            [
                ("BACKGROUND", (0, -1), (-1, -1), ACCENT),
                ("TEXTCOLOR", (0, -1), (-1, -1), colors.white),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ]
        )
    )
    story += [table, Spacer(1, 6 * mm)]
    if data.total:
        story.append(
            KeepTogether(
                [
                    plain(tr(N_("Share of actions with a responsible entity, by axis")), s["H3"]),
                    _coverage_chart(data, tr),
                ]
            )
        )
        story.append(
            KeepTogether(
                [plain(tr(N_("Status of the actions, by axis")), s["H3"]), _status_chart(data, tr)]
            )
        )
    else:
        story.append(plain(tr(N_("The plan has no actions yet.")), s["body"]))
    story.append(PageBreak())
    return story


def _coverage_chart(data: ReportData, tr: Translator) -> Drawing:
    height = 40 + 18 * len(data.axes)
    drawing = Drawing(170 * mm, height)
    chart = HorizontalBarChart()
    # Room below for the percentage labels of the value axis.
    chart.x, chart.y, chart.width, chart.height = 28 * mm, 24, 120 * mm, height - 32
    chart.data = [
        [round(100 * a.assigned / len(a.lines())) if a.lines() else 0 for a in reversed(data.axes)]
    ]
    chart.categoryAxis.categoryNames = [
        tr(N_("Axis {code}")).format(code=a.code) for a in reversed(data.axes)
    ]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 25
    for label in (chart.categoryAxis.labels, chart.valueAxis.labels):
        label.fontName, label.fontSize = FONT, 7.5
    chart.valueAxis.labelTextFormat = lambda v: format_percent(v / 100, locale=data.language)
    chart.bars[0].fillColor = ACCENT
    chart.barLabelFormat = lambda v: format_percent(v / 100, locale=data.language)
    chart.barLabels.fontName, chart.barLabels.fontSize = FONT, 7
    chart.barLabels.boxAnchor, chart.barLabels.dx = "w", 3
    drawing.add(chart)
    return drawing


def _status_chart(data: ReportData, tr: Translator) -> Drawing:
    drawing = Drawing(170 * mm, 75 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 12 * mm, 12 * mm, 105 * mm, 58 * mm
    chart.data = [[a.count(status) for a in data.axes] for status in ActionStatus]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.categoryNames = [
        tr(N_("Axis {code}")).format(code=a.code) for a in data.axes
    ]
    chart.valueAxis.valueMin = 0
    for label in (chart.categoryAxis.labels, chart.valueAxis.labels):
        label.fontName, label.fontSize = FONT, 7.5
    for i, status in enumerate(ActionStatus):
        chart.bars[i].fillColor = STATUS_COLOURS[status]
        chart.bars[i].strokeColor = colors.white
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 125 * mm, 60 * mm
    legend.fontName, legend.fontSize = FONT, 7.5
    legend.alignment = "right"
    legend.columnMaximum = len(ActionStatus)  # one column, in the order of the bars
    legend.colorNamePairs = [(STATUS_COLOURS[s], s.label_in(tr)) for s in ActionStatus]
    drawing.add(legend)
    drawing.add(
        String(12 * mm, 3, tr(N_("Number of actions")), fontName=FONT, fontSize=7, fillColor=MUTED)
    )
    return drawing
