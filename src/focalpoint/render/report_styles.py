"""The reports' paragraph styles (the country's and the region's), the grid of their
reportlab tables, and the room a heading needs to stay with what follows it. Fonts and colours
that every document shares are in :mod:`focalpoint.render.style`."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from focalpoint.render.style import ACCENT, BOLD, FONT, INK, MUTED, RULE, SHADE

Styles = dict[str, ParagraphStyle]  # by name: "body", "muted", "cell", "H1", "banner", …
HEADING = 34.0  # the height of an H2 heading with the room around it
# Kept with its heading at most this much: a taller start splits anyway, and asking for more
# room than a page has would leave a page blank.
KEEP_MAX = 300.0


def paragraph_styles() -> Styles:
    """The report's paragraph styles; the contents and the PDF outline follow "H1" and "H2"."""
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


def grid(extra: list[tuple[Any, ...]]) -> TableStyle:
    """A reportlab table's style: the head row in the accent colour, rows ruled and shaded in
    turn; ``extra`` commands come last, so they override these."""
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
