"""Where the user left a window: its size and place, its dividers, its tab. Restored when it
opens again, from the user's own Qt settings (not the workspace's: a layout belongs to the
person and the screen, not to the country's records)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter, QTabWidget


def restore_geometry(window: QMainWindow, name: str) -> None:
    """The window's last size and place (its default if none, or if saved by another screen
    that Qt cannot fit it to)."""
    saved = QSettings().value(f"{name}/geometry")
    if isinstance(saved, QByteArray):
        window.restoreGeometry(saved)


def restore_layout(name: str, splitter: QSplitter | None, tabs: QTabWidget | None) -> None:
    """The divider's last position and the last tab shown."""
    settings = QSettings()
    state = settings.value(f"{name}/splitter")
    if splitter is not None and isinstance(state, QByteArray):
        splitter.restoreState(state)
    tab = settings.value(f"{name}/tab")
    if tabs is not None and tab is not None:
        try:
            index = int(str(tab))
        except ValueError:
            return
        if 0 <= index < tabs.count():
            tabs.setCurrentIndex(index)


def remember(
    window: QMainWindow, name: str, splitter: QSplitter | None, tabs: QTabWidget | None
) -> None:
    settings = QSettings()
    settings.setValue(f"{name}/geometry", window.saveGeometry())
    if splitter is not None:
        settings.setValue(f"{name}/splitter", splitter.saveState())
    if tabs is not None:
        settings.setValue(f"{name}/tab", tabs.currentIndex())
