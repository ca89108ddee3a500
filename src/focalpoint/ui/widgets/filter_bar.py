"""The row of filters above a list: a search box, drop-down filters, tick boxes such as "Show
deleted"; and the count under the list, which says how many of them a filter leaves."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit

from focalpoint.i18n import _, current_language

# The data of a drop-down filter's first entry: no filter.
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
    # Room for a short choice at least (more when there is room): four filters of 12
    # characters made a list wider than an 800-pixel window (a 1600-pixel screen at 200%).
    combo.setMinimumContentsLength(8)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.currentIndexChanged.connect(lambda _i: changed())
    return combo


class FilterBar(QHBoxLayout):
    """The search box first, then what is added, left to right; the owner connects each one.

    A layout rather than a widget of its own, so the row sits in its screen's layout exactly as
    its widgets did one by one (same margins, same tab order).
    """

    def __init__(self, placeholder: str, accessible_name: str = "", search_stretch: int = 1):
        super().__init__()
        self.search = QLineEdit()
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        if accessible_name:
            self.search.setAccessibleName(accessible_name)
        self.addWidget(self.search, search_stretch)

    def add_filter(
        self, everything: str, items: Sequence[tuple[str, str]], changed: Callable[[], None]
    ) -> QComboBox:
        """A drop-down filter (see :func:`filter_combo`); the filters share the room left."""
        combo = filter_combo(everything, items, changed)
        self.addWidget(combo, 1)
        return combo

    def add_check(self, text: str) -> QCheckBox:
        check = QCheckBox(text)
        self.addWidget(check)
        return check

    def add_show_deleted(self) -> QCheckBox:
        """Deleted records are tombstones: ticked, they come back into the list to be restored."""
        return self.add_check(_("Show deleted"))


def grouped(n: int) -> str:
    """A count as the interface's language writes it: 125.673 (es), 125 673 (fr), 125,673."""
    from babel.numbers import format_decimal  # read when a list is first counted, not at start

    return str(format_decimal(n, locale=current_language()))


def count_text(counted: str, shown: int, total: int) -> str:
    """``counted`` ("12 services"), then "(of 40)" while the filters hide some of them."""
    if shown == total:
        return counted
    return counted + " " + _("(of {total})").format(total=grouped(total))
