"""Child process for the practices and services benchmark: open each list, type into its search
box, redraw the map; print JSON. Run apart so its peak memory is its own.

Usage: lists_probe.py WORKSPACE_FOLDER (a country with practices and services already in it).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication

from focalpoint.app import Application
from focalpoint.i18n import set_language
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.tasks import TaskRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))
from memory import peak_mb

RUNS = 5
# What a search box holds after each keystroke of someone typing two words, then clearing it.
TYPING = ("p", "pr", "pro", "prot", "prote", "protec", "protecc", "protecci", "proteccion n", "")


def timed(qt_app: QApplication, action) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    action()
    qt_app.processEvents()  # lay out and paint what changed
    return (time.perf_counter() - started) * 1000


def until_read(qt_app: QApplication, view) -> None:  # type: ignore[no-untyped-def]
    """Let the window wait, as it does for a user, until the list's rows are on show."""
    if view._loader.busy:
        loop = QEventLoop()
        view.loaded.connect(loop.quit)
        loop.exec()  # waits in Qt, leaving the reading thread the interpreter
        view.loaded.disconnect(loop.quit)
    qt_app.processEvents()


def typing(qt_app: QApplication, box) -> list[float]:  # type: ignore[no-untyped-def]
    return [timed(qt_app, lambda t=text: box.setText(t)) for text in TYPING]


def main() -> None:
    folder = Path(sys.argv[1])
    qt_app = QApplication.instance() or QApplication([])
    set_language("es")
    ws = Workspace.open(folder)
    practices_count = len(ws.practices.summaries())
    services_count = len(ws.directory.summaries())
    tasks = TaskRunner()  # the real one: lists are read on its threads
    app = Application(ws, tasks)
    window = app.show()
    window.resize(1280, 800)
    while not window.workbench.model.rowCount():  # the plan is on show
        qt_app.processEvents()
    qt_app.processEvents()
    # First visit of each tab: the view is built and shown at once ("open"); its rows are read
    # in the background and on show a little later ("filled").
    opened, filled = {}, {}
    for name, index in (("practices", 1), ("services", 2)):
        started = time.perf_counter()
        window.tabs.setCurrentIndex(index)
        qt_app.processEvents()
        opened[name] = (time.perf_counter() - started) * 1000
        until_read(qt_app, window.tabs.currentWidget())
        filled[name] = (time.perf_counter() - started) * 1000
    practices_open, services_open = opened["practices"], opened["services"]
    # Re-reading each list (after an edit or an import) until it is painted again.
    practice_reloads, service_reloads = [], []
    for _ in range(RUNS):
        window.tabs.setCurrentIndex(1)
        practice_reloads.append(
            timed(qt_app, lambda: (window.practices.reload(), until_read(qt_app, window.practices)))
        )
        window.tabs.setCurrentIndex(2)
        service_reloads.append(
            timed(qt_app, lambda: (window.services.reload(), until_read(qt_app, window.services)))
        )
    window.tabs.setCurrentIndex(1)
    practice_keys = typing(qt_app, window.practices.search)
    window.tabs.setCurrentIndex(2)
    service_keys = typing(qt_app, window.services.search)
    map_view = window.services.map
    redraws = []
    for n in range(RUNS * 2):  # zoom in and out about the centre: every point moves
        factor = 1.25 if n % 2 == 0 else 0.8
        redraws.append(timed(qt_app, lambda f=factor: (map_view.zoom_by(f), map_view.repaint())))
    window.close()
    tasks.wait()
    ws.close()
    print(
        json.dumps(
            {
                "practices": practices_count,
                "services": services_count,
                "practices_tab_first_open_ms": round(practices_open, 1),
                "services_tab_first_open_ms": round(services_open, 1),
                "practices_list_first_filled_ms": round(filled["practices"], 1),
                "services_list_first_filled_ms": round(filled["services"], 1),
                "practices_list_reload_ms": round(statistics.median(practice_reloads), 1),
                "services_list_reload_ms": round(statistics.median(service_reloads), 1),
                "practices_filter_ms_median": round(statistics.median(practice_keys), 1),
                "practices_filter_ms_max": round(max(practice_keys), 1),
                "services_filter_ms_median": round(statistics.median(service_keys), 1),
                "services_filter_ms_max": round(max(service_keys), 1),
                "map_redraw_ms_median": round(statistics.median(redraws), 1),
                "map_redraw_ms_max": round(max(redraws), 1),
                "peak_rss_mb": peak_mb(),
            }
        )
    )


if __name__ == "__main__":
    main()
