"""The history of the action on show: who changed it last, and every change."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.records import Assignment, AuditEntry
from focalpoint.i18n import _, format_timestamp
from focalpoint.ui.country.plan.history_model import HistoryTableModel


class ActionHistory(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("History of changes"), parent)
        self.changed_by = QLabel()
        self.changed_by.setStyleSheet("color: #555;")
        self.changed_by.setWordWrap(True)  # a long name and date: two lines, not a wider panel
        self.history_model = HistoryTableModel(self)
        self.history = QTableView()
        self.history.setModel(self.history_model)
        self.history.verticalHeader().hide()
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.history.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.history.setWordWrap(True)
        self.history.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history.setMinimumHeight(150)
        layout = QVBoxLayout(self)
        layout.addWidget(self.changed_by)
        layout.addWidget(self.history)

    def show_history(self, a: Assignment, entries: list[AuditEntry]) -> None:
        if a.updated_at:
            self.changed_by.setText(
                _("Last changed by {who} on {when}.").format(
                    who=a.updated_by or "—", when=format_timestamp(a.updated_at)
                )
            )
        else:
            self.changed_by.setText(_("Not changed yet."))
        self.history_model.load(entries)
