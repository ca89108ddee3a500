"""The "History" tab of a saved practice: every change, who made it and when."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView, QVBoxLayout, QWidget

from focalpoint.domain.records import AuditEntry
from focalpoint.i18n import _
from focalpoint.ui.country.plan.history_model import HistoryTableModel


class HistoryTab(QWidget):
    def __init__(self, entries: list[AuditEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        model = HistoryTableModel(self)
        model.load(entries)
        view = QTableView()
        view.setAccessibleName(_("History"))
        view.setModel(model)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        view.setWordWrap(True)
        layout.addWidget(view)
