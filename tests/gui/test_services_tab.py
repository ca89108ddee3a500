"""The directory of services through the window: add with coordinates, find the point, click it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from focalpoint.domain.directory import Organisation, Service
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.directory.organisations_dialog import OrganisationsDialog
from focalpoint.ui.country.directory.service_form import ServiceForm
from tests.gui.conftest import answer_message_box, discard, records, when_shown


def ok(form: ServiceForm):  # type: ignore[no-untyped-def]
    return form.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def test_add_a_service_with_coordinates_and_click_its_point(
    ws: Workspace, open_window, qtbot
) -> None:  # type: ignore[no-untyped-def]
    org = ws.directory.save_organisation(Organisation(name="Aldeas Infantiles SOS", acronym="SOS"))
    window = open_window(ws)
    view = window.services
    assert view.map.point_position("nothing") is None

    def fill(form: ServiceForm) -> None:
        form.organisation.setCurrentIndex(form.organisation.findData(org.id))
        form.name.setText("Acogimiento familiar temporal")
        form.service_type.setCurrentIndex(form.service_type.findData("family_care"))
        form.populations.set_checked("unaccompanied")
        form.latitude.setText("13,6929")  # a comma, as a Spanish keyboard types it
        form.longitude.setText("-89.2182")
        ok(form).click()

    when_shown(ServiceForm, fill)
    view.open_service(None)
    (service,) = ws.directory.services()
    assert service.subdivision == "SV-SS" and service.latitude == 13.6929
    assert view.model.rowCount() == 1
    position = view.map.point_position(service.id)
    assert position is not None

    opened: list[str] = []

    def look(form: ServiceForm) -> None:
        opened.append(form.name.text())
        form.reject()

    view.table.clearSelection()
    qtbot.mouseClick(view.map, Qt.MouseButton.LeftButton, pos=position.toPoint())
    chosen = view.table.chosen()  # a click chooses it, in the list too; nothing opens
    assert chosen is not None and chosen.id == service.id
    when_shown(ServiceForm, look)
    qtbot.mouseDClick(view.map, Qt.MouseButton.LeftButton, pos=position.toPoint())
    qtbot.waitUntil(lambda: bool(opened), timeout=3000)
    assert opened == ["Acogimiento familiar temporal"]  # a double click opens it

    view.search.setText("acogimiento")
    assert view.model.rowCount() == 1
    view.service_type.setCurrentIndex(view.service_type.findData("shelter"))
    assert view.model.rowCount() == 0
    assert view.map.point_position(service.id) is None  # filtered off the map too


def test_a_point_outside_the_country_is_refused_in_the_form(ws: Workspace, open_window) -> None:  # type: ignore[no-untyped-def]
    org = ws.directory.save_organisation(Organisation(name="Casa del Migrante"))
    window = open_window(ws)
    errors: list[str] = []

    def fill(form: ServiceForm) -> None:
        form.organisation.setCurrentIndex(form.organisation.findData(org.id))
        form.name.setText("Albergue")
        form.service_type.setCurrentIndex(form.service_type.findData("shelter"))
        form.latitude.setText("14.63")
        form.longitude.setText("-90.51")  # Guatemala City
        ok(form).click()
        errors.append(form.error.text() if form.isVisible() else "")
        discard(form)

    when_shown(ServiceForm, fill)
    window.services.open_service(None)
    assert "outside El Salvador" in errors[0]
    assert ws.directory.services() == []


def test_services_without_coordinates_are_listed_by_subdivision(ws: Workspace, open_window) -> None:  # type: ignore[no-untyped-def]
    org = ws.directory.save_organisation(Organisation(name="Procuraduría"))
    ws.directory.save_service(
        Service(org.id, "Defensoría", "legal_aid", subdivision="SV-LI", municipality="Santa Tecla")
    )
    ws.directory.save_service(Service(org.id, "Línea 123", "helpline"))
    view = open_window(ws).services
    assert view.right.tabText(1).endswith("(2)")
    view.right.setCurrentIndex(1)
    groups = [view.unplaced_model.item(r).text() for r in range(view.unplaced_model.rowCount())]
    assert groups == ["La Libertad (1)", "No subdivision given (1)"]


def test_deleting_an_organisation_takes_its_services_and_restores_them(
    ws: Workspace, open_window
) -> None:  # type: ignore[no-untyped-def]
    org = ws.directory.save_organisation(Organisation(name="Cruz Roja Salvadoreña"))
    ws.directory.save_service(Service(org.id, "Restablecimiento de contacto", "family_tracing"))
    view = open_window(ws).services

    def act(dialog: OrganisationsDialog) -> None:
        dialog.select(org.id)
        seen = answer_message_box("Delete")
        dialog.delete_button.click()
        assert "1 service" in seen[0]
        dialog.show_deleted.setChecked(True)
        dialog.select(org.id)
        dialog.restore_button.click()
        dialog.accept()

    when_shown(OrganisationsDialog, act)
    view.open_organisations()
    assert [s.name for s in ws.directory.services()] == ["Restablecimiento de contacto"]
    assert view.model.rowCount() == 1


def test_import_a_spreadsheet_then_export_it_for_qgis(ws: Workspace, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    sheet = tmp_path / "mapeo.csv"
    sheet.write_text(
        "Organización;Servicio;Tipo de servicio;Latitud;Longitud\n"
        "Casa Alianza;Atención psicosocial;Apoyo psicosocial;13,70;-89,20\n"
        "Casa Alianza;Asesoría legal;legal_aid;;\n",
        encoding="cp1252",
    )
    view = open_window(ws).services
    seen = answer_message_box("OK")
    view.exchange.import_file(sheet)
    assert "New services: 2" in seen[0]
    assert view.model.rowCount() == 2
    assert len(view.map._points) == 1 if hasattr(view.map, "_points") else True
    view.exchange.export_file("geojson", tmp_path / "servicios.geojson")
    assert (
        "1 service written" in view.exchange.last_message
        and "1 without coordinates" in view.exchange.last_message
    )
    assert '"Atención psicosocial"' in (tmp_path / "servicios.geojson").read_text(encoding="utf-8")


def test_a_bad_row_refuses_the_whole_import_and_names_its_line(
    ws: Workspace, open_window, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    sheet = tmp_path / "mapeo.csv"
    sheet.write_text(
        "Organisation,Service,Service type\n"
        "Casa Alianza,Albergue,shelter\n"
        "Casa Alianza,Taxi,taxi\n",
        encoding="utf-8",
    )
    view = open_window(ws).services
    answer_message_box("OK")
    view.exchange.import_file(sheet)
    assert "Nothing was imported" in view.exchange.last_message
    assert ws.directory.services() == []


def test_the_list_fills_at_once_and_the_map_follows_in_the_background(ws: Workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    from focalpoint.ui.country.directory.directory_view import DirectoryView
    from focalpoint.ui.country.practices.practices_view import PracticesView
    from focalpoint.ui.tasks import TaskRunner

    org = ws.directory.save_organisation(Organisation(name="Casa del Migrante"))
    kept = ws.directory.save_service(
        Service(org.id, "Albergue", "shelter", latitude=13.69, longitude=-89.21)
    )
    tasks = TaskRunner()
    tasks.after_each = ws.db.release_thread
    view = DirectoryView(ws, tasks)
    qtbot.addWidget(view)
    assert view.model.rowCount() == 1  # a count and a page: read at once
    view.select(kept.id)
    assert view.selected_id() == kept.id
    qtbot.waitUntil(lambda: view.map.point_position(kept.id) is not None, timeout=5000)
    practices = PracticesView(ws, tasks)
    qtbot.addWidget(practices)
    assert practices.model.rowCount() == 0
    tasks.wait()


def test_a_search_finds_deleted_services_by_name_only(ws: Workspace, open_window) -> None:  # type: ignore[no-untyped-def]
    org = ws.directory.save_organisation(Organisation(name="Casa del Migrante"))
    kept = ws.directory.save_service(Service(org.id, "Albergue temporal", "shelter"))
    gone = ws.directory.save_service(Service(org.id, "Asesoría jurídica", "legal_aid"))
    other = ws.directory.save_service(Service(org.id, "Atención psicológica", "psychosocial"))
    ws.directory.delete_service(gone.id)
    ws.directory.delete_service(other.id)
    view = open_window(ws).services
    view.show_deleted.setChecked(True)
    shown = lambda: {s.id for s in records(view.model)}  # noqa: E731
    assert shown() == {kept.id, gone.id, other.id}
    view.search.setText("asesoria")  # a deleted one, found by its name, to restore it
    assert shown() == {gone.id}
    view.search.setText("albergue")
    assert shown() == {kept.id}  # the other deleted ones do not match, so they are not shown


def test_the_coordinates_example_is_in_the_workspace_s_own_country(
    ws: Workspace,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    from dataclasses import replace

    from PySide6.QtWidgets import QLabel

    def hint(form: ServiceForm) -> str:
        return next(label.text() for label in form.findChildren(QLabel) if "e.g." in label.text())

    form = ServiceForm(ws)
    qtbot.addWidget(form)
    assert hint(form) == "Decimal degrees, e.g. 13.6929 and -89.2182. Optional."  # San Salvador
    profile = ws.profile.get()
    assert profile is not None
    ws.profile.save(replace(profile, country="GT"))
    form = ServiceForm(ws)
    qtbot.addWidget(form)
    assert hint(form) == "Decimal degrees, e.g. 14.6349 and -90.5069. Optional."  # Guatemala
