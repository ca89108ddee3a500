"""The bundled country shapes and subdivisions, and the point questions asked of them."""

from __future__ import annotations

import copy
import json
from importlib import resources
from typing import Any

import pytest

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.geography import CountryShape, shape_from_dict
from focalpoint.domain.vocab import COUNTRIES
from focalpoint.services.common import geography

SAN_SALVADOR = (-89.19, 13.69)
GUATEMALA_CITY = (-90.51, 14.63)
PACIFIC = (-91.5, 12.0)  # off the coast of Guatemala and El Salvador

# ISO 3166-2 subdivisions with no boundary in the Natural Earth data (see resources/geo/README):
# Panamá Oeste (2014) and Naso Tjër Di (2020) are still inside Panamá and Bocas del Toro there;
# the outlying areas of the United States are countries of their own in Natural Earth.
NO_BOUNDARY = {
    "PA": {"PA-10", "PA-NT"},
    "US": {"US-AS", "US-GU", "US-MP", "US-PR", "US-UM", "US-VI"},
}


def shape(code: str) -> CountryShape:
    found = geography.country_shape(code)
    assert found is not None
    return found


@pytest.mark.parametrize("code", sorted(COUNTRIES))
def test_every_member_country_has_a_shape(code: str) -> None:
    country = shape(code)
    assert country.country == code
    assert country.outline and country.subdivisions
    minx, miny, maxx, maxy = country.bbox
    eminx, eminy, emaxx, emaxy = country.extent
    # The default view lies within the geometry (it may leave far-flung parts out).
    assert eminx - 0.01 <= minx < maxx <= emaxx + 0.01
    assert eminy - 0.01 <= miny < maxy <= emaxy + 0.01
    # The middle of the view is in or near the country, not in an empty ocean.
    assert country.contains((minx + maxx) / 2, (miny + maxy) / 2, tolerance_deg=2.0)


def test_unknown_codes_have_no_shape() -> None:
    assert geography.country_shape("FR") is None
    assert geography.country_shape("sv") is shape("SV")  # read once, any case


def test_san_salvador_is_in_el_salvador_and_its_department() -> None:
    sv = shape("SV")
    assert sv.contains(*SAN_SALVADOR)
    assert sv.subdivision_at(*SAN_SALVADOR) == "SV-SS"


def test_guatemala_city_is_in_guatemala_not_el_salvador() -> None:
    assert not shape("SV").contains(*GUATEMALA_CITY)
    assert shape("GT").contains(*GUATEMALA_CITY)
    assert shape("GT").subdivision_at(*GUATEMALA_CITY) == "GT-01"
    assert shape("SV").subdivision_at(*GUATEMALA_CITY) is None


def test_a_point_in_the_pacific_is_in_no_country() -> None:
    for code in ("SV", "GT", "MX"):
        assert not shape(code).contains(*PACIFIC)
        assert shape(code).subdivision_at(*PACIFIC) is None


def test_a_point_just_off_the_simplified_coast_is_accepted() -> None:
    sv = shape("SV")
    # The southernmost point of the mainland coast, moved a little out to sea.
    lon, lat = min((p for polygon in sv.outline for p in polygon[0]), key=lambda p: p[1])
    offshore = (lon, lat - 0.02)
    assert not sv.contains(*offshore, tolerance_deg=0.0)
    assert sv.contains(*offshore)
    assert sv.subdivision_at(*offshore) is not None
    assert not sv.contains(lon, lat - 0.3)


def test_holes_are_outside() -> None:
    square = [[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]]
    hole = [[4.0, 4.0], [6.0, 4.0], [6.0, 6.0], [4.0, 6.0]]
    ring = shape_from_dict(
        {
            "country": "XX",
            "bbox": [0, 0, 10, 10],
            "outline": [[square, hole]],
            "subdivisions": {"XX-A": [[square, hole]]},
        }
    )
    assert ring.contains(2, 2, tolerance_deg=0)
    assert not ring.contains(5, 5, tolerance_deg=0)
    assert ring.contains(5, 5, tolerance_deg=1.5)  # within the tolerance of the hole's edge
    assert ring.subdivision_at(2, 2) == "XX-A"
    assert ring.subdivision_at(5, 5, tolerance_deg=0) is None


def test_the_aleutians_across_the_antimeridian_are_in_alaska() -> None:
    us = shape("US")
    attu = (173.2, 52.9)  # east of 180°, stored at -186.8°
    assert us.contains(*attu)
    assert us.subdivision_at(*attu) == "US-AK"
    assert us.subdivision_at(-155.5, 19.6) == "US-HI"
    minx, _miny, maxx, _maxy = us.bbox
    assert minx > -125 and maxx < -66  # the default view is the contiguous states


