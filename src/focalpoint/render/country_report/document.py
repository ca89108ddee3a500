"""The country report as a PDF (reportlab): cover, contents, summary with charts, the plan table
with every responsible entity, and the changes recorded.

Text is set in DejaVu Sans, embedded, so every Spanish and French character prints anywhere.
Dates and numbers follow the report's language (babel), not the interface's.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path as FilePath
from typing import Any

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal
from reportlab.graphics.shapes import (
    Circle,
    Drawing,
    Group,
    Path,
    Rect,
    String,
)
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)
from reportlab.platypus.doctemplate import LayoutError

from focalpoint import __version__
from focalpoint.domain.errors import Cancelled, InvalidInput
from focalpoint.domain.geography import CountryShape, Polygon
from focalpoint.domain.history import change_text
from focalpoint.domain.palette import UNKNOWN_TYPE_COLOUR
from focalpoint.i18n import N_, Translator
from focalpoint.render.country_report.content import SECTIONS, ReportData
from focalpoint.render.country_report.cover import cover_page
from focalpoint.render.country_report.plan import plan_section
from focalpoint.render.country_report.practices import practices_section
from focalpoint.render.country_report.rows import WORD_WIDTHS, Cell, Row, Rows
from focalpoint.render.country_report.styles import (
    HEADING,
    KEEP_MAX,
    Styles,
    grid,
    paragraph_styles,
)
from focalpoint.render.country_report.summary import summary_section
from focalpoint.render.style import (
    ACCENT,
    BOLD,
    FONT,
    INK,
    MUTED,
    RULE,
    SHADE,
    plain,
    register_fonts,
)

LAND = colors.HexColor("#e4ebf2")
BORDER = colors.HexColor("#9aa5b1")
Progress = Callable[[float], None]


class _Contents:
    """The table of contents, drawn in a single layout pass.

    reportlab's TableOfContents needs a second full pass to learn page numbers, which doubled
    the time of a 200-page report. Here the contents page is reserved at a known height
    (the headings are known before layout), the headings' pages are collected while the
    document is laid out, and the contents are drawn when the canvas writes its pages out.
    """

    LINE = 15.0
    PER_PAGE = 45  # lines on one page of contents; more headings take more pages

    def __init__(self) -> None:
        self.entries: list[tuple[int, str, int, str]] = []  # level, text, page, key
        # page → x, y, width, height, and the entries drawn there (first, count)
        self.slots: dict[int, tuple[float, float, float, float, int, int]] = {}


class _ContentsSlot(Flowable):
    """Blank room for ``lines`` entries of the contents from entry ``first`` on; remembers
    where on which page it landed."""

    def __init__(self, contents: _Contents, first: int, lines: int) -> None:
        super().__init__()
        self._contents = contents
        self._first = first
        self._lines = lines

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._width = available_width
        return available_width, self._lines * _Contents.LINE

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        self._contents.slots[self.canv.getPageNumber()] = (
            x,
            y,
            self._width,
            self._lines * _Contents.LINE,
            self._first,
            self._lines,
        )


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
            # Until the page count is known, a page is kept as one compressed string rather
            # than a string per operator: thousands of pages stay within the memory budget.
            page = "\n".join(self.__dict__["_code"]).encode("utf-8")
            self.__dict__["_code"] = zlib.compress(page, 1)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            self._pages.reverse()
            while self._pages:
                state = self._pages.pop()  # a page written out is let go
                state["_code"] = [zlib.decompress(state["_code"]).decode("utf-8")]
                self.__dict__.update(state)
                if self._pageNumber > 1:  # the cover carries no running header
                    self._decorate(total)
                if self._pageNumber in contents.slots:
                    self._draw_contents(*contents.slots[self._pageNumber])
                super().showPage()
            super().save()

        def _draw_contents(
            self, x: float, y: float, width: float, height: float, first: int, count: int
        ) -> None:
            top = y + height
            for n, (level, text, page, key) in enumerate(contents.entries[first : first + count]):
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
    path: FilePath,
    tr: Translator,
    sections: Sequence[str],
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the report to ``path``; returns its page count. Raises :class:`Cancelled`."""
    register_fonts()
    styles = paragraph_styles()
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
    story: list[Flowable] = [*cover_page(data, tr, styles), NextPageTemplate("body"), PageBreak()]
    # Every H1 and H2 of the report, counted before layout: the contents get room for them all.
    headings = len(sections) + sum(
        len(part)
        for key, part in (
            ("plan", data.axes),
            ("practices", data.practices),
            ("services", data.services),
        )
        if key in sections
    )
    story.append(plain(tr(N_("Contents")), styles["H3"]))
    for first in range(0, headings, _Contents.PER_PAGE):
        lines = min(_Contents.PER_PAGE, headings - first)
        story += [_ContentsSlot(contents, first, lines), PageBreak()]
    report(0.1)
    parts: dict[str, Callable[[], list[Flowable]]] = {
        "summary": lambda: summary_section(data, tr, styles),
        "plan": lambda: plan_section(data, tr, styles, report, stop),
        "practices": lambda: practices_section(data, tr, styles),
        "services": lambda: _services(data, tr, styles),
        "changes": lambda: _changes(data, tr, styles),
    }
    for key in SECTIONS:  # always in the report's own order, whatever order they were asked in
        if key in sections:
            story += parts[key]()
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
    finally:
        WORD_WIDTHS.clear()  # measured words are kept for one report, not for the app's lifetime
    report(1.0)
    return int(doc.page)


