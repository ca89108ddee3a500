"""The right-hand panel: one action's text, its responsible entities, status, note and history."""

from __future__ import annotations

from functools import partial
from html import escape

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.plan import Action
from focalpoint.domain.records import Assignment, Entity
from focalpoint.domain.vocab import ORGANISATIONS, ActionStatus
from focalpoint.i18n import _, format_timestamp, pick
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.entities.entity_form import EntityForm
from focalpoint.ui.country.plan.history_model import HistoryTableModel
from focalpoint.ui.feedback import attempt

NOTE_SAVE_DELAY_MS = 800
ENTITY_ROLE = Qt.ItemDataRole.UserRole + 1


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
        self._loading = False
        self._note_dirty = False
        # Notes whose save was refused (busy or full disk), by action code, until one succeeds.
        self._unsaved: dict[str, str] = {}
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        # Long entity names elide; the panel scrolls down, never sideways.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        body = QWidget()
        self.setWidget(body)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.lead = QComboBox()
        self.lead.setAccessibleName(_("Lead entity"))
        self.lead.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.lead.setMinimumContentsLength(18)
        self.lead.activated.connect(self._lead_chosen)
        self.new_entity = QPushButton(_("New entity…"))
        self.new_entity.clicked.connect(self._add_entity)
        lead_row = QHBoxLayout()
        lead_row.addWidget(self.lead, 1)
        lead_row.addWidget(self.new_entity)

        self.support_model = QStandardItemModel(self)
        self.support_model.itemChanged.connect(self._support_toggled)
        self.support_proxy = QSortFilterProxyModel(self)
        self.support_proxy.setSourceModel(self.support_model)
        self.support_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.support_filter = QLineEdit()
        self.support_filter.setPlaceholderText(_("Filter entities"))
        self.support_filter.setClearButtonEnabled(True)
        self.support_filter.textChanged.connect(self.support_proxy.setFilterFixedString)
        self.supports = QListView()
        self.supports.setModel(self.support_proxy)
        self.supports.setMinimumHeight(90)
        self.supports.setMaximumHeight(160)
        self.supports.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.supports.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.supports.setAccessibleName(_("Supporting entities"))
        self.support_summary = QLabel()

        self.status = QComboBox()
        for status in ActionStatus:
            self.status.addItem(status.label, status.value)
        self.status.activated.connect(self._status_chosen)

        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(_("What has been done, what is pending, next steps…"))
        self.note.setMinimumHeight(90)
        self.note.textChanged.connect(self._note_edited)
        self.note_state = QLabel()
        self.note_state.setStyleSheet("color: #555;")
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_SAVE_DELAY_MS)
        self._note_timer.timeout.connect(self.save_note)

        self.changed_by = QLabel()
        self.changed_by.setStyleSheet("color: #555;")
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

        responsible = QGroupBox(_("Responsible national entities"))
        form = QFormLayout(responsible)
        form.addRow(_("Lead entity"), lead_row)
        support_box = QVBoxLayout()
        support_box.addWidget(self.support_filter)
        support_box.addWidget(self.supports)
        support_box.addWidget(self.support_summary)
        form.addRow(_("Supporting entities"), support_box)
        follow = QGroupBox(_("Progress"))
        follow_form = QFormLayout(follow)
        follow_form.addRow(_("Status"), self.status)
        note_box = QVBoxLayout()
        note_box.addWidget(self.note)
        note_box.addWidget(self.note_state)
        follow_form.addRow(_("Progress note"), note_box)
        practices_box = QGroupBox(_("Practices that serve this action"))
        practices_layout = QVBoxLayout(practices_box)
        self.practices = QLabel()
        self.practices.setWordWrap(True)
        self.practices.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.practices.linkActivated.connect(self.practice_requested)
        self.new_practice = QPushButton(_("Record a practice for this action…"))
        self.new_practice.clicked.connect(lambda: self.new_practice_requested.emit(self._code))
        practices_layout.addWidget(self.practices)
        practices_layout.addWidget(self.new_practice, 0, Qt.AlignmentFlag.AlignLeft)
        history_box = QGroupBox(_("History of changes"))
        history_layout = QVBoxLayout(history_box)
        history_layout.addWidget(self.changed_by)
        history_layout.addWidget(self.history)

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
        for widget in (self.heading, self.details, responsible, follow, practices_box, history_box):
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
        self._leave_note()
        self._code = code
        self._action = action
        self._editable = action is not None
        self.placeholder.hide()
        self.editor.show()
        title = pick(action.title) if action else _("This action is no longer in the plan")
        self.heading.setText(
            f"<span style='font-size:15pt; font-weight:600'>{escape(code)}  "
            f"{escape(title)}</span><br><span style='color:#555'>"
            f"{escape(breadcrumb)}</span>"
        )
        self.details.setText(self._details_html(action))
        for widget in (
            self.lead,
            self.new_entity,
            self.supports,
            self.support_filter,
            self.status,
            self.note,
        ):
            widget.setEnabled(self._editable)
        self._show_assignment(assignment or Assignment(code))
        self.show_practices()
        self.new_practice.setEnabled(self._editable)
        if code in self._unsaved:  # typed earlier, refused then: back on screen, not lost
            self._loading = True
            self.note.setPlainText(self._unsaved[code])
            self._loading = False
            self._note_dirty = True
            self.note_state.setText(_("Not saved."))

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
        self._leave_note()
        self._code = ""
        self._action = None
        self.editor.hide()
        self.placeholder.show()

    def _details_html(self, action: Action | None) -> str:
        if action is None:
            return escape(
                _(
                    "The plan installed now has no action with this code. Its assignment "
                    "is kept, unchanged, so that nothing is lost."
                )
            )
        rows = []
        if action.description:
            rows.append(f"<p>{escape(pick(action.description))}</p>")
        facts = []
        if action.indicator:
            facts.append((_("Indicator"), pick(action.indicator)))
        if action.timeframe:
            facts.append((_("Timeframe"), f"{action.timeframe[0]}–{action.timeframe[1]}"))
        if action.supporting_organisations:
            facts.append(
                (
                    _("Supporting organisations"),
                    ", ".join(ORGANISATIONS.get(o, o) for o in action.supporting_organisations),
                )
            )
        if action.report_items:
            facts.append((_("2017 report items"), ", ".join(action.report_items)))
        if facts:
            rows.append(
                "<table cellspacing='2'>"
                + "".join(
                    f"<tr><td style='color:#555; padding-right:8px'>{escape(k)}</td>"
                    f"<td>{escape(v)}</td></tr>"
                    for k, v in facts
                )
                + "</table>"
            )
        return "".join(rows)

    def _current_assignment(self) -> Assignment:
        return attempt(self, lambda: self._ws.assignments.get(self._code)) or Assignment(self._code)

    def _show_assignment(self, a: Assignment) -> None:
        self._loading = True
        try:
            self.lead.clear()
            self.lead.addItem(_("— no lead entity yet —"), None)
            for e in sorted(self._entities.values(), key=lambda e: e.name.casefold()):
                if not e.retired or e.id == a.lead_id:
                    label = e.display_name + (" " + _("(retired)") if e.retired else "")
                    self.lead.addItem(label, e.id)
            self.lead.setCurrentIndex(max(self.lead.findData(a.lead_id), 0))
            self.support_model.clear()
            # Chosen entities first, so a long directory never hides what is ticked.
            for e in sorted(
                self._entities.values(),
                key=lambda e: (e.id not in a.support_ids, e.name.casefold()),
            ):
                chosen = e.id in a.support_ids
                if e.id == a.lead_id or (e.retired and not chosen):
                    continue
                item = QStandardItem(e.display_name + (" " + _("(retired)") if e.retired else ""))
                item.setData(e.id, ENTITY_ROLE)
                item.setToolTip(e.display_name)
                item.setCheckable(True)
                item.setEditable(False)
                item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
                self.support_model.appendRow(item)
            names = [self._entities[i].display_name for i in a.support_ids if i in self._entities]
            self.support_summary.setText(
                _("Supporting: {names}").format(names="; ".join(names))
                if names
                else _("No supporting entities.")
            )
            if not self._entities:
                self.support_summary.setText(
                    _("The directory is empty: add the entities with “New entity…”.")
                )
            self.status.setCurrentIndex(self.status.findData(a.status.value))
            # Never overwrite what the user is typing and has not saved yet.
            if not self._note_dirty and self.note.toPlainText() != a.note:
                self.note.setPlainText(a.note)
                self.note_state.setText("")
            self._show_changed_by(a)
            self.history_model.load(
                attempt(self, lambda: self._ws.assignments.history(self._code)) or []
            )
        finally:
            self._loading = False

    def _show_changed_by(self, a: Assignment) -> None:
        if a.updated_at:
            self.changed_by.setText(
                _("Last changed by {who} on {when}.").format(
                    who=a.updated_by or "—", when=format_timestamp(a.updated_at)
                )
            )
        else:
            self.changed_by.setText(_("Not changed yet."))

    # -- edits ------------------------------------------------------------------------------
    def _apply(self, result: Assignment | None) -> None:
        """After an edit: show what is stored now (the new value, or the old one if refused)."""
        stored = result or self._current_assignment()
        self._show_assignment(stored)
        if result is not None:
            self.assignment_changed.emit(result)

    def _lead_chosen(self) -> None:
        if self._loading or not self._editable:
            return
        entity_id = self.lead.currentData()
        self._apply(attempt(self, lambda: self._ws.assignments.set_lead(self._code, entity_id)))

    def _support_toggled(self, _item: QStandardItem) -> None:
        if self._loading or not self._editable:
            return
        chosen = [
            self.support_model.item(r).data(ENTITY_ROLE)
            for r in range(self.support_model.rowCount())
            if self.support_model.item(r).checkState() == Qt.CheckState.Checked
        ]
        result = attempt(self, lambda: self._ws.assignments.set_supports(self._code, chosen))
        if result is not None:
            self.assignment_changed.emit(result)
        # The list is rebuilt after this signal returns: the item that sent it must outlive it.
        code = self._code
        QTimer.singleShot(0, lambda: self._refresh_if_showing(code))

    def _refresh_if_showing(self, code: str) -> None:
        if code == self._code:
            self._show_assignment(self._current_assignment())

    def _status_chosen(self) -> None:
        if self._loading or not self._editable:
            return
        status = self.status.currentData()
        self._apply(attempt(self, lambda: self._ws.assignments.set_status(self._code, status)))

    def _note_edited(self) -> None:
        if self._loading or not self._editable:
            return
        self._note_dirty = True
        self.note_state.setText(_("Saving…"))
        self._note_timer.start()

    def _leave_note(self) -> None:
        """Before showing another action: save the note, or keep it aside if that fails."""
        if not self.save_note():
            self._unsaved[self._code] = self.note.toPlainText()
        self._note_dirty = False

    def unsaved_notes(self) -> list[str]:
        """Try every note still unsaved once more; the codes of those that still fail."""
        self._leave_note()
        for code, text in list(self._unsaved.items()):
            if attempt(self, partial(self._ws.assignments.set_note, code, text)):
                del self._unsaved[code]
        return sorted(self._unsaved)

    def save_note(self) -> bool:
        """Save a note that is still waiting for its pause; False if the save was refused."""
        self._note_timer.stop()
        if not self._note_dirty or not self._code or not self._editable:
            return True
        text = self.note.toPlainText()
        result = attempt(self, lambda: self._ws.assignments.set_note(self._code, text))
        if result is None:
            # Still dirty: the text stays on screen and is tried again at the next pause,
            # on leaving the action (kept aside), or on closing.
            self.note_state.setText(_("Not saved."))
            return False
        self._note_dirty = False
        self._unsaved.pop(self._code, None)
        self.assignment_changed.emit(result)
        self._loading = True
        try:
            self.history_model.load(self._ws.assignments.history(self._code))
            self._show_changed_by(result)
        finally:
            self._loading = False
        self.note_state.setText(_("Saved."))
        return True

    def _add_entity(self) -> None:
        form = EntityForm(self._ws.entities, parent=self)
        if form.exec() and form.saved:
            self.entities_changed.emit()
