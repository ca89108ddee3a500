"""What every FocalPoint document shares: the embedded DejaVu fonts, the colours, plain text.

Text is set in DejaVu Sans, embedded, so every Spanish and French character prints anywhere;
a service type or a status has the same colour on every page as in the window.
"""

from __future__ import annotations

import weakref
from html import escape
from typing import Any

from reportlab.graphics.shapes import STATE_DEFAULTS
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

from focalpoint.domain.vocab import ActionStatus
from focalpoint.paths import RESOURCES

FONT, BOLD, ITALIC = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"
MONO, MONO_BOLD = "Courier", "Courier-Bold"  # for ASCII only: keys and hashes, no font to embed
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
ACCENT = colors.HexColor("#1d5fa8")
RULE = colors.HexColor("#cbd2d9")
SHADE = colors.HexColor("#eef2f6")
# An action's status on every chart (the country's and the region's).
STATUS_COLOURS = {
    ActionStatus.NOT_STARTED: colors.HexColor("#9aa5b1"),
    ActionStatus.IN_PROGRESS: colors.HexColor("#1d5fa8"),
    ActionStatus.COMPLETED: colors.HexColor("#2e7d32"),
    ActionStatus.NOT_APPLICABLE: colors.HexColor("#b08900"),
}


class _Font(TTFont):
    """A TrueType font whose text reaches the PDF faster.

    reportlab turns text into the codes of the embedded subset one character at a time, in
    Python: a fifth of the time of a long report. Once every character of a text already has
    its code in the first subset (nearly always, for Spanish, English and French), a
    translation table gives the same bytes in one call.
    """

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self._tables: weakref.WeakKeyDictionary[Any, tuple[dict[int, str], frozenset[str]]] = (
            weakref.WeakKeyDictionary()
        )

    def splitString(self, text: Any, doc: Any, encoding: str = "utf-8") -> list[tuple[int, bytes]]:
        known = self._tables.get(doc)
        if known is not None and isinstance(text, str) and known[1].issuperset(text):
            return [(0, text.translate(known[0]).encode("latin-1"))] if text else []
        parts: list[tuple[int, bytes]] = super().splitString(text, doc, encoding)
        first = {c: chr(n) for c, n in self.state[doc].assignments.items() if n < 256}
        if 32 in first:
            first[0xA0] = first[32]  # a no-break space prints as a space, as reportlab does
        self._tables[doc] = (first, frozenset(map(chr, first)))
        return parts


def register_fonts() -> None:
    """Make the DejaVu fonts known to reportlab (once per process)."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = RESOURCES / "fonts"
    for name, file in (
        (FONT, "DejaVuSans.ttf"),
        (BOLD, "DejaVuSans-Bold.ttf"),
        (ITALIC, "DejaVuSans-Oblique.ttf"),
    ):
        pdfmetrics.registerFont(_Font(name, str(folder / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD)
    # Charts start every drawing in this font; left at Helvetica, the PDF would name a font
    # it does not carry.
    STATE_DEFAULTS["fontName"] = FONT


def plain(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped: names and notes are the user's, not markup)."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style)
