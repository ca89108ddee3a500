"""The "Plan actions" tab of a practice: the actions of the plan it serves."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from focalpoint.domain.practices import Practice
from focalpoint.i18n import _, pick
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.widgets.checklist import CheckList


class PlanActionsTab(QWidget):
    def __init__(self, workspace: Workspace, p: Practice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("The actions of the plan that this practice serves:")))
        self.plan_actions = CheckList(_("Plan actions"), searchable=True)
        actions = workspace.plan.overview().document.actions()
        items = [(a.code, f"{a.code}  {pick(a.title)}") for a in actions]
        in_plan = {a.code for a in actions}
        # Links to actions a plan update dropped stay on show (ticked), so saving keeps them.
        items += [
            (code, f"{code}  " + _("(no longer in the plan)"))
            for code in p.action_codes
            if code not in in_plan
        ]
        self.plan_actions.set_items(items, p.action_codes)
        layout.addWidget(self.plan_actions)

    def apply(self, p: Practice) -> Practice:
        """``p`` with what this tab holds now."""
        return replace(p, action_codes=self.plan_actions.checked())
