"""Where the keyboard is, always visible.

Fusion marks the focus faintly or not at all: a pale outline on a button, nothing on a tick box
without text, nothing on a tree whose current row is also selected. Someone working without a
mouse must see at a glance which control Space or Enter will act on, so every control that has
the keyboard focus gets the same 2-pixel frame in one strong colour:

- lists, tables, trees and multi-line fields through the style sheet (a border on their frame);
- buttons, tick boxes, choices, fields, spin boxes, tabs and links through a proxy over the
  platform's own style, which draws the frame after the control, keeping its native look.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

FOCUS_COLOUR = "#1a5fb4"
FOCUS_STYLE = (
    "QAbstractItemView:focus, QPlainTextEdit:focus, QTextEdit:focus, QTextBrowser:focus,"
    f" QScrollArea:focus"
    f" {{ border: 2px solid {FOCUS_COLOUR}; }}"
)
_WIDTH = 2

_CONTROLS = {
    QStyle.ControlElement.CE_PushButton,
    QStyle.ControlElement.CE_CheckBox,
    QStyle.ControlElement.CE_RadioButton,
    QStyle.ControlElement.CE_TabBarTab,
}
_COMPLEX = {
    QStyle.ComplexControl.CC_ComboBox,
    QStyle.ComplexControl.CC_SpinBox,
    QStyle.ComplexControl.CC_ToolButton,
    QStyle.ComplexControl.CC_Slider,
}
_PRIMITIVES = {QStyle.PrimitiveElement.PE_PanelLineEdit}


class FocusFrameStyle(QProxyStyle):
    """The platform's style, plus a strong frame around the control with the keyboard focus."""

    def drawControl(
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawControl(element, option, painter, widget)
        if element in _CONTROLS:
            _frame(option, painter, widget)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)  # type: ignore[arg-type]
        if control in _COMPLEX:
            _frame(option, painter, widget)

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in _PRIMITIVES:
            _frame(option, painter, widget)


def _frame(option: QStyleOption, painter: QPainter, widget: QWidget | None) -> None:
    if not option.state & QStyle.StateFlag.State_HasFocus:
        return
    if widget is not None and not widget.hasFocus():
        return  # a tab of a bar, a part of a combo box: only the control that has the focus
    rect: QRect = option.rect.adjusted(1, 1, -1, -1)
    painter.save()
    pen = QPen(QColor(FOCUS_COLOUR), _WIDTH)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect)
    painter.restore()


def show_focus(app: QApplication) -> None:
    """Applied once the first window is painted (a style sheet costs its first paint)."""
    if not isinstance(app.style(), FocusFrameStyle):
        app.setStyle(FocusFrameStyle(app.style().name()))
    app.setStyleSheet(FOCUS_STYLE)
