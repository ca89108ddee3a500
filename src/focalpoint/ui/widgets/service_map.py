"""A map of services: a country (or the region) with the services a list's filter leaves, the
member countries around it, and its legend (each type's marker: a colour and a shape). The
country's services tab and the Secretariat's regional services tab show it, each over its own
:class:`MapSource`.

The page asks the directory for what to draw in the background, so typing and scrolling never
wait for it. Up to 25,000 placed services it draws every one, as it always did, and asks once
per filter; beyond, it draws one point per few pixels (the one on top, standing for the others
there) and asks again for what is in view when the map is zoomed or moved. A click on a point
that stands for several offers them by name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QCursor, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QMenu, QScrollArea, QVBoxLayout, QWidget

from focalpoint.domain.directory import MapMark
from focalpoint.domain.geography import CountryShape
from focalpoint.domain.palette import type_colour, type_marker
from focalpoint.i18n import _, current_language, ngettext
from focalpoint.services.common import geography
from focalpoint.services.common.vocabularies import vocabularies
from focalpoint.ui.feedback import show_error
from focalpoint.ui.tasks import LatestTask, TaskRunner
from focalpoint.ui.widgets.flow_layout import FlowLayout
from focalpoint.ui.widgets.map_projection import MapPoint
from focalpoint.ui.widgets.map_scene import STAMP_PX, make_stamp
from focalpoint.ui.widgets.map_view import MapView

WORLD = (-180.0, -90.0, 180.0, 90.0)
# A point per this many pixels when the map is crowded: stamps are 7 px wide, so points closer
# than this were hidden under each other anyway. 200,000 services become ~20,000 points.
CELL_PX = 3
# After a zoom or a move, what is in view is asked for once the map rests this long.
FOLLOWS_MOVES_MS = 200
# How many services a crowded point offers by name when clicked.
CHOICES = 15


def type_colours() -> dict[str, QColor]:
    codes = vocabularies().service_type.codes
    return {code: QColor(type_colour(code, codes)) for code in codes}


def type_markers() -> dict[str, tuple[str, bool]]:
    codes = vocabularies().service_type.codes
    return {code: type_marker(code, codes) for code in codes}


def legend_entries(language: str) -> list[str]:
    """Each service type's marker, as the map draws it, and its name (rich text)."""
    return [entry for _code, entry in _legend_entries(language)]


def _legend_entries(language: str) -> list[tuple[str, str]]:
    colours, markers = type_colours(), type_markers()
    ratio = 2.0  # sharp on a high-density screen, shown at the map's own size
    entries = []
    for term in vocabularies().service_type.terms:
        if term.code not in colours:
            continue
        stamp = make_stamp(colours[term.code], ratio, *markers[term.code])
        entries.append(
            (
                term.code,
                f'<img src="{_png_uri(stamp)}" width="{STAMP_PX}" height="{STAMP_PX}"'
                f' align="middle">&nbsp;{escape(term.label(language))}',
            )
        )
    return entries


class Legend(QWidget):
    """One label per type, flowing in rows (a marker is never parted from its name at the end
    of a row). Only the types of the services shown are listed: thirteen entries at large text
    took more room than the map."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.setAccessibleName(_("Legend"))
        self._flow = flow = FlowLayout(self)
        flow.setContentsMargins(2, 2, 2, 2)
        self._labels: dict[str, QLabel] = {}
        for code, entry in _legend_entries(language):
            label = QLabel(entry)
            self._labels[code] = label
            flow.addWidget(label)

    def show_types(self, codes: set[str]) -> None:
        for code, label in self._labels.items():
            label.setVisible(code in codes)
        self._flow.invalidate()
        self._claim_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._claim_height()

    def _claim_height(self) -> None:
        """Take the rows this width needs. The scroll area around the legend shows them all when
        there is room and at least three rows otherwise, scrolling the rest: a box layout does
        not ask a child's layout, and the last rows were drawn over the map or cut."""
        needed = self._flow.heightForWidth(max(1, self.width()))
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)
        viewport = self.parentWidget()
        area = viewport.parentWidget() if viewport is not None else None
        if isinstance(area, QScrollArea):
            rows = max((label.sizeHint().height() for label in self._labels.values()), default=0)
            area.setMinimumHeight(min(needed, 3 * rows + 8))
            area.setMaximumHeight(needed)


