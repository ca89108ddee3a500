"""The Secretariat's regional practices and services tabs, over real accepted packages: read in
the background when first shown, filtered as the analyst types, a record's details beside the
list, the map of the region following the filter, and both following the next acceptance."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from focalpoint.services.country.workspace import Workspace
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from focalpoint.ui.secretariat.main_window import SecretariatWindow
from tests.gui.conftest import answer_message_box
from tests.secretariat.test_intake import TS_PASSPHRASE, country_workspace, export, register
from tests.secretariat.test_regional_lists import with_directory

SHOTS = os.environ.get("FOCALPOINT_SHOTS")  # a folder: the tabs are saved there as PNG files


@pytest.fixture
def window(
    folder: Path,
    tmp_path: Path,
    qtbot,  # type: ignore[no-untyped-def]
) -> Iterator[tuple[SecretariatWindow, dict[str, Workspace], dict[str, dict[str, str]]]]:
    ts = SecretariatWorkspace.open(folder)
    ts.profile.save("Secretaría Técnica de la CRM", "en")
    ts.keys.create(TS_PASSPHRASE)
    countries = {code: country_workspace(tmp_path / code, code) for code in ("SV", "GT")}
    ids = {code: with_directory(ws, code) for code, ws in countries.items()}
    for ws in countries.values():
        register(ts, ws, tmp_path)
    for result in ts.intake.receive([export(ws) for ws in countries.values()]):
        ts.consolidation.accept(result.id)
    shown = SecretariatWindow(ts)
    qtbot.addWidget(shown)
    shown.resize(1280, 760)
    shown.show()
    yield shown, countries, ids
    shown.tasks.wait()
    for ws in countries.values():
        ws.close()
    ts.close()


def test_the_compilation_of_practices_filters_and_shows_a_practice_whole(
    window: tuple[SecretariatWindow, dict[str, Workspace], dict[str, dict[str, str]]],
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    shown, _countries, _ids = window
    tab = shown.practices
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        shown.tabs.setCurrentWidget(tab)
    assert tab.count.text() == "4 practices"
    tab.category.setCurrentIndex(tab.category.findData("alternative_care"))
    assert tab.count.text() == "2 practices (of 4)"
    tab.search.setText("acogida sv")
    assert [tab.model.record(r).title for r in range(tab.model.rowCount())] == [  # type: ignore[union-attr]
        "Familias de acogida SV"
    ]
    tab.table.selectRow(0)
    details = tab.details.toPlainText()
    assert "El Salvador" in details and "alternatives to detention" in details
    if SHOTS:
        tab.search.clear()
        tab.category.setCurrentIndex(0)
        tab.table.selectRow(0)
        shown.grab().save(str(Path(SHOTS) / "regional-practices.png"))


def test_the_regional_services_list_and_map_follow_the_filter_and_the_next_acceptance(
    window: tuple[SecretariatWindow, dict[str, Workspace], dict[str, dict[str, str]]],
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    shown, countries, ids = window
    tab = shown.services
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        shown.tabs.setCurrentWidget(tab)
    assert tab.count.text() == "4 services"
    qtbot.waitUntil(lambda: len(tab.map_page.map._points) == 2, timeout=10_000)
    qtbot.waitUntil(lambda: "2 of these services have no coordinates" in tab.unplaced.text())
    tab.country.setCurrentIndex(tab.country.findData("GT"))
    assert tab.count.text() == "2 services (of 4)"
    qtbot.waitUntil(lambda: len(tab.map_page.map._points) == 1, timeout=10_000)
    tab.table.selectRow(0)
    assert "Albergue San José GT" in tab.details.toPlainText()
    assert "Casa del Migrante GT" in tab.details.toPlainText()
    if SHOTS:
        tab.country.setCurrentIndex(0)
        tab.table.selectRow(0)
        qtbot.waitUntil(lambda: len(tab.map_page.map._points) == 2, timeout=10_000)
        shown.grab().save(str(Path(SHOTS) / "regional-services.png"))
        tab.country.setCurrentIndex(tab.country.findData("GT"))

    # Guatemala sends its legal aid as deleted: once accepted, the list no longer has it.
    countries["GT"].directory.delete_service(ids["GT"]["legal"])
    seen = answer_message_box("OK")
    shown.inbox.receive([export(countries["GT"])])
    qtbot.waitUntil(lambda: seen == ["Every file was taken in."], timeout=10_000)
    pending = shown.workspace.intake.page(state="pending")[0].package.id
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        shown.workspace.consolidation.accept(pending)
        shown.inbox.decided.emit()
    assert tab.count.text() == "1 service (of 3)"


def test_the_lists_export_what_their_filters_choose(
    window: tuple[SecretariatWindow, dict[str, Workspace], dict[str, dict[str, str]]],
    tmp_path: Path,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    shown, _countries, _ids = window
    practices = shown.practices
    with qtbot.waitSignal(practices.loaded, timeout=10_000):
        shown.tabs.setCurrentWidget(practices)
    practices.category.setCurrentIndex(practices.category.findData("alternative_care"))
    out = tmp_path / "alternativas.xlsx"
    with qtbot.waitSignal(practices.exported, timeout=10_000) as said:
        practices.export(out)
    assert said.args == [f"2 rows written to {out}."]
    sheet = load_workbook(out).worksheets[0]
    titles = {str(cell.value) for row in sheet.iter_rows(min_row=2) for cell in row}
    assert "Familias de acogida SV" in titles and "Registro de llegadas SV" not in titles

    services = shown.services
    with qtbot.waitSignal(services.loaded, timeout=10_000):
        shown.tabs.setCurrentWidget(services)
    services.country.setCurrentIndex(services.country.findData("SV"))
    geojson = tmp_path / "sv.geojson"
    with qtbot.waitSignal(services.exported, timeout=10_000):
        services.export(geojson)
    features = json.loads(geojson.read_text("utf-8"))["features"]
    assert [f["properties"]["service"] for f in features] == ["Albergue San José SV"]


def test_the_map_is_of_the_countries_the_secretariat_works_with_the_others_around(
    window: tuple[SecretariatWindow, dict[str, Workspace], dict[str, dict[str, str]]],
) -> None:
    shown, _countries, _ids = window
    shape, around = shown.services._read_shapes()
    assert set(shape.subdivisions) == {"SV", "GT"}  # its land and its view
    west, south, east, north = shape.bbox
    assert west > -93 and north < 18.5  # Central America, not Canada to Panama
    assert east < -87 and south > 12  # the two countries' own corner of it
    assert {"MX", "HN", "BZ"} <= {c.country for c in around}  # drawn around, named
