"""Country shapes and ISO 3166-2 subdivisions, and the point-in-country questions asked of them.

Coordinates are ``(lon, lat)`` in decimal degrees, as in GeoJSON. The shapes are simplified
(see ``resources/geo/README.md``), so "inside" allows a tolerance: a service on the coast must
not be refused because the simplified coastline cuts a corner.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from focalpoint.domain.errors import InvalidInput
from focalpoint.i18n import N_, _, pick

Ring = tuple[tuple[float, float], ...]  # (lon, lat); implicitly closed
Polygon = tuple[Ring, ...]  # exterior first, then holes
BBox = tuple[float, float, float, float]  # min lon, min lat, max lon, max lat

DEFAULT_TOLERANCE_DEG = 0.05  # about 5 km: more than the simplification ever moves a coast
GRID_MARGIN_DEG = 0.1  # tolerances up to this use the grid; larger ones look at every polygon


class _IndexedPolygon:
    """One polygon prepared for fast point queries.

    Its edges are bucketed into horizontal bands, so a ray cast from a point only looks at the
    few edges of the point's own band instead of all of them (a country outline has thousands).
    """

    __slots__ = ("_bands", "_bottom", "_count", "_height", "bbox")

    def __init__(self, polygon: Polygon) -> None:
        xs = [x for x, _y in polygon[0]]
        ys = [y for _x, y in polygon[0]]
        self.bbox: BBox = (min(xs), min(ys), max(xs), max(ys))
        edges = list(_edges(polygon))
        count = max(1, len(edges) // 4)  # a handful of edges per band
        self._bottom = self.bbox[1]
        self._count = count
        self._height = (self.bbox[3] - self.bbox[1]) / count or 1.0
        bands: list[list[tuple[float, float, float, float]]] = [[] for _ in range(count)]
        for edge in edges:
            _x1, y1, _x2, y2 = edge
            for band in range(self._band(min(y1, y2)), self._band(max(y1, y2)) + 1):
                bands[band].append(edge)
        self._bands = tuple(tuple(b) for b in bands)

    def _band(self, lat: float) -> int:
        index = int((lat - self._bottom) / self._height)
        return min(max(index, 0), self._count - 1)

    def near_bbox(self, lon: float, lat: float, margin: float) -> bool:
        minx, miny, maxx, maxy = self.bbox
        return minx - margin <= lon <= maxx + margin and miny - margin <= lat <= maxy + margin

    def contains(self, lon: float, lat: float) -> bool:
        """Even-odd ray cast to the east; holes fall out of the parity on their own."""
        if not self.near_bbox(lon, lat, 0.0):
            return False
        inside = False
        for x1, y1, x2, y2 in self._bands[self._band(lat)]:
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
        return inside

    def distance(self, lon: float, lat: float, limit: float) -> float:
        """Distance in degrees to the nearest edge, or ``math.inf`` if it is beyond ``limit``."""
        best = math.inf
        for x1, y1, x2, y2 in self._edges_near(lon, lat, limit):
            best = min(best, _segment_distance(lon, lat, x1, y1, x2, y2))
        return best if best <= limit else math.inf

    def is_near(self, lon: float, lat: float, limit: float) -> bool:
        """Whether some edge is within ``limit`` degrees (stops at the first one)."""
        return any(
            _segment_distance(lon, lat, *edge) <= limit
            for edge in self._edges_near(lon, lat, limit)
        )

    def _edges_near(
        self, lon: float, lat: float, limit: float
    ) -> Iterable[tuple[float, float, float, float]]:
        if not self.near_bbox(lon, lat, limit):
            return
        west, east = lon - limit, lon + limit
        for band in range(self._band(lat - limit), self._band(lat + limit) + 1):
            for edge in self._bands[band]:
                x1, _y1, x2, _y2 = edge
                if not ((x1 < west and x2 < west) or (x1 > east and x2 > east)):
                    yield edge


def _edges(polygon: Polygon) -> Iterable[tuple[float, float, float, float]]:
    for ring in polygon:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (x1, y1) != (x2, y2):
                yield x1, y1, x2, y2


def _segment_distance(px: float, py: float, x1: float, y1: float, x2: float, y2: float) -> float:
    dx, dy = x2 - x1, y2 - y1
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - x1) * dx + (py - y1) * dy) / length2))
    return math.hypot(px - (x1 + t * dx), py - (y1 + t * dy))


class _Grid:
    """Which polygons may answer for a point: a coarse grid over the country, each cell listing
    the polygons whose box (plus ``margin``) overlaps it. Mexico has 46 outline polygons and
    32 states; a point only ever looks at the two or three of its cell."""

    SIZE = 48

    def __init__(self, items: Sequence[tuple[str, _IndexedPolygon]], margin: float) -> None:
        self.margin = margin
        self._all = tuple(items)
        boxes = [p.bbox for _c, p in items]
        self._west = min(b[0] for b in boxes) - margin
        self._south = min(b[1] for b in boxes) - margin
        self._dx = (max(b[2] for b in boxes) + margin - self._west) / self.SIZE
        self._dy = (max(b[3] for b in boxes) + margin - self._south) / self.SIZE
        cells: dict[tuple[int, int], list[tuple[str, _IndexedPolygon]]] = {}
        for item in items:
            minx, miny, maxx, maxy = item[1].bbox
            for col in range(self._col(minx - margin), self._col(maxx + margin) + 1):
                for row in range(self._row(miny - margin), self._row(maxy + margin) + 1):
                    cells.setdefault((col, row), []).append(item)
        # Largest first: most points fall in the mainland and the first polygon answers.
        self._cells = {key: tuple(sorted(v, key=_area, reverse=True)) for key, v in cells.items()}

    def _col(self, lon: float) -> int:
        return min(max(int((lon - self._west) / self._dx), 0), self.SIZE - 1)

    def _row(self, lat: float) -> int:
        return min(max(int((lat - self._south) / self._dy), 0), self.SIZE - 1)

    def near(
        self, lon: float, lat: float, tolerance: float
    ) -> tuple[tuple[str, _IndexedPolygon], ...]:
        if tolerance > self.margin:
            return self._all
        if not (0 <= lon - self._west <= self._dx * self.SIZE):
            return ()
        if not (0 <= lat - self._south <= self._dy * self.SIZE):
            return ()
        return self._cells.get((self._col(lon), self._row(lat)), ())


def _area(item: tuple[str, _IndexedPolygon]) -> float:
    minx, miny, maxx, maxy = item[1].bbox
    return (maxx - minx) * (maxy - miny)


def _grid(items: Iterable[tuple[str, Polygon]]) -> _Grid:
    return _Grid([(code, _IndexedPolygon(p)) for code, p in items], margin=GRID_MARGIN_DEG)


@dataclass(frozen=True)
class CountryShape:
    """A country's outline and first-level subdivisions, as bundled with the app.

    ``bbox`` is the default view, which may leave out far-flung parts (Alaska and Hawaii for the
    United States, Isla del Coco for Costa Rica); the questions below use the whole geometry.
    Parts that cross the antimeridian are stored at longitudes below -180 (the Aleutians), and
    :meth:`normalize_lon` brings a point's longitude into the same range.

    ``lakes`` are for drawing only: a lake is part of the territory around it (a point in
    Lake Nicaragua is in Nicaragua), so the outline and subdivisions include it.
    """

    country: str
    bbox: BBox
    # Thousands of points each: left out of repr() so that a failing test stays readable.
    outline: tuple[Polygon, ...] = field(repr=False)
    subdivisions: Mapping[str, tuple[Polygon, ...]] = field(hash=False, repr=False)
    lakes: tuple[Polygon, ...] = field(default=(), repr=False)

    @cached_property
    def extent(self) -> BBox:
        """The bounding box of all the geometry (wider than ``bbox`` for some countries)."""
        points = [point for polygon in self.outline for point in polygon[0]]
        return (
            min(x for x, _y in points),
            min(y for _x, y in points),
            max(x for x, _y in points),
            max(y for _x, y in points),
        )

    @cached_property
    def label_point(self) -> tuple[float, float]:
        """Where the country's name is written (see :func:`label_point`)."""
        return label_point(self.outline)

    @cached_property
    def subdivision_label_points(self) -> dict[str, tuple[float, float]]:
        """Where each subdivision's name is written."""
        return {code: label_point(ps) for code, ps in self.subdivisions.items() if ps}

    @cached_property
    def _outline_grid(self) -> _Grid:
        return _grid((self.country, polygon) for polygon in self.outline)

    @cached_property
    def _subdivision_grid(self) -> _Grid:
        return _grid(
            (code, polygon) for code, polygons in self.subdivisions.items() for polygon in polygons
        )

    def normalize_lon(self, lon: float) -> float:
        """``lon`` shifted by ±360° if that brings it within the shape's longitudes."""
        minx, _miny, maxx, _maxy = self.extent
        if not minx <= lon <= maxx:
            for shifted in (lon - 360.0, lon + 360.0):
                if minx <= shifted <= maxx:
                    return shifted
        return lon

    def contains(
        self, lon: float, lat: float, tolerance_deg: float = DEFAULT_TOLERANCE_DEG
    ) -> bool:
        """Inside the outline, or within ``tolerance_deg`` of it."""
        lon = self.normalize_lon(lon)
        candidates = self._outline_grid.near(lon, lat, tolerance_deg)
        if any(p.contains(lon, lat) for _c, p in candidates):
            return True
        return tolerance_deg > 0 and any(p.is_near(lon, lat, tolerance_deg) for _c, p in candidates)

    def subdivision_at(
        self, lon: float, lat: float, tolerance_deg: float = DEFAULT_TOLERANCE_DEG
    ) -> str | None:
        """The code of the subdivision containing the point, else of the nearest one within
        ``tolerance_deg`` (a point on the coast), else None."""
        lon = self.normalize_lon(lon)
        candidates = self._subdivision_grid.near(lon, lat, tolerance_deg)
        for code, polygon in candidates:
            if polygon.contains(lon, lat):
                return code
        nearest, best = None, math.inf
        for code, polygon in candidates:
            distance = polygon.distance(lon, lat, tolerance_deg)
            if distance < best:
                nearest, best = code, distance
        return nearest


