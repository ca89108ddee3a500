"""FocalPoint's own icon, for the windows' title bars, the taskbar and the dialogs.

The files are drawn once by ``tools/build_icons.py`` from ``resources/icons/`` and ship inside
the package (``resources/icons/focalpoint-<size>.png``), so a wheel and a frozen build both have
them. Every size is a PNG of its own: the small ones are drawn from a simpler picture that stays
sharp at 16 pixels, which an SVG scaled down would not, and PNG needs no image plugin, so a
frozen build that leaves Qt's SVG plugins out still has its icon.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from focalpoint.paths import RESOURCES

ICONS = RESOURCES / "icons"
# The desktop entry's name (resources/linux/org.crmsv.FocalPoint.desktop): on Wayland and in
# GNOME's dock a window is matched to its launcher, and so to its icon, by this name.
DESKTOP_FILE = "org.crmsv.FocalPoint"
SIZES = (16, 24, 32, 48, 64, 128, 256)


@cache
def app_icon() -> QIcon:
    """The application icon at every size it is drawn at (read once, then shared)."""
    icon = QIcon()
    for size in SIZES:
        icon.addFile(str(ICONS / f"focalpoint-{size}.png"), QSize(size, size))
    return icon


def brand(qt_app: QApplication) -> None:
    """Name the application and give every window its icon, once, before the first window."""
    qt_app.setApplicationName("FocalPoint")
    qt_app.setOrganizationName("RCM")
    qt_app.setDesktopFileName(DESKTOP_FILE)
    qt_app.setWindowIcon(app_icon())
