"""The directory in and out: CSV with HXL hashtags, and GeoJSON, as a user meets them."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path

import pytest

from focalpoint.domain.directory import Organisation, Service
from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.records import Profile
from focalpoint.i18n import set_language
from focalpoint.services.country import exchange as interchange
from focalpoint.services.country.exchange import reading
from focalpoint.services.country.workspace import Workspace

HXL_ROW = [
    "#org+name",
    "#org+acronym",
    "#org+type+code",
    "#org+url",
    "#contact+name",
    "#contact+email",
    "#contact+phone",
    "#description+org",
    "#service+id",
    "#service+name",
    "#service+type+code",
    "#beneficiary+type+code",
    "#beneficiary+age+min",
    "#beneficiary+age+max",
    "#access+languages",
    "#access+cost+code",
    "#access+hours",
    "#access+referral",
    "#contact+referral",
    "#loc+address",
    "#adm1+code",
    "#adm1+name",
    "#adm2+name",
    "#geo+lat",
    "#geo+lon",
    "#country+code",
    "#date+updated",
]
# What a round trip keeps: every field of the records, less what the receiving workspace gives
# them itself. A field added to Service or Organisation is compared without touching this test.
# Not compared: updated_at (stamped when the import writes the record), an organisation's id
# (organisations travel by name, not by id: the fresh workspace gives them ids of its own) and so
# a service's organisation_id (compared through the organisation it names instead).
SERVICE_FIELDS = tuple(
    f.name for f in fields(Service) if f.name not in {"updated_at", "organisation_id"}
)
ORGANISATION_FIELDS = tuple(
    f.name for f in fields(Organisation) if f.name not in {"updated_at", "id"}
)


def set_up_sv(ws: Workspace) -> Workspace:
    ws.profile.save(Profile(language="en", country="SV", name="Ana Pérez"))
    return ws


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Workspace]:
    """A second workspace for El Salvador, as on a colleague's laptop."""
    ws = Workspace.open(tmp_path / "other")
    yield set_up_sv(ws)
    ws.close()


@pytest.fixture
def filled(ws: Workspace) -> Workspace:
    """Two organisations, three live services (one without a place) and one deleted service."""
    d = ws.directory
    conna = d.save_organisation(
        Organisation(
            "Consejo Nacional de la Niñez y de la Adolescencia",
            acronym="CONNA",
            provider_type="government",
            website="https://www.conna.gob.sv",
            contact_name="Marta Ríos",
            email="info@conna.gob.sv",
            phone="+503 2231 0000",
            notes="Ventanilla de atención, segundo piso",
        )
    )
    casa = d.save_organisation(Organisation("Casa del Migrante", provider_type="faith_based"))
    d.save_service(
        Service(
            conna.id,
            "Atención psicosocial a niñez retornada",
            "psychosocial",
            populations=("returned", "unaccompanied"),
            age_min=0,
            age_max=17,
            languages="español, inglés",
            cost="free",
            hours="Lunes a viernes, 8:00-16:00",
            referral="Por oficio; o llamando al 123",
            referral_contact="Luis Cañas, lcanas@conna.gob.sv",
            address='Colonia Escalón, "Edificio A"\nSegundo piso',
            subdivision="SV-SS",
            municipality="San Salvador",
            latitude=13.69,
            longitude=-89.19,
        )
    )
    d.save_service(
        Service(
            conna.id,
            "Línea de ayuda 123",
            "helpline",
            populations=("accompanied",),
            subdivision="SV-SS",
        )
    )
    d.save_service(
        Service(
            casa.id,
            "Albergue temporal",
            "shelter",
            populations=("unaccompanied", "separated"),
            age_min=12,
            age_max=17,
            cost="free",
            latitude=13.7,
            longitude=-89.2,
        )
    )
    gone = d.save_service(
        Service(casa.id, "Servicio cerrado", "health", latitude=13.71, longitude=-89.21)
    )
    d.delete_service(gone.id)
    return ws


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def values(record: Service | Organisation, names: tuple[str, ...]) -> dict[str, object]:
    return {name: getattr(record, name) for name in names}


