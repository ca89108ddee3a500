"""The Qt binding itself must not corrupt Python: a long session makes millions of Qt calls."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem
from PySide6.QtWidgets import QLabel


def test_references_of_none_are_still_counted_on_the_supported_python() -> None:
    # The check below watches Python's count of references to None. From Python 3.12 None is
    # immortal and its count never moves, so the check could not fail there: FocalPoint pins
    # Python to 3.11 (requires-python in pyproject.toml) and this test fails the day the pin
    # is lifted without replacing the check.
    before = sys.getrefcount(None)
    held = [None] * 10
    assert sys.getrefcount(None) - before >= 10  # (other references may come and go too)
    del held


def test_qt_calls_keep_pythons_reference_counts(qtbot) -> None:  # type: ignore[no-untyped-def]
    # PySide6 6.12.0 on Python 3.11 loses a reference to None on every call that returns
    # nothing; after enough of them the interpreter aborts. This pins the binding down.
    label = QLabel()
    qtbot.addWidget(label)
    item = QStandardItem("x")
    before = sys.getrefcount(None)
    for _ in range(500):
        label.setText("a")
        item.setData("a", Qt.ItemDataRole.UserRole + 1)
        item.setEditable(False)
    assert sys.getrefcount(None) - before > -50