def label_point(polygons: Sequence[Polygon]) -> tuple[float, float]:
    """A point well inside the largest of ``polygons`` (the mainland), where a name written
    across it fits: the middle of the widest stretch of land along the latitude of its centroid.

    A centroid alone can fall outside a curved country (Panama, Cuba's shape) or on a thin
    neck; a name is written horizontally, so the widest horizontal stretch is what it needs.
    """
    biggest = max(polygons, key=polygon_area)
    ring = biggest[0]
    _x, lat = _centroid(ring)
    crossings = sorted(
        x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
        for r in biggest
        for (x1, y1), (x2, y2) in zip(r, r[1:] + r[:1], strict=True)
        if (y1 > lat) != (y2 > lat)
    )
    spans = list(zip(crossings[::2], crossings[1::2], strict=False))  # inside, by parity
    if not spans:
        return _x, lat
    west, east = max(spans, key=lambda span: span[1] - span[0])
    return (west + east) / 2, lat


def polygon_area(polygon: Polygon) -> float:
    """The exterior's area in square degrees of longitude shrunk to the latitude (holes count)."""
    ring = polygon[0]
    mid = (min(y for _x, y in ring) + max(y for _x, y in ring)) / 2
    return abs(_signed_area(ring)) * math.cos(math.radians(mid))


