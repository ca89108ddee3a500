"""The directory of services (CSV with HXL, GeoJSON) and the practices from the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from focalpoint.domain.practices import Practice, PracticeState
from focalpoint.services.country.workspace import Workspace
from tests.cli.runner import Cli

SPREADSHEET = (
    "Organisation,Acronym,Service,Service type,Populations,Latitude,Longitude\r\n"
    "Consejo Nacional de la Niñez y de la Adolescencia,CONNA,Atención psicosocial,"
    'psychosocial,"returned;unaccompanied",13.69,-89.19\r\n'
    "Consejo Nacional de la Niñez y de la Adolescencia,CONNA,Línea 123,helpline,,,\r\n"
    "Casa del Migrante,,Albergue temporal,Albergue (temporal o residencial),,13.7,-89.2\r\n"
)


def set_up_sv(cli: Cli, folder: Path) -> Path:
    cli.ok(folder, "setup", "--country", "SV", "--name", "Ana Pérez")
    return folder


def test_import_then_export_csv_and_geojson(cli: Cli, tmp_path: Path) -> None:
    ws = set_up_sv(cli, tmp_path / "ws")
    source = tmp_path / "servicios.csv"
    source.write_text(SPREADSHEET, encoding="utf-8")
    out = cli.ok(ws, "directory", "import", str(source))
    assert out.strip() == (
        "Imported servicios.csv: organisations created 2, updated 0; services created 3, "
        "updated 0, unchanged 0."
    )

    target = tmp_path / "export.csv"
    assert "3 services written to" in cli.ok(ws, "directory", "export", "-o", str(target))
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"), newline="")))
    assert rows[1][:3] == ["#org+name", "#org+acronym", "#org+type+code"]
    names = {r[rows[1].index("#service+name")] for r in rows[2:]}
    assert names == {"Atención psicosocial", "Línea 123", "Albergue temporal"}

    # Re-importing what was exported finds every service by its ID.
    again = cli.ok(ws, "directory", "import", str(target))
    assert "services created 0, updated 0, unchanged 3" in again

    geo = cli.ok(ws, "directory", "export", "--format", "geojson")
    data = json.loads(geo)
    points = {f["properties"]["service"]: f["geometry"]["coordinates"] for f in data["features"]}
    assert points == {"Atención psicosocial": [-89.19, 13.69], "Albergue temporal": [-89.2, 13.7]}

    out = cli.ok(
        ws, "directory", "export", "--format", "geojson", "-o", str(tmp_path / "m.geojson")
    )
    assert "2 services written to" in out
    assert "1 service has no coordinates and is not on the map." in out


def test_csv_to_the_screen_has_no_bom_and_spreadsheet_line_ends(cli: Cli, tmp_path: Path) -> None:
    ws = set_up_sv(cli, tmp_path / "ws")
    (tmp_path / "s.csv").write_text(SPREADSHEET, encoding="utf-8")
    cli.ok(ws, "directory", "import", str(tmp_path / "s.csv"))
    result = cli.run(ws, "directory", "export")
    assert result.code == 0
    assert result.out.startswith("Organisation,Acronym,")
    assert result.out.count("\r\n") == 5 and "\n" not in result.out.replace("\r\n", "")
    assert len(list(csv.reader(io.StringIO(result.out)))) == 5


def test_a_refused_import_lists_every_bad_line_and_changes_nothing(
    cli: Cli, tmp_path: Path
) -> None:
    ws = set_up_sv(cli, tmp_path / "ws")
    bad = SPREADSHEET + (
        "Casa del Migrante,,Escuela,school,,,\r\n"
        "Casa del Migrante,,Clínica,health,,14.64,-90.51\r\n"
    )
    (tmp_path / "bad.csv").write_text(bad, encoding="utf-8")
    stderr = cli.refused(ws, "directory", "import", str(tmp_path / "bad.csv"))
    lines = stderr.splitlines()
    assert lines[0].startswith("focalpoint: Nothing was imported from bad.csv: 2 rows")
    assert lines[1].startswith("  line 5: Unknown service type: school.")
    assert lines[2].startswith("  line 6: The point 14.64, -90.51 is outside El Salvador")
    exported = cli.ok(ws, "directory", "export")
    assert len(list(csv.reader(io.StringIO(exported)))) == 2  # headers only: nothing imported


def test_files_that_cannot_be_imported_are_refused_without_traceback(
    cli: Cli, tmp_path: Path
) -> None:
    ws = set_up_sv(cli, tmp_path / "ws")
    (tmp_path / "empty.csv").write_bytes(b"")
    assert "is empty" in cli.refused(ws, "directory", "import", str(tmp_path / "empty.csv"))
    (tmp_path / "photo.csv").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    assert "not a CSV file" in cli.refused(ws, "directory", "import", str(tmp_path / "photo.csv"))
    assert "is not a file" in cli.refused(ws, "directory", "import", "/dev/zero")
    assert "cannot be written" in cli.refused(
        ws, "directory", "export", "-o", str(tmp_path / "no" / "d.csv")
    )


def test_practice_list_as_text_and_json(cli: Cli, tmp_path: Path) -> None:
    folder = set_up_sv(cli, tmp_path / "ws")
    assert "No practices recorded yet." in cli.ok(folder, "practice", "list")
    cli.ok(folder, "entity", "add", "Consejo Nacional de la Niñez", "--acronym", "CONNA")
    ws = Workspace.open(folder)
    try:
        conna = ws.entities.resolve("CONNA").id
        ws.practices.save(
            Practice(
                "Protocolo de recepción de niñez retornada",
                summary="Recepción en frontera con enfoque de protección.",
                categories=("identification", "return_reintegration"),
                populations=("returned",),
                entity_ids=(conna,),
                action_codes=("1.1.1", "2.1.1"),
                state=PracticeState.READY,
            )
        )
        ws.practices.save(
            Practice("Borrador sin categorías", national=False, subdivisions=("SV-SS",))
        )
    finally:
        ws.close()

    text = cli.ok(folder, "practice", "list")
    assert "Protocolo de recepción de niñez retornada" in text
    assert (
        "Ready for submission · categories: Identification and referral; Return and "
        "reintegration · actions: 1.1.1, 2.1.1"
    ) in text
    assert "Draft · categories: — · actions: —" in text

    practices = {p["title"]: p for p in json.loads(cli.ok(folder, "practice", "list", "--json"))}
    ready = practices["Protocolo de recepción de niñez retornada"]
    assert ready["state"] == "ready" and ready["state_label"] == "Ready for submission"
    assert ready["categories"] == ["identification", "return_reintegration"]
    assert ready["category_labels"] == ["Identification and referral", "Return and reintegration"]
    assert ready["population_labels"] == ["Returned or deported children"]
    assert ready["summary"] == "Recepción en frontera con enfoque de protección."
    assert ready["entities"] == ["Consejo Nacional de la Niñez (CONNA)"]
    assert ready["action_codes"] == ["1.1.1", "2.1.1"]
    draft = practices["Borrador sin categorías"]
    assert (draft["national"], draft["subdivisions"]) == (False, ["SV-SS"])
    assert draft["subdivision_names"] == ["San Salvador"]
    spanish = json.loads(cli.ok(folder, "practice", "list", "--json", lang="es"))
    labels = {p["title"]: p["category_labels"] for p in spanish}
    assert labels["Protocolo de recepción de niñez retornada"][0] == "Identificación y derivación"
