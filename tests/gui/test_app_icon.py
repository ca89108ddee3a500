"""The application's icon, as the windows and the taskbar ask for it."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from focalpoint.ui.app_icon import app_icon


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