def test_a_lake_is_part_of_the_country_around_it() -> None:
    ni = shape("NI")
    assert ni.lakes  # drawn, but not cut out of the territory
    ometepe = (-85.6, 11.5)  # an island in Lake Nicaragua
    assert ni.subdivision_at(*ometepe) == "NI-RI"
    lake_michigan = (-87.0, 43.5)
    assert shape("US").contains(*lake_michigan)


def test_many_points_are_answered_quickly_enough_to_check_a_directory() -> None:
    mx = shape("MX")
    minx, miny, maxx, maxy = mx.bbox
    steps = 100
    grid = [
        (minx + (maxx - minx) * i / steps, miny + (maxy - miny) * j / steps)
        for i in range(steps)
        for j in range(steps)
    ]
    inside = [p for p in grid if mx.contains(*p)]
    assert 2000 < len(inside) < 6000  # Mexico fills about a third of its box
    assert all(mx.subdivision_at(*p) is not None for p in inside)


# --- malformed data ------------------------------------------------------------------------


def good() -> dict[str, Any]:
    square = [[-89.0, 13.0], [-88.0, 13.0], [-88.0, 14.0], [-89.0, 14.0], [-89.0, 13.0]]
    return {
        "country": "SV",
        "bbox": [-89.0, 13.0, -88.0, 14.0],
        "outline": [[square]],
        "subdivisions": {"SV-SS": [[square]]},
    }


