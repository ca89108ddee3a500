"""The "Description" tab of a practice: its title, summary and full description."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from focalpoint.domain.practices import Practice
from focalpoint.i18n import _
from focalpoint.ui.widgets.text_area import text_area


class DescriptionTab(QWidget):
    def __init__(self, p: Practice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.title = QLineEdit(p.title)
        self.title.setPlaceholderText(_("Required"))
        self.summary = text_area(p.summary)
        self.summary.setPlaceholderText(_("Two or three sentences: what it is and why it works."))
        self.summary.setMaximumHeight(90)
        self.description = text_area(p.description)
        form.addRow(_("Title:"), self.title)
        form.addRow(_("Summary:"), self.summary)
        form.addRow(_("Full description:"), self.description)

    def apply(self, p: Practice) -> Practice:
        """``p`` with what this tab holds now."""
        return replace(
            p,
            title=self.title.text(),
            summary=self.summary.toPlainText(),
            description=self.description.toPlainText(),
        )
