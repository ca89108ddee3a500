"""The form to record or change one practice, with its evidence and history.

Each tab is a module of ``practice_tabs``, named as the user sees it.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.errors import FocalPointError
from focalpoint.domain.practices import Practice, PracticeState
from focalpoint.i18n import N_, _
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.practices.practice_tabs.classification import ClassificationTab
from focalpoint.ui.country.practices.practice_tabs.description import DescriptionTab
from focalpoint.ui.country.practices.practice_tabs.evidence import EvidenceTab
from focalpoint.ui.country.practices.practice_tabs.history import HistoryTab
from focalpoint.ui.country.practices.practice_tabs.plan_actions import PlanActionsTab
from focalpoint.ui.country.practices.practice_tabs.results import ResultsTab
from focalpoint.ui.country.practices.practice_tabs.scope import ScopeTab
from focalpoint.ui.feedback import error_label, hide_when_edited
from focalpoint.ui.widgets.buttons import Standard, dialog_buttons
from focalpoint.ui.widgets.guarded_form import GuardedForm
from focalpoint.ui.widgets.screen_fit import open_size

NO_PERSONAL_DATA = N_(
    "Practices describe institutions and how they work, never a child. Do not write names, "
    "photos, case numbers or any other personal data of a child here or in the evidence."
)


class PracticeDialog(GuardedForm):
    """Saves through the service on Save; a refusal shows in the form, which stays open.

    Evidence for a practice already saved is attached at once (its own transaction); for a new
    practice the chosen files wait and are attached right after the practice is first saved.
    """

    def __init__(
        self, workspace: Workspace, practice: Practice | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ws = workspace
        # A practice without an id is a new one, pre-filled (e.g. with the action it serves).
        self._practice = practice if practice is not None and practice.id else None
        self.saved: Practice | None = None
        self.setWindowTitle(_("Edit practice") if self._practice else _("New practice"))
        open_size(self, 860, 680)
        p = practice or Practice(title="")

        reminder = QLabel("⚠ " + _(NO_PERSONAL_DATA))
        reminder.setWordWrap(True)
        reminder.setObjectName("reminder")
        reminder.setStyleSheet(
            "QLabel#reminder { background: #fff4ce; border: 1px solid #e0c060;"
            " border-radius: 4px; padding: 6px; }"
        )
        self.description_tab = DescriptionTab(p)
        self.classification_tab = ClassificationTab(p)
        self.scope_tab = ScopeTab(workspace, p)
        self.results_tab = ResultsTab(p)
        self.actions_tab = PlanActionsTab(workspace, p)
        self.evidence_tab = EvidenceTab(workspace, self._practice)
        self.evidence_tab.changed.connect(self._evidence_changed)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.description_tab, _("Description"))
        self.tabs.addTab(self.classification_tab, _("Classification"))
        self.tabs.addTab(self.scope_tab, _("Where and who"))
        self.tabs.addTab(self.results_tab, _("Period and results"))
        self.tabs.addTab(self.actions_tab, _("Plan actions"))
        self.tabs.addTab(self.evidence_tab, _("Evidence"))
        if self._practice is not None:
            history = workspace.practices.history(self._practice.id)
            self.tabs.addTab(HistoryTab(history), _("History"))

        self.state = QComboBox()
        for state in PracticeState:
            self.state.addItem(state.label, state.value)
        self.state.setCurrentIndex(self.state.findData(p.state.value))
        self.error = error_label()
        buttons = dialog_buttons(
            self, _("Save"), self._save, Standard.Save, read_only=workspace.read_only
        )
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(_("State:")))
        bottom.addWidget(self.state)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(reminder)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addLayout(bottom)
        self.evidence_tab.refresh()
        hide_when_edited(self.error, self)
        # Opens ready to type its title (Qt would give the focus to the first tab's bar).
        self.description_tab.title.setFocus()

    def _evidence_changed(self) -> None:
        count = self.evidence_tab.count()
        index = self.tabs.indexOf(self.evidence_tab)
        self.tabs.setTabText(index, _("Evidence ({n})").format(n=count) if count else _("Evidence"))

    # -- saving -----------------------------------------------------------------------------
    def practice(self) -> Practice:
        """What the form holds now, as a practice to save."""
        p = self._practice or Practice(title="")
        for tab in (
            self.description_tab,
            self.classification_tab,
            self.scope_tab,
            self.results_tab,
            self.actions_tab,
        ):
            p = tab.apply(p)
        return replace(p, state=PracticeState(self.state.currentData()))

    def _save(self) -> None:
        try:
            saved = self._ws.practices.save(self.practice())
        except FocalPointError as error:
            self.error.setText(error.message)
            self.error.show()
            return
        self._practice = self.saved = self.evidence_tab.practice = saved
        pending, self.evidence_tab.pending = self.evidence_tab.pending, []
        failed = [path for path in pending if not self.evidence_tab.attach(path)]
        if failed:  # the practice is saved; stay open so the user sees what is missing
            self.setWindowTitle(_("Edit practice"))
            self.evidence_tab.refresh()
            return
        self.accept()
