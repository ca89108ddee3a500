"""What the map draws, apart from where: the colours and lines of the country and of the land
around it, the names, the point markers and the selection ring (the widget, ``map_view``,
decides where and when)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
    QTransform,
)

from focalpoint.ui.widgets.map_labels import DOT_PX, PlacedLabel, Tier

# Three kinds of ground, told apart by lightness as well as hue (for colour-vision
# deficiencies and grey screens): the country lightest, the sea, the neighbours darkest.
SEA = QColor("#d9e7f3")  # and lakes
LAND = QColor("#fbfaf5")  # the country (or the region) the map is of
NEIGHBOUR_LAND = QColor("#dcd7cb")  # the countries around it, muted
OUTLINE = QColor("#5b6675")
NEIGHBOUR_OUTLINE = QColor("#a19b8d")
BORDER = QColor("#b4bcc7")  # subdivision boundaries
SELECTED_RING = QColor("#1b1f24")
HALO = QColor(255, 255, 255, 230)
LABEL_HALO = QColor(255, 255, 255, 200)
LABEL_HALO_PX = 2  # the halo's width around each letter
LABEL_COLOURS = {
    Tier.COUNTRY: QColor("#2f3742"),
    Tier.CAPITAL: QColor("#2f3742"),
    Tier.NEIGHBOUR: QColor("#6b6559"),
    Tier.NEIGHBOUR_CAPITAL: QColor("#6b6559"),
    Tier.SUBDIVISION: QColor("#5f6b7a"),
}

POINT_DIAMETER_PX = 9
# A stamp is this wide, its marker centred on a pixel's centre: drawn at (x - STAMP_HALF,
# y - STAMP_HALF), the marker's centre is the middle of pixel (x, y).
STAMP_PX = POINT_DIAMETER_PX + 4  # room for a star's points and the white edge
STAMP_HALF = STAMP_PX // 2


def _paint_land(
    painter: QPainter,
    scale: float,
    offset: QPointF,
    land: QPainterPath,
    lakes: QPainterPath,
    colour: QColor,
) -> None:
    """Land in ``colour`` with its lakes as water, through the painter's transform (Qt projects
    the vertices, not Python); the transform stays set for the lines drawn over it."""
    painter.setTransform(QTransform(scale, 0, 0, scale, offset.x(), offset.y()))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawPath(land)
    painter.setBrush(SEA)
    painter.drawPath(lakes)
    painter.setBrush(Qt.BrushStyle.NoBrush)


def paint_neighbours(
    painter: QPainter, scale: float, offset: QPointF, land: QPainterPath, lakes: QPainterPath
) -> None:
    """The countries around, as muted land with their outlines (their lakes as water)."""
    _paint_land(painter, scale, offset, land, lakes, NEIGHBOUR_LAND)
    painter.setPen(cosmetic(NEIGHBOUR_OUTLINE))
    painter.drawPath(land)
    painter.resetTransform()


def paint_country(
    painter: QPainter,
    scale: float,
    offset: QPointF,
    outline: QPainterPath,
    lakes: QPainterPath,
    borders: QPainterPath,
) -> None:
    """Land, lakes, subdivision borders and the outline."""
    _paint_land(painter, scale, offset, outline, lakes, LAND)
    # Borders over the lakes too: they say whose water it is (Michigan's, Ontario's).
    painter.setPen(cosmetic(BORDER))
    painter.drawPath(borders)
    painter.setPen(cosmetic(OUTLINE))
    painter.drawPath(outline)
    painter.drawPath(lakes)
    painter.resetTransform()


def paint_labels(
    painter: QPainter,
    labels: Sequence[PlacedLabel],
    stamp: Callable[[PlacedLabel], QPixmap],
) -> None:
    """Each capital's marker (a dark dot in a ring, unlike any service's marker), then the
    names, each a ``stamp`` made once by :func:`make_label` (the names keep their size at every
    zoom, and drawing a pixmap is a tenth of the cost of writing a haloed text)."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for label in labels:
        if label.marker is not None:
            painter.setPen(QPen(HALO, 1))
            painter.setBrush(LABEL_COLOURS[label.tier])
            painter.drawEllipse(label.marker, DOT_PX / 2, DOT_PX / 2)
            painter.setBrush(HALO)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(label.marker, 1.5, 1.5)
    for label in labels:
        if label.text:
            corner = label.rect.topLeft() - QPointF(LABEL_HALO_PX, LABEL_HALO_PX)
            painter.drawPixmap(corner, stamp(label))