def by_name(ws: Workspace) -> dict[str, Service]:
    return {s.name: s for s in ws.directory.services()}


# --- export --------------------------------------------------------------------------------------


def test_csv_export_opens_in_a_spreadsheet_with_headers_and_hxl_hashtags(
    filled: Workspace, tmp_path: Path
) -> None:
    target = tmp_path / "directorio.csv"
    assert filled.exchange.export_csv(target) == 3
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel shows the accents right
    assert raw.endswith(b"\r\n") and raw.count(b"\r\n") == 5  # 2 header rows, 3 services
    rows = read_csv(target)
    headers, hashtags, data = rows[0], rows[1], rows[2:]
    assert headers[:3] == ["Organisation", "Acronym", "Organisation type"]
    assert "Service" in headers and "Latitude" in headers and "Longitude" in headers
    assert hashtags == HXL_ROW
    assert len(data) == 3
    assert not list(tmp_path.glob("*.part")) and not list(tmp_path.glob(".*.part"))

    rows_by_service = {
        r[hashtags.index("#service+name")]: dict(zip(hashtags, r, strict=True)) for r in data
    }
    assert "Servicio cerrado" not in rows_by_service  # deleted: not exported
    psycho = rows_by_service["Atención psicosocial a niñez retornada"]
    assert psycho["#org+name"] == "Consejo Nacional de la Niñez y de la Adolescencia"
    assert psycho["#org+acronym"] == "CONNA"
    assert psycho["#org+type+code"] == "government"
    assert psycho["#service+type+code"] == "psychosocial"
    assert psycho["#beneficiary+type+code"] == "unaccompanied;returned"  # vocabulary order
    assert (psycho["#beneficiary+age+min"], psycho["#beneficiary+age+max"]) == ("0", "17")
    assert (psycho["#geo+lat"], psycho["#geo+lon"]) == ("13.69", "-89.19")
    assert (psycho["#adm1+code"], psycho["#adm1+name"]) == ("SV-SS", "San Salvador")
    assert psycho["#country+code"] == "SV"
    assert psycho["#loc+address"] == 'Colonia Escalón, "Edificio A"\nSegundo piso'
    # A phone number would start a formula in a spreadsheet: written as text.
    assert psycho["#contact+phone"] == "'+503 2231 0000"
    # The organisation's columns are on each of its services' rows.
    helpline = rows_by_service["Línea de ayuda 123"]
    assert helpline["#org+name"] == psycho["#org+name"]
    assert helpline["#contact+email"] == "info@conna.gob.sv"
    assert helpline["#geo+lat"] == helpline["#geo+lon"] == ""


def test_csv_headers_are_in_the_users_language(filled: Workspace, tmp_path: Path) -> None:
    set_language("es")
    from focalpoint.i18n import _

    filled.exchange.export_csv(tmp_path / "d.csv")
    headers = read_csv(tmp_path / "d.csv")[0]
    assert headers[0] == _("Organisation")
    assert read_csv(tmp_path / "d.csv")[1] == HXL_ROW  # hashtags never translated