def _signed_area(ring: Ring) -> float:
    return (
        sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))
        / 2
    )


def _centroid(ring: Ring) -> tuple[float, float]:
    area = _signed_area(ring)
    if area == 0:
        return ring[0]
    cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    return cx / (6 * area), cy / (6 * area)


@dataclass(frozen=True)
class Subdivision:
    """A first-level subdivision (ISO 3166-2): a department, province, state…"""

    code: str
    names: Mapping[str, str] = field(hash=False)  # {"es": …, "en": …, "fr": …}
    kind: str  # "department", "province", "state", "federal_entity"… (from ISO 3166-2)
    parent: str | None = None  # a grouping it belongs to (the Dominican Republic's regions)

    @property
    def country(self) -> str:
        return self.code.split("-", 1)[0]

    def name_in(self, language: str) -> str:
        return pick(self.names, language) or self.code


# --- reading the bundled files -------------------------------------------------------------
# The files ship with the app, so a malformed one is a build mistake rather than the user's;
# the message still says where the problem is, so that a bug report can name it.


def _damaged(where: str, problem: str) -> InvalidInput:
    return InvalidInput(
        _("The map data cannot be read ({where}: {problem}).").format(where=where, problem=problem)
    )


def shape_from_dict(data: Any) -> CountryShape:
    """A :class:`CountryShape` from its JSON form; refuses malformed data with InvalidInput."""
    if not isinstance(data, Mapping):
        raise _damaged("file", "expected an object")
    country = data.get("country")
    if not isinstance(country, str) or len(country) != 2 or not country.isupper():
        raise _damaged("country", "expected a two-letter ISO 3166-1 code")
    bbox = _bbox(data.get("bbox"))
    outline = _polygons(data.get("outline"), "outline")
    if not outline:
        raise _damaged("outline", "no polygon")
    raw_subdivisions = data.get("subdivisions", {})
    if not isinstance(raw_subdivisions, Mapping):
        raise _damaged("subdivisions", "expected an object")
    subdivisions = {}
    for code, polygons in raw_subdivisions.items():
        if not isinstance(code, str) or not code.startswith(country + "-"):
            raise _damaged(f"subdivisions.{code}", f"not a subdivision code of {country}")
        subdivisions[code] = _polygons(polygons, f"subdivisions.{code}")
    lakes = _polygons(data.get("lakes", []), "lakes")
    return CountryShape(country, bbox, outline, subdivisions, lakes)


