"""A table of counts per country: a label column, a column per country (headed by its code),
and a last column for the region; numbers and their headings to the right. With few countries
the label column takes the room the country columns do not need."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from focalpoint.render.report_styles import Styles, grid
from focalpoint.render.style import FONT, plain

WIDTH = 174 * mm  # a portrait page's frame
COLUMN = (10 * mm, 18 * mm)  # a country's column: at least, at most
LAST = 16 * mm  # the region's column


def counts_table(
    heads: Sequence[str],  # the label column's, each country's code, the region's
    rows: Sequence[Sequence[Any]],  # a label (text or Paragraph), then the numbers as text
    s: Styles,
    label_min: float = 44 * mm,
    extra: Sequence[tuple[Any, ...]] = (),
) -> Flowable:
    countries = len(heads) - 2
    room = WIDTH - label_min - LAST
    column = max(min(room / max(countries, 1), COLUMN[1]), COLUMN[0])
    label = WIDTH - LAST - column * countries
    right = ParagraphStyle("cellhead_right", parent=s["cellhead"], alignment=TA_RIGHT)
    body: list[list[Any]] = [
        [plain(heads[0], s["cellhead"]), *(plain(h, right) for h in heads[1:])]
    ]
    for row in rows:
        first = row[0] if not isinstance(row[0], str) else plain(row[0], s["cell"])
        body.append([first, *row[1:]])
    table = Table(body, colWidths=[label] + [column] * countries + [LAST], repeatRows=1)
    table.setStyle(
        grid([("ALIGN", (1, 1), (-1, -1), "RIGHT"), ("FONT", (1, 1), (-1, -1), FONT, 7), *extra])
    )
    return table
