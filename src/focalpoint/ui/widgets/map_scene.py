"""What the map draws, apart from where: the country's colours and lines, the point stamps and
the selection ring (the widget, ``map_view``, decides where and when)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap, QTransform

SEA = QColor("#e8f0f7")  # and lakes
LAND = QColor("#f8f6ef")
OUTLINE = QColor("#5b6675")
BORDER = QColor("#b4bcc7")  # subdivision boundaries
SELECTED_RING = QColor("#1b1f24")
HALO = QColor(255, 255, 255, 230)

POINT_DIAMETER_PX = 7


def paint_country(
    painter: QPainter,
    scale: float,
    offset: QPointF,
    outline: QPainterPath,
    lakes: QPainterPath,
    borders: QPainterPath,
) -> None:
    """Land, lakes, subdivision borders and the outline, drawn through the painter's transform
    (Qt projects the vertices, not Python)."""
    painter.setTransform(QTransform(scale, 0, 0, scale, offset.x(), offset.y()))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(LAND)
    painter.drawPath(outline)
    painter.setBrush(SEA)
    painter.drawPath(lakes)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    # Borders over the lakes too: they say whose water it is (Michigan's, Ontario's).
    painter.setPen(cosmetic(BORDER))
    painter.drawPath(borders)
    painter.setPen(cosmetic(OUTLINE))
    painter.drawPath(outline)
    painter.drawPath(lakes)
    painter.resetTransform()


def paint_ring(painter: QPainter, position: QPointF) -> None:
    """The dark ring, on a white halo, around the selected place."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    radius = POINT_DIAMETER_PX / 2 + 4
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(HALO, 4))
    painter.drawEllipse(position, radius, radius)
    painter.setPen(QPen(SELECTED_RING, 2))
    painter.drawEllipse(position, radius, radius)


def make_stamp(colour: QColor, ratio: float) -> QPixmap:
    """A filled, anti-aliased circle with a thin white edge (so that points apart on a crowded
    map, and on the outline, stay distinct); the widget draws one per colour and reuses it."""
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
    return stamp


def cosmetic(colour: QColor) -> QPen:
    """A one-pixel line whatever the zoom. Exactly one: Qt strokes a cosmetic 1 px pen on a
    fast path, and any other width took 40-70 ms on Mexico's borders instead of 1 ms."""
    pen = QPen(colour, 1)
    pen.setCosmetic(True)
    return pen
