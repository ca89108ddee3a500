"""The regional directory of services and the regional compilation of practices, from real
packages of real country workspaces accepted by the Secretariat, on SQLite and PostgreSQL: the
files read back (the CSV parsed with its HXL row, the GeoJSON loaded, the workbook opened), the
filters, unknown codes refused, and ``ts directory`` / ``ts practices`` as real processes."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook

from focalpoint.domain.directory import Organisation, Service
from focalpoint.domain.errors import Cancelled, InvalidInput
from focalpoint.domain.practices import Practice, PracticeState
from focalpoint.i18n import current_language, set_language
from focalpoint.render.directory_exchange import COLUMNS
from focalpoint.services.country.workspace import Workspace
from focalpoint.services.secretariat.intake import TAKEN_IN
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from tests.secretariat.test_cli_process import Cli
from tests.secretariat.test_intake import country_workspace, export

HXL_ROW = ["#country+name", *(c.hashtag for c in COLUMNS)]


@dataclass(frozen=True)
class Sent:
    """A country's key and the package it sent."""

    pem: Path
    fingerprint: str
    package: Path


def _fill_sv(ws: Workspace) -> None:
    casa = ws.directory.save_organisation(
        Organisation("Casa del Migrante", acronym="CDM", provider_type="faith_based")
    )
    gone = ws.directory.save_organisation(Organisation("Cerrada"))
    ws.directory.save_service(
        Service(
            casa.id,
            "Albergue temporal",
            "shelter",
            populations=("unaccompanied", "separated"),
            age_min=12,
            age_max=17,
            cost="free",
            subdivision="SV-SS",
            latitude=13.7,
            longitude=-89.2,
        )
    )
    ws.directory.save_service(Service(casa.id, "=Orientación jurídica", "legal_aid"))  # unplaced
    removed = ws.directory.save_service(Service(casa.id, "Ya no existe", "shelter"))
    ws.directory.delete_service(removed.id)
    ws.directory.save_service(Service(gone.id, "De una organización borrada", "shelter"))
    ws.directory.delete_organisation(gone.id, force=True)
    ws.practices.save(
        Practice(
            "Familias de acogida",
            summary="Acogimiento familiar en lugar de detención.",
            categories=("alternative_care",),
            populations=("unaccompanied",),
            national=False,
            subdivisions=("SV-SS",),
            partners=("UNICEF", "CICR"),
            period_start="2021-03",
            period_end="2023",
            results="120 niñas y niños acogidos.",
            lessons="Coordinar con las alcaldías.",
            contact="acogida@example.org",
            action_codes=("1.1.1",),
            state=PracticeState.READY,
        )
    )
    ws.practices.save(Practice("Campaña de información", categories=("prevention",)))


def _fill_gt(ws: Workspace) -> None:
    pgn = ws.directory.save_organisation(Organisation("Procuraduría General"))
    ws.directory.save_service(
        Service(pgn.id, "Representación legal", "legal_aid", latitude=14.6, longitude=-90.5)
    )
    ws.practices.save(
        Practice(
            "Cuidado comunitario",
            categories=("alternative_care", "family_tracing"),
            populations=("separated",),
        )
    )


@pytest.fixture(scope="module")
def sent(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Sent]:
    """SV and GT, each with services and practices, and the package each sent (made once:
    they do not depend on the Secretariat's database)."""
    folder = tmp_path_factory.mktemp("countries")
    made = {}
    for code, fill in (("SV", _fill_sv), ("GT", _fill_gt)):
        ws = country_workspace(folder / code, code)
        try:
            fill(ws)
            info = ws.keys.current()
            assert info is not None
            pem = ws.keys.export_public(folder / f"{code}.pem")
            made[code] = Sent(pem, info.fingerprint, export(ws))
        finally:
            ws.close()
    return made


def accept_all(ts: SecretariatWorkspace, sent: dict[str, Sent]) -> None:
    for code, country in sent.items():
        ts.registry.register_file(country.pem, code, country.fingerprint)
    results = ts.intake.receive([c.package for c in sent.values()])
    assert [r.outcome for r in results] == [TAKEN_IN] * len(sent), [r.reason for r in results]
    for result in results:
        ts.consolidation.accept(result.id)


@pytest.fixture
def accepted(ts: SecretariatWorkspace, sent: dict[str, Sent]) -> SecretariatWorkspace:
    accept_all(ts, sent)
    return ts