def legend_area(box: Legend) -> QScrollArea:
    """The legend in a frameless area that scrolls it when the window is short."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(box)
    return area


def _png_uri(pixmap: QPixmap) -> str:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.save(buffer, "PNG")
    return "data:image/png;base64," + bytes(data.toBase64().data()).decode("ascii")


class Placed(Protocol):
    """A service as the map selects it."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def organisation(self) -> str: ...
    @property
    def latitude(self) -> float | None: ...
    @property
    def longitude(self) -> float | None: ...


class MapSource(Protocol):
    """What the map asks of a directory, under a list's filter (read in the background)."""

    def map_marks(
        self, wanted: Any, window: tuple[float, float, float, float], cell: tuple[float, float]
    ) -> tuple[list[MapMark], bool]: ...
    def unplaced_count(self, wanted: Any) -> int: ...
    def near(
        self, wanted: Any, window: tuple[float, float, float, float], limit: int
    ) -> tuple[Sequence[Placed], int]: ...


class ServiceMap(QWidget):
    """The map (``map``), the colour of each service type, and how to zoom and move.

    ``describe`` gives a service's tooltip from its id ("" when it is gone).
    """

    service_chosen = Signal(str)  # a click on its point
    service_opened = Signal(str)  # a double click, or Enter
    unplaced_counted = Signal(int)  # how many of the filter's services have no coordinates

    def __init__(
        self,
        source: MapSource,
        tasks: TaskRunner,
        shape: CountryShape | None,
        describe: Callable[[str], str],
        parent: QWidget | None = None,
        hint: str = "",
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._describe_service = describe
        self._task = LatestTask(tasks)
        self._filter: Any = None
        self._complete = False  # every placed service of the filter is drawn
        self._points: dict[str, MapPoint] = {}
        self._cells = (WORLD, (1.0, 1.0))  # the window and cell size of the last crowded map
        self._follow = QTimer(self)
        self._follow.setSingleShot(True)
        self._follow.setInterval(FOLLOWS_MOVES_MS)
        self._follow.timeout.connect(lambda: self._ask(whole=False))

        self.map = MapView()
        self.map.set_palette(type_colours())
        self.map.set_markers(type_markers())
        self.map.set_shape(shape)
        if shape is not None:
            self._draw_surroundings(tasks, shape.country)
        self.map.describe = self._describe
        self.map.point_chosen.connect(self.service_chosen)
        self.map.point_activated.connect(self.service_opened)
        self.map.group_activated.connect(self._choose_at_cursor)
        self.map.moved.connect(self._moved)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.map, 1)
        self.legend = Legend(current_language())
        how = QLabel(hint or _("Wheel or +/− to zoom, drag to move, 0 to see the whole country."))
        how.setStyleSheet("color: #666;")
        how.setWordWrap(True)  # on a narrow screen it takes two lines, not the window's width
        layout.addWidget(legend_area(self.legend))
        layout.addWidget(how)

    def _draw_surroundings(self, tasks: TaskRunner, country: str) -> None:
        """Read the member countries around ``country`` in the background (Mexico and the United
        States are 0.1 s of shapes), then draw them as land around it."""

        def work() -> list[CountryShape]:
            shapes = geography.surroundings(country)
            for shape in shapes:  # prepared here: the names are placed with these questions
                shape.contains(*shape.label_point, tolerance_deg=0.0)
            return shapes

        def arrived(shapes: list[CountryShape]) -> None:
            if shiboken6.isValid(self.map):  # the window may have closed meanwhile
                self.map.set_neighbours(shapes)

        tasks.run(work, arrived, lambda error: show_error(self, error))

    def show_filter(self, wanted: Any) -> None:
        """Draw the services ``wanted`` leaves (read in the background)."""
        self._filter = wanted
        self._complete = False
        self._ask(whole=True)

    def select(self, service: Placed | None) -> None:
        """Ring the service chosen in the list (a deleted one has no place on the map)."""
        place = None
        deleted = getattr(service, "deleted", False)
        if service is not None and service.longitude is not None and not deleted:
            place = (service.longitude, service.latitude or 0.0)
        self.map.select(service.id if service else None, place)

    def close_work(self) -> None:
        self._task.close()

    # -- asking for what to draw ---------------------------------------------------------------
    def _moved(self) -> None:
        if self._filter is not None and not self._complete:
            self._follow.start()

    def _ask(self, whole: bool) -> None:
        """Ask for the filter's points: everywhere when the filter changed (and its count of
        services without coordinates), else what is in view with half a view around it."""
        wanted = self._filter
        if wanted is None:
            return
        window = WORLD if whole else self.map.visible_window(margin=0.5)
        west, south, east, north = window
        if west < -180 or east > 180:  # across the date line (Alaska): every longitude
            window = (-180.0, south, 180.0, north)
        width, height = self.map.degrees_per_pixel()
        cell = (width * CELL_PX, height * CELL_PX)
        directory = self._source

        def work(_context: object) -> tuple[list[MapPoint], bool, int | None]:
            # The points are made here too: 18,000 of them took 40 ms of the window's time.
            marks, complete = directory.map_marks(wanted, window, cell)
            points = [
                MapPoint(m.id, m.longitude, m.latitude, m.service_type, m.label, m.stands_for)
                for m in marks
            ]
            return points, complete, directory.unplaced_count(wanted) if whole else None

        def arrived(result: tuple[list[MapPoint], bool, int | None]) -> None:
            points, complete, unplaced = result
            self._complete = complete
            self._cells = (window, cell)
            self._points = {p.key: p for p in points}
            self.map.set_points(points)
            if whole:  # the types the filter leaves (not only those in view: it would jump)
                self.legend.show_types({p.kind for p in points})
            if unplaced is not None:
                self.unplaced_counted.emit(unplaced)

        self._task.start(work, arrived, lambda error: show_error(self, error))

    def _describe(self, point: MapPoint) -> str:
        if point.stands_for > 1:
            return ngettext(
                "{n} service here: click to choose one, or zoom in.",
                "{n} services here: click to choose one, or zoom in.",
                point.stands_for,
            ).format(n=point.stands_for)
        return self._describe_service(point.key)

    # -- a point that stands for several ---------------------------------------------------------
    def chooser(self, key: str) -> QMenu | None:
        """A menu of the services a crowded point stands for, by name (None if it is gone)."""
        point = self._points.get(key)
        if point is None or self._filter is None:
            return None
        (west, south, _east, _north), (width, height) = self._cells
        column = int((point.lon - west) // width)
        row = int((point.lat - south) // height)
        left, bottom = west + column * width, south + row * height
        box = (left, bottom, left + width, bottom + height)
        services, total = self._source.near(self._filter, box, CHOICES)
        menu = QMenu(self)
        for service in services:
            action = menu.addAction(f"{service.name} — {service.organisation}")
            action.triggered.connect(lambda _c=False, i=service.id: self.service_opened.emit(i))
        if total > len(services):
            more = menu.addAction(
                ngettext(
                    "…and {n} more: zoom in to see it.",
                    "…and {n} more: zoom in to see them.",
                    total - len(services),
                ).format(n=total - len(services))
            )
            more.setEnabled(False)
        return menu

    def _choose_at_cursor(self, key: str) -> None:
        menu = self.chooser(key)
        if menu is not None:
            menu.exec(QCursor.pos() if self.map.underMouse() else self.map.mapToGlobal(QPoint()))
