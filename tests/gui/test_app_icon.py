"""The application's icon, as the windows and the taskbar ask for it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from focalpoint.ui.app_icon import DESKTOP_FILE, app_icon, brand


def test_the_icon_has_every_size_from_the_title_bar_to_the_dock(qapp: QApplication) -> None:
    icon = app_icon()
    assert not icon.isNull()
    sizes = {size.width() for size in icon.availableSizes()}
    assert {16, 32, 48, 256} <= sizes
    # A size in between is drawn from the nearest one, not left empty.
    pixmap = icon.pixmap(QSize(20, 20))
    assert pixmap.width() == 20 and not pixmap.toImage().isNull()
    # The focal point is in the middle at the smallest size too.
    small = icon.pixmap(QSize(16, 16)).toImage()
    assert small.pixelColor(8, 8).name() == "#f5b335"
    assert app_icon() is icon  # read once


def test_every_window_has_the_icon_and_the_launcher_it_belongs_to(qapp: QApplication) -> None:
    brand(qapp)
    assert qapp.windowIcon().cacheKey() == app_icon().cacheKey()
    assert qapp.desktopFileName() == DESKTOP_FILE
    # The name matches the desktop entry installed beside it.
    assert (Path(__file__).parents[2] / "resources" / "linux" / f"{DESKTOP_FILE}.desktop").is_file()
