"""What the map shows around the services: the neighbouring countries as land, the names of
places at one size at every zoom and under the points, and markers told apart by shape."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel

from focalpoint.domain.geography import CAPITAL_NAMES
from focalpoint.domain.palette import MARKER_SHAPES
from focalpoint.domain.vocab import COUNTRIES
from focalpoint.i18n import _, current_language, set_language
from focalpoint.services.common import geography
from focalpoint.services.common.vocabularies import vocabularies
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.widgets.map_projection import MapPoint
from focalpoint.ui.widgets.map_scene import STAMP_PX, make_stamp
from focalpoint.ui.widgets.map_view import LAND, NEIGHBOUR_LAND, SEA, MapView
from focalpoint.ui.widgets.service_map import Legend, legend_entries, type_colours, type_markers

CHIAPAS = (-92.5, 17.2)  # Mexico, beside Guatemala's north-west
GULF_OF_HONDURAS = (-87.5, 16.5)  # the Caribbean, off Honduras
PETEN = (-89.6, 17.5)  # Guatemala's north, clear of names


@pytest.fixture
def spanish() -> Iterator[None]:
    before = current_language()
    set_language("es")
    yield
    set_language(before)


def guatemala(qtbot, neighbours: bool = True) -> MapView:  # type: ignore[no-untyped-def]
    view = MapView()
    qtbot.addWidget(view)
    view.resize(900, 650)
    view.set_shape(
        geography.country_shape("GT"), geography.surroundings("GT") if neighbours else ()
    )
    view.show()
    qtbot.waitExposed(view)
    return view


def colour_at(view: MapView, lon: float, lat: float) -> QColor:
    at = view.widget_position(lon, lat)
    assert at is not None and view.rect().contains(at.toPoint())
    image = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    return image.pixelColor(at.toPoint())


def near(a: QColor, b: QColor, tolerance: int = 6) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def test_the_neighbours_are_land_apart_from_the_sea_and_the_country(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = guatemala(qtbot)
    assert near(colour_at(view, *CHIAPAS), NEIGHBOUR_LAND)
    assert near(colour_at(view, *GULF_OF_HONDURAS), SEA)
    assert near(colour_at(view, *PETEN), LAND)
    # Apart in lightness too, not in hue alone (colour-vision deficiencies, grey screens).
    lightness = sorted(c.lightness() for c in (NEIGHBOUR_LAND, SEA, LAND))
    assert lightness[1] - lightness[0] >= 10 and lightness[2] - lightness[1] >= 10


def test_without_the_neighbours_their_ground_would_be_sea(qtbot) -> None:  # type: ignore[no-untyped-def]
    # What the map looked like before: Mexico in the sea's colour.
    view = guatemala(qtbot, neighbours=False)
    assert near(colour_at(view, *CHIAPAS), SEA)
    view.set_neighbours(geography.surroundings("GT"))  # as they arrive from the background
    assert near(colour_at(view, *CHIAPAS), NEIGHBOUR_LAND)


def country_map(qtbot, code: str) -> MapView:  # type: ignore[no-untyped-def]
    view = MapView()
    qtbot.addWidget(view)
    view.resize(900, 650)
    view.set_shape(geography.country_shape(code), geography.surroundings(code))
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.mark.parametrize(
    ("code", "beside"),
    [
        ("DO", (-72.3, 18.9)),  # Haiti, across the Dominican Republic's western border
        ("PA", (-75.5, 8.0)),  # Colombia, beyond the Darién
    ],
)
def test_the_countries_around_that_are_not_members_are_land_not_sea(
    qtbot,  # type: ignore[no-untyped-def]
    code: str,
    beside: tuple[float, float],
) -> None:
    view = country_map(qtbot, code)
    at = view.widget_position(*beside)
    assert at is not None
    view.pan_by(view.width() / 2 - at.x(), view.height() / 3 - at.y())  # to look across
    assert near(colour_at(view, *beside), NEIGHBOUR_LAND)
    view.set_neighbours([s for s in geography.surroundings(code) if s.country in COUNTRIES])
    assert near(colour_at(view, *beside), SEA)  # what the map showed with the members alone


def test_the_countries_around_that_are_not_members_are_named(qtbot, spanish) -> None:  # type: ignore[no-untyped-def]
    assert "Haití" in names(country_map(qtbot, "DO"))
    assert "Colombia" in names(country_map(qtbot, "PA"))


def names(view: MapView) -> list[str]:
    return [text for text, _box in view.place_labels()]


def test_places_are_named_in_spanish(qtbot, spanish) -> None:  # type: ignore[no-untyped-def]
    written = names(guatemala(qtbot))
    assert written[0] == "Guatemala"  # the country's own name first, the most important
    for name in ("México", "Belice", "Honduras", "El Salvador", "Petén", "Izabal"):
        assert name in written
    assert _(CAPITAL_NAMES["GT"]) in written  # through the translations


def test_places_are_named_in_french(qtbot) -> None:  # type: ignore[no-untyped-def]
    before = current_language()
    set_language("fr")
    try:
        written = names(guatemala(qtbot))
    finally:
        set_language(before)
    assert written[0] == "Guatemala"
    assert {"Mexique", "Belize", "Salvador", "Honduras"} <= set(written)
    assert "México" not in written and "Belice" not in written


def test_the_region_names_each_member_country(qtbot, spanish) -> None:  # type: ignore[no-untyped-def]
    view = MapView()
    qtbot.addWidget(view)
    view.resize(900, 650)
    view.set_shape(geography.region_shape(["US", "MX", "CA"]))
    assert {"Estados Unidos", "México", "Canadá"} <= set(names(view))


def test_names_keep_their_size_at_every_zoom_and_never_overlap(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = guatemala(qtbot)
    sizes = {text: (box.width(), box.height()) for text, box in view.place_labels()}
    country = view.place_labels()[0][0]
    for factor in (2.5, 1 / 5):
        view.zoom_by(factor)
        labels = view.place_labels()
        assert country in [text for text, _box in labels]
        for text, box in labels:
            if text in sizes:
                assert (box.width(), box.height()) == pytest.approx(sizes[text])
            assert view.rect().toRectF().contains(box)
        boxes = [box for _text, box in labels]
        for i, box in enumerate(boxes):
            assert not any(box.intersects(other) for other in boxes[i + 1 :])


def test_names_are_drawn_under_the_points(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = guatemala(qtbot)
    text, box = view.place_labels()[0]
    view.set_palette({"shelter": QColor("#1f77b4")})
    # A point in the middle of the country's name (the projection is linear in each degree).
    west, south, east, north = view.visible_window()
    lon = west + (east - west) * box.center().x() / view.width()
    lat = north - (north - south) * box.center().y() / view.height()
    view.set_points([MapPoint("p", lon, lat, "shelter", "")])
    at = view.point_position("p")
    assert at is not None and box.contains(at)
    image = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert image.pixelColor(at.toPoint()).name() == "#1f77b4"
    assert text in names(view)  # still named


def test_every_service_type_has_a_marker_of_its_own() -> None:
    markers = type_markers()
    assert set(markers) == set(vocabularies().service_type.codes)
    assert len(set(markers.values())) == len(markers)  # shape alone tells any two apart
    assert {shape for shape, _hollow in markers.values()} <= set(MARKER_SHAPES)


def stamp_image(shape: str, hollow: bool) -> QImage:
    stamp = make_stamp(QColor("#1f77b4"), 1.0, shape, hollow)
    return stamp.toImage().convertToFormat(QImage.Format.Format_ARGB32)


def test_the_markers_differ_in_shape_not_only_in_colour(qtbot) -> None:  # type: ignore[no-untyped-def]
    images = {(s, h): stamp_image(s, h) for s in MARKER_SHAPES for h in (False, True)}
    assert len({img.bits().tobytes() for img in images.values()}) == len(images)
    centre = STAMP_PX // 2
    assert images["circle", False].pixelColor(centre, centre).name() == "#1f77b4"
    assert images["circle", True].pixelColor(centre, centre).name() == "#ffffff"


def test_the_legend_shows_the_markers_the_map_draws(qtbot) -> None:  # type: ignore[no-untyped-def]
    html = "".join(legend_entries("es"))
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', html)
    terms = vocabularies().service_type.terms
    assert len(images) == len(terms)
    assert "Albergue (temporal o residencial)" in html
    colours, markers = type_colours(), type_markers()
    for term, encoded in zip(terms, images, strict=True):
        shown = QImage.fromData(base64.b64decode(encoded)).convertToFormat(
            QImage.Format.Format_ARGB32
        )
        drawn = make_stamp(colours[term.code], 2.0, *markers[term.code]).toImage()
        assert shown == drawn.convertToFormat(QImage.Format.Format_ARGB32), term.code


def test_the_services_map_draws_the_neighbours_it_reads(ws: Workspace, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(ws)
    view = window.services.map
    qtbot.waitUntil(lambda: "Honduras" in names(view), timeout=5000)
    assert "El Salvador" in names(view)
    honduras = view.widget_position(-88.0, 14.35)  # across El Salvador's border
    assert honduras is not None and view.rect().contains(honduras.toPoint())
    image = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    around = [honduras.toPoint() + QPoint(dx, dy) for dx in (-6, 0, 6) for dy in (-6, 0, 6)]
    land = [at for at in around if near(image.pixelColor(at), NEIGHBOUR_LAND)]
    assert len(land) >= 6  # a border may cross a few


def test_a_narrow_legend_wraps_between_entries_never_inside_one(qtbot) -> None:  # type: ignore[no-untyped-def]
    box = Legend("es")
    qtbot.addWidget(box)
    box.resize(300, box.layout().heightForWidth(300))
    box.show()
    qtbot.waitExposed(box)
    labels = box.findChildren(QLabel)
    assert len(labels) == len(vocabularies().service_type.terms)
    rows = {label.y() for label in labels}
    assert len(rows) > 3  # it wrapped
    one_line = labels[0].sizeHint().height()
    for i, label in enumerate(labels):
        assert box.rect().contains(label.geometry())  # nothing cut off
        assert label.height() == one_line  # each entry on one row, its marker beside its name
        assert not any(label.geometry().intersects(o.geometry()) for o in labels[i + 1 :])


def test_the_legend_lists_only_the_types_of_the_services_shown(
    ws: Workspace,
    open_window,  # type: ignore[no-untyped-def]
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    from focalpoint.domain.directory import Organisation, Service

    org = ws.directory.save_organisation(Organisation(name="Aldeas Infantiles SOS"))
    for name, kind in (("Casa de acogida", "shelter"), ("Clínica", "health")):
        ws.directory.save_service(
            Service(
                organisation_id=org.id,
                name=name,
                service_type=kind,
                latitude=13.69,
                longitude=-89.19,
            )
        )
    window = open_window(ws)
    legend_box = window.services.map_page.legend

    def shown() -> set[str]:
        labels = legend_box.findChildren(QLabel)
        return {lb.text().split("&nbsp;")[-1] for lb in labels if lb.isVisibleTo(legend_box)}

    qtbot.waitUntil(
        lambda: shown() == {"Shelter (temporary or residential)", "Health"}, timeout=5000
    )


def test_on_a_short_window_the_legend_scrolls_below_the_map_instead_of_covering_it(
    ws: Workspace,
    open_window,  # type: ignore[no-untyped-def]
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtWidgets import QScrollArea

    window = open_window(ws)
    page = window.services.map_page
    page.legend.show_types(set(type_colours()))  # every type listed: the longest legend
    window.resize(760, 470)
    qtbot.wait(50)
    area = page.legend.parentWidget().parentWidget()
    assert isinstance(area, QScrollArea)
    map_bottom = page.map.mapTo(page, page.map.rect().bottomLeft()).y()
    assert area.mapTo(page, area.rect().topLeft()).y() > map_bottom  # under the map, not on it
    assert area.verticalScrollBar().maximum() > 0  # the rest of the legend is a scroll away
    assert window.height() <= 470
