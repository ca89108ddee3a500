"""The regional services list and compilation of practices, from real accepted packages, on
SQLite and PostgreSQL: what a filter leaves, in which order, and that they follow acceptances."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from focalpoint.domain.directory import Organisation, Service
from focalpoint.domain.listing import Sorting
from focalpoint.domain.practices import Practice
from focalpoint.domain.regional_lists import (
    RegionalPracticeFilter,
    RegionalServiceColumn,
    RegionalServiceFilter,
)
from focalpoint.services.country.workspace import Workspace
from focalpoint.services.secretariat import search_index
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from tests.secretariat.test_intake import (
    TS_PASSPHRASE,
    country_workspace,
    export,
    register,
)

PLACES = {"SV": (13.69, -89.19), "GT": (14.63, -90.51), "HN": (14.07, -87.19)}


def with_directory(ws: Workspace, code: str) -> dict[str, str]:
    """Two services (one unplaced) and two practices, one about alternatives to detention."""
    d = ws.directory
    org = d.save_organisation(Organisation(f"Casa del Migrante {code}"))
    lat, lon = PLACES[code]
    shelter = d.save_service(
        Service(
            org.id,
            f"Albergue San José {code}",
            "shelter",
            ("unaccompanied",),
            municipality="Centro",
            latitude=lat,
            longitude=lon,
        )
    )
    legal = d.save_service(Service(org.id, f"Asesoría legal {code}", "legal_aid"))
    ws.practices.save(Practice(f"Familias de acogida {code}", categories=("alternative_care",)))
    ws.practices.save(Practice(f"Registro de llegadas {code}", partners=("ACNUR",)))
    return {"shelter": shelter.id, "legal": legal.id}


@pytest.fixture
def region(
    ts: SecretariatWorkspace, tmp_path: Path
) -> Iterator[tuple[SecretariatWorkspace, dict[str, Workspace], dict[str, dict[str, str]]]]:
    ts.keys.create(TS_PASSPHRASE)
    countries = {code: country_workspace(tmp_path / code, code) for code in ("SV", "GT")}
    ids = {code: with_directory(ws, code) for code, ws in countries.items()}
    for ws in countries.values():
        register(ts, ws, tmp_path)
    for result in ts.intake.receive([export(ws) for ws in countries.values()]):
        ts.consolidation.accept(result.id)
    yield ts, countries, ids
    for ws in countries.values():
        ws.close()


def names(
    ts: SecretariatWorkspace, wanted: RegionalServiceFilter, column: str = "name"
) -> list[str]:
    services = ts.regional_services
    return [s.name for s in services.page(wanted, Sorting(column), 0, 50)]


def test_every_country_s_services_filtered_by_words_country_type_and_population(
    region: tuple[SecretariatWorkspace, dict[str, Workspace], dict[str, dict[str, str]]],
) -> None:
    ts, _countries, ids = region
    services = ts.regional_services
    everything = RegionalServiceFilter()
    assert services.count(everything) == 4
    assert names(ts, everything) == [
        "Albergue San José GT",
        "Albergue San José SV",
        "Asesoría legal GT",
        "Asesoría legal SV",
    ]
    # Words match folded (no accents, no case), in the name, organisation or municipality.
    assert names(ts, RegionalServiceFilter("jose")) == [
        "Albergue San José GT",
        "Albergue San José SV",
    ]
    assert names(ts, RegionalServiceFilter("MIGRANTE sv")) == [
        "Albergue San José SV",
        "Asesoría legal SV",
    ]
    assert names(ts, RegionalServiceFilter("centro", country="GT")) == ["Albergue San José GT"]
    assert names(ts, RegionalServiceFilter(service_type="legal_aid")) == [
        "Asesoría legal GT",
        "Asesoría legal SV",
    ]
    assert services.count(RegionalServiceFilter(population="unaccompanied")) == 2
    assert services.count(RegionalServiceFilter("100%_")) == 0  # LIKE's signs are only text

    by_country = services.page(everything, Sorting(RegionalServiceColumn.COUNTRY), 0, 10)
    assert [s.country for s in by_country] == ["SV", "SV", "GT", "GT"]  # El Salvador, Guatemala
    descending = services.page(everything, Sorting("name", descending=True), 0, 10)
    assert descending[0].name == "Asesoría legal SV"
    row = f"SV:{ids['SV']['legal']}"
    assert services.position(everything, Sorting("name"), row) == 3
    assert services.position(RegionalServiceFilter("albergue"), Sorting("name"), row) is None

    marks, complete = services.map_marks(everything, (-180, -90, 180, 90), (1, 1), 100)
    assert complete and {m.id for m in marks} == {
        f"SV:{ids['SV']['shelter']}",
        f"GT:{ids['GT']['shelter']}",
    }
    crowded, complete = services.map_marks(everything, (-180, -90, 180, 90), (180, 180), 1)
    assert not complete and len(crowded) == 1 and crowded[0].stands_for == 2
    assert services.unplaced_count(everything) == 2


def test_the_compilation_of_practices_by_category_and_country(
    region: tuple[SecretariatWorkspace, dict[str, Workspace], dict[str, dict[str, str]]],
) -> None:
    ts, _countries, _ids = region
    practices = ts.regional_practices
    alternatives = RegionalPracticeFilter(category="alternative_care")
    assert [p.title for p in practices.page(alternatives, Sorting("title"), 0, 10)] == [
        "Familias de acogida GT",
        "Familias de acogida SV",
    ]
    assert practices.count(RegionalPracticeFilter("acnur", country="SV")) == 1
    assert practices.count(RegionalPracticeFilter()) == 4


def test_the_lists_follow_each_acceptance_and_leave_deleted_records_out(
    region: tuple[SecretariatWorkspace, dict[str, Workspace], dict[str, dict[str, str]]],
) -> None:
    ts, countries, ids = region
    services = ts.regional_services
    services.prepare()
    assert services.count(RegionalServiceFilter(country="SV")) == 2
    countries["SV"].directory.delete_service(ids["SV"]["legal"])
    [result] = ts.intake.receive([export(countries["SV"])])
    assert services.count(RegionalServiceFilter(country="SV")) == 2  # pending: not merged
    ts.consolidation.accept(result.id)
    assert names(ts, RegionalServiceFilter(country="SV")) == ["Albergue San José SV"]


def test_another_analyst_s_acceptance_shows_once_the_state_checked_is_a_second_old(
    region: tuple[SecretariatWorkspace, dict[str, Workspace], dict[str, dict[str, str]]],
    ts_folder: Path,
    database_url: str | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ts, countries, ids = region
    monkeypatch.setattr(search_index, "FRESH_FOR", 3600.0)
    services = ts.regional_services
    wanted = RegionalServiceFilter(country="SV")
    assert services.count(wanted) == 2
    countries["SV"].directory.delete_service(ids["SV"]["legal"])
    other = SecretariatWorkspace.open(ts_folder, database_url)  # a second analyst's window
    try:
        [result] = other.intake.receive([export(countries["SV"])])
        other.consolidation.accept(result.id)
    finally:
        other.close()
    assert services.count(wanted) == 2  # checked less than FRESH_FOR ago: no query yet
    monkeypatch.setattr(search_index, "FRESH_FOR", 0.0)  # the second has passed
    assert services.count(wanted) == 1
    assert names(ts, wanted) == ["Albergue San José SV"]
