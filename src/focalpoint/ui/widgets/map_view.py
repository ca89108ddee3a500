"""A country map with points on it: the services of the directory, coloured and shaped by type.

Drawn with QPainter from the bundled shapes (no tiles, no network): the country, the member
countries around it as muted land, the names of places (``map_labels``), then the points. Where
things fall is plain arithmetic in ``map_projection``, what is drawn is in ``map_scene``; this
widget paints and turns the mouse and keys into moves.

Speed, for 20,000 points: the country and the points are rendered once into a cached pixmap
for the current view, and only the selection ring is drawn on top of it; each point is one
``drawPixmap`` of a stamp of its kind, at integer positions computed once per zoom level
(anti-aliased ``drawPoints`` with a wide pen was four times slower). Hit testing uses a bucket
grid with cells the size of the hit radius, so a click looks at nine cells. A crowded map is
given fewer points, each standing for those within a few pixels of it (``stands_for``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPixmap,
    QPolygonF,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

from focalpoint.domain.geography import CountryShape, Polygon
from focalpoint.domain.palette import UNKNOWN_TYPE_COLOUR, UNKNOWN_TYPE_MARKER
from focalpoint.i18n import _, current_language
from focalpoint.ui.widgets import map_labels
from focalpoint.ui.widgets.map_labels import Place, PlacedLabel, Tier
from focalpoint.ui.widgets.map_projection import MapFrame, MapPoint, MapXY, ScaledPoints, Size
from focalpoint.ui.widgets.map_scene import (
    LAND,
    NEIGHBOUR_LAND,
    OUTLINE,
    SEA,
    STAMP_HALF,
    make_label,
    make_stamp,
    paint_country,
    paint_labels,
    paint_neighbours,
    paint_ring,
)

__all__ = ["LAND", "NEIGHBOUR_LAND", "OUTLINE", "SEA", "MapView"]

Marker = tuple[str, bool]  # a shape (map_scene.marker_path) and whether its centre is white

WHEEL_STEP = 1.25  # zoom factor per wheel notch and per + / - key
DRAG_THRESHOLD_PX = 4  # a press that moves less than this is a click, not a drag


class MapView(QWidget):
    """A country, its subdivisions and points; wheel or +/- to zoom, drag or arrows to pan,
    0 to fit the country again. A click on a point chooses it (:attr:`point_chosen`), as a
    click on a row of a list does; a double click, or Enter once chosen, opens it
    (:attr:`point_activated`). A click on a point that stands for several emits
    :attr:`group_activated`."""

    point_chosen = Signal(str)
    point_activated = Signal(str)
    group_activated = Signal(str)
    moved = Signal()  # zoomed, panned or resized: what is in view changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Map of services"))
        self.setAccessibleDescription(
            _("Wheel or + and - to zoom, drag or arrow keys to move, 0 to see the whole country.")
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(200, 150)

        self._frame = MapFrame()
        self._outline_path = QPainterPath()
        self._border_path = QPainterPath()
        self._lake_path = QPainterPath()
        self._neighbours: list[CountryShape] = []
        self._neighbour_path = QPainterPath()
        self._neighbour_lake_path = QPainterPath()
        self._places: list[Place] = []
        self._labels: list[PlacedLabel] = []  # the names in the current view
        self._label_fonts: dict[Tier, QFont] = {}
        self._label_stamps: dict[tuple[str, Tier, float], QPixmap] = {}
        self._points: list[MapPoint] = []
        self._xy: list[MapXY] = []  # each point in map units
        self._index: dict[str, int] = {}
        self._palette: dict[str, QColor] = {}
        self._markers: dict[str, Marker] = {}
        self._selected: str | None = None
        self._selected_xy: MapXY | None = None  # where the selected place is, in map units
        # The tooltip of a point without a label (asked only when the mouse rests on it).
        self.describe: Callable[[MapPoint], str] | None = None

        self._scene: QPixmap | None = None  # country + points for the current view
        # Point positions for the current zoom, each with its stamp.
        self._scaled: ScaledPoints[QPixmap] | None = None
        self._stamps: dict[tuple[int, str, bool], QPixmap] = {}
        self._press: QPointF | None = None
        self._dragging = False
        self._chosen: str | None = None  # the point a click chose, which Enter opens

    # --- what is shown ----------------------------------------------------------------------

    def set_shape(
        self, shape: CountryShape | None, neighbours: Sequence[CountryShape] = ()
    ) -> None:
        """Show ``shape``, with ``neighbours`` drawn around it as other land."""
        self._frame.set_shape(shape)
        self._outline_path = QPainterPath()
        self._border_path = QPainterPath()
        self._lake_path = QPainterPath()
        if shape is not None:
            self._outline_path = self._path(shape.outline)
            self._border_path = self._path(p for ps in shape.subdivisions.values() for p in ps)
            self._lake_path = self._path(shape.lakes)
        self._project_points()
        self._scaled = None  # the points moved with the projection
        self._set_neighbours(neighbours)
        self.reset_view()

    def set_neighbours(self, neighbours: Sequence[CountryShape]) -> None:
        """Draw ``neighbours`` around the country as other land, with their names."""
        self._set_neighbours(neighbours)
        self._invalidate()

    def _set_neighbours(self, neighbours: Sequence[CountryShape]) -> None:
        shape = self._frame.shape
        self._neighbours = [n for n in neighbours if shape is None or n.country != shape.country]
        self._neighbour_path = self._path(p for n in self._neighbours for p in n.outline)
        self._neighbour_lake_path = self._path(p for n in self._neighbours for p in n.lakes)
        self._places = []
        if shape is not None:
            self._places = map_labels.places(shape, self._neighbours, current_language())

    def place_labels(self) -> list[tuple[str, QRectF]]:
        """The names written in the current view, each with its box in widget pixels."""
        if self._scene is None and self._frame.shape is not None:
            self._lay_out_labels()
        return [(label.text, label.rect) for label in self._labels if label.text]

    def set_points(self, points: Sequence[MapPoint]) -> None:
        self._points = list(points)
        self._index = {p.key: i for i, p in enumerate(self._points)}
        self._project_points()
        if self._selected is not None and self._selected not in self._index:
            self._selected = None  # its ring stays where it was (``select``'s place)
        elif self._selected is not None:
            self._selected_xy = self._xy[self._index[self._selected]]
        self._invalidate(points_too=True)

    def set_palette(self, colours: Mapping[str, QColor]) -> None:
        """Colour of each kind of point; a kind not named here is grey."""
        self._palette = {kind: QColor(colour) for kind, colour in colours.items()}
        self._invalidate(points_too=True)

    def set_markers(self, markers: Mapping[str, Marker]) -> None:
        """Shape of each kind of point, so that colour is not the only cue; a kind not named
        here is a circle."""
        self._markers = dict(markers)
        self._invalidate(points_too=True)

    def select(self, key: str | None, place: tuple[float, float] | None = None) -> None:
        """Ring the point ``key`` (None: no point), and bring it into view if it is out of it.

        ``place`` (longitude, latitude) rings a place whose point is not drawn on its own (it
        shares a mark with others on a crowded map).
        """
        self._selected = key if key in self._index else None
        self._selected_xy = None
        if self._selected is not None:
            self._selected_xy = self._xy[self._index[self._selected]]
        elif key is not None and place is not None:
            self._selected_xy = self._frame.map_xy(*place)
        position = self._selected_position()
        if position is not None and not QRectF(self.rect()).contains(position):
            assert self._selected_xy is not None
            self._frame.center = self._selected_xy
            self._invalidate()
            self.moved.emit()
        self.update()

    def visible_window(self, margin: float = 0.0) -> tuple[float, float, float, float]:
        """What is in view, in degrees (west, south, east, north), widened by ``margin`` of the
        widget's size on every side."""
        return self._frame.window(self._size(), margin)

    def degrees_per_pixel(self) -> tuple[float, float]:
        """How many degrees of longitude and of latitude one pixel spans at this zoom."""
        scale = self._frame.scale(self._size())
        return 1 / (scale * self._frame.kx), 1 / scale

    def _selected_position(self) -> QPointF | None:
        if self._selected_xy is None or self._frame.shape is None:
            return None
        return QPointF(*self._frame.to_widget(self._selected_xy, self._size()))

    def reset_view(self) -> None:
        """Fit the country's default view (its bbox) in the widget."""
        self._frame.reset()
        self._invalidate()
        self.moved.emit()

    def point_position(self, key: str) -> QPointF | None:
        """Where the point ``key`` is drawn, in widget coordinates."""
        index = self._index.get(key)
        if index is None or self._frame.shape is None:
            return None
        return QPointF(*self._frame.to_widget(self._xy[index], self._size()))

    def widget_position(self, lon: float, lat: float) -> QPointF | None:
        """Where the place (``lon``, ``lat``) is drawn, in widget coordinates."""
        shape = self._frame.shape
        if shape is None:
            return None
        xy = self._frame.map_xy(shape.normalize_lon(lon), lat)
        return QPointF(*self._frame.to_widget(xy, self._size()))

    def sizeHint(self) -> QSize:
        return QSize(640, 480)

    # --- projection and navigation ---------------------------------------------------------

    def _size(self) -> Size:
        return self.width(), self.height()

    def _path(self, polygons: Iterable[Polygon]) -> QPainterPath:
        path = QPainterPath()  # odd-even fill: holes stay holes
        map_xy = self._frame.map_xy
        for polygon in polygons:
            for ring in polygon:
                path.addPolygon(QPolygonF([QPointF(*map_xy(x, y)) for x, y in ring]))
                path.closeSubpath()
        return path

    def _project_points(self) -> None:
        self._xy = self._frame.project(self._points)

    def _offset(self) -> QPointF:
        """Widget position of the map origin."""
        size = self._size()
        return QPointF(*self._frame.offset(self._frame.scale(size), size))

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom by ``factor`` keeping the map point under ``anchor`` (default: centre) still."""
        if self._frame.shape is None:
            return
        at = (anchor.x(), anchor.y()) if anchor is not None else None
        self._frame.zoom_by(factor, at, self._size())
        self._invalidate()
        self.moved.emit()

    def pan_by(self, dx: float, dy: float) -> None:
        """Move the map by (dx, dy) pixels."""
        self._frame.pan_by(dx, dy, self._size())
        self._invalidate()
        self.moved.emit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        notches = event.angleDelta().y() / 120
        if notches:
            self.zoom_by(WHEEL_STEP**notches, event.position())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        step_x, step_y = self.width() / 8, self.height() / 8
        moves = {
            Qt.Key.Key_Left: (step_x, 0.0),
            Qt.Key.Key_Right: (-step_x, 0.0),
            Qt.Key.Key_Up: (0.0, step_y),
            Qt.Key.Key_Down: (0.0, -step_y),
        }
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(WHEEL_STEP)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(1 / WHEEL_STEP)
        elif key == Qt.Key.Key_0:
            self.reset_view()
        elif key in moves:
            self.pan_by(*moves[Qt.Key(key)])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._chosen is not None:
            self.point_activated.emit(self._chosen)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position()
            self._dragging = False
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        position = event.position()
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            delta = position - self._press
            if self._dragging or delta.manhattanLength() >= DRAG_THRESHOLD_PX:
                self._dragging = True
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
                self._press = position
                self.pan_by(delta.x(), delta.y())
            return
        over_point = self.point_at(position) is not None
        self.setCursor(
            Qt.CursorShape.PointingHandCursor if over_point else Qt.CursorShape.ArrowCursor
        )

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._press is not None:
            if not self._dragging:
                key = self.point_at(event.position())
                if key is not None and self._points[self._index[key]].stands_for > 1:
                    self.group_activated.emit(key)
                elif key is not None:
                    self._chosen = key
                    self.point_chosen.emit(key)
            self._press = None
            self._dragging = False
            self.unsetCursor()
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        key = self.point_at(event.position())
        alone = key is not None and self._points[self._index[key]].stands_for == 1
        if event.button() == Qt.MouseButton.LeftButton and key is not None and alone:
            self._chosen = key
            self.point_activated.emit(key)
            return
        super().mouseDoubleClickEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            key = self.point_at(QPointF(event.pos()))
            if key is None:
                QToolTip.hideText()
                event.ignore()
            else:
                point = self._points[self._index[key]]
                label = point.label
                if not label and self.describe is not None:
                    label = self.describe(point)
                QToolTip.showText(event.globalPos(), label, self)
            return True
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._invalidate()  # the fit scale changes; zoom and centre are kept
        super().resizeEvent(event)
        self.moved.emit()

    # --- hit testing -----------------------------------------------------------------------

    def point_at(self, position: QPointF) -> str | None:
        """The key of the point nearest ``position`` within the hit radius, if any."""
        if self._frame.shape is None or not self._points:
            return None
        scaled = self._scaled_points()
        offset = self._offset()
        index = scaled.nearest(position.x() - offset.x(), position.y() - offset.y())
        return None if index is None else self._points[index].key

    def _scaled_points(self) -> ScaledPoints[QPixmap]:
        scale = self._frame.scale(self._size())
        if self._scaled is None or self._scaled.scale != scale:
            by_kind = {k: self._stamp(k) for k in {p.kind for p in self._points}}
            stamps = [by_kind[p.kind] for p in self._points]
            self._scaled = ScaledPoints(self._xy, stamps, scale)
        return self._scaled

    # --- painting --------------------------------------------------------------------------

    def _invalidate(self, points_too: bool = False) -> None:
        self._scene = None
        if points_too:
            self._scaled = None
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if self._frame.shape is None:
            self._paint_empty(painter)
            return
        if self._scene is None:
            self._scene = self._render_scene()
        painter.drawPixmap(0, 0, self._scene)
        self._paint_selection(painter)
        painter.end()

    def _paint_empty(self, painter: QPainter) -> None:
        painter.fillRect(self.rect(), self.palette().window())
        painter.setPen(self.palette().color(self.palette().ColorRole.PlaceholderText))
        painter.drawText(
            self.rect().adjusted(24, 24, -24, -24),
            int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
            _("There is no map for this country."),
        )
        painter.end()

    def _render_scene(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        scene = QPixmap(self.size() * ratio)
        scene.setDevicePixelRatio(ratio)
        scene.fill(SEA)
        painter = QPainter(scene)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        offset = self._offset()
        scale = self._frame.scale(self._size())
        paint_neighbours(painter, scale, offset, self._neighbour_path, self._neighbour_lake_path)
        paint_country(
            painter, scale, offset, self._outline_path, self._lake_path, self._border_path
        )
        # The names under the points: a name must never hide a service.
        self._lay_out_labels()
        paint_labels(painter, self._labels, self._label_stamp)
        self._paint_points(painter, offset)
        painter.end()
        return scene

    def _lay_out_labels(self) -> None:
        size = self._size()
        frame = self._frame
        shape = frame.shape

        def to_widget(lon: float, lat: float) -> tuple[float, float]:
            lon = shape.normalize_lon(lon) if shape is not None else lon
            return frame.to_widget(frame.map_xy(lon, lat), size)

        def to_degrees(x: float, y: float) -> tuple[float, float]:
            return frame.to_degrees(frame.to_map(x, y, size))

        fonts = map_labels.fonts(self.font())
        if fonts != self._label_fonts:
            self._label_fonts = fonts
            self._label_stamps = {}
        self._labels = map_labels.lay_out(
            self._places, self._label_fonts, size, to_widget, to_degrees
        )

    def _paint_points(self, painter: QPainter, offset: QPointF) -> None:
        """Points in the order given (later ones on top), so that no kind hides the others.

        One ``drawPixmap(int, int, stamp)`` per point and nothing else in the loop: that
        overload is the cheapest to call from Python, and Qt clips what is off-screen.
        """
        half = STAMP_HALF
        painter.translate(round(offset.x()) - half, round(offset.y()) - half)
        draw = painter.drawPixmap
        scaled = self._scaled_points()
        for x, y, stamp in zip(scaled.xs, scaled.ys, scaled.marks, strict=True):
            draw(x, y, stamp)
        painter.resetTransform()

    def _paint_selection(self, painter: QPainter) -> None:
        """The selected point again, on top of any that hide it, inside a dark ring."""
        position = self._selected_position()
        if position is None:
            return
        if self._selected is not None:
            index = self._index[self._selected]
            scaled, offset = self._scaled_points(), self._offset()
            half = STAMP_HALF  # where _paint_points put it, to the pixel
            painter.drawPixmap(
                scaled.xs[index] + round(offset.x()) - half,
                scaled.ys[index] + round(offset.y()) - half,
                self._stamp(self._points[index].kind),
            )
        paint_ring(painter, position)

    def _colour(self, kind: str) -> QColor:
        return self._palette.get(kind) or QColor(UNKNOWN_TYPE_COLOUR)

    def _label_stamp(self, label: PlacedLabel) -> QPixmap:
        key = (label.text, label.tier, self.devicePixelRatioF())
        stamp = self._label_stamps.get(key)
        if stamp is None:
            font = self._label_fonts[label.tier]
            stamp = self._label_stamps[key] = make_label(label.text, font, label.tier, key[2])
        return stamp

    def _stamp(self, kind: str) -> QPixmap:
        ratio = self.devicePixelRatioF()
        colour = self._colour(kind)
        shape, hollow = self._markers.get(kind, UNKNOWN_TYPE_MARKER)
        key = (colour.rgba(), shape, hollow)
        stamp = self._stamps.get(key)
        if stamp is None or stamp.devicePixelRatio() != ratio:
            stamp = self._stamps[key] = make_stamp(colour, ratio, shape, hollow)
        return stamp
