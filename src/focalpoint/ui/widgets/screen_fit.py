"""A window's first size, never larger than the screen it opens on.

Windows and dialogs ask for a comfortable size in logical pixels; on a 1366×768 laptop, or with
text at 200% (a 1600×1000 screen is then 800×500 logical pixels), that size was larger than the
screen and its buttons opened out of reach. The size asked is cut to the screen's free area
(what the task bar leaves); a layout that cannot be that small scrolls or is handled where it is
built.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

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