def _services(data: ReportData, tr: Translator, s: Styles) -> list[Flowable]:
    story: list[Flowable] = [plain(tr(SECTIONS["services"]), s["H1"])]
    if not data.services:
        story += [
            plain(tr(N_("No service has been recorded in the directory yet.")), s["body"]),
            PageBreak(),
        ]
        return story
    lang = data.language
    located = sum(1 for b in data.services for v in b.services if v.latitude is not None)
    story.append(
        plain(
            tr(
                N_(
                    "Services in the directory: {total}. On the map: {located}; the others have "
                    "no coordinates yet. Each dot is one service, in the colour of its type."
                )
            ).format(
                total=format_decimal(data.service_count, locale=lang),
                located=format_decimal(located, locale=lang),
            ),
            s["body"],
        )
    )
    story.append(Spacer(1, 3 * mm))
    if data.shape is not None:
        story.append(_service_map(data, data.shape))
    colours = {t.code: colors.HexColor(t.colour) for t in data.service_types}
    head = Row(
        [
            Cell(tr(text), BOLD, 8, colors.white, tr(sub) if sub else "", colors.white)
            for text, sub in (
                (N_("Service"), N_("Organisation")),
                (N_("Type"), ""),
                (N_("Populations"), N_("Ages")),
                (N_("How to refer"), N_("Refer to")),
                (N_("Municipality"), N_("Coordinates")),
            )
        ],
        ACCENT,
    )
    no_place = tr(N_("no coordinates"))
    ages = tr(N_("Ages: {ages}"))
    widths = [40 * mm, 31 * mm, 36 * mm, 43 * mm, 24 * mm]
    for block in data.services:
        rows = []
        for n, v in enumerate(block.services):
            where = (
                f"{v.latitude:.4f}, {v.longitude:.4f}"
                if v.latitude is not None and v.longitude is not None
                else no_place
            )
            age = _ages(v.age_min, v.age_max, tr)
            rows.append(
                Row(
                    [
                        Cell(v.name, BOLD, sub=v.organisation),
                        Cell(v.type_label, swatch=colours.get(v.service_type)),
                        Cell(
                            "; ".join(v.populations) or "—",
                            sub=ages.format(ages=age) if age else "",
                        ),
                        Cell(
                            v.referral or ("" if v.referral_contact else "—"),
                            sub=f"→\u00a0{v.referral_contact}" if v.referral_contact else "",
                        ),
                        Cell(v.municipality or "—", sub=where),
                    ],
                    SHADE if n % 2 else None,
                )
            )
        table = Rows(widths, rows, head)
        # Never a heading alone at the foot of a page.
        story.append(CondPageBreak(min(HEADING + table.lead_height(), KEEP_MAX)))
        story.append(plain(block.name or tr(N_("Subdivision not said")), s["H2"]))
        story.append(table)
    story.append(PageBreak())
    return story


