"""A field for text of several lines (a note, a summary, an address), as every form uses it."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit


def text_area(text: str = "") -> QPlainTextEdit:
    """A multi-line field from which Tab moves on to the next field, as in any other field of
    the form: a note is written with the keyboard alone, and never traps it (a tab character
    in a note is nothing a reader needs)."""
    area = QPlainTextEdit(text)
    area.setTabChangesFocus(True)
    return area
