"""The country report as a PDF (reportlab): cover, contents, summary with charts, the plan table
with every responsible entity, and the changes recorded.

Text is set in DejaVu Sans, embedded, so every Spanish and French character prints anywhere.
Dates and numbers follow the report's language (babel), not the interface's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path
from typing import Any

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, format_percent
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import STATE_DEFAULTS, Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from focalpoint import __version__
from focalpoint.domain.errors import Cancelled, InvalidInput
from focalpoint.domain.history import change_text
from focalpoint.domain.vocab import ActionStatus
from focalpoint.i18n import N_, Translator
from focalpoint.paths import RESOURCES
from focalpoint.services.report_data import SECTIONS, ReportData

FONT, BOLD, ITALIC = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
ACCENT = colors.HexColor("#1d5fa8")
RULE = colors.HexColor("#cbd2d9")
SHADE = colors.HexColor("#eef2f6")
STATUS_COLOURS = {
    ActionStatus.NOT_STARTED: colors.HexColor("#9aa5b1"),
    ActionStatus.IN_PROGRESS: colors.HexColor("#1d5fa8"),
    ActionStatus.COMPLETED: colors.HexColor("#2e7d32"),
    ActionStatus.NOT_APPLICABLE: colors.HexColor("#b08900"),
}
Progress = Callable[[float], None]


def register_fonts() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = RESOURCES / "fonts"
    for name, file in (
        (FONT, "DejaVuSans.ttf"),
        (BOLD, "DejaVuSans-Bold.ttf"),
        (ITALIC, "DejaVuSans-Oblique.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD)
    # Charts start every drawing in this font; left at Helvetica, the PDF would name a font
    # it does not carry.
    STATE_DEFAULTS["fontName"] = FONT


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, textColor=INK)
    return {
        "body": base,
        "muted": ParagraphStyle("muted", parent=base, fontSize=8, leading=10, textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
        "cellhead": ParagraphStyle(
            "cellhead", parent=base, fontName=BOLD, fontSize=8, leading=10, textColor=colors.white
        ),
        "H1": ParagraphStyle(
            "H1",
            parent=base,
            fontName=BOLD,
            fontSize=16,
            leading=20,
            spaceBefore=4,
            spaceAfter=10,
            textColor=ACCENT,
        ),
        "H2": ParagraphStyle(
            "H2",
            parent=base,
            fontName=BOLD,
            fontSize=12,
            leading=15,
            spaceBefore=10,
            spaceAfter=4,
        ),
        "H3": ParagraphStyle(
            "H3",
            parent=base,
            fontName=BOLD,
            fontSize=9.5,
            leading=12,
            spaceBefore=6,
            spaceAfter=3,
            textColor=MUTED,
        ),
        "cover_title": ParagraphStyle(
            "cover_title",
            parent=base,
            fontName=BOLD,
            fontSize=24,
            leading=30,
            textColor=ACCENT,
            spaceAfter=8,
        ),
        "cover_big": ParagraphStyle("cover_big", parent=base, fontSize=14, leading=19),
        "banner": ParagraphStyle(
            "banner",
            parent=base,
            fontSize=9,
            leading=12,
            backColor=colors.HexColor("#fff4ce"),
            borderPadding=6,
            textColor=colors.HexColor("#4a3b00"),
        ),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped: names and notes are the user's, not markup)."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


class _Contents:
    """The table of contents, drawn in a single layout pass.

    reportlab's TableOfContents needs a second full pass to learn page numbers, which doubled
    the time of a 200-page report. Here the contents page is reserved at a known height
    (the headings are known before layout), the headings' pages are collected while the
    document is laid out, and the contents are drawn when the canvas writes its pages out.
    """

    LINE = 15.0
    MAX = 45  # one page of contents; the PDF outline still lists every heading beyond it

    def __init__(self) -> None:
        self.entries: list[tuple[int, str, int, str]] = []  # level, text, page, key
        self.slots: dict[int, tuple[float, float, float, float]] = {}  # page → x, y, w, h


class _ContentsSlot(Flowable):
    """Blank room for the contents; remembers where on which page it landed."""

    def __init__(self, contents: _Contents, lines: int) -> None:
        super().__init__()
        self._contents = contents
        self._height = lines * _Contents.LINE

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._width = available_width
        return available_width, self._height

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        self._contents.slots[self.canv.getPageNumber()] = (x, y, self._width, self._height)


class _ReportTemplate(BaseDocTemplate):
    """Feeds the contents and the PDF outline from the H1 and H2 headings."""

    def __init__(self, filename: str, contents: _Contents, **kw: Any) -> None:
        super().__init__(filename, **kw)
        self.contents = contents

    def afterFlowable(self, flowable: Flowable) -> None:
        if not isinstance(flowable, Paragraph):
            return
        level = {"H1": 0, "H2": 1}.get(flowable.style.name)
        if level is None:
            return
        text = flowable.getPlainText()
        key = f"h{self.seq.nextf('heading')}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
        self.contents.entries.append((level, text, self.page, key))


def _canvas_class(data: ReportData, tr: Translator, contents: _Contents) -> type[Canvas]:
    """A canvas that writes "Page n of N" and the running header once the page count is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Otherwise every page names Helvetica, a font the PDF does not carry.
            kwargs.setdefault("initialFontName", FONT)
            kwargs.setdefault("initialFontSize", 9)
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                if self._pageNumber > 1:  # the cover carries no running header
                    self._decorate(total)
                if self._pageNumber in contents.slots:
                    self._draw_contents(*contents.slots[self._pageNumber])
                super().showPage()
            super().save()

        def _draw_contents(self, x: float, y: float, width: float, height: float) -> None:
            top = y + height
            for n, (level, text, page, key) in enumerate(contents.entries[: _Contents.MAX]):
                line_y = top - (n + 1) * _Contents.LINE
                indent = 14 * level
                font = BOLD if level == 0 else FONT
                size = 9.5 if level == 0 else 8.5
                number = str(page)
                room = width - indent - self.stringWidth(number, font, size) - 12
                label = text
                while self.stringWidth(label, font, size) > room and len(label) > 4:
                    label = label.removesuffix("…")[:-1].rstrip() + "…"  # shorten, and say so
                self.setFont(font, size)
                self.setFillColor(INK)
                self.drawString(x + indent, line_y, label)
                # One run of dots (not one string per dot): lighter, and copies as one line.
                start = x + indent + self.stringWidth(label, font, size) + 6
                end = x + width - self.stringWidth(number, font, size) - 6
                dots = max(int((end - start) / self.stringWidth(" .", FONT, size)), 0)
                self.setFont(FONT, size)
                self.setFillColor(RULE)
                self.drawString(start, line_y, " ." * dots)
                self.setFont(font, size)
                self.setFillColor(INK)
                self.drawRightString(x + width, line_y, number)
                self.linkRect(
                    "", key, (x, line_y - 3, x + width, line_y + size), relative=0, thickness=0
                )

        def _decorate(self, total: int) -> None:
            width, height = A4
            self.setFont(FONT, 7.5)
            self.setFillColor(MUTED)
            self.drawString(
                18 * mm,
                height - 12 * mm,
                tr(N_("Country report · {country}")).format(country=data.country),
            )
            self.drawRightString(
                width - 18 * mm, height - 12 * mm, f"{data.plan_code} · v{data.plan_version}"
            )
            self.setStrokeColor(RULE)
            self.line(18 * mm, height - 13.5 * mm, width - 18 * mm, height - 13.5 * mm)
            self.drawString(
                18 * mm, 10 * mm, format_date(data.made_on, format="long", locale=data.language)
            )
            self.drawRightString(
                width - 18 * mm,
                10 * mm,
                tr(N_("Page {page} of {total}")).format(page=self._pageNumber, total=total),
            )

    return NumberedCanvas