def _bbox(value: Any) -> BBox:
    if not isinstance(value, Sequence) or len(value) != 4 or not all(map(_is_number, value)):
        raise _damaged("bbox", "expected [min lon, min lat, max lon, max lat]")
    minx, miny, maxx, maxy = (float(v) for v in value)
    if not (minx < maxx and -90 <= miny < maxy <= 90):
        raise _damaged("bbox", "empty or outside the globe")
    return minx, miny, maxx, maxy


def _polygons(value: Any, where: str) -> tuple[Polygon, ...]:
    if not isinstance(value, list):
        raise _damaged(where, "expected a list of polygons")
    return tuple(_polygon(p, f"{where}[{i}]") for i, p in enumerate(value))


def _polygon(value: Any, where: str) -> Polygon:
    if not isinstance(value, list) or not value:
        raise _damaged(where, "expected a non-empty list of rings")
    return tuple(_ring(r, f"{where}[{i}]") for i, r in enumerate(value))


def _ring(value: Any, where: str) -> Ring:
    if not isinstance(value, list) or len(value) < 3:
        raise _damaged(where, "a ring needs at least three points")
    points = []
    for i, point in enumerate(value):
        if not (isinstance(point, list) and len(point) == 2 and all(map(_is_number, point))):
            raise _damaged(f"{where}[{i}]", "expected [longitude, latitude]")
        lon, lat = float(point[0]), float(point[1])
        # Longitudes down to -360 are allowed for parts moved across the antimeridian.
        if not (-360 <= lon <= 360 and -90 <= lat <= 90):
            raise _damaged(f"{where}[{i}]", "outside the globe")
        points.append((lon, lat))
    if points[0] == points[-1]:  # GeoJSON repeats the first point; we don't need it
        points.pop()
    if len(points) < 3:
        raise _damaged(where, "a ring needs at least three points")
    return tuple(points)


