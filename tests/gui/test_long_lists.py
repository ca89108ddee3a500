"""Long lists through the window: a click on a header sorts, the count follows the filter, the
chosen record stays chosen, the last page is reached, and a crowded map offers its services."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from focalpoint.domain.directory import Organisation, Service
from focalpoint.services.country import service_listing
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.directory.service_form import ServiceForm
from tests.gui.conftest import records, when_shown
from tests.services.test_listing import many_practices, many_services


def click_header(table, column: int, qtbot) -> None:  # type: ignore[no-untyped-def]
    header = table.horizontalHeader()
    at = QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2, 5)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)


def test_a_click_on_a_header_sorts_the_services_by_it(ws: Workspace, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    many_services(ws, 60)
    view = open_window(ws).services
    view.table.resize(800, 400)
    names = sorted(s.name.lower() for s in ws.directory.summaries())
    assert view.model.index(0, 0).data().lower() == names[0]  # by name at first
    click_header(view.table, 4, qtbot)  # Municipality: the empty ones first
    assert view.model.index(0, 4).data() == ""
    click_header(view.table, 4, qtbot)  # again: backwards
    assert view.model.index(0, 4).data() == "Soyapango"
    click_header(view.table, 2, qtbot)  # Type, by its label
    labels = [view.model.index(r, 2).data() for r in range(view.model.rowCount())]
    assert labels == sorted(labels, key=str.casefold)
    assert labels[0] == "Assistance to victims of trafficking"


def test_the_count_follows_the_filter_and_the_chosen_service_stays_chosen(
    ws: Workspace, open_window
) -> None:  # type: ignore[no-untyped-def]
    many_services(ws, 60)
    view = open_window(ws).services
    assert view.count.text() == "60 services"
    chosen = next(s for s in records(view.model) if s.name.lower().startswith("salud"))
    view.select(chosen.id)
    row_before = view.table.currentIndex().row()
    view.search.setText("salud")
    shown = view.model.rowCount()
    assert 0 < shown < 60 and view.count.text() == f"{shown} services (of 60)"
    assert view.selected_id() == chosen.id  # still chosen, on its new row
    assert view.table.selectionModel().selectedRows()[0].row() < row_before
    view.service_type.setCurrentIndex(view.service_type.findData(chosen.service_type))
    assert view.selected_id() == chosen.id
    view.search.setText("zzz")
    assert view.model.rowCount() == 0 and view.selected_id() is None
    assert view.count.text() == "0 services (of 60)"


def test_scrolling_to_the_end_shows_the_last_service(ws: Workspace, open_window) -> None:  # type: ignore[no-untyped-def]
    many_services(ws, 450)  # two full pages of 200, and a third of 50
    view = open_window(ws).services
    view.table.resize(800, 400)
    expected = sorted(ws.directory.summaries(), key=lambda s: (s.name.lower(), s.id))
    assert view.model.rowCount() == 450
    for row in (199, 200, 399, 400):  # either side of each page boundary
        assert view.model.index(row, 0).data() == expected[row].name
    view.table.scrollToBottom()
    bottom = view.table.rowAt(view.table.viewport().height() - 2)
    assert bottom == 449
    assert view.model.index(bottom, 0).data() == expected[-1].name
    view.select(expected[-1].id)
    assert view.selected_id() == expected[-1].id


def test_a_click_on_a_header_sorts_the_practices(ws: Workspace, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    many_practices(ws, 40)
    view = open_window(ws).practices
    view.table.resize(900, 400)
    newest = max(ws.practices.summaries(), key=lambda p: (p.updated_at, p.id))
    assert view.model.record(0).id == newest.id  # newest edit first, as it always opened
    click_header(view.table, 0, qtbot)  # Title
    titles = [p.title.lower() for p in records(view.model)]
    assert titles == sorted(titles)
    click_header(view.table, 1, qtbot)  # State: "Draft" before "Ready for submission"
    assert view.model.index(0, 1).data() == "Draft"
    assert view.model.index(view.model.rowCount() - 1, 1).data() == "Ready for submission"


def test_a_crowded_map_offers_the_services_a_point_stands_for(
    ws: Workspace, open_window, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(service_listing, "POINT_LIMIT", 1)  # crowded from two services on
    org = ws.directory.save_organisation(Organisation(name="Casa del Migrante"))
    for n, name in enumerate(("Comedor", "Albergue", "Baños")):
        ws.directory.save_service(
            Service(org.id, name, "shelter", latitude=13.69, longitude=-89.19 + n * 0.0001)
        )
    ws.directory.save_service(Service(org.id, "Lejos", "shelter", latitude=13.5, longitude=-88.2))
    view = open_window(ws).services
    points = view.map._points
    crowded = next(p for p in points if p.stands_for == 3)
    assert sorted(p.stands_for for p in points) == [1, 3]
    assert "3 services here" in view.map_page._describe(crowded)
    menu = view.map_page.chooser(crowded.key)
    assert menu is not None
    assert [a.text() for a in menu.actions()] == [
        "Albergue — Casa del Migrante",
        "Baños — Casa del Migrante",
        "Comedor — Casa del Migrante",
    ]
    opened: list[str] = []

    def look(form: ServiceForm) -> None:
        opened.append(form.name.text())
        form.reject()

    when_shown(ServiceForm, look)
    menu.actions()[1].trigger()
    assert opened == ["Baños"]


def test_counts_are_written_as_each_language_groups_digits() -> None:
    from focalpoint.i18n import current_language, set_language
    from focalpoint.ui.widgets.filter_bar import count_text, grouped

    before = current_language()
    try:
        for language, written in (("es", "125.673"), ("fr", "125\u202f673"), ("en", "125,673")):
            set_language(language)
            assert grouped(125_673) == written
        assert count_text("1,837 services", 1837, 200_000) == "1,837 services (of 200,000)"
    finally:
        set_language(before)
