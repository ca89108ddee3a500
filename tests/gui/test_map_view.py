"""The map of services: points can be clicked, the map zooms and pans, and it draws something."""

from __future__ import annotations

import math
import random

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QToolTip

from focalpoint.services.common import geography
from focalpoint.ui.widgets.map_projection import MapPoint
from focalpoint.ui.widgets.map_view import OUTLINE, MapView

SAN_SALVADOR = MapPoint("ss", -89.19, 13.69, "shelter", "Albergue San Salvador")
SAN_MIGUEL = MapPoint("sm", -88.18, 13.48, "legal", "Asesoría legal San Miguel")
SANTA_ANA = MapPoint("sa", -89.56, 13.99, "other", "Centro Santa Ana")


@pytest.fixture
def view(qtbot) -> MapView:  # type: ignore[no-untyped-def]
    widget = MapView()
    qtbot.addWidget(widget)
    widget.resize(900, 650)
    widget.set_palette({"shelter": QColor("#1f77b4"), "legal": QColor("#ff7f0e")})
    widget.set_shape(geography.country_shape("SV"))
    widget.set_points([SAN_SALVADOR, SAN_MIGUEL, SANTA_ANA])
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def position(view: MapView, key: str) -> QPointF:
    found = view.point_position(key)
    assert found is not None
    return found


def distance(view: MapView, a: str, b: str) -> float:
    pa, pb = position(view, a), position(view, b)
    return math.hypot(pa.x() - pb.x(), pa.y() - pb.y())


def wheel(view: MapView, at: QPointF, notches: int) -> None:
    event = QWheelEvent(
        at,
        view.mapToGlobal(at),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view, event)


def mouse(view: MapView, kind: QEvent.Type, at: QPointF, held: bool) -> None:
    buttons = Qt.MouseButton.LeftButton if held else Qt.MouseButton.NoButton
    event = QMouseEvent(
        kind,
        at,
        view.mapToGlobal(at),
        Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view, event)


def test_points_are_inside_the_widget(view: MapView) -> None:
    for key in ("ss", "sm", "sa"):
        assert view.rect().contains(position(view, key).toPoint())
    # West is left, north is up.
    assert position(view, "sa").x() < position(view, "ss").x() < position(view, "sm").x()
    assert position(view, "sa").y() < position(view, "ss").y() < position(view, "sm").y()
    assert view.point_position("nobody") is None


def test_a_click_chooses_a_point_a_double_click_or_enter_opens_it(view: MapView, qtbot) -> None:  # type: ignore[no-untyped-def]
    with (
        qtbot.waitSignal(view.point_chosen, timeout=1000) as blocker,
        qtbot.assertNotEmitted(view.point_activated),
    ):
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=position(view, "sm").toPoint())
    assert blocker.args == ["sm"]
    with qtbot.waitSignal(view.point_activated, timeout=1000) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)  # the point chosen
    assert blocker.args == ["sm"]
    near = position(view, "ss") + QPointF(4, 3)  # within the hit radius
    with qtbot.waitSignal(view.point_activated, timeout=1000) as blocker:
        qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=near.toPoint())
    assert blocker.args == ["ss"]


def test_clicking_away_from_points_activates_nothing(view: MapView, qtbot) -> None:  # type: ignore[no-untyped-def]
    far = position(view, "ss") + QPointF(0, 40)
    with qtbot.assertNotEmitted(view.point_activated), qtbot.assertNotEmitted(view.point_chosen):
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=far.toPoint())
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(3, 3))