def test_geojson_export_is_points_lon_lat_with_labels(filled: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "servicios.geojson"
    result = filled.exchange.export_geojson(target)
    assert (result.written, result.left_out) == (2, 1)  # the helpline has no place
    data = json.loads(target.read_text(encoding="utf-8"))
    assert not target.read_bytes().startswith(b"\xef\xbb\xbf")  # RFC 7946: no BOM
    assert data["type"] == "FeatureCollection"
    features = {f["properties"]["service"]: f for f in data["features"]}
    assert set(features) == {"Atención psicosocial a niñez retornada", "Albergue temporal"}
    psycho = features["Atención psicosocial a niñez retornada"]
    assert psycho["geometry"] == {"type": "Point", "coordinates": [-89.19, 13.69]}
    props = psycho["properties"]
    assert props["service_type"] == "psychosocial"
    assert props["service_type_label"] == "Psychosocial support"
    assert props["organisation"] == "Consejo Nacional de la Niñez y de la Adolescencia"
    assert props["organisation_type_label"] == "Government"
    assert props["populations"] == "unaccompanied;returned"
    assert props["populations_labels"] == "Unaccompanied children; Returned or deported children"
    assert props["cost_label"] == "Free of charge"
    assert props["subdivision_name"] == "San Salvador"
    assert (props["age_from"], props["age_to"]) == (0, 17)
    assert props["phone"] == "+503 2231 0000"  # no spreadsheet guard in a map file
    assert features["Albergue temporal"]["properties"]["subdivision"] == "SV-SS"  # from the point


def test_geojson_labels_follow_the_language(filled: Workspace, tmp_path: Path) -> None:
    set_language("es")
    filled.exchange.export_geojson(tmp_path / "m.geojson")
    data = json.loads((tmp_path / "m.geojson").read_text(encoding="utf-8"))
    labels = {f["properties"]["service_type_label"] for f in data["features"]}
    assert labels == {"Apoyo psicosocial", "Albergue (temporal o residencial)"}


def test_the_services_of_a_deleted_organisation_are_not_exported(
    filled: Workspace, tmp_path: Path
) -> None:
    casa = next(o for o in filled.directory.organisations() if o.name == "Casa del Migrante")
    filled.directory.delete_organisation(casa.id, force=True)
    assert filled.exchange.export_csv(tmp_path / "d.csv") == 2
    names = {r[9] for r in read_csv(tmp_path / "d.csv")[2:]}
    assert names == {"Atención psicosocial a niñez retornada", "Línea de ayuda 123"}
    assert filled.exchange.export_geojson(tmp_path / "d.geojson") == interchange.MapExport(1, 1)


def test_an_empty_directory_exports_headers_only(ws: Workspace, tmp_path: Path) -> None:
    assert ws.exchange.export_csv(tmp_path / "d.csv") == 0
    assert read_csv(tmp_path / "d.csv")[1] == HXL_ROW
    assert len(read_csv(tmp_path / "d.csv")) == 2
    assert ws.exchange.export_geojson(tmp_path / "d.geojson").written == 0
    assert json.loads((tmp_path / "d.geojson").read_text())["features"] == []


def test_export_to_a_folder_that_does_not_exist_is_refused(
    filled: Workspace, tmp_path: Path
) -> None:
    with pytest.raises(InvalidInput, match=r"cannot be written.*does not exist"):
        filled.exchange.export_csv(tmp_path / "missing" / "d.csv")
    with pytest.raises(InvalidInput, match="is not a file"):
        filled.exchange.export_geojson(tmp_path)


def test_a_failed_export_leaves_the_old_file_whole(filled: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "d.csv"
    target.write_text("the previous export", encoding="utf-8")

    def fail(handle: object) -> int:
        raise OSError(28, "No space left on device")

    with pytest.raises(InvalidInput, match="the disk is full"):
        interchange._write_whole(target, fail, bom=True)
    assert target.read_text(encoding="utf-8") == "the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.csv", "workspace"]


# --- round trips ---------------------------------------------------------------------------------


def test_export_then_import_into_a_fresh_workspace_gives_the_same_directory(
    filled: Workspace, fresh: Workspace, tmp_path: Path
) -> None:
    filled.exchange.export_csv(tmp_path / "d.csv")
    report = fresh.exchange.import_csv(tmp_path / "d.csv")
    assert (report.organisations_created, report.services_created, report.services_updated) == (
        2,
        3,
        0,
    )
    before, after = filled.directory.services(), fresh.directory.services()
    assert {s.id for s in after} == {s.id for s in before}  # the UUIDs travel with the services
    old_orgs = {o.id: o for o in filled.directory.organisations()}
    new_orgs = {o.id: o for o in fresh.directory.organisations()}
    for old in before:
        new = next(s for s in after if s.id == old.id)
        assert values(new, SERVICE_FIELDS) == values(old, SERVICE_FIELDS)
        a, b = old_orgs[old.organisation_id], new_orgs[new.organisation_id]
        assert values(b, ORGANISATION_FIELDS) == values(a, ORGANISATION_FIELDS)
    # Found by search and recorded in the history, like a service typed in by hand.
    found = fresh.directory.search("Albergue")
    assert found == {by_name(fresh)["Albergue temporal"].id}
    assert fresh.directory.search("CONNA") == {
        by_name(fresh)["Línea de ayuda 123"].id,
        by_name(fresh)["Atención psicosocial a niñez retornada"].id,
    }
    history = fresh.directory.history("service", by_name(fresh)["Albergue temporal"].id)
    assert [(h.field, h.actor) for h in history] == [("created", "Ana Pérez")]


def test_importing_the_same_file_again_changes_nothing(filled: Workspace, tmp_path: Path) -> None:
    filled.exchange.export_csv(tmp_path / "d.csv")
    before = {s.id: s.updated_at for s in filled.directory.services()}
    report = filled.exchange.import_csv(tmp_path / "d.csv")
    assert report.services_unchanged == 3
    assert (report.services_created, report.services_updated, report.organisations_created) == (
        0,
        0,
        0,
    )
    assert report.organisations_updated == 0
    assert {s.id: s.updated_at for s in filled.directory.services()} == before


def test_a_cell_changed_in_a_spreadsheet_updates_that_service_and_its_history(
    filled: Workspace, tmp_path: Path
) -> None:
    filled.exchange.export_csv(tmp_path / "d.csv")
    rows = read_csv(tmp_path / "d.csv")
    tags = rows[1]
    for row in rows[2:]:
        if row[tags.index("#service+name")] == "Albergue temporal":
            row[tags.index("#access+hours")] = "24 horas"
            row[tags.index("#beneficiary+age+min")] = "10"
    with (tmp_path / "edited.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    report = filled.exchange.import_csv(tmp_path / "edited.csv")
    assert (report.services_updated, report.services_unchanged, report.services_created) == (
        1,
        2,
        0,
    )
    shelter = by_name(filled)["Albergue temporal"]
    assert (shelter.hours, shelter.age_min) == ("24 horas", 10)
    changes = {(h.field, h.old, h.new) for h in filled.directory.history("service", shelter.id)}
    assert ("hours", "", "24 horas") in changes and ("age_min", "12", "10") in changes


def test_a_spreadsheet_without_ids_adds_services_to_existing_organisations(
    filled: Workspace, tmp_path: Path
) -> None:
    source = write(
        tmp_path / "nuevos.csv",
        "Organisation,Service,Service type,Phone\n"
        "  casa  del   MIGRANTE ,Asesoría legal,legal_aid,2222-0000\n"
        "Fundación Nueva,Apoyo escolar,education,\n",
    )
    report = filled.exchange.import_csv(source)
    assert (report.organisations_created, report.organisations_updated) == (1, 1)
    assert report.services_created == 2
    orgs = {o.name: o for o in filled.directory.organisations()}
    assert set(orgs) == {
        "Casa del Migrante",  # matched by name, its spelling kept
        "Consejo Nacional de la Niñez y de la Adolescencia",
        "Fundación Nueva",
    }
    assert orgs["Casa del Migrante"].phone == "2222-0000"
    assert orgs["Casa del Migrante"].provider_type == "faith_based"  # empty cells change nothing
    assert by_name(filled)["Asesoría legal"].organisation_id == orgs["Casa del Migrante"].id
    history = filled.directory.history("organisation", orgs["Casa del Migrante"].id)
    assert ("phone", "", "2222-0000") in {(h.field, h.old, h.new) for h in history}


# --- what spreadsheets really produce ------------------------------------------------------------


def test_an_excel_file_with_semicolons_windows_accents_and_labels_imports(
    ws: Workspace, tmp_path: Path
) -> None:
    # Excel in Spanish saves "CSV" with ';', decimal commas and the Windows code page.
    text = (
        "Organisation;Service;Service type;Populations;Cost;Latitude;Longitude;Notes\r\n"
        "Asociación Niñez Segura;Orientación jurídica;Asistencia y representación jurídica;"
        '"Niñas, niños y adolescentes no acompañados; Víctimas de trata";Gratuito;13,69;-89,19;'
        "llamar antes\r\n"
    )
    source = write(tmp_path / "excel.csv", text, encoding="cp1252")
    report = ws.exchange.import_csv(source)
    assert report.services_created == 1
    svc = by_name(ws)["Orientación jurídica"]
    assert svc.service_type == "legal_aid"
    assert svc.populations == ("unaccompanied", "trafficking_victims")
    assert svc.cost == "free"
    assert (svc.latitude, svc.longitude, svc.subdivision) == (13.69, -89.19, "SV-SS")
    assert ws.directory.organisations()[0].name == "Asociación Niñez Segura"


def test_columns_are_found_by_hashtag_in_any_order_and_extra_ones_are_ignored(
    ws: Workspace, tmp_path: Path
) -> None:
    text = (
        "Nombre del servicio,Algo más,Quién,Tipo,Departamento\n"
        "#service+name,#x_whatever,#org+name,#service+type,#adm1+name\n"
        "Clínica móvil,xyz,Médicos del Mundo,Health,san salvador\n"
    )
    ws.exchange.import_csv(write(tmp_path / "hxl.csv", text))
    svc = by_name(ws)["Clínica móvil"]
    assert (svc.service_type, svc.subdivision) == ("health", "SV-SS")


def test_a_title_line_above_the_headers_is_skipped(ws: Workspace, tmp_path: Path) -> None:
    text = (
        "Directorio de servicios, junio\n"
        "\n"
        "Service,Organisation,Service type\n"
        "Albergue,Casa,shelter\n"
    )
    ws.exchange.import_csv(write(tmp_path / "titled.csv", text))
    assert by_name(ws)["Albergue"].service_type == "shelter"


def test_a_utf16_file_with_tabs_imports(ws: Workspace, tmp_path: Path) -> None:
    text = "Organisation\tService\tService type\nOrganización\tNiñez\tshelter\n"
    ws.exchange.import_csv(write(tmp_path / "unicode.txt", text, encoding="utf-16"))
    assert by_name(ws)["Niñez"].service_type == "shelter"


# --- refusals: nothing imported ------------------------------------------------------------------


def test_one_bad_row_among_good_ones_imports_nothing_and_names_its_line(
    ws: Workspace, tmp_path: Path
) -> None:
    text = (
        "Organisation,Service,Service type,Latitude,Longitude\n"
        "#org+name,#service+name,#service+type+code,#geo+lat,#geo+lon\n"
        "Casa A,Albergue,shelter,13.69,-89.19\n"
        "Casa B,Consejería,counselling,,\n"
        "Casa C,Clínica,health,,\n"
        "Casa D,Escuela,education,14.64,-90.51\n"
        ",Sin organización,health,,\n"
    )
    with pytest.raises(InvalidInput) as refused:
        ws.exchange.import_csv(write(tmp_path / "bad.csv", text))
    assert "Nothing was imported" in refused.value.message
    assert "3 rows have a problem" in refused.value.message
    details = refused.value.details
    assert len(details) == 3
    assert details[0].startswith("line 4: Unknown service type: counselling")
    assert details[1].startswith("line 6: The point 14.64, -90.51 is outside El Salvador")
    assert details[2] == "line 7: Please enter the organisation's name."
    assert ws.directory.organisations() == [] and ws.directory.services() == []


def test_bad_numbers_and_places_are_named_by_line(ws: Workspace, tmp_path: Path) -> None:
    text = (
        "Organisation,Service,Service type,Age from,Latitude,Longitude,Subdivision,Country\n"
        "Casa,Uno,shelter,doce,,,,\n"
        "Casa,Dos,shelter,,13.7,,,\n"
        "Casa,Tres,shelter,,norte,-89,,\n"
        "Casa,Cuatro,shelter,,,,Petén,\n"
        "Casa,Cinco,shelter,,,,,GT\n"
        "Casa,Seis,shelter,20,,,,\n"
    )
    with pytest.raises(InvalidInput) as refused:
        ws.exchange.import_csv(write(tmp_path / "bad.csv", text))
    assert list(refused.value.details) == [
        "line 2: 'doce' in the column Age from is not a whole number",
        "line 3: Give both latitude and longitude, or neither.",
        "line 4: 'norte' in the column Latitude is not a number in decimal degrees",
        "line 5: there is no subdivision named Petén in El Salvador",
        "line 6: this row is for the country GT; this workspace is for El Salvador",
        "line 7: Ages are from 0 to 17 years: services here are for children.",
    ]


def test_an_organisation_described_two_ways_is_refused(ws: Workspace, tmp_path: Path) -> None:
    text = (
        "Organisation,Phone,Service,Service type\n"
        "Casa,2222-0000,Uno,shelter\n"
        "CASA,,Dos,shelter\n"
        "Casa,2222-9999,Tres,shelter\n"
    )
    with pytest.raises(InvalidInput) as refused:
        ws.exchange.import_csv(write(tmp_path / "bad.csv", text))
    assert refused.value.details == (
        "line 4: the organisation Casa has another phone on line 2 (2222-0000)",
    )


def test_the_same_service_id_twice_and_a_deleted_service_are_refused(
    filled: Workspace, tmp_path: Path
) -> None:
    deleted = next(s for s in filled.directory.services(include_deleted=True) if s.deleted)
    live = by_name(filled)["Albergue temporal"]
    text = (
        "Organisation,Service ID,Service,Service type\n"
        f"Casa del Migrante,{live.id},Albergue temporal,shelter\n"
        f"Casa del Migrante,{live.id},Albergue temporal (copia),shelter\n"
        f"Casa del Migrante,{deleted.id},Servicio cerrado,health\n"
    )
    with pytest.raises(InvalidInput) as refused:
        filled.exchange.import_csv(write(tmp_path / "bad.csv", text))
    assert refused.value.details[0] == f"line 3: the service ID {live.id} is also on line 2"
    assert refused.value.details[1].startswith("line 4: the service Servicio cerrado was deleted")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"  \r\n\r\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20, "not a CSV file"),
        (b"PK\x03\x04" + b"\x00" * 200, "spreadsheet workbook"),
        (
            b"name,email\nAna,ana@example.org\n",
            r"no column for Organisation \(#org\+name\), Service",
        ),
        (b"Organisation,Service,Service type\n", "no rows"),
    ],
    ids=["empty", "blank-lines", "png", "xlsx", "other-csv", "headers-only"],
)
def test_files_that_are_not_a_directory_are_refused_plainly(
    ws: Workspace, tmp_path: Path, content: bytes, message: str
) -> None:
    source = tmp_path / "file.csv"
    source.write_bytes(content)
    with pytest.raises(InvalidInput, match=message):
        ws.exchange.import_csv(source)
    assert ws.directory.organisations() == []


