"""The services that have no coordinates, grouped by subdivision (the map cannot show them)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTreeView, QWidget

from focalpoint.domain.directory import ServiceSummary
from focalpoint.i18n import _

SERVICE_ROLE = Qt.ItemDataRole.UserRole + 1


class UnplacedServices(QTreeView):
    """One branch per subdivision, "not said" last; a double-click opens the service."""

    service_opened = Signal(str)

    def __init__(self, subdivision_names: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._subdivision_names = subdivision_names
        self.services = QStandardItemModel(self)
        self.setModel(self.services)
        self.setHeaderHidden(True)
        self.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.setAccessibleName(_("Services without coordinates"))
        self.doubleClicked.connect(self._open)

    def fill(self, shown: list[ServiceSummary]) -> None:
        groups: dict[str, list[ServiceSummary]] = {}
        for s in shown:
            if s.latitude is None or s.longitude is None:
                groups.setdefault(s.subdivision, []).append(s)
        names = self._subdivision_names
        self.services.clear()
        for code in sorted(groups, key=lambda c: (not c, names.get(c, c))):
            name = names.get(code, code) if code else _("Subdivision not said")
            parent = QStandardItem(f"{name} ({len(groups[code])})")
            for s in groups[code]:
                child = QStandardItem(f"{s.name} — {s.organisation}")
                child.setData(s.id, SERVICE_ROLE)
                parent.appendRow(child)
            self.services.appendRow(parent)
        self.expandAll()

    def _open(self) -> None:
        index = self.currentIndex()
        service_id = index.data(SERVICE_ROLE) if index.isValid() else None
        if service_id:
            self.service_opened.emit(str(service_id))
