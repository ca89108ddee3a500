"""Where the keyboard is shows: every control with the focus is framed in the focus colour, and
no other (the window applies the style once it has painted)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from focalpoint.ui.focus_style import FOCUS_COLOUR


@pytest.fixture
def window(qtbot, focus_style: None) -> QWidget:  # type: ignore[no-untyped-def]
    """An active window, with the application's focus style."""
    shown = QWidget()
    qtbot.addWidget(shown)
    QVBoxLayout(shown)
    shown.resize(300, 200)
    return shown


def show(window: QWidget, qtbot, *controls: QWidget) -> None:  # type: ignore[no-untyped-def]
    layout = window.layout()
    assert layout is not None
    for control in controls:
        layout.addWidget(control)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)


def test_a_tree_with_the_focus_is_framed_in_the_focus_colour(window: QWidget, qtbot) -> None:  # type: ignore[no-untyped-def]
    model = QStandardItemModel()
    for code in ("1.1.1", "1.1.2", "1.1.3"):
        model.appendRow(QStandardItem(code))
    tree = QTreeView()
    tree.setModel(model)
    field = QLineEdit()
    show(window, qtbot, tree, field)

    def edge() -> QColor:  # the middle of the tree's left edge
        image = tree.grab().toImage()
        return image.pixelColor(0, image.height() // 2)

    tree.setFocus()
    qtbot.waitUntil(tree.hasFocus)
    assert edge().name() == FOCUS_COLOUR
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    assert edge().name() != FOCUS_COLOUR


def test_buttons_tick_boxes_choices_and_fields_are_framed_while_they_have_the_focus(
    window: QWidget,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    combo = QComboBox()
    combo.addItems(["En curso", "Completada"])
    controls = [QPushButton("Guardar"), QCheckBox("Casilla"), combo, QLineEdit("Texto")]
    show(window, qtbot, *controls)

    def framed(control: QWidget) -> bool:  # the middle of its left edge, one pixel in
        image = control.grab().toImage()
        return image.pixelColor(1, image.height() // 2).name() == FOCUS_COLOUR

    for control in controls:
        control.setFocus()
        qtbot.waitUntil(control.hasFocus)
        assert [framed(c) for c in controls] == [c is control for c in controls]
