"""Where the keyboard is, always visible: lists, tables and trees draw a frame in the focus
colour while they have the focus (Fusion marks only the current cell, faintly, and nothing on a
tree whose current row is also selected). Fields, lists of choices and buttons keep Fusion's own
focus marks, which show."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

FOCUS_COLOUR = "#1a5fb4"
FOCUS_STYLE = f"QAbstractItemView:focus {{ border: 2px solid {FOCUS_COLOUR}; }}"


def show_focus(app: QApplication) -> None:
    """Applied once the first window is painted (a style sheet costs its first paint)."""
    app.setStyleSheet(FOCUS_STYLE)