def _ages(youngest: int | None, oldest: int | None, tr: Translator) -> str:
    if youngest is not None and oldest is not None:
        return str(youngest) if youngest == oldest else f"{youngest}–{oldest}"
    if youngest is not None:
        return tr(N_("from {age}")).format(age=youngest)
    if oldest is not None:
        return tr(N_("up to {age}")).format(age=oldest)
    return ""


def _service_map(data: ReportData, shape: CountryShape) -> Drawing:
    """The country, its subdivisions, and a dot per located service in its type's colour.

    Equirectangular with the longitudes shortened by the cosine of the middle latitude, which
    is true enough at a country's size. The dots of one type are one path of zero-length
    round-capped strokes: 20,000 services stay a few hundred kilobytes and a few milliseconds.
    """
    west, south, east, north = shape.bbox
    shrink = math.cos(math.radians((south + north) / 2))
    width = 174 * mm
    scale = min(width / ((east - west) * shrink), 125 * mm / (north - south))
    map_width, map_height = (east - west) * shrink * scale, (north - south) * scale
    columns = 2
    legend_rows = -(-len(data.service_types) // columns)
    legend_height = legend_rows * 11.0 + 8
    left, bottom = (width - map_width) / 2, legend_height

    def at(lon: float, lat: float) -> tuple[float, float]:
        return left + (lon - west) * shrink * scale, bottom + (lat - south) * scale

    def path(polygons: Sequence[Polygon], **style: Any) -> Path:
        outline = Path(**style)
        for polygon in polygons:
            xs = [p[0] for p in polygon[0]]
            ys = [p[1] for p in polygon[0]]
            if max(xs) < west or min(xs) > east or max(ys) < south or min(ys) > north:
                continue  # a far-flung part the view leaves out
            for ring in polygon:
                outline.moveTo(*at(*ring[0]))
                for point in ring[1:]:
                    outline.lineTo(*at(*point))
                outline.closePath()
        return outline

    drawing = Drawing(width, map_height + legend_height)
    view = Group()
    clip = Path(isClipPath=1, strokeColor=None, fillColor=None)  # far-flung parts stay out
    clip.moveTo(left, bottom)
    for corner in ((left + map_width, bottom), (left + map_width, bottom + map_height),
                   (left, bottom + map_height)):  # fmt: skip
        clip.lineTo(*corner)
    clip.closePath()
    view.add(clip)
    view.add(path(shape.outline, fillColor=LAND, strokeColor=None))
    points: dict[str, list[tuple[float, float]]] = {}
    for block in data.services:
        for v in block.services:
            if v.latitude is not None and v.longitude is not None:
                points.setdefault(v.service_type, []).append(
                    (shape.normalize_lon(v.longitude), v.latitude)
                )
    total = sum(len(p) for p in points.values())
    dot = 4.0 if total <= 300 else 3.0 if total <= 3000 else 2.0
    colours = {t.code: t.colour for t in data.service_types}
    # The most frequent type first: the rarer ones stay visible on top of it.
    for code, found in sorted(points.items(), key=lambda item: -len(item[1])):
        dots = Path(
            strokeColor=colors.HexColor(colours.get(code, UNKNOWN_TYPE_COLOUR)),
            strokeWidth=dot,
            strokeLineCap=1,
            fillColor=None,
        )
        for lon, lat in found:
            x, y = at(lon, lat)
            dots.moveTo(x, y)
            dots.lineTo(x + 0.01, y)  # a round cap on a stroke of no length: a dot
        view.add(dots)
    # Borders and names over the dots, so that the subdivisions still read where services
    # are dense.
    view.add(
        path(
            [p for polygons in shape.subdivisions.values() for p in polygons],
            fillColor=None,
            strokeColor=BORDER,
            strokeWidth=0.5,
        )
    )
    view.add(path(shape.outline, fillColor=None, strokeColor=MUTED, strokeWidth=0.7))
    taken: list[tuple[float, float, float, float]] = []
    for code, polygons in sorted(shape.subdivisions.items(), key=lambda i: -_area(i[1])):
        name = data.subdivision_names.get(code)
        if not name or not polygons:
            continue
        x, y = _centre(max(polygons, key=lambda p: _area((p,))), at)
        label_width = stringWidth(name, FONT, 6.5) + 4
        box = (x - label_width / 2, y - 3, x + label_width / 2, y + 7)
        if any(b[0] < box[2] and box[0] < b[2] and b[1] < box[3] and box[1] < b[3] for b in taken):
            continue  # it would cover a larger neighbour's name
        taken.append(box)
        view.add(
            Rect(box[0], box[1], label_width, 10, rx=2, ry=2, fillColor=colors.white,
                 fillOpacity=0.75, strokeColor=None)
        )  # fmt: skip
        view.add(
            String(x, y, name, fontName=FONT, fontSize=6.5, fillColor=INK, textAnchor="middle")
        )
    drawing.add(view)
    column_width = width / columns
    for n, kind in enumerate(data.service_types):
        x = (n % columns) * column_width + 4
        y = legend_height - 10 - (n // columns) * 11.0
        drawing.add(
            Circle(x + 3, y + 2.6, 3, fillColor=colors.HexColor(kind.colour), strokeColor=None)
        )
        drawing.add(
            String(
                x + 10,
                y,
                f"{kind.label} · {format_decimal(kind.count, locale=data.language)}",
                fontName=FONT,
                fontSize=7.5,
                fillColor=INK,
            )
        )
    return drawing


def _area(polygons: Sequence[Polygon]) -> float:
    """The area of the outer rings, in square degrees (enough to rank them)."""
    return sum(abs(_signed_area(p[0])) for p in polygons)


def _signed_area(ring: Sequence[tuple[float, float]]) -> float:
    pairs = zip(ring, [*ring[1:], ring[0]], strict=True)
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairs) / 2


def _centre(
    polygon: Polygon, at: Callable[[float, float], tuple[float, float]]
) -> tuple[float, float]:
    """Where a subdivision's name goes: the centroid of its outer ring, on the page."""
    ring = [at(*point) for point in polygon[0]]
    area = _signed_area(ring)
    if not area:
        return ring[0]
    cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        cross = x1 * y2 - x2 * y1
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    return cx / (6 * area), cy / (6 * area)


def _changes(data: ReportData, tr: Translator, s: Styles) -> list[Flowable]:
    story: list[Flowable] = [plain(tr(SECTIONS["changes"]), s["H1"])]
    if data.since_submission is None:
        intro = tr(
            N_(
                "Every change to the responsible entities, statuses, progress notes, the entity "
                "directory, practices and services, oldest first. Until the first submission to "
                "the Technical Secretariat, this is every change since the workspace was created."
            )
        )
    else:
        number, when = data.since_submission
        intro = tr(
            N_(
                "Every change since submission {number} to the Technical Secretariat, signed on "
                "{date}: responsible entities, statuses, progress notes, the entity directory, "
                "practices and services, oldest first."
            )
        ).format(
            number=number,
            date=format_datetime(_local(when), format="long", locale=data.language),
        )
    story.append(plain(intro, s["body"]))
    story.append(Spacer(1, 3 * mm))
    if not data.changes:
        story.append(plain(tr(N_("No change has been recorded yet.")), s["body"]))
        return story
    head = [tr(N_("When")), tr(N_("Who")), tr(N_("Record")), tr(N_("Change"))]
    rows: list[list[Any]] = [[plain(h, s["cellhead"]) for h in head]]
    for entry, subject in data.changes:
        rows.append(
            [
                plain(
                    format_datetime(_local(entry.at), format="short", locale=data.language),
                    s["cell"],
                ),
                plain(entry.actor or "—", s["cell"]),
                plain(_shorten(subject, 300), s["cell"]),
                plain(change_text(entry, limit=300, tr=tr), s["cell"]),
            ]
        )
    table = Table(rows, colWidths=[28 * mm, 28 * mm, 40 * mm, 78 * mm], repeatRows=1, splitInRow=1)
    table.setStyle(grid([]))
    story.append(table)
    return story


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _local(iso: str) -> Any:
    from datetime import datetime

    return datetime.fromisoformat(iso).astimezone()
