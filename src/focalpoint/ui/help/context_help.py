"""A dialog's way into the guide: a short link, such as "What is a fingerprint?", that opens the
user guide at the section explaining it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from focalpoint.i18n import _


def help_link(text: str, section: str) -> QPushButton:
    """A button that reads like a link, ``text``, opening the guide at ``section``.

    A button rather than a label's link: Tab reaches it and Space presses it, and a screen
    reader names it as something to press.
    """
    from focalpoint.ui.focus_style import FOCUS_COLOUR  # not on the main window's first paint

    button = QPushButton(text)
    button.setFlat(True)
    button.setAutoDefault(False)  # Enter in the dialog still presses the dialog's own button
    # As wide as its words: a link, not a bar across the dialog.
    button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    # No frame, like a link; a frame in the focus colour while Tab has reached it.
    button.setStyleSheet(
        "QPushButton { color: palette(link); text-decoration: underline; border: none;"
        " padding: 0 2px; text-align: left; }"
        f"QPushButton:focus {{ border: 2px solid {FOCUS_COLOUR}; padding: 0; }}"
    )
    button.setToolTip(_("Opens the user guide at the part that explains this."))
    button.clicked.connect(lambda: open_guide(section, button))
    return button


def open_guide(section: str = "", near: QWidget | None = None) -> None:
    """Open the guide at ``section`` (its top when empty), beside ``near``'s window."""
    # The guide's module is loaded when the guide is first asked for, not with every dialog.
    from focalpoint.ui.help.guide_window import show_guide

    show_guide(section, near)
