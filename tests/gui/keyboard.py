"""A person at the keyboard: keys go to whatever has the focus, and they see where it is."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from focalpoint.ui.focus_style import FOCUS_COLOUR

Key = Qt.Key
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = NO_MODIFIER, times: int = 1) -> None:
    """Press ``key`` where the focus is, as many ``times`` as asked, letting the window catch
    up between keystrokes as it does for a person."""
    for _n in range(times):
        QTest.keyClick(focused(), key, modifier)
        QTest.qWait(15)


def type_text(text: str) -> None:
    """Type ASCII text where the focus is (what the key events of Qt's test tool can carry)."""
    assert text.isascii(), text
    QTest.keyClicks(focused(), text)
    QTest.qWait(15)


def focus_shows(widget: QWidget) -> bool:
    """Whether the focus colour is drawn on ``widget`` (its frame, or a link's box)."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    wanted = QColor(FOCUS_COLOUR).rgb() & 0xFFFFFF
    pixels = bytes(image.constBits())  # type: ignore[call-overload]
    target = bytes(
        (wanted & 0xFF, (wanted >> 8) & 0xFF, (wanted >> 16) & 0xFF)
    )  # B, G, R in memory
    start = pixels.find(target)
    while start != -1:
        if start % 4 == 0:
            return True
        start = pixels.find(target, start + 1)
    return False


def tab_to(widget: QWidget, limit: int = 60, backwards: bool = False) -> list[str]:
    """Press Tab (or Shift+Tab) until ``widget`` has the focus, checking at every stop that the
    focus can be seen; returns the stops where it could not."""
    unseen: list[str] = []
    for _n in range(limit):
        if widget.hasFocus():
            return unseen
        if backwards:
            press(Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        else:
            press(Key.Key_Tab)
        here = focused()
        if here.isVisible() and not focus_shows(here):
            unseen.append(f"{type(here).__name__} {here.accessibleName()!r}")
    assert widget.hasFocus(), f"Tab never reached {type(widget).__name__}"
    return unseen
