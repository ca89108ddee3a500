"""The bundled country shapes and ISO 3166-2 subdivisions (``resources/geo``), read once.

Everything ships inside the package: no network, no pycountry at run time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from focalpoint.domain.geography import (
    CountryShape,
    Subdivision,
    others_from_dict,
    shape_from_dict,
    subdivisions_from_dict,
)
from focalpoint.domain.text import fold
from focalpoint.domain.vocab import COUNTRIES
from focalpoint.i18n import current_language, pick


def _read(name: str) -> Any:
    geo = resources.files("focalpoint").joinpath("resources", "geo", name)
    return json.loads(geo.read_text(encoding="utf-8"))


def country_shape(code: str) -> CountryShape | None:
    """The outline and subdivisions of a member country; None for any other code."""
    code = code.upper()
    return _shape(code) if code in COUNTRIES else None


# How far around a country its map may show, as a share of its default view on every side: at
# the widest zoom, with the view's centre at the edge of the country, about this much is seen.
AROUND = 0.75
AROUND_MIN_DEG = 2.0


def surroundings(code: str) -> list[CountryShape]:
    """The countries that a map of ``code`` can show, to be drawn as land around it: the other
    member countries, then the others around them (Haiti, Cuba, Colombia…: outlines only, no
    subdivisions; :func:`other_country_name` names them)."""
    shape = country_shape(code)
    if shape is None:
        return []
    west, south, east, north = shape.bbox
    dx = max((east - west) * AROUND, AROUND_MIN_DEG)
    dy = max((north - south) * AROUND, AROUND_MIN_DEG)
    box = (west - dx, south - dy, east + dx, north + dy)
    members = [_shape(c) for c in sorted(COUNTRIES) if c != shape.country]
    others = [other for _names, other in _others().values()]
    return [
        other
        for other in [*members, *others]
        if any(_overlaps(_ring_box(polygon[0]), box) for polygon in other.outline)
    ]


def other_country_name(code: str, language: str | None = None) -> str | None:
    """The name of a non-member country drawn around the members (``others.json``), in
    ``language`` (default: the interface's); None for any other code."""
    found = _others().get(code.upper())
    return pick(found[0], language or current_language()) if found else None


@lru_cache(maxsize=1)
def _others() -> dict[str, tuple[Mapping[str, str], CountryShape]]:
    return others_from_dict(_read("others.json"))


def _ring_box(ring: Iterable[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs, ys = zip(*ring, strict=True)
    return min(xs), min(ys), max(xs), max(ys)


def _overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


REGION_NORTH = 60.0  # degrees: the north edge of the region's default view


def region_shape(codes: Iterable[str]) -> CountryShape | None:
    """The member countries of ``codes`` as one map: their outlines, each country's outline as
    its "subdivision" (so that the borders between them are drawn), the view around them all."""
    shapes = [s for s in (country_shape(c) for c in sorted(set(codes))) if s is not None]
    if not shapes:
        return None
    if len(shapes) == 1:
        return shapes[0]
    bbox = (
        min(s.bbox[0] for s in shapes),
        min(s.bbox[1] for s in shapes),
        max(s.bbox[2] for s in shapes),
        # The view leaves out the Arctic islands, as a country's leaves out its far-flung parts:
        # people and services are south of it, and it would take a third of the map.
        min(max(s.bbox[3] for s in shapes), REGION_NORTH),
    )
    return CountryShape(
        "ZZ",  # no country: the region
        bbox,
        tuple(p for s in shapes for p in s.outline),
        {s.country: s.outline for s in shapes},
        tuple(p for s in shapes for p in s.lakes),
    )


@cache
def _shape(code: str) -> CountryShape:
    return shape_from_dict(_read(f"{code}.json"))


@lru_cache(maxsize=1)
def _all_subdivisions() -> dict[str, tuple[Subdivision, ...]]:
    return subdivisions_from_dict(_read("subdivisions.json"))


@lru_cache(maxsize=1)
def _by_code() -> dict[str, Subdivision]:
    return {s.code: s for entries in _all_subdivisions().values() for s in entries}


def subdivisions(country: str, language: str | None = None) -> list[Subdivision]:
    """The subdivisions a place can be in, sorted by name in ``language`` (default: the
    interface's).

    Groupings of other subdivisions are left out (the Dominican Republic's ten regions, each a
    group of provinces): a place is in a province, and listing both would offer two answers.
    :func:`subdivision` still knows them.
    """
    entries = _all_subdivisions().get(country.upper(), ())
    groupings = {s.parent for s in entries if s.parent}
    lang = language or current_language()
    return sorted(
        (s for s in entries if s.code not in groupings),
        key=lambda s: (fold(s.name_in(lang)), s.code),
    )


def subdivision(code: str) -> Subdivision | None:
    """Any ISO 3166-2 subdivision of a member country, by its code; None if unknown."""
    return _by_code().get(code.upper())
