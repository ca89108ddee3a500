"""Where the keyboard is shows: a list, table or tree draws a frame in the focus colour while it
has the focus, and not otherwise (the window applies the style once it has painted)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from focalpoint.ui.focus_style import FOCUS_COLOUR, show_focus


def test_a_tree_with_the_focus_is_framed_in_the_focus_colour(qtbot) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.styleSheet()
    show_focus(app)
    try:
        window = QWidget()
        qtbot.addWidget(window)
        layout = QVBoxLayout(window)
        model = QStandardItemModel()
        for code in ("1.1.1", "1.1.2", "1.1.3"):
            model.appendRow(QStandardItem(code))
        tree = QTreeView()
        tree.setModel(model)
        field = QLineEdit()
        layout.addWidget(tree)
        layout.addWidget(field)
        window.resize(300, 200)
        window.show()
        window.activateWindow()
        qtbot.waitExposed(window)

        def edge() -> QColor:  # the middle of the tree's left edge
            image = tree.grab().toImage()
            return image.pixelColor(0, image.height() // 2)

        tree.setFocus()
        qtbot.waitUntil(tree.hasFocus)
        assert edge().name() == FOCUS_COLOUR
        field.setFocus()
        qtbot.waitUntil(field.hasFocus)
        assert edge().name() != FOCUS_COLOUR
    finally:
        app.setStyleSheet(before)


def test_buttons_tick_boxes_choices_and_fields_are_framed_while_they_have_the_focus(qtbot) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.styleSheet()
    show_focus(app)
    try:
        window = QWidget()
        qtbot.addWidget(window)
        layout = QVBoxLayout(window)
        combo = QComboBox()
        combo.addItems(["En curso", "Completada"])
        controls = [QPushButton("Guardar"), QCheckBox("Casilla"), combo, QLineEdit("Texto")]
        for control in controls:
            layout.addWidget(control)
        window.resize(300, 200)
        window.show()
        window.activateWindow()
        qtbot.waitExposed(window)

        def framed(control: QWidget) -> bool:  # the middle of its left edge, one pixel in
            image = control.grab().toImage()
            return image.pixelColor(1, image.height() // 2).name() == FOCUS_COLOUR

        for control in controls:
            control.setFocus()
            qtbot.waitUntil(control.hasFocus)
            assert [framed(c) for c in controls] == [c is control for c in controls]
    finally:
        app.setStyleSheet(before)