def test_a_missing_file_or_a_folder_is_refused(ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="does not exist"):
        ws.exchange.import_csv(tmp_path / "nowhere.csv")
    with pytest.raises(InvalidInput, match="is not a file"):
        ws.exchange.import_csv(tmp_path)


def test_files_beyond_the_limits_are_refused(
    ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = "".join(f"Casa,Servicio {i},shelter\n" for i in range(6))
    source = write(tmp_path / "many.csv", "Organisation,Service,Service type\n" + rows)
    monkeypatch.setattr(reading, "MAX_IMPORT_ROWS", 5)
    with pytest.raises(InvalidInput, match="more than 5 rows"):
        ws.exchange.import_csv(source)
    monkeypatch.setattr(reading, "MAX_IMPORT_BYTES", 100)
    with pytest.raises(InvalidInput, match="too large to import"):
        ws.exchange.import_csv(source)
    assert ws.directory.services() == []


def test_import_waits_for_the_set_up(blank: Workspace, tmp_path: Path) -> None:
    source = write(tmp_path / "d.csv", "Organisation,Service,Service type\nCasa,Uno,shelter\n")
    with pytest.raises(InvalidInput, match="Set up this workspace first"):
        blank.exchange.import_csv(source)


def test_refusals_come_in_the_users_language(ws: Workspace, tmp_path: Path) -> None:
    set_language("es")
    from focalpoint.i18n import _

    source = write(tmp_path / "d.csv", "Organisation,Service,Service type\nCasa,Uno,nada\n")
    with pytest.raises(InvalidInput) as refused:
        ws.exchange.import_csv(source)
    expected = _("line {line}: {reason}").format(line=2, reason="")
    assert refused.value.details[0].startswith(expected)


def test_a_formula_looking_cell_round_trips_as_text(ws: Workspace, tmp_path: Path) -> None:
    org = ws.directory.save_organisation(Organisation("Casa", notes="=HYPERLINK(1)"))
    ws.directory.save_service(Service(org.id, "-Uno", "shelter"))
    ws.exchange.export_csv(tmp_path / "d.csv")
    text = (tmp_path / "d.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK(1)" in text and ",'-Uno," in text
    target = Workspace.open(tmp_path / "target")
    try:
        set_up_sv(target).exchange.import_csv(tmp_path / "d.csv")
        assert target.directory.organisations()[0].notes == "=HYPERLINK(1)"
        assert by_name(target)["-Uno"].service_type == "shelter"
    finally:
        target.close()


def test_csv_written_to_a_stream_has_no_bom(filled: Workspace) -> None:
    out = io.StringIO(newline="")
    assert filled.exchange.write_csv(out) == 3
    assert out.getvalue().startswith("Organisation,")


def test_a_sheet_without_ids_imported_twice_updates_instead_of_duplicating(
    ws: Workspace, tmp_path: Path
) -> None:
    sheet = tmp_path / "mapeo.csv"
    sheet.write_text(
        "Organisation,Service,Service type,Municipality\n"
        "Casa Alianza,Albergue temporal,shelter,San Salvador\n",
        encoding="utf-8",
    )
    first = ws.exchange.import_csv(sheet)
    assert first.services_created == 1
    sheet.write_text(
        "Organisation,Service,Service type,Municipality\n"
        "casa alianza,Albergue Temporal,shelter,Soyapango\n",
        encoding="utf-8",
    )
    second = ws.exchange.import_csv(sheet)
    assert (second.services_created, second.services_updated) == (0, 1)
    (only,) = ws.directory.services()
    assert only.municipality == "Soyapango"


def test_a_row_naming_a_deleted_organisation_asks_to_restore_it_first(
    ws: Workspace, tmp_path: Path
) -> None:
    from focalpoint.domain.directory import Organisation

    gone = ws.directory.save_organisation(Organisation(name="Casa Alianza"))
    ws.directory.delete_organisation(gone.id)
    sheet = tmp_path / "mapeo.csv"
    sheet.write_text(
        "Organisation,Service,Service type\nCasa Alianza,Albergue,shelter\n", encoding="utf-8"
    )
    with pytest.raises(InvalidInput) as refused:
        ws.exchange.import_csv(sheet)
    assert "line 2: the organisation Casa Alianza was deleted" in refused.value.details[0]
    assert ws.directory.organisations() == []
