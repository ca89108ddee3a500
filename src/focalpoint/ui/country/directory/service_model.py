"""The services of the directory as a Qt table model (a page at a time), and the colour of each
service type."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from focalpoint.domain.directory import ServiceColumn, ServiceSummary
from focalpoint.domain.palette import UNKNOWN_TYPE_COLOUR
from focalpoint.i18n import N_, _, current_language
from focalpoint.services.common.vocabularies import vocabularies
from focalpoint.ui.widgets.paged_model import PagedTableModel
from focalpoint.ui.widgets.service_map import type_colours
from focalpoint.ui.widgets.table_model import AnyIndex


class ServiceTableModel(PagedTableModel[ServiceSummary]):
    """Service, organisation, type, subdivision, municipality; texts built only when shown."""

    COLUMNS = (N_("Service"), N_("Organisation"), N_("Type"), N_("Subdivision"), N_("Municipality"))
    # The order each column sorts by, in the same order as COLUMNS.
    ORDERS = tuple(ServiceColumn)

    def __init__(self, subdivision_names: dict[str, str], parent: Any = None) -> None:
        super().__init__(parent)
        self._subdivision_names = subdivision_names
        self._colours = type_colours()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        s = self.record(index.row()) if index.isValid() else None
        if s is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return s.name + (" " + _("(deleted)") if s.deleted else "")
            if column == 1:
                return s.organisation
            if column == 2:
                return vocabularies().service_type.label(s.service_type, current_language())
            if column == 3:
                return self._subdivision_names.get(s.subdivision, s.subdivision)
            return s.municipality
        if role == Qt.ItemDataRole.DecorationRole and column == 2:
            return self._colours.get(s.service_type, QColor(UNKNOWN_TYPE_COLOUR))
        if role == Qt.ItemDataRole.ForegroundRole and s.deleted:
            return QBrush(QColor("#8a8a8a"))
        return None
