"""What the country report and the regional report share on their pages: A4 pages numbered
"Page n of N" under a running header, the contents drawn in the single layout pass, the PDF
outline from the H1 and H2 headings, and the layout run with progress and a cancel.

A report gives :func:`build_report` its story (cover first, then :func:`contents_pages`, then
its parts) and the text of its running header.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.dates import format_date
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
)
from reportlab.platypus.doctemplate import LayoutError

from focalpoint.domain.errors import Cancelled, InvalidInput
from focalpoint.i18n import N_, Translator
from focalpoint.render.report_styles import Styles
from focalpoint.render.rows import WORD_WIDTHS
from focalpoint.render.style import BOLD, FONT, INK, MUTED, RULE, plain
from focalpoint.version import app_version

Progress = Callable[[float], None]
MARGIN = 18 * mm


class Contents:
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
        # page → the headings' bookmarks on it, set as the page is written out: a bookmark set
        # during layout would name the first page (the canvas holds pages back until the end)
        self.marks: dict[int, list[str]] = {}
        # page → x, y, width, height, and the entries drawn there (first, count)
        self.slots: dict[int, tuple[float, float, float, float, int, int]] = {}


class _ContentsSlot(Flowable):
    """Blank room for ``lines`` entries of the contents from entry ``first`` on; remembers
    where on which page it landed."""

    def __init__(self, contents: Contents, first: int, lines: int) -> None:
        super().__init__()
        self._contents = contents
        self._first = first
        self._lines = lines

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._width = available_width
        return available_width, self._lines * Contents.LINE

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        self._contents.slots[self.canv.getPageNumber()] = (
            x,
            y,
            self._width,
            self._lines * Contents.LINE,
            self._first,
            self._lines,
        )


def contents_pages(
    contents: Contents, headings: int, tr: Translator, styles: Styles
) -> list[Flowable]:
    """The contents' title and room for ``headings`` entries (every H1 and H2 the report will
    have, counted before layout), a page break after each page of them."""
    story: list[Flowable] = [plain(tr(N_("Contents")), styles["H3"])]
    for first in range(0, headings, Contents.PER_PAGE):
        lines = min(Contents.PER_PAGE, headings - first)
        story += [_ContentsSlot(contents, first, lines), PageBreak()]
    return story


class _ReportTemplate(BaseDocTemplate):
    """Feeds the contents and the PDF outline from the H1 and H2 headings."""

    def __init__(self, filename: str, contents: Contents, **kw: Any) -> None:
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
        self.contents.marks.setdefault(self.page, []).append(key)
        self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
        self.contents.entries.append((level, text, self.page, key))


@dataclass(frozen=True)
class Running:
    """The running header (left and right) and the date in the footer of every page but the
    cover."""

    left: str
    right: str
    made_on: Any  # a date
    language: str


def _canvas_class(running: Running, tr: Translator, contents: Contents) -> type[Canvas]:
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
                for key in contents.marks.get(self._pageNumber, ()):
                    self.bookmarkPage(key)  # now this very page is the document's current one
                super().showPage()
            super().save()

        def _draw_contents(
            self, x: float, y: float, width: float, height: float, first: int, count: int
        ) -> None:
            top = y + height
            for n, (level, text, page, key) in enumerate(contents.entries[first : first + count]):
                line_y = top - (n + 1) * Contents.LINE
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
            # The page's own size: a landscape page (a wide table) is decorated across it.
            width, height = self._pagesize
            self.setFont(FONT, 7.5)
            self.setFillColor(MUTED)
            self.drawString(MARGIN, height - 12 * mm, running.left)
            self.drawRightString(width - MARGIN, height - 12 * mm, running.right)
            self.setStrokeColor(RULE)
            self.line(MARGIN, height - 13.5 * mm, width - MARGIN, height - 13.5 * mm)
            self.drawString(
                MARGIN,
                10 * mm,
                format_date(running.made_on, format="long", locale=running.language),
            )
            self.drawRightString(
                width - MARGIN,
                10 * mm,
                tr(N_("Page {page} of {total}")).format(page=self._pageNumber, total=total),
            )

    return NumberedCanvas


@dataclass(frozen=True)
class Metadata:
    """The PDF's document properties."""

    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    language: str


def build_report(
    path: Path,
    story: list[Flowable],
    contents: Contents,
    running: Running,
    metadata: Metadata,
    tr: Translator,
    report: Progress,
    stop: Callable[[], bool],
    landscape_pages: bool = False,
) -> int:
    """Lay ``story`` out on A4 pages into ``path``; returns the page count.

    Page templates: "cover" and "body" (portrait), and with ``landscape_pages`` also "wide"
    (A4 landscape), which a part switches to with ``NextPageTemplate("wide")``. Progress goes
    from 0.6 to 0.98 flowable by flowable; ``stop`` is asked after each (raises
    :class:`Cancelled`)."""
    doc = _ReportTemplate(
        str(path),
        contents,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=20 * mm,
        bottomMargin=18 * mm,
        title=metadata.title,
        author=metadata.author,
        subject=metadata.subject,
        creator=f"FocalPoint {app_version()}",
        keywords=list(metadata.keywords),
        lang=metadata.language,
        # Otherwise every page names Helvetica, a font the PDF does not carry.
        initialFontName=FONT,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    templates = [PageTemplate(id="cover", frames=[frame]), PageTemplate(id="body", frames=[frame])]
    if landscape_pages:
        wide_width, wide_height = landscape(A4)
        wide = Frame(
            MARGIN,
            doc.bottomMargin,
            wide_width - 2 * MARGIN,
            wide_height - doc.bottomMargin - doc.topMargin,
            id="wide",
        )
        templates.append(PageTemplate(id="wide", frames=[wide], pagesize=landscape(A4)))
    doc.addPageTemplates(templates)
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
        doc.build(story, canvasmaker=_canvas_class(running, tr, contents))
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