def write_report(
    data: ReportData,
    path: Path,
    tr: Translator,
    sections: Sequence[str],
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the report to ``path``; returns its page count. Raises :class:`Cancelled`."""
    register_fonts()
    styles = _styles()
    report = progress or (lambda _fraction: None)
    stop = cancelled or (lambda: False)
    title = tr(N_("Country report: {country}")).format(country=data.country)
    contents = _Contents()
    doc = _ReportTemplate(
        str(path),
        contents,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=20 * mm,
        bottomMargin=18 * mm,
        title=title,
        author=data.officer,
        subject=tr(N_("Responsible entities and progress of the Strategic Plan {code}")).format(
            code=data.plan_code
        ),
        creator=f"FocalPoint {__version__}",
        keywords=["RCM", data.plan_code, data.country_code],
        lang=data.language,
        # Otherwise every page names Helvetica, a font the PDF does not carry.
        initialFontName=FONT,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates(
        [PageTemplate(id="cover", frames=[frame]), PageTemplate(id="body", frames=[frame])]
    )
    story: list[Flowable] = [*_cover(data, tr, styles), NextPageTemplate("body"), PageBreak()]
    headings = len(sections) + (len(data.axes) if "plan" in sections else 0)
    story += [
        _p(tr(N_("Contents")), styles["H3"]),
        _ContentsSlot(contents, min(headings, _Contents.MAX)),
        PageBreak(),
    ]
    report(0.1)
    if "summary" in sections:
        story += _summary(data, tr, styles)
    if "plan" in sections:
        story += _plan(data, tr, styles, report, stop)
    if "changes" in sections:
        story += _changes(data, tr, styles)
    if stop():
        raise Cancelled
    report(0.6)
    total = len(story)  # build() consumes the list
    furthest = [0.0]

    def flowable_done(kind: str, done: Any) -> None:
        # Layout is most of the time: report it flowable by flowable, and stop if asked.
        # A split table puts its rest back in the queue, so the count can step back: the bar
        # only ever moves forward.
        if kind == "PROGRESS":
            furthest[0] = max(furthest[0], min(int(done) / total, 1.0))
            report(0.6 + 0.38 * furthest[0])
            if stop():
                raise Cancelled

    doc.setProgressCallBack(flowable_done)
    try:
        doc.build(story, canvasmaker=_canvas_class(data, tr, contents))
    except LayoutError as exc:  # a cell taller than a page that cannot split: say so
        raise InvalidInput(
            tr(
                N_(
                    "The report cannot be laid out: a name or a note is too long to fit on a page. "
                    "Shorten it and try again."
                )
            )
        ) from exc
    report(1.0)
    return int(doc.page)


def _cover(data: ReportData, tr: Translator, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    made = format_date(data.made_on, format="long", locale=data.language)
    rows = [
        (
            tr(N_("Officer")),
            data.officer + (f", {data.officer_title}" if data.officer_title else ""),
        ),
        (tr(N_("Institution")), data.institution or "—"),
        (tr(N_("Date")), made),
        (
            tr(N_("Plan")),
            tr(N_("{code}, version {version}")).format(
                code=data.plan_code, version=data.plan_version
            ),
        ),
    ]
    facts = Table(
        [[_p(k, s["muted"]), _p(v, s["body"])] for k, v in rows],
        colWidths=[40 * mm, None],
        splitInRow=1,
    )
    facts.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT),  # a table's default would name Helvetica
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    story: list[Flowable] = [
        Spacer(1, 35 * mm),
        _p(tr(N_("Country report")), s["cover_big"]),
        _p(data.country, s["cover_title"]),
        _p(data.plan_title, s["cover_big"]),
        Spacer(1, 12 * mm),
        facts,
    ]
    if data.provisional:
        story += [
            Spacer(1, 10 * mm),
            _p(
                tr(
                    N_(
                        "Provisional plan: this report follows a reconstruction of the Strategic "
                        "Plan made from public sources, which the official plan file of the "
                        "Technical Secretariat will replace."
                    )
                ),
                s["banner"],
            ),
        ]
    story += [
        Spacer(1, 50 * mm),
        _p(
            tr(
                N_(
                    "Made with FocalPoint for the Liaison Officer Network for the Protection of "
                    "Migrant Girls, Boys and Adolescents of the Regional Conference on Migration."
                )
            ),
            s["muted"],
        ),
    ]
    return story


def _percent(part: int, whole: int, language: str) -> str:
    return format_percent(part / whole if whole else 0, locale=language)


def _summary(data: ReportData, tr: Translator, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    lang = data.language
    story: list[Flowable] = [_p(tr(SECTIONS["summary"]), s["H1"])]
    story.append(
        _p(
            tr(
                N_(
                    "{assigned} of {total} actions of the plan ({share}) have a responsible "
                    "national entity."
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
    rows: list[list[Any]] = [[_p(h, s["cellhead"]) for h in head]]
    for axis in data.axes:
        total = len(axis.lines())
        rows.append(
            [
                _p(f"{axis.code}. {axis.title}", s["cell"]),
                format_decimal(total, locale=lang),
                f"{format_decimal(axis.assigned, locale=lang)} "
                f"({_percent(axis.assigned, total, lang)})",
            ]
            + [format_decimal(axis.count(st), locale=lang) for st in ActionStatus]
        )
    rows.append(
        [
            _p(tr(N_("Whole plan")), s["cellhead"]),
            format_decimal(data.total, locale=lang),
            f"{format_decimal(data.assigned, locale=lang)} "
            f"({_percent(data.assigned, data.total, lang)})",
        ]
        + [format_decimal(sum(a.count(st) for a in data.axes), locale=lang) for st in ActionStatus]
    )
    table = Table(rows, colWidths=[42 * mm, 18 * mm, 26 * mm] + [22 * mm] * 4, repeatRows=1)
    table.setStyle(
        _grid(
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
                    _p(tr(N_("Share of actions with a responsible entity, by axis")), s["H3"]),
                    _coverage_chart(data, tr),
                ]
            )
        )
        story.append(
            KeepTogether(
                [_p(tr(N_("Status of the actions, by axis")), s["H3"]), _status_chart(data, tr)]
            )
        )
    else:
        story.append(_p(tr(N_("The plan has no actions yet.")), s["body"]))
    story.append(PageBreak())
    return story


def _grid(extra: list[tuple[Any, ...]]) -> TableStyle:
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), FONT, 8),
            ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
            ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, SHADE]),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            *extra,
        ]
    )


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


def _plan(
    data: ReportData,
    tr: Translator,
    s: dict[str, ParagraphStyle],
    report: Progress,
    stop: Callable[[], bool],
) -> list[Flowable]:
    story: list[Flowable] = [_p(tr(SECTIONS["plan"]), s["H1"])]
    if not data.assigned:
        story.append(_p(tr(N_("No responsible entity has been assigned yet.")), s["body"]))
    none = tr(N_("not assigned yet"))
    status_labels = {status: status.label_in(tr) for status in ActionStatus}
    head = [
        tr(N_("Code")),
        tr(N_("Action")),
        tr(N_("Lead entity")),
        tr(N_("Supporting entities")),
        tr(N_("Status")),
        tr(N_("Progress note")),
    ]
    # The status is a plain string (it never wraps), so its column fits the longest label
    # of this language ("Non commencée" is a third wider than "En curso"); the note takes the rest.
    status_width = max(pdfmetrics.stringWidth(t, FONT, 8) for t in status_labels.values()) + 9
    fixed = [15 * mm, 44 * mm, 31 * mm, 28 * mm, max(status_width, 18 * mm)]
    widths = [*fixed, 174 * mm - sum(fixed)]
    for n, axis in enumerate(data.axes):
        if stop():
            raise Cancelled
        report(0.1 + 0.5 * n / max(len(data.axes), 1))
        story.append(CondPageBreak(40 * mm))
        story.append(_p(f"{tr(N_('Axis {code}')).format(code=axis.code)}. {axis.title}", s["H2"]))
        for obj in axis.objectives:
            rows: list[list[Any]] = [[_p(h, s["cellhead"]) for h in head]]
            for line in obj.actions:
                # Short or empty cells are plain strings: a Paragraph is re-wrapped at every
                # layout pass, and 2,000 actions make 12,000 cells.
                rows.append(
                    [
                        line.code,
                        _p(line.title, s["cell"]),
                        _p(line.lead, s["cell"]) if line.lead else _p(none, s["muted"]),
                        _p("\n".join(f"• {n}" for n in line.supporting), s["cell"])
                        if line.supporting
                        else "—",
                        status_labels[line.status],
                        _p(line.note, s["cell"]) if line.note else "—",
                    ]
                )
            # Room for the heading and a few rows, or a new page: a heading never stands
            # alone at the foot of a page. (keepWithNext split long tables oddly.)
            story.append(CondPageBreak(35 * mm))
            story.append(_p(f"{obj.code} {obj.title}", s["H3"]))
            if obj.actions:
                # splitInRow: a row taller than a page (a very long note) splits across pages.
                table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
                table.setStyle(_grid([]))
                story.append(table)
            else:
                story.append(_p(tr(N_("This objective has no actions.")), s["muted"]))
    story.append(PageBreak())
    return story


def _changes(data: ReportData, tr: Translator, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    story: list[Flowable] = [_p(tr(SECTIONS["changes"]), s["H1"])]
    story.append(
        _p(
            tr(
                N_(
                    "Every change to the responsible entities, statuses, progress notes and the "
                    "entity directory, oldest first. Until the first submission to the Technical "
                    "Secretariat, this is every change since the workspace was created."
                )
            ),
            s["body"],
        )
    )
    story.append(Spacer(1, 3 * mm))
    if not data.changes:
        story.append(_p(tr(N_("No change has been recorded yet.")), s["body"]))
        return story
    head = [tr(N_("When")), tr(N_("Who")), tr(N_("Action or entity")), tr(N_("Change"))]
    rows: list[list[Any]] = [[_p(h, s["cellhead"]) for h in head]]
    for entry, subject in data.changes:
        rows.append(
            [
                _p(
                    format_datetime(_local(entry.at), format="short", locale=data.language),
                    s["cell"],
                ),
                _p(entry.actor or "—", s["cell"]),
                _p(_shorten(subject, 300), s["cell"]),
                _p(change_text(entry, limit=300, tr=tr), s["cell"]),
            ]
        )
    table = Table(rows, colWidths=[28 * mm, 28 * mm, 40 * mm, 78 * mm], repeatRows=1, splitInRow=1)
    table.setStyle(_grid([]))
    story.append(table)
    return story


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _local(iso: str) -> Any:
    from datetime import datetime

    return datetime.fromisoformat(iso).astimezone()
