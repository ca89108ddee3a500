"""The reports' fast table: rows of plain text drawn straight onto the canvas, for the
hundreds of thousands of cells of a country's practices and services, or of the region's
matrix (see :class:`Rows`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from focalpoint.render.style import ACCENT, BOLD, FONT, INK, MUTED, RULE, SHADE


class Cell(NamedTuple):
    """Plain text in a :class:`Rows` cell; ``sub`` is a second paragraph below it, in the
    regular face; ``swatch`` puts a coloured dot before the text (a service type's colour)."""

    text: str
    font: str = FONT
    size: float = 8
    colour: Color = INK
    sub: str = ""
    sub_colour: Color = MUTED
    swatch: Color | None = None


class Row:
    """One row of a :class:`Rows`: its cells, or one cell across the whole width."""

    __slots__ = ("cells", "fill", "height", "leading", "lines", "span", "subs")

    def __init__(self, cells: Sequence[Cell], fill: Color | None = None) -> None:
        self.cells = tuple(cells)
        self.span = len(self.cells) == 1
        self.fill = fill
        self.leading = max(c.size for c in self.cells) * 1.25
        self.lines: list[list[str]] = []  # per cell, set when the row is first wrapped
        self.subs: list[int] = []  # per cell, the first line of its ``sub``
        self.height = 0.0

    def set_lines(self, lines: list[list[str]], subs: list[int]) -> None:
        self.lines, self.subs = lines, subs
        self.height = max(len(c) for c in lines) * self.leading + 2 * Rows.PAD

    def cut(self, keep: int) -> tuple[Row, Row]:
        """The row's first ``keep`` lines, and the rest: a row too tall for what is left."""
        top, bottom = Row(self.cells, self.fill), Row(self.cells, self.fill)
        top.set_lines([c[:keep] for c in self.lines], [min(s, keep) for s in self.subs])
        bottom.set_lines([c[keep:] for c in self.lines], [max(s - keep, 0) for s in self.subs])
        return top, bottom


class Rows(Flowable):
    """A table of plain text drawn straight onto the canvas; splits between rows, and inside a
    row of more than ``split_lines`` lines; repeats its head row on every page.

    A reportlab Table re-wraps every Paragraph each time it splits, and a country's practices
    and services make hundreds of thousands of cells. Text here has no markup, so it is
    wrapped once with the font's widths, a page at a time, and written as PDF text operators.
    """

    PAD = 3.0  # above and below a row's text
    XPAD = 4.0  # either side of a cell's text

    def __init__(
        self,
        widths: Sequence[float],
        rows: Sequence[Row],
        head: Row | None = None,
        more: Row | None = None,
        rules: bool = True,
        keep: int = 1,
        split_lines: int = 20,
        whole: float = 0.0,
    ) -> None:
        super().__init__()
        self.widths = tuple(widths)
        self.rows = list(rows)
        self.head = head  # repeated at the top of every part
        self.more = more  # put at the top of every part after the first ("… (continued)")
        self.rules = rules
        self.keep = keep  # rows that must fit above the page end, or the whole moves on
        self.split_lines = split_lines
        self.whole = whole  # shorter than this, it moves to the next page rather than split

    def _measure(self, row: Row) -> float:
        """The row's height, wrapping its text the first time it is asked."""
        if not row.height:
            lines, subs = [], []
            widths = [sum(self.widths)] if row.span else self.widths
            for cell, width in zip(row.cells, widths, strict=True):
                room = width - 2 * self.XPAD - (7 if cell.swatch else 0)
                text = _wrap_text(cell.text, cell.font, cell.size, room) if cell.text else []
                subs.append(len(text))
                if cell.sub:
                    text += _wrap_text(cell.sub, FONT, cell.size, room)
                lines.append(text)
            row.set_lines(lines, subs)
        return row.height

    def _short(self) -> float | None:
        """The rows' height when it is under ``whole`` (so they move as one), else None."""
        height = 0.0
        for row in self.rows:
            height += self._measure(row)
            if height > self.whole:
                return None
        return height

    def lead_height(self) -> float:
        """The height of the head and the rows that must stay together at the start."""
        head = self._measure(self.head) if self.head else 0.0
        short = self._short() if self.whole else None
        if short is not None:  # it goes whole, so all of it must fit
            return head + short
        return head + sum(self._measure(r) for r in self.rows[: self.keep])

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # Rows are wrapped only as far as the page needs: a long table is laid out page by
        # page, and the lines of the pages written are freed, not all held to the end.
        self.width = sum(self.widths)
        self.height = self._measure(self.head) if self.head else 0.0
        for row in self.rows:
            self.height += self._measure(row)
            if self.height > available_height:
                break  # it will split; the rest is measured on the pages it goes to
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        if self.whole and self._short() is not None:
            return []
        room = available_height - (self._measure(self.head) if self.head else 0.0)
        taken: list[Row] = []
        rest: list[Row] = []
        cut = False  # a row taller than the room left was cut in two
        for n, row in enumerate(self.rows):
            if self._measure(row) <= room:
                room -= row.height
                taken.append(row)
                continue
            total = max(len(c) for c in row.lines)
            # At least three lines before the page end and two after it, or none.
            lines = min(int((room - 2 * self.PAD) // row.leading), total - 2)
            if total > self.split_lines and lines >= 3:
                top, bottom = row.cut(lines)
                taken.append(top)
                rest, cut = [bottom, *self.rows[n + 1 :]], True
            else:
                rest = self.rows[n:]
            break
        else:
            return [self]
        if not taken or len(taken) < min(self.keep, len(self.rows)):
            return []  # all of it on the next page
        if self.more is not None and len(rest) == 1 and len(taken) > self.keep and not cut:
            rest.insert(0, taken.pop())  # not one row alone under "(continued)"
        more = [self.more] if self.more is not None else []
        return [
            Rows(self.widths, taken, self.head, None, self.rules),
            Rows(
                self.widths,
                [*more, *rest],
                self.head,
                self.more,
                self.rules,
                keep=1 + len(more),
                split_lines=self.split_lines,
            ),
        ]

    def draw(self) -> None:
        canv = self.canv
        rows = [self.head, *self.rows] if self.head else self.rows
        tops = []
        y = self.height
        for row in rows:
            tops.append(y)
            if row.fill is not None:
                canv.setFillColor(row.fill)
                canv.rect(0, y - row.height, self.width, row.height, stroke=0, fill=1)
            y -= row.height
        if self.rules:
            canv.setStrokeColor(RULE)
            canv.setLineWidth(0.4)
            canv.lines(
                [
                    (0, t - r.height, self.width, t - r.height)
                    for t, r in zip(tops, rows, strict=True)
                ]
            )
        # A run is the lines of one cell in one style, from its first baseline; in reading
        # order, so that text copied from the PDF (or read aloud) follows the rows.
        runs: list[_Run] = []
        dots: dict[Color, list[tuple[float, float]]] = {}
        for top, row in zip(tops, rows, strict=True):
            x = 0.0
            widths = [self.width] if row.span else self.widths
            for cell, lines, sub, width in zip(row.cells, row.lines, row.subs, widths, strict=True):
                # The first baseline sits the font's ascent (0.76 em) below the top padding.
                baseline = top - self.PAD - (row.leading - cell.size) / 2 - 0.76 * cell.size
                left = x + self.XPAD
                if cell.swatch is not None:
                    if sub:  # beside the first line of the text, not on a later page's part
                        dots.setdefault(cell.swatch, []).append((left + 2.5, baseline + 2.4))
                    left += 7.0
                if sub:
                    style = (cell.font, cell.size, cell.colour, row.leading)
                    runs.append((style, left, baseline, lines[:sub]))
                if len(lines) > sub:
                    style = (FONT, cell.size, cell.sub_colour, row.leading)
                    below = baseline - sub * row.leading
                    runs.append((style, left, below, lines[sub:]))
                x += width
        if dots:  # round-capped strokes of no length: a dot costs a few bytes, not a curve
            canv.setLineCap(1)
            canv.setLineWidth(5)
            for colour, places in dots.items():
                canv.setStrokeColor(colour)
                canv.lines([(x, y, x + 0.01, y) for x, y in places])
        _write_runs(canv, runs)


_Run = tuple[tuple[str, float, Color, float], float, float, list[str]]


def _write_runs(canv: Canvas, runs: list[_Run]) -> None:
    """The runs' text as PDF operators, straight into the page.

    It is what a reportlab text object writes for plain text, without its general path (rise,
    character spacing, shaping, colour spaces) on every line, and with the font and colour
    set only when they change: for hundreds of thousands of lines, that path was a third of
    the time.
    """
    doc, code, escape_pdf = canv._doc, canv._code, canv._escape
    code.append("BT")
    font_name, colour, current = "", None, ("", -1, 0.0, 0.0)  # font, subset, size, leading
    for (name, size, ink, leading), left, baseline, lines in runs:
        if name != font_name:
            font_name, font = name, pdfmetrics.getFont(name)
        if ink is not colour:  # the colours are a handful of shared constants
            colour = ink
            code.append(f"{fp_str(ink.red, ink.green, ink.blue)} rg")
        code.append(f"1 0 0 1 {left:.2f} {baseline:.2f} Tm")
        for line in lines:
            for subset, raw in font.splitString(line, doc):
                if (name, subset, size, leading) != current:
                    current = (name, subset, size, leading)
                    internal = font.getSubsetInternalName(subset, doc)
                    code.append(f"{internal} {fp_str(size)} Tf {fp_str(leading)} TL")
                code.append(f"({escape_pdf(raw)}) Tj")
            code.append("T*")
    code.append("ET")


WORD_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}


def _wrap_text(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width``; a word wider than that is cut.

    Each word's width is measured once per font and size: prose repeats its words, and this
    is most of the time spent on a long report's text.
    """
    known = WORD_WIDTHS.setdefault((font, size), {})
    measure = pdfmetrics.getFont(font).stringWidth
    if " " not in known:
        known[" "] = measure(" ", size)
    space = known[" "]
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if "\t" not in paragraph and measure(paragraph, size) <= width:
            lines.append(paragraph)  # most cells: a name, a label, a date
            continue
        line: list[str] = []
        used = 0.0
        words = paragraph.replace("\t", " ").split(" ")
        if "\u00a0" in paragraph:  # a no-break space holds, unless what it holds cannot fit
            words = [
                piece
                for word in words
                for piece in (word.split("\u00a0") if measure(word, size) > width else (word,))
            ]
        for word in words:
            if not word:
                continue
            needed = known.get(word)
            if needed is None:
                needed = known[word] = measure(word, size)
            if needed > width:  # an address or a code with no space in it
                if line:
                    lines.append(" ".join(line))
                *whole, word = _cut_word(word, font, size, width)
                lines += whole
                line, used = [word], measure(word, size)
            elif line and used + space + needed > width:
                lines.append(" ".join(line))
                line, used = [word], needed
            else:
                used += needed + (space if line else 0.0)
                line.append(word)
        lines.append(" ".join(line))
    return lines


def _cut_word(word: str, font: str, size: float, width: float) -> list[str]:
    pieces, start = [], 0
    for end in range(1, len(word) + 1):
        if end - start > 1 and stringWidth(word[start:end], font, size) > width:
            pieces.append(word[start : end - 1])
            start = end - 1
    pieces.append(word[start:])
    return pieces


def table(widths: Sequence[float], head: Sequence[str], body: Sequence[Sequence[Cell]]) -> Rows:
    """A plain table: a head row in the accent colour, then the rows, every other one shaded."""
    return Rows(
        widths,
        [Row(cells, SHADE if n % 2 else None) for n, cells in enumerate(body)],
        Row([Cell(text, BOLD, 8, Color(1, 1, 1)) for text in head], ACCENT),
    )
