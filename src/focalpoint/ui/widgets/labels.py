"""Labels for facts a user reads, copies or reads aloud: wrapped text, selectable values,
fingerprints large and monospaced."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QLabel

from focalpoint.i18n import _


def wrapped(text: str = "") -> QLabel:
    """A label whose text wraps at the width it is given."""
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def selectable(label: QLabel) -> QLabel:
    """``label``, its text selectable with mouse and keyboard (to copy into an e-mail)."""
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    return label


def fingerprint_font(points: int = 20) -> QFont:
    """The system's monospaced font, bold: a fingerprint's letters and digits read apart."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(points)
    font.setBold(True)
    return font


def mono_font(points: int) -> QFont:
    """The monospaced font at ``points``, not bold: hashes and fingerprints among other facts."""
    font = fingerprint_font(points)
    font.setBold(False)
    return font


def fingerprint_label(text: str = "", points: int = 20) -> QLabel:
    """A fingerprint to read aloud: large, monospaced, selectable with mouse and keyboard."""
    label = selectable(QLabel(text))
    label.setFont(fingerprint_font(points))
    label.setAccessibleName(_("Key fingerprint"))
    return label