@pytest.fixture
def spanish() -> Iterator[None]:
    before = current_language()
    set_language("es")
    yield
    set_language(before)


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark, for Excel
    return list(csv.reader(raw.decode("utf-8-sig").splitlines()))


def test_the_regional_directory_as_csv_with_hxl_and_as_geojson(
    accepted: SecretariatWorkspace, tmp_path: Path
) -> None:
    done = accepted.directory_export.export(tmp_path / "d.csv", tmp_path / "d.geojson")
    assert done.paths == [tmp_path / "d.csv", tmp_path / "d.geojson"]
    assert (done.rows, done.unplaced) == (3, 1)

    header, hashtags, *rows = read_csv(tmp_path / "d.csv")
    assert hashtags == HXL_ROW
    assert header[:3] == ["Country name", "Organisation", "Acronym"]
    by_name = {r[header.index("Service")]: dict(zip(hashtags, r, strict=True)) for r in rows}
    # Countries by code, then organisation and service: deleted services and organisations
    # left out. A text a spreadsheet would run as a formula is written behind an apostrophe.
    assert [r[header.index("Service")] for r in rows] == [
        "Representación legal",
        "'=Orientación jurídica",
        "Albergue temporal",
    ]
    shelter = by_name["Albergue temporal"]
    assert shelter["#country+name"] == "El Salvador" and shelter["#country+code"] == "SV"
    assert shelter["#org+name"] == "Casa del Migrante" and shelter["#org+acronym"] == "CDM"
    assert shelter["#beneficiary+type+code"] == "unaccompanied;separated"
    assert (shelter["#beneficiary+age+min"], shelter["#access+cost+code"]) == ("12", "free")
    assert (shelter["#adm1+code"], shelter["#adm1+name"]) == ("SV-SS", "San Salvador")
    assert (shelter["#geo+lat"], shelter["#geo+lon"]) == ("13.7", "-89.2")
    assert by_name["Representación legal"]["#country+name"] == "Guatemala"

    with (tmp_path / "d.geojson").open(encoding="utf-8") as handle:
        collection = json.load(handle)
    assert collection["type"] == "FeatureCollection"
    features = {f["properties"]["service"]: f for f in collection["features"]}
    assert set(features) == {"Albergue temporal", "Representación legal"}  # placed ones only
    albergue = features["Albergue temporal"]
    assert albergue["geometry"] == {"type": "Point", "coordinates": [-89.2, 13.7]}
    assert albergue["properties"]["country"] == "SV"
    assert albergue["properties"]["country_name"] == "El Salvador"
    assert albergue["properties"]["service_type_label"] == "Shelter (temporary or residential)"


def test_the_directory_of_some_countries_and_unknown_codes(
    accepted: SecretariatWorkspace, tmp_path: Path
) -> None:
    done = accepted.directory_export.export(csv=tmp_path / "gt.csv", countries=["gt"])
    assert done.rows == 1
    _header, _tags, *rows = read_csv(tmp_path / "gt.csv")
    assert [r[0] for r in rows] == ["Guatemala"]
    with pytest.raises(InvalidInput, match="XX"):
        accepted.directory_export.export(csv=tmp_path / "no.csv", countries=["SV", "XX"])
    assert not (tmp_path / "no.csv").exists()


