"""The "Where and who" tab of a practice: national or local, implementing entities, partners."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QButtonGroup, QGridLayout, QLabel, QLineEdit, QRadioButton, QWidget

from focalpoint.domain.practices import Practice
from focalpoint.domain.vocab import ORGANISATIONS
from focalpoint.i18n import _, current_language
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.widgets.checklist import CheckList


class ScopeTab(QWidget):
    def __init__(self, workspace: Workspace, p: Practice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from focalpoint.services.common import geography

        grid = QGridLayout(self)
        self.national = QRadioButton(_("National"))
        self.local = QRadioButton(_("In these subdivisions:"))
        group = QButtonGroup(self)
        group.addButton(self.national)
        group.addButton(self.local)
        (self.national if p.national else self.local).setChecked(True)
        self.subdivisions = CheckList(_("Subdivisions"), searchable=True)
        language = current_language()
        self.subdivisions.set_items(
            [
                (s.code, f"{s.name_in(language)} ({s.code})")
                for s in geography.subdivisions(workspace.directory.country())
            ],
            p.subdivisions,
        )
        self.subdivisions.setEnabled(not p.national)
        self.local.toggled.connect(self.subdivisions.setEnabled)
        self.entities = CheckList(_("Implementing entities"), searchable=True)
        self.entities.set_items(
            [
                (e.id, e.display_name)
                for e in workspace.entities.all()
                if not e.retired or e.id in p.entity_ids
            ],
            p.entity_ids,
        )
        known = list(ORGANISATIONS.values())
        self.partners = CheckList(_("Partner organisations"))
        # Kept as the plan names them (the same in every language), shown in the reader's.
        self.partners.set_items([(name, _(name)) for name in known], p.partners)
        self.other_partners = QLineEdit("; ".join(x for x in p.partners if x not in known))
        self.other_partners.setPlaceholderText(_("Other partners, separated by ;"))
        self.other_partners.setAccessibleName(_("Other partners"))
        grid.addWidget(QLabel(_("Geographic scope:")), 0, 0)
        grid.addWidget(self.national, 1, 0)
        grid.addWidget(self.local, 2, 0)
        grid.addWidget(self.subdivisions, 3, 0, 3, 1)
        grid.addWidget(QLabel(_("Implementing entities (national directory):")), 0, 1)
        grid.addWidget(self.entities, 1, 1, 3, 1)
        grid.addWidget(QLabel(_("Partner organisations (observers, civil society):")), 4, 1)
        grid.addWidget(self.partners, 5, 1)
        grid.addWidget(self.other_partners, 6, 1)

    def apply(self, p: Practice) -> Practice:
        """``p`` with what this tab holds now."""
        others = [x.strip() for x in self.other_partners.text().split(";") if x.strip()]
        return replace(
            p,
            national=self.national.isChecked(),
            subdivisions=self.subdivisions.checked(),
            entity_ids=self.entities.checked(),
            partners=(*self.partners.checked(), *others),
        )