def make_label(text: str, font: QFont, tier: Tier, ratio: float) -> QPixmap:
    """A name on a white halo (legible over borders and any ground), with the halo's width of
    room on every side of its text box."""
    metrics = QFontMetricsF(font)
    margin = LABEL_HALO_PX
    size = QSizeF(metrics.horizontalAdvance(text) + 2 * margin, metrics.height() + 2 * margin)
    pixmap = QPixmap((size * ratio).toSize() + QSize(1, 1))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    baseline = QPointF(margin, margin + metrics.ascent())
    path = QPainterPath()
    path.addText(baseline, font, text)
    halo = QPen(LABEL_HALO, 2 * margin - 1)
    halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.strokePath(path, halo)
    painter.setFont(font)
    painter.setPen(LABEL_COLOURS[tier])
    painter.drawText(baseline, text)
    painter.end()
    return pixmap


def paint_ring(painter: QPainter, position: QPointF) -> None:
    """The dark ring, on a white halo, around the selected place."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    radius = POINT_DIAMETER_PX / 2 + 4
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(HALO, 4))
    painter.drawEllipse(position, radius, radius)
    painter.setPen(QPen(SELECTED_RING, 2))
    painter.drawEllipse(position, radius, radius)


def make_stamp(
    colour: QColor, ratio: float, shape: str = "circle", hollow: bool = False
) -> QPixmap:
    """A filled, anti-aliased marker of ``shape`` with a thin white edge (so that points apart
    on a crowded map, and on the outline, stay distinct), its centre white when ``hollow``;
    the widget draws one per kind and reuses it."""
    stamp = QPixmap(QSize(STAMP_PX, STAMP_PX) * ratio)
    stamp.setDevicePixelRatio(ratio)
    stamp.fill(Qt.GlobalColor.transparent)
    painter = QPainter(stamp)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(STAMP_HALF + 0.5, STAMP_HALF + 0.5)
    radius = POINT_DIAMETER_PX / 2
    painter.setPen(QPen(HALO, 1))
    painter.setBrush(colour)
    painter.drawPath(marker_path(shape, radius))
    if hollow:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("white"))
        painter.drawPath(marker_path(shape, radius * 0.45))
    painter.end()
    return stamp


def marker_path(shape: str, radius: float) -> QPainterPath:
    """A marker's outline around (0, 0), sized so that every shape looks about as large as a
    circle of ``radius`` (a square a little smaller, a triangle a little larger)."""
    path = QPainterPath()
    r = radius
    if shape == "square":
        side = r * 1.7
        path.addRect(QRectF(-side / 2, -side / 2, side, side))
    elif shape in ("triangle", "triangle_down"):
        sign = -1 if shape == "triangle" else 1
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(0, sign * r * 1.25),
                    QPointF(r * 1.2, -sign * r),
                    QPointF(-r * 1.2, -sign * r),
                ]
            )
        )
    elif shape == "diamond":
        path.addPolygon(
            QPolygonF([QPointF(0, -r * 1.3), QPointF(r, 0), QPointF(0, r * 1.3), QPointF(-r, 0)])
        )
    elif shape == "star":
        corners = []
        for i in range(10):
            length = r * 1.35 if i % 2 == 0 else r * 0.6
            angle = math.pi * i / 5 - math.pi / 2
            corners.append(QPointF(length * math.cos(angle), length * math.sin(angle)))
        path.addPolygon(QPolygonF(corners))
    elif shape == "cross":
        arm = r * 0.45
        path.addRect(QRectF(-r * 1.15, -arm, r * 2.3, arm * 2))
        path.addRect(QRectF(-arm, -r * 1.15, arm * 2, r * 2.3))
        path.setFillRule(Qt.FillRule.WindingFill)
        path = path.simplified()
    else:  # a circle
        path.addEllipse(QPointF(0, 0), r, r)
    path.closeSubpath()
    return path


def cosmetic(colour: QColor) -> QPen:
    """A one-pixel line whatever the zoom. Exactly one: Qt strokes a cosmetic 1 px pen on a
    fast path, and any other width took 40-70 ms on Mexico's borders instead of 1 ms."""
    pen = QPen(colour, 1)
    pen.setCosmetic(True)
    return pen
