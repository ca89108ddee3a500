"""What a screen reader says for each input: its accessible name, taken from what a sighted user
reads beside it, and its accessible description from the hint under it (Qt itself gives the tool
tip as the description of an input that has none).

Given once, for every window and dialog, when it shows (an event filter on the application), so
no form has to repeat its labels. The name comes, in order, from: the input's own text (a tick
box), the label whose buddy it is, its row's label in a form, a short label just before it (on
its left, or above it), the title of a group that holds only it, its placeholder, its tool tip
(an icon-only button). An input with none of these has its name set where it is built (a list, a
table)."""

from __future__ import annotations

import re
from typing import cast

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSlider,
    QTextEdit,
    QWidget,
)
from shiboken6 import isValid

from focalpoint.i18n import _

# What the keyboard reaches and a screen reader must name.
INPUTS = (
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractButton,
    QAbstractItemView,
    QSlider,
)
# The name this module gave, kept to tell it from one set in the code (which it never replaces):
# a label whose text changes gives the new text the next time its window shows.
GIVEN = "focalpoint_given_name"
GIVEN_DESCRIPTION = "focalpoint_given_description"
_MNEMONIC = re.compile(r"&(.)")


def plain(text: str) -> str:
    """Text without markup, on one line."""
    if "<" in text:
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    return " ".join(text.split())


def readable(text: str) -> str:
    """A label's text as it is heard: no markup, no mnemonic ampersand, no closing colon, no
    asterisk (a required field says so in its description)."""
    return plain(_MNEMONIC.sub(r"\1", text)).rstrip(":* ")


def _required(text: str) -> bool:
    """The label ends with the asterisk that marks a field to fill ("Name *")."""
    return text.rstrip(": ").endswith("*")


def _label_text(label: QWidget | None) -> str:
    return label.text() if isinstance(label, QLabel) else ""


def _path_to(layout: QLayout, widget: QWidget) -> list[QLayout]:
    """The layouts from ``layout`` down to the one that holds ``widget``; empty if none does."""
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        if item.widget() is widget:
            return [layout]
        inner = item.layout()
        if inner is not None:
            below = _path_to(inner, widget)
            if below:
                return [layout, *below]
    return []


def _holders(widget: QWidget) -> list[tuple[QLayout, QWidget | QLayout]]:
    """Each layout around ``widget`` (innermost first) with what of it that layout holds: the
    widget itself, or the inner layout the widget is in."""
    parent = widget.parentWidget()
    layout = parent.layout() if parent is not None else None
    if layout is None:
        return []
    path = _path_to(layout, widget)
    if not path:
        return []
    held: list[QWidget | QLayout] = [*path[1:], widget]
    return list(zip(reversed(path), reversed(held), strict=True))


def _row_label(widget: QWidget) -> str:
    """The label of the form row the widget is the field of (alone or in a line of the row)."""
    for layout, held in _holders(widget):
        if isinstance(layout, QFormLayout):
            return _label_text(layout.labelForField(held))
    return ""


def _caption(widget: QWidget | None) -> str:
    """The text of a short label that captions what follows it (not a paragraph, not a label
    already given to another input)."""
    if isinstance(widget, QLabel) and widget.buddy() is None and not widget.wordWrap():
        return _label_text(widget)
    return ""


def _label_before(widget: QWidget) -> str:
    """A label just before the widget: on its left in a line or a grid ("Axis: [drop-down]"),
    or just above it in a column ("Keep:" over a drop-down)."""
    holders = _holders(widget)
    if not holders:
        return ""
    layout, held = holders[0]
    if isinstance(layout, QGridLayout):
        # PySide types these positions as a bare object: they are a tuple of ints.
        cell = cast(tuple[int, int, int, int], layout.getItemPosition(layout.indexOf(held)))
        row, column = cell[0], cell[1]
        left = layout.itemAtPosition(row, column - 1) if column > 0 else None
        return _caption(left.widget() if left is not None else None)
    if not isinstance(layout, QBoxLayout):
        return ""
    index = layout.indexOf(held)
    while index > 0:
        index -= 1
        item = layout.itemAt(index)
        before = item.widget() if item is not None else None
        if before is not None:
            return _caption(before)
        if item is not None and item.layout() is not None:
            return ""  # a line of its own above: not a caption
    return ""


