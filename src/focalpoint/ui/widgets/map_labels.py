"""The names written on the map: countries, capitals and subdivisions, and where each one fits.

Which places are named comes from the bundled geography (``places``); where the names go is
decided again for each view (``lay_out``), in widget pixels, so that they keep one size at every
zoom. Names are placed by importance (the country, its capital, the neighbours, their capitals,
then the subdivisions, largest first) and a name that would overlap one already placed is left
out. The widget draws them under the service points, which they must never hide.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from itertools import chain

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFont, QFontMetricsF

from focalpoint.domain.geography import (
    CAPITAL_NAMES,
    CAPITALS,
    CountryShape,
    polygon_area,
)
from focalpoint.domain.vocab import COUNTRIES, country_name
from focalpoint.i18n import _
from focalpoint.services.common import geography

PADDING_PX = 3.0  # kept free around a name, so that two names never touch
DOT_PX = 7.0  # a capital's marker
CAPITAL_GAP_PX = DOT_PX / 2 + PADDING_PX + 0.5  # from a capital's marker to its name
# When a country's usual place for its name is out of view, the name is written where most of
# the country is in view: the widget is sampled on a grid this fine to find that place.
SAMPLE_COLUMNS, SAMPLE_ROWS = 16, 12
MIN_SAMPLES = 4  # fewer cells of a country in view: too little of it to name
CANDIDATES = 16  # places tried, best first, for such a name


class Tier(IntEnum):
    """What a name is, in the order names are placed (the first ones win a crowded spot)."""

    COUNTRY = 0
    CAPITAL = 1
    NEIGHBOUR = 2
    NEIGHBOUR_CAPITAL = 3
    SUBDIVISION = 4


@dataclass(frozen=True)
class Place:
    """A name to write at (``lon``, ``lat``). A country's name (``area`` set) may move to the
    part of the country in view when that point is out of it."""

    text: str
    lon: float
    lat: float
    tier: Tier
    weight: float = 0.0  # larger first, among names of one tier
    area: CountryShape | None = field(default=None, compare=False)


@dataclass(frozen=True)
class PlacedLabel:
    """A name where it is drawn in the current view, in widget pixels."""

    text: str
    tier: Tier
    rect: QRectF  # the text's box
    baseline: QPointF  # where the text starts, on its baseline
    marker: QPointF | None = None  # a capital's dot


def places(shape: CountryShape, neighbours: Sequence[CountryShape], language: str) -> list[Place]:
    """The names to write on a map of ``shape`` with ``neighbours`` drawn around it."""
    found: list[Place] = []
    if shape.country in COUNTRIES:
        found += _country(shape, Tier.COUNTRY, Tier.CAPITAL, language)
        for code, (lon, lat) in shape.subdivision_label_points.items():
            known = geography.subdivision(code)
            if known is not None:
                weight = max(polygon_area(p) for p in shape.subdivisions[code])
                found.append(Place(known.name_in(language), lon, lat, Tier.SUBDIVISION, weight))
    else:  # the region: its "subdivisions" are the member countries
        for code, polygons in shape.subdivisions.items():
            if polygons:
                member = CountryShape(code, _extent(polygons), polygons, {})
                found += _country(member, Tier.COUNTRY, Tier.CAPITAL, language)
    for neighbour in neighbours:
        found += _country(neighbour, Tier.NEIGHBOUR, Tier.NEIGHBOUR_CAPITAL, language)
    return found


def _country(shape: CountryShape, tier: Tier, capital: Tier, language: str) -> list[Place]:
    weight = max(polygon_area(p) for p in shape.outline)
    lon, lat = shape.label_point
    # A member's name comes from the vocabulary; a non-member's (Haiti…) from its outline's file.
    name = country_name(shape.country, language)
    if shape.country not in COUNTRIES:
        name = geography.other_country_name(shape.country, language) or name
    found = [Place(name, lon, lat, tier, weight, shape)]
    if shape.country in CAPITALS:
        lat, lon = CAPITALS[shape.country]
        found.append(Place(_(CAPITAL_NAMES[shape.country]), lon, lat, capital, weight))
    return found


def _extent(
    polygons: Sequence[tuple[tuple[tuple[float, float], ...], ...]],
) -> tuple[float, float, float, float]:
    xs = [x for polygon in polygons for x, _y in polygon[0]]
    ys = [y for polygon in polygons for _x, y in polygon[0]]
    return min(xs), min(ys), max(xs), max(ys)


def fonts(base: QFont) -> dict[Tier, QFont]:
    """The font of each tier, from the widget's (so that a larger system font makes larger
    names)."""
    size = base.pointSizeF() if base.pointSizeF() > 0 else 9.0

    def font(scale: float, bold: bool = False, italic: bool = False) -> QFont:
        made = QFont(base)
        made.setPointSizeF(size * scale)
        made.setBold(bold)
        made.setItalic(italic)
        return made

    return {
        Tier.COUNTRY: font(1.3, bold=True),
        Tier.CAPITAL: font(1.0, bold=True),
        Tier.NEIGHBOUR: font(1.2),
        Tier.NEIGHBOUR_CAPITAL: font(0.95),
        Tier.SUBDIVISION: font(0.9, italic=True),
    }


def lay_out(
    wanted: Sequence[Place],
    fonts_by_tier: dict[Tier, QFont],
    size: tuple[float, float],
    to_widget: Callable[[float, float], tuple[float, float]],
    to_degrees: Callable[[float, float], tuple[float, float]],
) -> list[PlacedLabel]:
    """The names that fit in a view of ``size`` pixels, each where it is drawn.

    ``to_widget`` takes a longitude and latitude to widget pixels; ``to_degrees`` does the
    reverse.
    """
    view = QRectF(0, 0, *size)
    taken: list[QRectF] = []
    placed: list[PlacedLabel] = []
    metrics = {tier: QFontMetricsF(font) for tier, font in fonts_by_tier.items()}
    # The capitals' dots first: every name keeps clear of them.
    dots: dict[Place, QRectF] = {}
    for place in wanted:
        if place.tier in (Tier.CAPITAL, Tier.NEIGHBOUR_CAPITAL):
            x, y = to_widget(place.lon, place.lat)
            if view.contains(x, y):
                dots[place] = QRectF(x - DOT_PX / 2, y - DOT_PX / 2, DOT_PX, DOT_PX)
                taken.append(dots[place])
    for place in sorted(wanted, key=lambda p: (p.tier, -p.weight)):
        fm = metrics[place.tier]
        width, ascent, descent = fm.horizontalAdvance(place.text), fm.ascent(), fm.descent()
        height = ascent + descent
        dot = dots.get(place)
        if place.tier in (Tier.CAPITAL, Tier.NEIGHBOUR_CAPITAL):
            if dot is None:
                continue  # out of view
            x, y = dot.center().x(), dot.center().y()
            # Right of the dot, else left of it.
            boxes: Iterable[QRectF] = [
                QRectF(x + CAPITAL_GAP_PX, y - height / 2, width, height),
                QRectF(x - CAPITAL_GAP_PX - width, y - height / 2, width, height),
            ]
        else:
            # At its usual place, else (out of view, or taken) where the country is in view.
            x, y = to_widget(place.lon, place.lat)
            boxes = [QRectF(x - width / 2, y - height / 2, width, height)]
            if place.area is not None:
                boxes = chain(
                    boxes,
                    (
                        QRectF(x - width / 2, y - height / 2, width, height)
                        for x, y in _lazily(place.area, size, to_degrees)
                    ),
                )
        free = next((b for b in boxes if view.contains(b) and not _overlaps(b, taken)), None)
        if free is not None:
            taken.append(free)
            baseline = QPointF(free.left(), free.top() + ascent)
            placed.append(PlacedLabel(place.text, place.tier, free, baseline, _centre(dot)))
        elif dot is not None:  # the dot is drawn even when its name does not fit
            placed.append(PlacedLabel("", place.tier, dot, dot.center(), dot.center()))
    return placed


def _lazily(
    area: CountryShape,
    size: tuple[float, float],
    to_degrees: Callable[[float, float], tuple[float, float]],
) -> Iterator[tuple[float, float]]:
    # The grid is sampled only when the usual place did not do.
    yield from _inside_view(area, size, to_degrees)


def _centre(dot: QRectF | None) -> QPointF | None:
    return None if dot is None else dot.center()


def _overlaps(box: QRectF, taken: Sequence[QRectF]) -> bool:
    grown = box.adjusted(-PADDING_PX, -PADDING_PX, PADDING_PX, PADDING_PX)
    return any(grown.intersects(other) for other in taken)


def _inside_view(
    area: CountryShape,
    size: tuple[float, float],
    to_degrees: Callable[[float, float], tuple[float, float]],
) -> list[tuple[float, float]]:
    """Places in the largest part of ``area`` in view, best first: of the grid cells inside it,
    the few farthest from any cell outside it and from the view's edge (none if little of it
    is in view)."""
    width, height = size
    west, north = to_degrees(0, 0)
    east, south = to_degrees(width, height)
    minx, miny, maxx, maxy = area.extent
    if maxx < west or minx > east or maxy < south or miny > north:
        return []  # not in view at all (most neighbours of a large country)
    cell_w, cell_h = width / SAMPLE_COLUMNS, height / SAMPLE_ROWS
    inside = set()
    for col in range(SAMPLE_COLUMNS):
        for row in range(SAMPLE_ROWS):
            lon, lat = to_degrees((col + 0.5) * cell_w, (row + 0.5) * cell_h)
            if area.contains(lon, lat, tolerance_deg=0.0):
                inside.add((col, row))
    if len(inside) < MIN_SAMPLES:
        return []
    outside = [
        (c, r) for c in range(SAMPLE_COLUMNS) for r in range(SAMPLE_ROWS) if (c, r) not in inside
    ]

    def room(cell: tuple[int, int]) -> float:
        col, row = cell
        # Names are wide: a cell's room counts rows twice as much as columns.
        edge = min(col + 1, SAMPLE_COLUMNS - col, 2 * (row + 1), 2 * (SAMPLE_ROWS - row))
        return min([edge] + [max(abs(c - col), 2 * abs(r - row)) for c, r in outside])

    best = sorted(sorted(inside), key=room, reverse=True)[:CANDIDATES]
    return [((col + 0.5) * cell_w, (row + 0.5) * cell_h) for col, row in best]