def broken(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(good())
    change(data)
    return data


@pytest.mark.parametrize(
    "data",
    [
        [],
        {},
        broken(lambda d: d.update(country="El Salvador")),
        broken(lambda d: d.update(bbox=[1, 2, 3])),
        broken(lambda d: d.update(bbox=[0, 0, 0, 0])),
        broken(lambda d: d.update(bbox=[0, 0, 1, float("nan")])),
        broken(lambda d: d.update(outline=[])),
        broken(lambda d: d.update(outline=[[]])),
        broken(lambda d: d.update(outline=[[[[0, 0], [1, 1]]]])),
        broken(lambda d: d.update(outline=[[[[0, 0], [1, 1], [1, "x"]]]])),
        broken(lambda d: d.update(outline=[[[[0, 0], [1, 1], [1, 95]]]])),
        broken(lambda d: d.update(outline=[[[[0, 0], [1, 1], [True, 0]]]])),
        broken(lambda d: d.update(subdivisions=[])),
        broken(lambda d: d.update(subdivisions={"GT-01": d["outline"]})),
        broken(lambda d: d.update(lakes={})),
    ],
)
def test_malformed_shape_data_is_refused(data: Any) -> None:
    with pytest.raises(InvalidInput, match="map data cannot be read"):
        shape_from_dict(data)


def test_well_formed_shape_data_is_read() -> None:
    country = shape_from_dict(good())
    assert country.outline[0][0][0] == (-89.0, 13.0)
    assert len(country.outline[0][0]) == 4  # the repeated closing point is dropped
    assert country.contains(-88.5, 13.5)


# --- subdivisions ---------------------------------------------------------------------------


def test_el_salvador_has_fourteen_departments_named_in_spanish() -> None:
    departments = geography.subdivisions("SV", "es")
    assert len(departments) == 14
    assert {d.kind for d in departments} == {"department"}
    names = [d.name_in("es") for d in departments]
    assert names[0] == "Ahuachapán" and "San Salvador" in names and "Usulután" in names
    assert names == sorted(names, key=lambda n: n.replace("á", "a").replace("ñ", "n"))


def test_names_are_given_in_three_languages() -> None:
    quebec = geography.subdivision("CA-QC")
    assert quebec is not None and quebec.kind == "province"
    assert quebec.name_in("fr") == "Québec"
    assert geography.subdivision("ca-qc") == quebec
    british_columbia = geography.subdivision("CA-BC")
    assert british_columbia is not None
    assert british_columbia.name_in("es") == "Columbia Británica"
    assert british_columbia.name_in("fr") == "Colombie-Britannique"
    assert geography.subdivision("XX-YY") is None


def test_groupings_are_not_offered_as_places() -> None:
    provinces = geography.subdivisions("DO")
    assert len(provinces) == 32  # 31 provinces and the Distrito Nacional
    region = geography.subdivision("DO-40")
    assert region is not None and region.kind == "region"
    assert region.code not in {p.code for p in provinces}
    assert {p.parent for p in provinces if p.code != "DO-01"} <= {f"DO-{n}" for n in range(33, 43)}


@pytest.mark.parametrize("code", sorted(COUNTRIES))
def test_every_code_on_the_map_is_a_known_subdivision(code: str) -> None:
    on_the_map = set(shape(code).subdivisions)
    known = {s.code for s in geography.subdivisions(code)}
    assert on_the_map <= known
    assert known - on_the_map == NO_BOUNDARY.get(code, set())


def test_the_bundled_files_are_small() -> None:
    folder = resources.files("focalpoint").joinpath("resources", "geo")
    sizes = {
        entry.name: len(entry.read_bytes())
        for entry in folder.iterdir()
        if entry.name.endswith(".json")
    }
    assert len(sizes) == 13  # the eleven members, subdivisions.json and others.json
    assert sum(sizes.values()) < 3_000_000
    assert sizes["others.json"] < 150_000  # outlines only, read for every map
    for code in ("BZ", "CR", "DO", "SV", "GT", "HN", "NI", "PA"):
        assert sizes[f"{code}.json"] < 300_000
    names = json.loads(folder.joinpath("subdivisions.json").read_text(encoding="utf-8"))
    assert sorted(names["countries"]) == sorted(COUNTRIES)


@pytest.mark.parametrize("code", sorted(COUNTRIES))
def test_names_are_written_inside_the_country_and_its_subdivisions(code: str) -> None:
    country = shape(code)
    assert country.contains(*country.label_point, tolerance_deg=0.0)
    for subdivision, (lon, lat) in country.subdivision_label_points.items():
        assert country.subdivision_at(lon, lat, tolerance_deg=0.0) == subdivision


def test_a_map_is_surrounded_by_the_member_countries_around_it() -> None:
    around_guatemala = {s.country for s in geography.surroundings("GT")}
    assert {"MX", "BZ", "SV", "HN"} <= around_guatemala
    assert "CA" not in around_guatemala and "GT" not in around_guatemala
    assert {s.country for s in geography.surroundings("CR")} >= {"NI", "PA"}
    assert geography.surroundings("XX") == []


HAITI = (-72.3, 18.9)
COLOMBIA = (-75.5, 8.0)


def test_the_non_members_around_a_map_are_land_too() -> None:
    around = {s.country: s for s in geography.surroundings("DO")}
    assert {"HT", "CU", "BS", "PR", "TC"} <= set(around)
    haiti = around["HT"]
    assert not haiti.subdivisions  # an outline only
    assert haiti.contains(*HAITI, tolerance_deg=0.0)
    assert not shape("DO").contains(*HAITI, tolerance_deg=0.0)
    around_panama = {s.country: s for s in geography.surroundings("PA")}
    assert {"CR", "CO", "VE"} <= set(around_panama)
    assert around_panama["CO"].contains(*COLOMBIA, tolerance_deg=0.0)
    # Only those a map can show: El Salvador's is on the Pacific, far from the Caribbean.
    assert not {s.country for s in geography.surroundings("SV")} & {"HT", "CO", "CU", "JM"}


def test_the_non_members_are_named_in_each_language() -> None:
    assert geography.other_country_name("HT", "es") == "Haití"
    assert geography.other_country_name("HT", "fr") == "Haïti"
    assert geography.other_country_name("CO", "en") == "Colombia"
    assert geography.other_country_name("CO", "fr") == "Colombie"
    assert geography.other_country_name("GT") is None  # members are named by the vocabulary


def test_a_non_member_fits_against_a_member_with_no_overlap_and_no_gap() -> None:
    # The outlines were fitted to the bundled member shapes: across the land border between
    # Haiti and the Dominican Republic every point is in exactly one of them (the step is odd
    # so that no point falls exactly on a vertex).
    haiti = next(s for s in geography.surroundings("DO") if s.country == "HT")
    dominican = shape("DO")
    for lat in (18.31, 18.62, 19.01, 19.43):
        for i in range(400):
            lon = -72.0 + i * 0.00137
            inside = (haiti.contains(lon, lat, 0.0), dominican.contains(lon, lat, 0.0))
            assert inside.count(True) == 1, (lon, lat, inside)


def test_damaged_others_data_is_refused() -> None:
    from focalpoint.domain.geography import others_from_dict

    good = {
        "countries": {
            "HT": {
                "names": {"en": "Haiti"},
                "bbox": [0, 0, 1, 1],
                "outline": [[[[0, 0], [1, 0], [1, 1]]]],
            }
        }
    }
    assert others_from_dict(good)["HT"][1].country == "HT"
    for bad in (
        {},
        {"countries": {"HT": {"bbox": [0, 0, 1, 1]}}},
        {
            "countries": {
                "HT": {
                    "names": {"en": 1},
                    "bbox": [0, 0, 1, 1],
                    "outline": [[[[0, 0], [1, 0], [1, 1]]]],
                }
            }
        },
    ):
        with pytest.raises(InvalidInput):
            others_from_dict(bad)
