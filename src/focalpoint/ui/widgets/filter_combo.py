"""The drop-down filters of the practices and services lists ("All types", then each type)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QComboBox

# The data of the first entry: no filter.
ANY = ""


def filter_combo(
    everything: str, items: Sequence[tuple[str, str]], changed: Callable[[], None]
) -> QComboBox:
    """A combo of (code, label) items after an "everything" entry; ``changed`` on each choice."""
    combo = QComboBox()
    combo.addItem(everything, ANY)
    for code, label in items:
        combo.addItem(label, code)
    combo.setAccessibleName(everything)
    combo.setMinimumContentsLength(12)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.currentIndexChanged.connect(lambda _i: changed())
    return combo
