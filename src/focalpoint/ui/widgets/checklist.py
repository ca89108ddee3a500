"""Choices with a tick box each (categories, populations, actions), optionally filtered."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLineEdit, QListView, QVBoxLayout, QWidget

from focalpoint.domain.text import fold
from focalpoint.i18n import _
from focalpoint.ui.widgets.guarded_form import NOT_DATA

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
FOLDED_ROLE = Qt.ItemDataRole.UserRole + 2


class CheckList(QWidget):
    """Tick boxes over a model; ``checked()`` answers in the order the choices were given."""

    changed = Signal()

    def __init__(
        self, accessible_name: str, searchable: bool = False, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.model = QStandardItemModel(self)
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self.model)
        self._proxy.setFilterRole(FOLDED_ROLE)
        self.view = QListView()
        self.view.setModel(self._proxy)
        self.view.setAccessibleName(accessible_name)
        # Long labels (populations, actions) wrap onto a second line instead of scrolling.
        self.view.setWordWrap(True)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.filter = QLineEdit()
        self.filter.setProperty(NOT_DATA, True)  # narrows the list; not an answer to save
        self.filter.setPlaceholderText(_("Type to narrow the list…"))
        self.filter.setAccessibleName(_("{list}: search").format(list=accessible_name))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(lambda text: self._proxy.setFilterFixedString(fold(text)))
        self.filter.setVisible(searchable)
        layout.addWidget(self.filter)
        layout.addWidget(self.view)
        self._loading = False
        self.model.itemChanged.connect(self._item_changed)

    def _item_changed(self, _item: QStandardItem) -> None:
        if not self._loading:
            self.changed.emit()

    def set_items(self, items: Sequence[tuple[str, str]], checked: Iterable[str] = ()) -> None:
        ticked = set(checked)
        # Not blockSignals(): the filter proxy must hear of the new rows to show them.
        self._loading = True
        self.model.clear()
        for key, label in items:
            item = QStandardItem(label)
            item.setData(key, KEY_ROLE)
            item.setData(fold(label), FOLDED_ROLE)
            item.setToolTip(label)
            item.setEditable(False)
            item.setCheckable(True)
            item.setCheckState(Qt.CheckState.Checked if key in ticked else Qt.CheckState.Unchecked)
            self.model.appendRow(item)
        self._loading = False

    def checked(self) -> tuple[str, ...]:
        return tuple(
            str(self.model.item(row).data(KEY_ROLE))
            for row in range(self.model.rowCount())
            if self.model.item(row).checkState() == Qt.CheckState.Checked
        )

    def set_checked(self, key: str, on: bool = True) -> None:
        for row in range(self.model.rowCount()):
            item = self.model.item(row)
            if item.data(KEY_ROLE) == key:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
