"""Where a country and its points fall in the map widget: projection, zoom, pan and hit tests.

Plain arithmetic with no Qt, so it can be tested and measured alone; the widget
(``map_view``) paints with it and turns mouse and keys into its calls.

The projection is equirectangular with the longitudes shrunk by cos(mid-latitude), which keeps a
country's proportions right at the scale of one country. Map units: x = lon · cos(mid-latitude),
y = -lat (down the screen, like widget coordinates). Pixel positions are relative to the widget's
top-left corner; the widget passes its size, which can change between any two calls.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from focalpoint.domain.geography import BBox, CountryShape

MapXY = tuple[float, float]
Size = tuple[float, float]  # the widget's width and height, in pixels

MARGIN_PX = 16  # around the country when the view fits it
HIT_RADIUS_PX = 6  # a click this close to a point's centre picks it
MAX_ZOOM = 64.0

Mark = TypeVar("Mark")


@dataclass(frozen=True)
class MapPoint:
    """One place on the map."""

    key: str  # the service's id, emitted when the point is clicked
    lon: float
    lat: float
    kind: str  # the service-type code; its colour comes from the palette
    label: str  # tooltip text
    # How many places the point stands for: on a crowded map, one point is drawn where several
    # fall within a few pixels of each other (the one on top), and says how many they are.
    stands_for: int = 1


class MapFrame:
    """One country's projection, and the part of it in view: zoom and centre."""

    def __init__(self) -> None:
        self.shape: CountryShape | None = None
        self.kx = 1.0  # cos(mid-latitude)
        self.zoom = 1.0  # relative to the scale that fits the country's bbox
        self.center: MapXY = (0.0, 0.0)
        self._xy_cache: dict[str, tuple[tuple[float, float], MapXY]] = {}

    def set_shape(self, shape: CountryShape | None) -> None:
        self.shape = shape
        self._xy_cache = {}  # the projection depends on the shape's latitude
        if shape is not None:
            _minx, miny, _maxx, maxy = shape.bbox
            self.kx = math.cos(math.radians((miny + maxy) / 2))

    # --- projection ------------------------------------------------------------------------

    def map_xy(self, lon: float, lat: float) -> MapXY:
        return lon * self.kx, -lat

    def project(self, points: Sequence[MapPoint]) -> list[MapXY]:
        """Each point in map units."""
        # Filtering shows the same points again and again: each is projected once per shape.
        shape, cache = self.shape, self._xy_cache
        xy = []
        for p in points:
            found = cache.get(p.key)
            if found is None or found[0] != (p.lon, p.lat):
                lon = shape.normalize_lon(p.lon) if shape else p.lon
                found = cache[p.key] = ((p.lon, p.lat), self.map_xy(lon, p.lat))
            xy.append(found[1])
        return xy

    def fit_scale(self, bbox: BBox, size: Size) -> float:
        """Pixels per map unit that fit ``bbox`` (in degrees) with the margin."""
        minx, miny, maxx, maxy = bbox
        width = max((maxx - minx) * self.kx, 1e-6)
        height = max(maxy - miny, 1e-6)
        return max(
            min(
                (size[0] - 2 * MARGIN_PX) / width,
                (size[1] - 2 * MARGIN_PX) / height,
            ),
            1e-6,
        )

    def scale(self, size: Size) -> float:
        return self.fit_scale(self.shape.bbox, size) * self.zoom if self.shape else 1.0

    def min_zoom(self, size: Size) -> float:
        """Far enough out to see all of the country (Alaska too); never above the fit."""
        if self.shape is None:
            return 1.0
        whole = self.fit_scale(self.shape.extent, size) / self.fit_scale(self.shape.bbox, size)
        return min(1.0, whole) * 0.8

    def offset(self, scale: float, size: Size) -> tuple[float, float]:
        """Widget position of the map origin."""
        return (size[0] / 2 - self.center[0] * scale, size[1] / 2 - self.center[1] * scale)

    def to_widget(self, xy: MapXY, size: Size) -> tuple[float, float]:
        scale = self.scale(size)
        x, y = self.offset(scale, size)
        return xy[0] * scale + x, xy[1] * scale + y

    def to_degrees(self, xy: MapXY) -> tuple[float, float]:
        """Longitude and latitude of a place in map units."""
        return xy[0] / self.kx, -xy[1]

    def window(self, size: Size, margin: float = 0.0) -> tuple[float, float, float, float]:
        """What the widget shows, in degrees (west, south, east, north), widened by ``margin``
        of its size on every side."""
        width, height = size
        west, north = self.to_degrees(self.to_map(-margin * width, -margin * height, size))
        east, south = self.to_degrees(
            self.to_map((1 + margin) * width, (1 + margin) * height, size)
        )
        return west, south, east, north

    def to_map(self, x: float, y: float, size: Size) -> MapXY:
        scale = self.scale(size)
        ox, oy = self.offset(scale, size)
        return (x - ox) / scale, (y - oy) / scale

    # --- navigation ------------------------------------------------------------------------

    def reset(self) -> None:
        """Back to the country's default view (its bbox, fitted)."""
        self.zoom = 1.0
        if self.shape is not None:
            minx, miny, maxx, maxy = self.shape.bbox
            self.center = ((minx + maxx) / 2 * self.kx, -(miny + maxy) / 2)

    def zoom_by(self, factor: float, anchor: tuple[float, float] | None, size: Size) -> None:
        """Zoom by ``factor`` keeping the map point under ``anchor`` (default: centre) still."""
        if self.shape is None:
            return
        ax, ay = anchor if anchor is not None else (size[0] / 2, size[1] / 2)
        fixed = self.to_map(ax, ay, size)
        self.zoom = min(max(self.zoom * factor, self.min_zoom(size)), MAX_ZOOM)
        scale = self.scale(size)
        self.center = (
            fixed[0] - (ax - size[0] / 2) / scale,
            fixed[1] - (ay - size[1] / 2) / scale,
        )
        self.clamp_center()

    def pan_by(self, dx: float, dy: float, size: Size) -> None:
        """Move the map by (dx, dy) pixels."""
        scale = self.scale(size)
        self.center = (self.center[0] - dx / scale, self.center[1] - dy / scale)
        self.clamp_center()

    def clamp_center(self) -> None:
        """Keep the country's extent under the centre of the view: it cannot be lost."""
        if self.shape is None:
            return
        minx, miny, maxx, maxy = self.shape.extent
        x = min(max(self.center[0], minx * self.kx), maxx * self.kx)
        y = min(max(self.center[1], -maxy), -miny)
        self.center = (x, y)


