"""Where the map puts a country and its points, zooms and pans, and which point a click hits:
plain arithmetic, checked without Qt."""

from __future__ import annotations

import subprocess
import sys

import pytest

from focalpoint.services.common import geography
from focalpoint.ui.widgets.map_projection import (
    HIT_RADIUS_PX,
    MapFrame,
    MapPoint,
    ScaledPoints,
)

SIZE = (900.0, 650.0)
SAN_SALVADOR = MapPoint("ss", -89.19, 13.69, "shelter", "San Salvador")
SAN_MIGUEL = MapPoint("sm", -88.18, 13.48, "health", "San Miguel")


@pytest.fixture
def frame() -> MapFrame:
    shape = geography.country_shape("SV")
    assert shape is not None
    frame = MapFrame()
    frame.set_shape(shape)
    frame.reset()
    return frame


def on_screen(frame: MapFrame, point: MapPoint) -> tuple[float, float]:
    (xy,) = frame.project([point])
    return frame.to_widget(xy, SIZE)


def test_the_country_fits_the_view_with_its_margin(frame: MapFrame) -> None:
    for point in (SAN_SALVADOR, SAN_MIGUEL):
        x, y = on_screen(frame, point)
        assert 16 <= x <= SIZE[0] - 16 and 16 <= y <= SIZE[1] - 16
    assert on_screen(frame, SAN_MIGUEL)[0] > on_screen(frame, SAN_SALVADOR)[0]  # east is right


def test_zooming_keeps_the_place_under_the_cursor_still(frame: MapFrame) -> None:
    anchor = on_screen(frame, SAN_SALVADOR)
    frame.zoom_by(2.0, anchor, SIZE)
    assert on_screen(frame, SAN_SALVADOR) == pytest.approx(anchor)
    frame.zoom_by(1000.0, None, SIZE)
    assert frame.zoom == 64.0  # no further in than the most detailed view


def test_panning_stops_before_the_country_is_lost(frame: MapFrame) -> None:
    for _ in range(100):
        frame.pan_by(-500, 0, SIZE)
    minx, _miny, maxx, _maxy = frame.shape.extent  # type: ignore[union-attr]
    assert minx * frame.kx <= frame.center[0] <= maxx * frame.kx


def test_a_click_picks_the_nearest_point_within_the_radius(frame: MapFrame) -> None:
    xy = frame.project([SAN_SALVADOR, SAN_MIGUEL])
    scale = frame.scale(SIZE)
    hits = ScaledPoints(xy, ["a", "b"], scale)
    x, y = xy[1][0] * scale, xy[1][1] * scale
    assert hits.nearest(x + 1, y - 1) == 1
    assert hits.nearest(x + HIT_RADIUS_PX * 2, y) is None


def test_it_needs_no_qt() -> None:
    code = (
        "import sys, focalpoint.ui.widgets.map_projection; "
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr
