"""The services that have no coordinates, grouped by subdivision (the map cannot show them).

Each group is counted at once; its services are read when it is opened. Up to a few thousand
services every group opens at once, as it always did; a directory of 200,000 has 20,000 without
coordinates, which took half a second to list in full.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTreeView, QWidget

from focalpoint.i18n import _
from focalpoint.ui.widgets.filter_bar import grouped

SERVICE_ROLE = Qt.ItemDataRole.UserRole + 1
SUBDIVISION_ROLE = Qt.ItemDataRole.UserRole + 2
# Up to this many services, every group is open from the start.
OPEN_UP_TO = 5000

# (id, name, organisation) of the services of one subdivision ("" for none said), by name.
ReadGroup = Callable[[str], list[tuple[str, str, str]]]


class UnplacedServices(QTreeView):
    """One branch per subdivision, "not said" last; a double-click opens the service."""

    service_opened = Signal(str)

    def __init__(self, subdivision_names: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._subdivision_names = subdivision_names
        self._read: ReadGroup = lambda _code: []
        self.services = QStandardItemModel(self)
        self.setModel(self.services)
        self.setHeaderHidden(True)
        self.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.setAccessibleName(_("Services without coordinates"))
        self.doubleClicked.connect(self._open)
        self.expanded.connect(self._opened)

    def fill(self, groups: list[tuple[str, int]], read: ReadGroup) -> None:
        """Show ``groups`` (subdivision code, how many); ``read`` lists one when it opens."""
        self._read = read
        names = self._subdivision_names
        self.services.clear()
        for code, count in sorted(groups, key=lambda g: (not g[0], names.get(g[0], g[0]))):
            name = names.get(code, code) if code else _("No subdivision given")
            group = QStandardItem(f"{name} ({grouped(count)})")
            group.setData(code, SUBDIVISION_ROLE)
            group.appendRow(QStandardItem())  # a stand-in, so the group can be opened
            self.services.appendRow(group)
        if sum(count for _code, count in groups) <= OPEN_UP_TO:
            for row in range(self.services.rowCount()):
                self._opened(self.services.index(row, 0))
            self.expandAll()  # which tells no one: the groups were read just above

    def _opened(self, index: QModelIndex) -> None:
        group = self.services.itemFromIndex(index)
        if group is None or group.parent() is not None:
            return
        stand_in = group.child(0)
        if group.rowCount() == 1 and stand_in is not None and not stand_in.text():
            group.removeRows(0, 1)
            for service_id, name, organisation in self._read(group.data(SUBDIVISION_ROLE)):
                child = QStandardItem(f"{name} — {organisation}")
                child.setData(service_id, SERVICE_ROLE)
                group.appendRow(child)

    def _open(self) -> None:
        index = self.currentIndex()
        service_id = index.data(SERVICE_ROLE) if index.isValid() else None
        if service_id:
            self.service_opened.emit(str(service_id))
