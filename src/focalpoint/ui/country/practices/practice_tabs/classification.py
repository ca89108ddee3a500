"""The "Classification" tab of a practice: categories, populations served, migration phases."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from focalpoint.domain.practices import Practice
from focalpoint.i18n import _, current_language
from focalpoint.services.common.vocabularies import vocabularies
from focalpoint.ui.widgets.checklist import CheckList


class ClassificationTab(QWidget):
    def __init__(self, p: Practice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        vocab = vocabularies()
        language = current_language()
        grid = QGridLayout(self)
        self.categories = CheckList(_("Categories"))
        self.categories.set_items(
            [(t.code, t.label(language)) for t in vocab.practice_category.terms], p.categories
        )
        self.populations = CheckList(_("Populations served"))
        self.populations.set_items(
            [(t.code, t.label(language)) for t in vocab.population.terms], p.populations
        )
        self.phases = CheckList(_("Migration phase"))
        self.phases.set_items(
            [(t.code, t.label(language)) for t in vocab.migration_phase.terms], p.phases
        )
        self.phases.view.setMaximumHeight(90)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(QLabel(_("Categories:")))
        left.addWidget(self.categories, 1)
        right.addWidget(QLabel(_("Populations served:")))
        right.addWidget(self.populations, 1)
        right.addWidget(QLabel(_("Migration phase:")))
        right.addWidget(self.phases)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)

    def apply(self, p: Practice) -> Practice:
        """``p`` with what this tab holds now."""
        return replace(
            p,
            categories=self.categories.checked(),
            populations=self.populations.checked(),
            phases=self.phases.checked(),
        )