class ScaledPoints(Generic[Mark]):
    """The points at one zoom level, in pixels from the map origin: rounded with their marks
    (the widget's stamps) for drawing, and exact in a bucket grid (cells as wide as the hit
    radius) for hit tests. Made again when the zoom changes, not when the map is panned.

    Two lists of ints rather than a list of (x, y) tuples: ints are not tracked by the garbage
    collector, 40,000 tuples are, and made a full collection likely on every zoom.
    """

    def __init__(self, xy: Sequence[MapXY], marks: Sequence[Mark], scale: float) -> None:
        self.scale = scale
        self._xy = xy
        self.xs = [round(x * scale) for x, _y in xy]
        self.ys = [round(y * scale) for _x, y in xy]
        self.marks = marks
        self._buckets: dict[tuple[int, int], list[int]] | None = None

    def _grid(self) -> dict[tuple[int, int], list[int]]:
        # Built on the first hover or click at this zoom, not when the map is drawn.
        if self._buckets is None:
            buckets: dict[tuple[int, int], list[int]] = {}
            cell = HIT_RADIUS_PX / self.scale  # in map units
            for i, (x, y) in enumerate(self._xy):
                buckets.setdefault((int(x // cell), int(y // cell)), []).append(i)
            self._buckets = buckets
        return self._buckets

    def nearest(self, x: float, y: float) -> int | None:
        """The point nearest (x, y) pixels from the map origin, within the hit radius."""
        grid = self._grid()
        col, row = int(x // HIT_RADIUS_PX), int(y // HIT_RADIUS_PX)
        best, best_d2 = None, float(HIT_RADIUS_PX * HIT_RADIUS_PX)
        for dc in (-1, 0, 1):
            for dr in (-1, 0, 1):
                for i in grid.get((col + dc, row + dr), ()):
                    px, py = self._xy[i]
                    d2 = (px * self.scale - x) ** 2 + (py * self.scale - y) ** 2
                    if d2 <= best_d2:
                        best, best_d2 = i, d2
        return best