def test_progress_is_reported_and_a_stopped_export_leaves_no_file(
    accepted: SecretariatWorkspace, tmp_path: Path
) -> None:
    seen: list[float] = []
    accepted.practices_export.export(xlsx=tmp_path / "p.xlsx", progress=seen.append)
    assert seen[0] == 0 and seen[-1] == 1.0
    with pytest.raises(Cancelled):
        accepted.directory_export.export(tmp_path / "d.csv", cancelled=lambda: True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.xlsx", "secretariat"]


def test_a_regional_csv_of_one_country_imports_into_that_countrys_workspace(
    accepted: SecretariatWorkspace, tmp_path: Path
) -> None:
    accepted.directory_export.export(csv=tmp_path / "sv.csv", countries=["SV"])
    ws = Workspace.open(tmp_path / "fresh")
    try:
        from focalpoint.domain.records import Profile

        ws.profile.save(Profile(language="es", country="SV", name="Officer", institution="MRE"))
        report = ws.exchange.import_csv(tmp_path / "sv.csv")
        assert report.services_created == 2
        names = {s.name for s in ws.directory.services()}
        assert names == {"Albergue temporal", "=Orientación jurídica"}
    finally:
        ws.close()


def test_the_compilation_of_practices_in_words_filtered_as_csv_and_workbook(
    accepted: SecretariatWorkspace, tmp_path: Path, spanish: None
) -> None:
    every = accepted.practices_export.export(csv=tmp_path / "all.csv")
    assert every.rows == 3
    header, *rows = read_csv(tmp_path / "all.csv")
    assert header[:3] == ["País", "Título", "Categorías"]
    assert [r[:2] for r in rows] == [
        ["Guatemala", "Cuidado comunitario"],
        ["El Salvador", "Campaña de información"],
        ["El Salvador", "Familias de acogida"],
    ]

    detention = accepted.practices_export.export(
        tmp_path / "atd.csv", tmp_path / "atd.xlsx", categories=["alternative_care"]
    )
    assert detention.rows == 2 and len(detention.paths) == 2
    _header, *rows = read_csv(tmp_path / "atd.csv")
    assert [r[1] for r in rows] == ["Cuidado comunitario", "Familias de acogida"]

    book = load_workbook(tmp_path / "atd.xlsx")
    sheet = book.worksheets[0]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == header
    row = dict(zip(header, values[2], strict=True))
    assert row["País"] == "El Salvador" and row["Título"] == "Familias de acogida"
    assert row["Categorías"] == "Recepción y cuidado alternativo (alternativas a la detención)"
    assert row["Poblaciones"] == "Niñas, niños y adolescentes no acompañados"
    assert row["Ámbito"] == "San Salvador"
    assert row["Acciones del plan"] == "1.1.1"
    assert row["Período"] == "marzo de 2021 – 2023"
    assert row["Estado"] == "Lista para envío"
    assert row["Organizaciones asociadas"] == "UNICEF; CICR"
    assert row["Lecciones aprendidas"] == "Coordinar con las alcaldías."
    assert sheet.freeze_panes == "C2"
    assert sheet.auto_filter.ref == "A1:M3"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet["I3"].alignment.wrap_text
    assert sheet.row_dimensions[3].height == 45  # the category's label wraps on three lines

    guatemala = accepted.practices_export.export(
        xlsx=tmp_path / "gt.xlsx", countries=["GT"], populations=["separated"]
    )
    assert guatemala.rows == 1
    none = accepted.practices_export.export(
        csv=tmp_path / "none.csv", countries=["SV"], categories=["family_tracing"]
    )
    assert none.rows == 0 and len(read_csv(tmp_path / "none.csv")) == 1  # the header alone


def test_unknown_codes_are_refused_by_name(accepted: SecretariatWorkspace, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="detention"):
        accepted.practices_export.export(csv=tmp_path / "x.csv", categories=["detention"])
    with pytest.raises(InvalidInput, match="nobody"):
        accepted.practices_export.export(csv=tmp_path / "x.csv", populations=["nobody"])
    assert not (tmp_path / "x.csv").exists()


def test_ts_directory_and_practices_from_the_command_line(
    tmp_path: Path, database_url: str | None, sent: dict[str, Sent]
) -> None:
    ts = SecretariatWorkspace.open(tmp_path / "secretariat", database_url)
    ts.profile.save("Secretaría Técnica de la CRM", "es")
    accept_all(ts, sent)
    ts.close()
    cli = Cli(tmp_path / "secretariat", database_url)

    out, geo = tmp_path / "d.csv", tmp_path / "d.geojson"
    done = cli("directory", "--csv", str(out), "--geojson", str(geo), "--country", "SV")
    assert done.returncode == 0, done.stderr
    assert "2 services written" in done.stdout and "1 service has no coordinates" in done.stdout
    assert read_csv(out)[1] == HXL_ROW
    assert len(json.loads(geo.read_text("utf-8"))["features"]) == 1

    assert cli("directory").returncode == 2
    unknown = cli("directory", "--csv", str(out), "--country", "ZZ", lang="es")
    assert unknown.returncode == 2 and "ZZ" in unknown.stderr

    xlsx = tmp_path / "atd.xlsx"
    done = cli("practices", "--xlsx", str(xlsx), "--category", "alternative_care", lang="fr")
    assert done.returncode == 0, done.stderr
    assert "Écrit" in done.stdout
    titles = [r[1].value for r in load_workbook(xlsx).worksheets[0].iter_rows(min_row=2)]
    assert titles == ["Cuidado comunitario", "Familias de acogida"]

    assert cli("practices").returncode == 2
    refused = cli("practices", "--csv", str(tmp_path / "p.csv"), "--category", "nope")
    assert refused.returncode == 2 and "nope" in refused.stderr
    assert not (tmp_path / "p.csv").exists()