def _hint_below(widget: QWidget) -> str:
    """A form's unlabelled line of text just under the widget's row: what to type there."""
    for layout, held in _holders(widget):
        if not isinstance(layout, QFormLayout):
            continue
        position = (
            layout.getWidgetPosition(held)
            if isinstance(held, QWidget)
            else layout.getLayoutPosition(held)
        )
        row = cast(tuple[int, QFormLayout.ItemRole], position)[0]
        if row < 0 or row + 1 >= layout.rowCount():
            return ""
        label = layout.itemAt(row + 1, QFormLayout.ItemRole.LabelRole)
        if label is not None and _label_text(label.widget()):
            return ""
        for role in (QFormLayout.ItemRole.FieldRole, QFormLayout.ItemRole.SpanningRole):
            below = layout.itemAt(row + 1, role)
            if below is not None and isinstance(below.widget(), QLabel):
                return _label_text(below.widget())
        return ""
    return ""


def _sole_input_group(widget: QWidget) -> str:
    """The title of the nearest group box, if the widget is the only input in it."""
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, QGroupBox):
            inputs = [w for w in parent.findChildren(QWidget) if _is_input(w)]
            return parent.title() if inputs == [widget] else ""
        parent = parent.parentWidget()
    return ""


def _placeholder(widget: QWidget) -> str:
    if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit, QComboBox)):
        return widget.placeholderText()
    return ""


def _is_input(widget: QWidget) -> bool:
    """An input to name. Not a push button with text: Qt reads its text, kept current when it
    changes ("Retire" becomes "Restore"), which a name given once would not be."""
    if not isinstance(widget, INPUTS) or widget.objectName().startswith("qt_"):
        return False
    if isinstance(widget, QAbstractButton) and not isinstance(widget, (QCheckBox, QRadioButton)):
        return not widget.text().strip()
    return True


def visible_name(widget: QWidget, buddies: dict[QWidget, QLabel] | None = None) -> str:
    """The text a sighted user reads as the name of ``widget`` (as written there, see
    :func:`readable`); empty if nothing names it on screen."""
    if isinstance(widget, QAbstractButton) and readable(widget.text()):
        return widget.text()
    if buddies is None:
        buddies = _buddies(widget.window())
    return (
        _label_text(buddies.get(widget))
        or _row_label(widget)
        or _label_before(widget)
        or _sole_input_group(widget)
        or _placeholder(widget)
        or widget.toolTip()
    )


def _buddies(root: QWidget) -> dict[QWidget, QLabel]:
    found: dict[QWidget, QLabel] = {}
    for label in root.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None:
            found[buddy] = label
    return found


def name_input(widget: QWidget, buddies: dict[QWidget, QLabel] | None = None) -> None:
    """Give ``widget`` the name and description it shows, unless the code set its own."""
    if not _is_input(widget):
        return
    name = widget.accessibleName()
    required = False
    if not name or name == widget.property(GIVEN):
        shown = visible_name(widget, buddies)
        required = _required(shown)
        given = readable(shown)
        if given != name:
            widget.setAccessibleName(given)
            widget.setProperty(GIVEN, given)
    described = widget.accessibleDescription()
    if not described or described == widget.property(GIVEN_DESCRIPTION):
        # Not the tool tip: Qt gives it as the description while none is set, kept current.
        hint = plain(_hint_below(widget))
        if hint == widget.accessibleName():
            hint = ""
        if required:
            hint = f"{_('Required')}. {hint}" if hint else _("Required")
        if hint != described:
            widget.setAccessibleDescription(hint)
            widget.setProperty(GIVEN_DESCRIPTION, hint)


def name_inputs(root: QWidget) -> None:
    """Name every input in ``root``, shown or not yet (the other pages of a tab or a wizard)."""
    buddies = _buddies(root)
    for widget in root.findChildren(QWidget):
        name_input(widget, buddies)


class _NameOnShow(QObject):
    """A window that shows names all its inputs, hidden pages included. An input shown later
    (a tab built when first opened, a row added to a form) is named just after: while its own
    show runs, its window's layouts may be half rebuilt (a wizard's buttons) and not to be read."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._later: list[QWidget] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            if watched.isWindow():
                name_inputs(watched)
            elif _is_input(watched) and not watched.accessibleName():
                if not self._later:
                    QTimer.singleShot(0, self, self._name_later)
                self._later.append(watched)
        return False

    def _name_later(self) -> None:
        waiting, self._later = self._later, []
        for widget in waiting:
            if isValid(widget) and not widget.accessibleName():
                name_input(widget)


def name_inputs_on_show(app: QApplication) -> QObject:
    """From now on every window names its inputs as it shows; returns the filter doing it."""
    namer = _NameOnShow(app)
    app.installEventFilter(namer)
    return namer
