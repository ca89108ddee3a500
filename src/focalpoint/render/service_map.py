"""The map of services in a report: a country and its subdivisions (or the region and its
countries), with a dot per located service in its type's colour, and a legend of the types.
The country report and the regional report draw it alike."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from babel.numbers import format_decimal
from reportlab.graphics.shapes import Circle, Drawing, Group, Path, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from focalpoint.domain.geography import CountryShape, Polygon
from focalpoint.domain.palette import UNKNOWN_TYPE_COLOUR
from focalpoint.render.style import FONT, INK, MUTED

LAND = colors.HexColor("#e4ebf2")
BORDER = colors.HexColor("#9aa5b1")


class MapMark(Protocol):
    """A dot on the map: one service, or the services of one type close together."""

    @property
    def service_type(self) -> str: ...
    @property
    def longitude(self) -> float: ...
    @property
    def latitude(self) -> float: ...


class LegendEntry(Protocol):
    """A service type as the legend shows it: its label, colour and count."""

    @property
    def code(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def colour(self) -> str: ...
    @property
    def count(self) -> int: ...


def service_map_drawing(
    shape: CountryShape,
    marks: Sequence[MapMark],
    service_types: Sequence[LegendEntry],
    names: Mapping[str, str],
    language: str,
    height: float = 125 * mm,
) -> Drawing:
    """The country (or region), its subdivisions (or countries) named from ``names``, and a
    dot per located service in its type's colour (services closer than a dot's width share
    one: ``marks``), in at most ``height`` and the page's width.

    Equirectangular with the longitudes shortened by the cosine of the middle latitude, which
    is true enough at a country's size. The dots of one type are one path of zero-length
    round-capped strokes: 20,000 services stay a few hundred kilobytes and a few milliseconds.
    """
    west, south, east, north = shape.bbox
    shrink = math.cos(math.radians((south + north) / 2))
    width = 174 * mm
    scale = min(width / ((east - west) * shrink), height / (north - south))
    map_width, map_height = (east - west) * shrink * scale, (north - south) * scale
    columns = 2
    legend_rows = -(-len(service_types) // columns)
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
    for mark in marks:
        points.setdefault(mark.service_type, []).append(
            (shape.normalize_lon(mark.longitude), mark.latitude)
        )
    total = sum(len(p) for p in points.values())
    dot = 4.0 if total <= 300 else 3.0 if total <= 3000 else 2.0
    colours = {t.code: t.colour for t in service_types}
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
        name = names.get(code)
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
    for n, kind in enumerate(service_types):
        x = (n % columns) * column_width + 4
        y = legend_height - 10 - (n // columns) * 11.0
        drawing.add(
            Circle(x + 3, y + 2.6, 3, fillColor=colors.HexColor(kind.colour), strokeColor=None)
        )
        drawing.add(
            String(
                x + 10,
                y,
                f"{kind.label} · {format_decimal(kind.count, locale=language)}",
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