def test_the_nearest_of_two_close_points_wins(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = MapView()
    qtbot.addWidget(widget)
    widget.resize(900, 650)
    widget.set_shape(geography.country_shape("SV"))
    widget.set_points([SAN_SALVADOR, MapPoint("next", -89.18, 13.69, "x", "next door")])
    first, second = position(widget, "ss"), position(widget, "next")
    assert 2 < second.x() - first.x() < 8
    assert widget.point_at(first) == "ss"
    assert widget.point_at(second) == "next"
    assert widget.point_at(first + QPointF(0, 30)) is None


def test_the_wheel_zooms_about_the_cursor_and_zero_resets(view: MapView, qtbot) -> None:  # type: ignore[no-untyped-def]
    before = distance(view, "ss", "sm")
    anchor = position(view, "ss")
    wheel(view, anchor, 2)
    assert distance(view, "ss", "sm") == pytest.approx(before * 1.25**2, rel=1e-6)
    after = position(view, "ss")  # the place under the cursor stays under it
    assert (after.x(), after.y()) == pytest.approx((anchor.x(), anchor.y()), abs=0.01)
    wheel(view, anchor, -1)
    assert distance(view, "ss", "sm") == pytest.approx(before * 1.25, rel=1e-6)
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert distance(view, "ss", "sm") == pytest.approx(before)
    view.zoom_by(3)
    view.reset_view()
    assert distance(view, "ss", "sm") == pytest.approx(before)


def test_plus_and_minus_keys_zoom(view: MapView, qtbot) -> None:  # type: ignore[no-untyped-def]
    before = distance(view, "ss", "sm")
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert distance(view, "ss", "sm") > before
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert distance(view, "ss", "sm") < before


def test_zoom_out_stops_where_the_whole_country_is_still_seen(view: MapView) -> None:
    before = distance(view, "ss", "sm")
    for _ in range(30):
        view.zoom_by(0.5)
    assert before * 0.5 < distance(view, "ss", "sm") < before


def test_dragging_pans_without_activating(view: MapView, qtbot) -> None:  # type: ignore[no-untyped-def]
    start = position(view, "ss")
    with qtbot.assertNotEmitted(view.point_activated):
        mouse(view, QEvent.Type.MouseButtonPress, start, held=True)
        mouse(view, QEvent.Type.MouseMove, start + QPointF(30, 10), held=True)
        mouse(view, QEvent.Type.MouseMove, start + QPointF(60, 20), held=True)
        mouse(view, QEvent.Type.MouseButtonRelease, start + QPointF(60, 20), held=False)
    moved = position(view, "ss") - start
    assert (moved.x(), moved.y()) == pytest.approx((60, 20), abs=0.01)


def test_the_arrow_keys_pan(view: MapView, qtbot) -> None:  # type: ignore[no-untyped-def]
    start = position(view, "ss")
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert position(view, "ss").x() > start.x()


def test_hovering_a_point_shows_its_label_and_a_hand(view: MapView, qtbot) -> None:  # type: ignore[no-untyped-def]
    at = position(view, "sm").toPoint()
    qtbot.mouseMove(view, at)
    assert view.cursor().shape() == Qt.CursorShape.PointingHandCursor
    QApplication.sendEvent(view, QHelpEvent(QEvent.Type.ToolTip, at, view.mapToGlobal(at)))
    assert QToolTip.text() == SAN_MIGUEL.label
    qtbot.mouseMove(view, at + QPoint(0, 40))
    assert view.cursor().shape() == Qt.CursorShape.ArrowCursor
    QToolTip.hideText()


def grab(view: MapView) -> QImage:
    return view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def pixels_near(image: QImage, colour: QColor, tolerance: int = 12) -> int:
    """How many pixels are within ``tolerance`` of ``colour`` on every channel."""
    data = bytes(image.constBits())  # B, G, R, X per pixel
    r, g, b = colour.red(), colour.green(), colour.blue()
    count = 0
    for i in range(0, len(data), 4):
        if (
            abs(data[i + 2] - r) <= tolerance
            and abs(data[i + 1] - g) <= tolerance
            and abs(data[i] - b) <= tolerance
        ):
            count += 1
    return count


def test_the_map_draws_the_country_and_the_points(view: MapView) -> None:
    image = grab(view)
    assert pixels_near(image, OUTLINE) > 100
    at = position(view, "ss").toPoint()
    assert image.pixelColor(at).name() == "#1f77b4"  # the point, in its kind's colour
    assert image.pixelColor(position(view, "sa").toPoint()).name() == "#888888"  # unknown: grey


def test_the_selected_point_has_a_ring(view: MapView) -> None:
    at = position(view, "sm")
    ring = (at + QPointF(7.5, 0)).toPoint()
    before = grab(view).pixelColor(ring)
    view.select("sm")
    after = grab(view).pixelColor(ring)
    assert after.lightness() < before.lightness() - 60
    view.select(None)
    assert grab(view).pixelColor(ring) == before
    view.select("unknown")  # nothing to ring, nothing to fail


def test_without_a_shape_the_map_says_so(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = MapView()
    qtbot.addWidget(widget)
    widget.resize(400, 300)
    widget.set_points([SAN_SALVADOR])
    widget.show()
    image = grab(widget)
    background = image.pixelColor(2, 2)
    middle = image.copy(0, 130, 400, 40)
    assert any(
        middle.pixelColor(x, y) != background for x in range(400) for y in range(0, 40, 2)
    ), "no text drawn"
    assert widget.point_position("ss") is None
    assert widget.point_at(QPointF(200, 150)) is None
    assert widget.accessibleName()


def test_twenty_thousand_points_are_drawn_and_hit(qtbot) -> None:  # type: ignore[no-untyped-def]
    mx = geography.country_shape("MX")
    assert mx is not None
    rng = random.Random(5)
    minx, miny, maxx, maxy = mx.bbox
    points = [
        MapPoint(f"p{i}", rng.uniform(minx, maxx), rng.uniform(miny, maxy), "k", "")
        for i in range(20_000)
    ]
    widget = MapView()
    qtbot.addWidget(widget)
    widget.resize(900, 650)
    widget.set_shape(mx)
    widget.set_points(points)
    assert not widget.grab().isNull()
    last = position(widget, "p19999")
    found = widget.point_at(last)
    assert found is not None
    assert math.dist(*(position(widget, k).toTuple() for k in (found, "p19999"))) < 0.01
