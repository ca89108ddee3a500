"""The map of services with 20,000 points in Mexico: redraw and hit-test times; prints JSON.

Run with ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/map_probe.py``. Mexico is the
largest member country whose whole outline fits one view at full detail.

A "redraw" is what a wheel notch costs: the zoom changes, so the country, every point's
position and the cached scene are all made again, then painted (``repaint()`` paints at once).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from focalpoint.domain.geography import CountryShape

POINTS = 20_000
REDRAWS = 21
HIT_TESTS = 2_000
KINDS = ("shelter", "legal_aid", "health", "consular", "education", "unknown_kind")


def random_points(shape: CountryShape, count: int, seed: int = 7) -> list[tuple[float, float]]:
    """Uniform random points inside the country (rejection sampling in its bbox)."""
    rng = random.Random(seed)
    minx, miny, maxx, maxy = shape.bbox
    found: list[tuple[float, float]] = []
    while len(found) < count:
        lon, lat = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        if shape.contains(lon, lat, 0.0):
            found.append((lon, lat))
    return found


def main() -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QApplication

    from focalpoint.services.common import geography
    from focalpoint.ui.widgets.map_projection import MapPoint
    from focalpoint.ui.widgets.map_view import MapView

    app = QApplication.instance() or QApplication([])
    shape = geography.country_shape("MX")
    assert shape is not None
    coordinates = random_points(shape, POINTS)
    points = [
        MapPoint(f"s{i}", lon, lat, KINDS[i % len(KINDS)], f"Service {i}")
        for i, (lon, lat) in enumerate(coordinates)
    ]
    view = MapView()
    view.resize(900, 650)
    palette = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd")
    view.set_palette({kind: QColor(c) for kind, c in zip(KINDS, palette, strict=False)})
    view.set_shape(shape)
    started = time.perf_counter()
    view.set_points(points)
    set_points_ms = (time.perf_counter() - started) * 1000
    view.show()
    app.processEvents()

    redraws = []
    for i in range(REDRAWS):
        view.zoom_by(1.25 if i % 2 == 0 else 0.8)  # a wheel notch in, then out
        started = time.perf_counter()
        view.repaint()
        redraws.append((time.perf_counter() - started) * 1000)

    rng = random.Random(11)
    probes = [QPointF(rng.uniform(0, 900), rng.uniform(0, 650)) for _ in range(HIT_TESTS)]
    view.point_at(probes[0])  # builds the bucket grid for this zoom (once per zoom level)
    started = time.perf_counter()
    hits = sum(view.point_at(p) is not None for p in probes)
    hit_us = (time.perf_counter() - started) * 1e6 / HIT_TESTS

    started = time.perf_counter()
    inside = sum(shape.contains(lon, lat) for lon, lat in coordinates)
    contains_ms = (time.perf_counter() - started) * 1000

    print(
        json.dumps(
            {
                "map_redraw_ms_median": round(statistics.median(redraws), 1),
                "map_redraw_ms_worst": round(max(redraws), 1),
                "points": len(points),
                "hit_test_us": round(hit_us, 1),
                "hit_test_hits": hits,
                "set_points_ms": round(set_points_ms, 1),
                "contains_20000_ms": round(contains_ms, 1),
                "contains_true": inside,
            }
        )
    )


if __name__ == "__main__":
    main()
