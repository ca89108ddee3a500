"""A country map with points on it: the services of the directory, coloured by type.

Drawn with QPainter from the bundled shapes (no tiles, no network). Where things fall (the
projection, zoom and pan, which point is under the cursor) is plain arithmetic in
``map_projection``; this widget paints and turns the mouse and keys into moves.

Speed, for 20,000 points: the country and the points are rendered once into a cached pixmap
for the current view, and only the selection ring and hover are drawn on top of it; the
country is a QPainterPath in map units drawn through the painter's transform (Qt projects
the vertices, not Python); each point is one ``drawPixmap`` of a pre-rendered anti-aliased
stamp of its colour, at integer positions computed once per zoom level (anti-aliased
``drawPoints`` with a wide pen was four times slower). Hit testing uses a bucket grid of
the same positions with cells the size of the hit radius, so a click looks at nine cells.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QPolygonF,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

from focalpoint.domain.geography import CountryShape, Polygon
from focalpoint.domain.palette import UNKNOWN_TYPE_COLOUR
from focalpoint.i18n import _
from focalpoint.ui.widgets.map_projection import MapFrame, MapPoint, MapXY, ScaledPoints, Size

SEA = QColor("#e8f0f7")  # and lakes
LAND = QColor("#f8f6ef")
OUTLINE = QColor("#5b6675")
BORDER = QColor("#b4bcc7")  # subdivision boundaries
SELECTED_RING = QColor("#1b1f24")
HALO = QColor(255, 255, 255, 230)

POINT_DIAMETER_PX = 7
WHEEL_STEP = 1.25  # zoom factor per wheel notch and per + / - key
DRAG_THRESHOLD_PX = 4  # a press that moves less than this is a click, not a drag


class MapView(QWidget):
    """A country, its subdivisions and points; wheel or +/- to zoom, drag or arrows to pan,
    0 to fit the country again; a click on a point emits :attr:`point_activated`."""

    point_activated = Signal(str)

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
        self._points: list[MapPoint] = []
        self._xy: list[MapXY] = []  # each point in map units
        self._index: dict[str, int] = {}
        self._palette: dict[str, QColor] = {}
        self._selected: str | None = None

        self._scene: QPixmap | None = None  # country + points for the current view
        # Point positions for the current zoom, each with its stamp.
        self._scaled: ScaledPoints[QPixmap] | None = None
        self._stamps: dict[int, QPixmap] = {}
        self._press: QPointF | None = None
        self._dragging = False

    # --- what is shown ----------------------------------------------------------------------

    def set_shape(self, shape: CountryShape | None) -> None:
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
        self.reset_view()

    def set_points(self, points: Sequence[MapPoint]) -> None:
        self._points = list(points)
        self._index = {p.key: i for i, p in enumerate(self._points)}
        self._project_points()
        self._invalidate(points_too=True)

    def set_palette(self, colours: Mapping[str, QColor]) -> None:
        """Colour of each kind of point; a kind not named here is grey."""
        self._palette = {kind: QColor(colour) for kind, colour in colours.items()}
        self._invalidate(points_too=True)

    def select(self, key: str | None) -> None:
        """Ring the point ``key`` (None: no point), and bring it into view if it is out of it."""
        self._selected = key if key in self._index else None
        position = self.point_position(key) if key else None
        if position is not None and not QRectF(self.rect()).contains(position):
            self._frame.center = self._xy[self._index[key or ""]]
            self._invalidate()
        self.update()

    def reset_view(self) -> None:
        """Fit the country's default view (its bbox) in the widget."""
        self._frame.reset()
        self._invalidate()

    def point_position(self, key: str) -> QPointF | None:
        """Where the point ``key`` is drawn, in widget coordinates."""
        index = self._index.get(key)
        if index is None or self._frame.shape is None:
            return None
        return QPointF(*self._frame.to_widget(self._xy[index], self._size()))

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

    def pan_by(self, dx: float, dy: float) -> None:
        """Move the map by (dx, dy) pixels."""
        self._frame.pan_by(dx, dy, self._size())
        self._invalidate()

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
                if key is not None:
                    self.point_activated.emit(key)
            self._press = None
            self._dragging = False
            self.unsetCursor()
        super().mouseReleaseEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            key = self.point_at(QPointF(event.pos()))
            if key is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self._points[self._index[key]].label, self)
            return True
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._invalidate()  # the fit scale changes; zoom and centre are kept
        super().resizeEvent(event)

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
            by_kind = {k: self._stamp(self._colour(k)) for k in {p.kind for p in self._points}}
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
        scale = self._frame.scale(self._size())
        offset = self._offset()
        painter.setTransform(QTransform(scale, 0, 0, scale, offset.x(), offset.y()))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(LAND)
        painter.drawPath(self._outline_path)
        painter.setBrush(SEA)
        painter.drawPath(self._lake_path)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        # Borders over the lakes too: they say whose water it is (Michigan's, Ontario's).
        painter.setPen(_cosmetic(BORDER))
        painter.drawPath(self._border_path)
        painter.setPen(_cosmetic(OUTLINE))
        painter.drawPath(self._outline_path)
        painter.drawPath(self._lake_path)
        painter.resetTransform()
        self._paint_points(painter, offset)
        painter.end()
        return scene

    def _paint_points(self, painter: QPainter, offset: QPointF) -> None:
        """Points in the order given (later ones on top), so that no kind hides the others.

        One ``drawPixmap(int, int, stamp)`` per point and nothing else in the loop: that
        overload is the cheapest to call from Python, and Qt clips what is off-screen.
        """
        half = POINT_DIAMETER_PX // 2 + 1  # the stamp has a 1 px white edge
        painter.translate(round(offset.x()) - half, round(offset.y()) - half)
        draw = painter.drawPixmap
        scaled = self._scaled_points()
        for x, y, stamp in zip(scaled.xs, scaled.ys, scaled.marks, strict=True):
            draw(x, y, stamp)
        painter.resetTransform()

    def _paint_selection(self, painter: QPainter) -> None:
        """The selected point again, on top of any that hide it, inside a dark ring."""
        position = self.point_position(self._selected) if self._selected else None
        if position is None or self._selected is None:
            return
        index = self._index[self._selected]
        scaled, offset = self._scaled_points(), self._offset()
        half = POINT_DIAMETER_PX // 2 + 1  # where _paint_points put it, to the pixel
        painter.drawPixmap(
            scaled.xs[index] + round(offset.x()) - half,
            scaled.ys[index] + round(offset.y()) - half,
            self._stamp(self._colour(self._points[index].kind)),
        )
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = POINT_DIAMETER_PX / 2 + 4
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(HALO, 4))
        painter.drawEllipse(position, radius, radius)
        painter.setPen(QPen(SELECTED_RING, 2))
        painter.drawEllipse(position, radius, radius)

    def _colour(self, kind: str) -> QColor:
        return self._palette.get(kind) or QColor(UNKNOWN_TYPE_COLOUR)

    def _stamp(self, colour: QColor) -> QPixmap:
        """A filled, anti-aliased circle with a thin white edge (so that points apart on a
        crowded map, and on the outline, stay distinct), drawn once per colour."""
        ratio = self.devicePixelRatioF()
        key = colour.rgba()
        stamp = self._stamps.get(key)
        if stamp is None or stamp.devicePixelRatio() != ratio:
            side = POINT_DIAMETER_PX + 2
            stamp = QPixmap(QSize(side, side) * ratio)
            stamp.setDevicePixelRatio(ratio)
            stamp.fill(Qt.GlobalColor.transparent)
            painter = QPainter(stamp)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(HALO, 1))
            painter.setBrush(colour)
            painter.drawEllipse(QRectF(0.5, 0.5, side - 1, side - 1))
            painter.end()
            self._stamps[key] = stamp
        return stamp


def _cosmetic(colour: QColor) -> QPen:
    """A one-pixel line whatever the zoom. Exactly one: Qt strokes a cosmetic 1 px pen on a
    fast path, and any other width took 40-70 ms on Mexico's borders instead of 1 ms."""
    pen = QPen(colour, 1)
    pen.setCosmetic(True)
    return pen