def _is_number(value: Any) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(float(value))
    )


def others_from_dict(data: Any) -> dict[str, tuple[Mapping[str, str], CountryShape]]:
    """{code: (names, outline)} from the JSON form of ``others.json``: the non-member countries
    drawn around the members, each with its names ({language: text}) and an outline only."""
    countries = data.get("countries") if isinstance(data, Mapping) else None
    if not isinstance(countries, Mapping):
        raise _damaged("others.json", "expected an object with 'countries'")
    result: dict[str, tuple[Mapping[str, str], CountryShape]] = {}
    for code, entry in countries.items():
        names = entry.get("names") if isinstance(entry, Mapping) else None
        if not isinstance(names, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in names.items()
        ):
            raise _damaged(f"others.json: {code}", "names must be {language: text}")
        result[code] = (dict(names), shape_from_dict({**entry, "country": code}))
    return result


def subdivisions_from_dict(data: Any) -> dict[str, tuple[Subdivision, ...]]:
    """{country: subdivisions} from the JSON form of ``subdivisions.json``."""
    countries = data.get("countries") if isinstance(data, Mapping) else None
    if not isinstance(countries, Mapping):
        raise _damaged("subdivisions.json", "expected an object with 'countries'")
    result = {}
    for country, entries in countries.items():
        if not isinstance(entries, list):
            raise _damaged(f"countries.{country}", "expected a list")
        result[country] = tuple(_subdivision(e, f"countries.{country}") for e in entries)
    return result


def _subdivision(entry: Any, where: str) -> Subdivision:
    if not isinstance(entry, Mapping):
        raise _damaged(where, "expected an object")
    code, kind, names = entry.get("code"), entry.get("kind"), entry.get("names")
    parent = entry.get("parent")
    if not isinstance(code, str) or not isinstance(kind, str):
        raise _damaged(where, "each subdivision needs a code and a kind")
    if not isinstance(names, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in names.items()
    ):
        raise _damaged(f"{where}.{code}", "names must be {language: text}")
    if parent is not None and not isinstance(parent, str):
        raise _damaged(f"{where}.{code}", "parent must be a code")
    return Subdivision(code, dict(names), kind, parent)


# Each member country's capital (latitude, longitude): a place every official of the country
# recognises, for the example beside a coordinate field.
CAPITALS: dict[str, tuple[float, float]] = {
    "BZ": (17.2510, -88.7590),  # Belmopan
    "CA": (45.4215, -75.6972),  # Ottawa
    "CR": (9.9281, -84.0907),  # San José
    "DO": (18.4861, -69.9312),  # Santo Domingo
    "GT": (14.6349, -90.5069),  # Ciudad de Guatemala
    "HN": (14.0723, -87.1921),  # Tegucigalpa
    "MX": (19.4326, -99.1332),  # Ciudad de México
    "NI": (12.1150, -86.2362),  # Managua
    "PA": (8.9824, -79.5199),  # Ciudad de Panamá
    "SV": (13.6929, -89.2182),  # San Salvador
    "US": (38.9072, -77.0369),  # Washington
}

# The capitals' names in English, translated where they are shown (three of them have a name of
# their own in Spanish or French: "Ciudad de Guatemala", "Mexico"…).
CAPITAL_NAMES: dict[str, str] = {
    "BZ": N_("Belmopan"),
    "CA": N_("Ottawa"),
    "CR": N_("San José"),
    "DO": N_("Santo Domingo"),
    "GT": N_("Guatemala City"),
    "HN": N_("Tegucigalpa"),
    "MX": N_("Mexico City"),
    "NI": N_("Managua"),
    "PA": N_("Panama City"),
    "SV": N_("San Salvador"),
    "US": N_("Washington"),
}
