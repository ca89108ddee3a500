"""The "Period and results" tab of a practice: when it ran, what came of it, whom to ask."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from focalpoint.domain.practices import Practice
from focalpoint.i18n import _
from focalpoint.ui.widgets.text_area import text_area


class ResultsTab(QWidget):
    def __init__(self, p: Practice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.period_start = QLineEdit(p.period_start)
        self.period_end = QLineEdit(p.period_end)
        self.period_start.setAccessibleName(_("Start of the period"))
        self.period_end.setAccessibleName(_("End of the period"))
        for edit in (self.period_start, self.period_end):
            edit.setPlaceholderText(_("YYYY or YYYY-MM"))
            edit.setMaximumWidth(140)
        period = QHBoxLayout()
        period.addWidget(self.period_start)
        period.addWidget(QLabel(_("to")))
        period.addWidget(self.period_end)
        period.addWidget(QLabel(_("(leave the end empty if it continues)")))
        period.addStretch(1)
        self.results = text_area(p.results)
        self.lessons = text_area(p.lessons)
        self.contact = QLineEdit(p.contact)
        self.contact.setPlaceholderText(_("Office, e-mail or phone of the institution"))
        form.addRow(_("Period:"), period)
        form.addRow(_("Results:"), self.results)
        form.addRow(_("Lessons learned:"), self.lessons)
        form.addRow(_("Contact:"), self.contact)

    def apply(self, p: Practice) -> Practice:
        """``p`` with what this tab holds now."""
        return replace(
            p,
            period_start=self.period_start.text(),
            period_end=self.period_end.text(),
            results=self.results.toPlainText(),
            lessons=self.lessons.toPlainText(),
            contact=self.contact.text(),
        )
