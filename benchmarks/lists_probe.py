"""Child process for the practices and services benchmark: open each list, type into its search
box, sort it by each column and type again, redraw the map; print JSON. Run apart so its peak
memory is its own.

Usage: lists_probe.py WORKSPACE_FOLDER (a country with practices and services already in it).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

from focalpoint.app import Application
from focalpoint.domain.directory import ServiceFilter
from focalpoint.domain.practices import PracticeFilter
from focalpoint.i18n import set_language
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.tasks import TaskRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))
from memory import peak_mb

RUNS = 5
# What a search box holds after each keystroke of someone typing two words, then clearing it.
TYPING = ("p", "pr", "pro", "prot", "prote", "protec", "protecc", "protecci", "proteccion n", "")
# While sorted by these columns (services: type; practices: state), typing is measured again.
SORTED_TYPING_COLUMN = {"services": 2, "practices": 1}


def timed(qt_app: QApplication, action) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    action()
    qt_app.processEvents()  # lay out and paint what changed
    return (time.perf_counter() - started) * 1000


def typing(qt_app: QApplication, box) -> list[float]:  # type: ignore[no-untyped-def]
    return [timed(qt_app, lambda t=text: box.setText(t)) for text in TYPING]


def sorting(qt_app: QApplication, view) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Click each column's header, then click it again (descending), as a user sorts."""
    header = view.table.horizontalHeader()
    times = {}
    for column in range(view.model.columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            descending = order == Qt.SortOrder.DescendingOrder
            name = f"{view.model.ORDERS[column]}_{'desc' if descending else 'asc'}"
            times[name] = timed(qt_app, lambda c=column, o=order: header.setSortIndicator(c, o))
    return times


def settle(qt_app: QApplication, tasks: TaskRunner) -> None:
    """Let the map's background reads end (and their results arrive) before the next figure:
    each figure is then the list's own."""
    tasks.wait()
    qt_app.processEvents()


def map_follow(qt_app: QApplication, services) -> float:  # type: ignore[no-untyped-def]
    """From a new filter to the map drawn with it (read in the background)."""
    loop = QEventLoop()
    page = services.map_page
    started = time.perf_counter()
    page.unplaced_counted.connect(loop.quit)
    QTimer.singleShot(60_000, loop.quit)
    page.show_filter(ServiceFilter(text="proteccion"))
    loop.exec()
    page.unplaced_counted.disconnect(loop.quit)
    services.map.repaint()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    folder = Path(sys.argv[1])
    qt_app = QApplication.instance() or QApplication([])
    set_language("es")
    ws = Workspace.open(folder)
    practices_count = ws.practices.count(PracticeFilter())
    services_count = ws.directory.count(ServiceFilter())
    tasks = TaskRunner()  # the real one: the map is read on its threads
    tasks.after_each = ws.db.release_thread
    app = Application(ws, tasks)
    window = app.show()
    window.resize(1280, 800)
    while not window.workbench.model.rowCount():  # the plan is on show
        qt_app.processEvents()
    settle(qt_app, tasks)  # a person looks at the plan before opening another tab
    # First visit of each tab: the view is built and shown with its first page of rows: "open"
    # and "filled" are the same moment now (both kept, as earlier runs reported both).
    opened = {}
    for name, index in (("practices", 1), ("services", 2)):
        opened[name] = timed(qt_app, lambda i=index: window.tabs.setCurrentIndex(i))
    settle(qt_app, tasks)
    # Reading each list again (after an edit or an import) until it is painted again.
    practice_reloads, service_reloads = [], []
    for _ in range(RUNS):
        window.tabs.setCurrentIndex(1)
        practice_reloads.append(timed(qt_app, window.practices.reload))
        window.tabs.setCurrentIndex(2)
        service_reloads.append(timed(qt_app, window.services.reload))
    settle(qt_app, tasks)
    window.tabs.setCurrentIndex(1)
    practice_keys = typing(qt_app, window.practices.search)
    practice_sorts = sorting(qt_app, window.practices)
    window.practices.table.horizontalHeader().setSortIndicator(
        SORTED_TYPING_COLUMN["practices"], Qt.SortOrder.AscendingOrder
    )
    practice_sorted_keys = typing(qt_app, window.practices.search)
    window.tabs.setCurrentIndex(2)
    settle(qt_app, tasks)
    service_keys = typing(qt_app, window.services.search)
    settle(qt_app, tasks)
    service_sorts = sorting(qt_app, window.services)
    window.services.table.horizontalHeader().setSortIndicator(
        SORTED_TYPING_COLUMN["services"], Qt.SortOrder.AscendingOrder
    )
    settle(qt_app, tasks)
    service_sorted_keys = typing(qt_app, window.services.search)
    settle(qt_app, tasks)
    table = window.services.table
    scroll_end = timed(qt_app, lambda: table.scrollToBottom())
    map_updates = [map_follow(qt_app, window.services) for _ in range(3)]
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
                "practices_tab_first_open_ms": round(opened["practices"], 1),
                "services_tab_first_open_ms": round(opened["services"], 1),
                "practices_list_first_filled_ms": round(opened["practices"], 1),
                "services_list_first_filled_ms": round(opened["services"], 1),
                "practices_list_reload_ms": round(statistics.median(practice_reloads), 1),
                "services_list_reload_ms": round(statistics.median(service_reloads), 1),
                "practices_filter_ms_median": round(statistics.median(practice_keys), 1),
                "practices_filter_ms_max": round(max(practice_keys), 1),
                "services_filter_ms_median": round(statistics.median(service_keys), 1),
                "services_filter_ms_max": round(max(service_keys), 1),
                "practices_sort_ms": {k: round(v, 1) for k, v in practice_sorts.items()},
                "services_sort_ms": {k: round(v, 1) for k, v in service_sorts.items()},
                "practices_sort_ms_max": round(max(practice_sorts.values()), 1),
                "services_sort_ms_max": round(max(service_sorts.values()), 1),
                "practices_sorted_filter_ms_median": round(
                    statistics.median(practice_sorted_keys), 1
                ),
                "practices_sorted_filter_ms_max": round(max(practice_sorted_keys), 1),
                "services_sorted_filter_ms_median": round(
                    statistics.median(service_sorted_keys), 1
                ),
                "services_sorted_filter_ms_max": round(max(service_sorted_keys), 1),
                "services_scroll_to_end_ms": round(scroll_end, 1),
                "map_follows_filter_ms_median": round(statistics.median(map_updates), 1),
                "map_redraw_ms_median": round(statistics.median(redraws), 1),
                "map_redraw_ms_max": round(max(redraws), 1),
                "map_points_drawn": len(map_view._points),
                "peak_rss_mb": peak_mb(),
            }
        )
    )


if __name__ == "__main__":
    main()
