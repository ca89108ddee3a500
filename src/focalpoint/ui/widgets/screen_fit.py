"""A window's first size, never larger than the screen it opens on.

Windows and dialogs ask for a comfortable size in logical pixels; on a 1366×768 laptop, or with
text at 200% (a 1600×1000 screen is then 800×500 logical pixels), that size was larger than the
screen and its buttons opened out of reach. The size asked is cut to the screen's free area
(what the task bar leaves); a layout that cannot be that small scrolls or is handled where it is
built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication

if TYPE_CHECKING:  # open_size is on the way to the first paint; widget classes cost it ~15 ms
    from PySide6.QtWidgets import QScrollArea, QWidget

# What of the free area a window may take at first: the rest shows what is behind it.
SHARE = 0.95


def open_size(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width`` × ``height``, or to what its screen can show."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        width = min(width, int(area.width() * SHARE))
        height = min(height, int(area.height() * SHARE))
    widget.resize(width, height)


def scroll_when_short(widget: QWidget) -> QScrollArea:
    """Move what ``widget`` lays out into a scroll area that fills it: on a short screen the
    contents scroll, rather than grow the window and push its buttons (a wizard's Next and
    Cancel) off the bottom of the screen."""
    from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

    contents = widget.layout()
    if contents is None:
        raise ValueError(f"{type(widget).__name__} has nothing laid out to scroll")
    body = QWidget()
    body.setLayout(contents)  # the layout and its widgets move to ``body``
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes field to field, scrolling to each
    area.setWidget(body)
    outer = QVBoxLayout(widget)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(area)
    return area


def out_of_reach(window: QWidget, area: QSize | None = None) -> list[str]:
    """What of ``window`` a user could not see or reach: the window itself when it is larger
    than ``area`` (by default its screen's free area), and each shown button that lies outside
    the window or is cut by the widget it sits in (one a scroll area scrolls to is in reach)."""
    from PySide6.QtWidgets import QAbstractButton

    problems = []
    screen = window.screen() or QGuiApplication.primaryScreen()
    if area is None and screen is not None:
        area = screen.availableGeometry().size()
    if area is not None and (window.width() > area.width() or window.height() > area.height()):
        problems.append(
            f"{type(window).__name__} is {window.width()}×{window.height()}, "
            f"the screen {area.width()}×{area.height()}"
        )
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or _scrolls(button, window):
            continue
        widget: QWidget = button
        rect = QRect(QPoint(0, 0), button.size())
        while widget is not window:
            parent = widget.parentWidget()
            if parent is None:
                break
            rect = rect.translated(widget.pos())
            if not parent.rect().contains(rect):
                problems.append(
                    f"“{button.text() or button.toolTip() or button.objectName()}” "
                    f"({type(button).__name__}) is cut by {type(parent).__name__}"
                )
                break
            widget = parent
    return problems


def _scrolls(widget: QWidget, window: QWidget) -> bool:
    """Whether ``widget`` sits in a scroll area (or a list's cell) below ``window``."""
    from PySide6.QtWidgets import QAbstractScrollArea

    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False
