"""The right-hand panel: one action's text, its responsible entities, status, note and history.

Its parts: the text (``action_details``), the responsible entities
(``responsible_entities``), status and note (``action_progress``) and the history
(``action_history``); the panel saves what they say the user chose.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from focalpoint.domain.plan import Action
from focalpoint.domain.records import Assignment, Entity
from focalpoint.i18n import _
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.entities.entity_form import EntityForm
from focalpoint.ui.country.plan.action_details import details_html, heading_html
from focalpoint.ui.country.plan.action_history import ActionHistory
from focalpoint.ui.country.plan.action_progress import ActionProgress
from focalpoint.ui.country.plan.responsible_entities import ResponsibleEntities
from focalpoint.ui.feedback import attempt


class ActionPanel(QScrollArea):
    """Edits one action; every change is saved at once through the services."""

    assignment_changed = Signal(object)  # Assignment
    entities_changed = Signal()
    practice_requested = Signal(str)  # a practice id to open
    new_practice_requested = Signal(str)  # an action code the new practice serves

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._action: Action | None = None
        self._code = ""
        self._editable = False
        self._entities: dict[str, Entity] = {}
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        # Not a Tab stop of its own (nothing to see there): Tab goes from field to field, and
        # the panel scrolls to show each one.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Long entity names elide and the forms put their labels above their fields when
        # narrow, so the panel scrolls down; only narrower than its smallest form does it
        # scroll sideways too, rather than cut its right side off out of reach.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

        body = QWidget()
        self.setWidget(body)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.responsible = ResponsibleEntities()
        self.responsible.lead_chosen.connect(self._lead_chosen)
        self.responsible.supports_chosen.connect(self._supports_chosen)
        self.responsible.new_entity_requested.connect(self._add_entity)
        self.progress = ActionProgress(workspace.assignments)
        self.progress.status_chosen.connect(self._status_chosen)
        self.progress.note_saved.connect(self._note_saved)
        practices_box = QGroupBox(_("Practices that serve this action"))
        practices_layout = QVBoxLayout(practices_box)
        self.practices = QLabel()
        self.practices.setWordWrap(True)
        # Tab reaches each practice's link and Enter opens it, as a click does.
        self.practices.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.practices.linkActivated.connect(self.practice_requested)
        # Short: under its box's title, which says whose practices these are (a long button
        # was the panel's widest part at large text sizes).
        self.new_practice = QPushButton(_("Record a practice…"))
        self.new_practice.clicked.connect(lambda: self.new_practice_requested.emit(self._code))
        practices_layout.addWidget(self.practices)
        practices_layout.addWidget(self.new_practice, 0, Qt.AlignmentFlag.AlignLeft)
        proposals_box = QGroupBox(_("Proposals to amend the plan"))
        proposals_layout = QVBoxLayout(proposals_box)
        self.proposals = QLabel()
        self.proposals.setWordWrap(True)
        self.propose = QPushButton(_("Propose a change…"))
        self.propose.clicked.connect(lambda: self.open_proposal())
        proposals_layout.addWidget(self.proposals)
        proposals_layout.addWidget(self.propose, 0, Qt.AlignmentFlag.AlignLeft)
        self.history = ActionHistory()

        self.placeholder = QLabel(
            _(
                "Choose an action in the plan to name its responsible "
                "entities and follow its progress."
            )
        )
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.editor = QWidget()
        editor_layout = QVBoxLayout(self.editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.heading,
            self.details,
            self.responsible,
            self.progress,
            practices_box,
            proposals_box,
            self.history,
        ):
            editor_layout.addWidget(widget)
        editor_layout.addStretch(1)
        layout = QVBoxLayout(body)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.editor)
        self.editor.hide()

    # -- showing an action ----------------------------------------------------------------
    def set_entities(self, entities: dict[str, Entity]) -> None:
        self._entities = dict(entities)
        if self._code:
            self._show_assignment(self._current_assignment())

    def show_action(
        self, code: str, action: Action | None, breadcrumb: str, assignment: Assignment | None
    ) -> None:
        """Show an action (``action`` is None for an assignment no longer in the plan)."""
        self.progress.leave_note()
        if code != self._code:  # another action: its title first, not the last one's place
            self.verticalScrollBar().setValue(0)
            self.horizontalScrollBar().setValue(0)
        self._code = code
        self._action = action
        # Read-only workspace: shown, never edited (the window's banner says why).
        self._editable = action is not None and not self._ws.read_only
        self.placeholder.hide()
        self.editor.show()
        self.heading.setText(heading_html(code, action, breadcrumb))
        self.details.setText(details_html(action))
        self.responsible.set_editable(self._editable)
        self.progress.set_action(code, self._editable)
        self._show_assignment(assignment or Assignment(code))
        self.show_practices()
        self.new_practice.setEnabled(self._editable)
        self.show_proposals()
        self.propose.setEnabled(self._editable)
        self.progress.show_unsaved()

    def show_proposals(self) -> None:
        """The proposals written for the action on show, each with its state."""
        from focalpoint.ui.country.proposals.proposals_dialog import proposal_lines

        found = self._ws.proposals.for_target(self._code) if self._code else []
        objective = self._ws.proposals.objective_of(self._code) if self._code else None
        if objective:  # a new action or paragraph proposed beside this one
            found += self._ws.proposals.for_target(objective)
        self.proposals.setText(proposal_lines(found))

    def open_proposal(self) -> object:
        """ "Propose a change…": the dialog for the action on show (returned, for tests)."""
        from focalpoint.ui.country.proposals.proposal_dialog import ProposalDialog

        dialog = ProposalDialog(self._ws, self._code, self)
        dialog.accepted.connect(self.show_proposals)
        dialog.open()
        return dialog

    def show_practices(self) -> None:
        """List, as links, the practices recorded for the action on show."""
        found = self._ws.practices.for_action(self._code) if self._code else []
        if not found:
            self.practices.setText(
                "<span style='color:#555'>" + escape(_("No practice recorded yet.")) + "</span>"
            )
            return
        self.practices.setText(
            "<br>".join(
                f"<a href='{escape(pid)}'>{escape(title)}</a>"
                f" <span style='color:#555'>({escape(state.label)})</span>"
                for pid, title, state in found
            )
        )

    def clear(self) -> None:
        self.progress.leave_note()
        self._code = self.progress.code = ""
        self._action = None
        self.editor.hide()
        self.placeholder.show()

    def refresh_assignment(self) -> None:
        """Show the action's assignment as stored now (changed by an undo, say)."""
        if self._code:
            self._show_assignment(self._current_assignment())

    def _current_assignment(self) -> Assignment:
        return attempt(self, lambda: self._ws.assignments.get(self._code)) or Assignment(self._code)

    def _show_assignment(self, a: Assignment) -> None:
        self.responsible.show_assignment(a, self._entities)
        self.progress.show_assignment(a)
        self.history.show_history(
            a, attempt(self, lambda: self._ws.assignments.history(self._code)) or []
        )

    # -- edits ------------------------------------------------------------------------------
    def _apply(self, result: Assignment | None) -> None:
        """After an edit: show what is stored now (the new value, or the old one if refused)."""
        stored = result or self._current_assignment()
        self._show_assignment(stored)
        if result is not None:
            self.assignment_changed.emit(result)

    def _lead_chosen(self, entity_id: str | None) -> None:
        if not self._editable:
            return
        self._apply(attempt(self, lambda: self._ws.assignments.set_lead(self._code, entity_id)))

    def _supports_chosen(self, chosen: list[str]) -> None:
        if not self._editable:
            return
        result = attempt(self, lambda: self._ws.assignments.set_supports(self._code, chosen))
        if result is not None:
            self.assignment_changed.emit(result)
        # The list is rebuilt after this signal returns: the item that sent it must outlive it.
        code = self._code
        QTimer.singleShot(0, self, lambda: self._refresh_if_showing(code))

    def _refresh_if_showing(self, code: str) -> None:
        if code == self._code:
            self._show_assignment(self._current_assignment())

    def _status_chosen(self, status: str) -> None:
        if not self._editable:
            return
        self._apply(attempt(self, lambda: self._ws.assignments.set_status(self._code, status)))

    def _note_saved(self, result: Assignment) -> None:
        self.assignment_changed.emit(result)
        self.history.show_history(result, self._ws.assignments.history(self._code))

    def unsaved_notes(self) -> list[str]:
        """Try every note still unsaved once more; the codes of those that still fail."""
        return self.progress.unsaved_notes()

    def _add_entity(self) -> None:
        """ "New entity…", beside the lead: the entity made becomes the action's lead."""
        form = EntityForm(self._ws.entities, parent=self)
        if form.exec() and form.saved:
            self.entities_changed.emit()  # listed first, then chosen
            if self._code:
                self._lead_chosen(form.saved.id)
