"""The plan workbench: the plan tree and its filters on the left, the chosen action right."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.vocab import ActionStatus
from focalpoint.i18n import _, pick
from focalpoint.ui.country.plan.plan_columns import PlanColumns
from focalpoint.ui.country.plan.plan_model import (
    ACTION,
    CODE_ROLE,
    KIND_ROLE,
    ORPHAN,
    PlanFilterProxy,
    PlanTreeModel,
)
from focalpoint.ui.feedback import attempt
from focalpoint.ui.widgets.filter_bar import FilterBar

if TYPE_CHECKING:
    from focalpoint.services.country.plan import PlanOverview
    from focalpoint.services.country.workspace import Workspace
    from focalpoint.ui.country.plan.action_panel import ActionPanel


# The tree's filter texts are made this long after it is shown: after its first paint, before
# anyone can have read the tree and typed.
SEARCH_TEXTS_AFTER_MS = 300


class PlanWorkbench(QWidget):
    """Shows the plan and this country's assignments; the action panel edits one action."""

    plan_loaded = Signal()
    practice_requested = Signal(str)
    new_practice_requested = Signal(str)
    plan_described = Signal(str)  # "Plan X, version Y", for the window's status bar

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._overview: PlanOverview | None = None

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "background:#fff4ce; color:#4a3b00; padding:6px 10px; border-bottom:1px solid #e0c96b;"
        )
        self.banner.hide()
        self.coverage = QLabel(_("Loading the plan…"))
        self.coverage.setStyleSheet("font-weight:600;")

        filters = FilterBar(_("Type to filter by code, title or entity"), search_stretch=2)
        self.search = filters.search
        self.axis = QComboBox()
        self.axis.setAccessibleName(_("Axis"))
        self.status = QComboBox()
        self.status.setAccessibleName(_("Status"))
        self.status.addItem(_("Any status"), "")
        for s in ActionStatus:
            self.status.addItem(s.label, s.value)
        self.unassigned = QCheckBox(_("Only actions without a responsible entity"))
        # Said in place of a blank tree when the filters leave no action.
        self.nothing = QLabel()
        self.nothing.setWordWrap(True)
        self.nothing.setStyleSheet("color:#5c4400; padding:4px 2px;")
        self.nothing.hide()
        for combo in (self.axis, self.status):
            # Sized like every filter (filter_combo), not to its longest entry: measured when
            # first shown, an axis title made the pane 640 pixels wide whenever the plan was
            # read before the window showed (a window rebuilt in another language).
            combo.setMinimumContentsLength(8)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        for signal in (
            self.search.textChanged,
            self.axis.currentIndexChanged,
            self.status.currentIndexChanged,
            self.unassigned.toggled,
        ):
            signal.connect(self._apply_filter)

        self.model = PlanTreeModel(self)
        self.proxy = PlanFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAccessibleName(_("Strategic Plan"))
        self.columns = PlanColumns(self.tree)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)

        self._panel: ActionPanel | None = None
        self.placeholder = QLabel(
            _(
                "Choose an action in the plan to name its responsible "
                "entities and follow its progress."
            )
        )
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setMargin(24)

        filters.addWidget(self.axis, 1)
        filters.addWidget(self.status, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.addWidget(self.coverage)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.unassigned)
        left_layout.addWidget(self.nothing)
        left_layout.addWidget(self.tree, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.placeholder)
        self.splitter = splitter
        # The tree keeps its smallest useful width (PlanColumns); neither side folds away.
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([790, 490])
        central_layout = QVBoxLayout(self)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.banner)
        central_layout.addWidget(splitter, 1)

    @property
    def panel(self) -> ActionPanel:
        """The action editor, built the first time an action is chosen."""
        if self._panel is None:
            from focalpoint.ui.country.plan.action_panel import ActionPanel

            panel = ActionPanel(self._ws)
            panel.assignment_changed.connect(self._assignment_changed)
            panel.entities_changed.connect(self.refresh_entities)
            panel.practice_requested.connect(self.practice_requested)
            panel.new_practice_requested.connect(self.new_practice_requested)
            if self._overview is not None:
                panel.set_entities(self._overview.entities)
            self.splitter.replaceWidget(1, panel)
            self.placeholder.deleteLater()
            self._panel = panel
        return self._panel

    def load_plan(self) -> None:
        """Read the plan and assignments and show them (also after an import)."""
        # Codes and titles only: an action's texts are read when it is chosen.
        overview = attempt(self, self._ws.plan.outline)
        if overview is None:
            self.coverage.setText(_("The plan could not be read."))
            return
        self._overview = overview
        current = self.selected_code()
        # A new model built off-screen, then swapped in: rebuilding the one the view shows
        # would first tear down 8,000 items in front of it (a third slower).
        model = PlanTreeModel(self)
        model.load(overview)
        old, self.model = self.model, model
        self.proxy.setSourceModel(model)
        old.deleteLater()
        if self._panel is not None:
            self._panel.set_entities(overview.entities)
        self._fill_axes(overview)
        info = overview.info
        if info.provisional:
            self.banner.setText(
                _(
                    "<b>Provisional plan.</b> This is a reconstruction of the Strategic Plan "
                    "{code} (version {version}) made from public sources; it will be replaced when "
                    "the Technical Secretariat publishes the official plan file."
                ).format(code=info.code, version=info.version)
            )
            self.banner.setToolTip(pick(info.note))
        self.banner.setVisible(info.provisional)
        described = _("Plan {code}, version {version}").format(code=info.code, version=info.version)
        if info.provisional:
            described += " · " + _("provisional")
        self.plan_described.emit(described)
        self.tree.expandAll()
        self._update_coverage()
        if current:
            self.select_action(current)
        # What the filter matches is made once the tree is on screen (or when typed into).
        QTimer.singleShot(SEARCH_TEXTS_AFTER_MS, model, model.make_searchable)
        self.plan_loaded.emit()

    def _fill_axes(self, overview: PlanOverview) -> None:
        chosen = self.axis.currentData()
        self.axis.blockSignals(True)
        self.axis.clear()
        self.axis.addItem(_("All axes"), "")
        for axis in overview.document.axes:
            self.axis.addItem(f"{axis.code}. {pick(axis.title)}", axis.code)
        self.axis.setCurrentIndex(max(self.axis.findData(chosen), 0))
        self.axis.blockSignals(False)

    def _update_coverage(self) -> None:
        if self._overview is None:
            return
        assigned, total = self._overview.coverage()
        text = _("Actions with a responsible entity: {assigned} of {total}").format(
            assigned=assigned, total=total
        )
        shown = self.proxy.matching_count() if self.proxy.is_filtering() else None
        if shown is not None:
            text += " · " + _("showing {shown}").format(shown=shown)
        self.coverage.setText(text)
        self.nothing.setVisible(shown == 0)
        if shown == 0:
            typed = self.search.text().strip()
            self.nothing.setText(
                _("No action matches “{typed}” with these filters.").format(typed=typed)
                if typed
                else _("No action matches these filters.")
            )

    def _apply_filter(self) -> None:
        status = self.status.currentData()
        current = self.selected_code()
        # Filtering an expanded tree makes the view track every expanded row through the
        # change (seconds for 2,000 actions); collapsed, it is a few milliseconds.
        self.tree.setUpdatesEnabled(False)
        try:
            self.tree.collapseAll()
            self.proxy.set_criteria(
                self.search.text(),
                self.axis.currentData() or "",
                ActionStatus(status) if status else None,
                self.unassigned.isChecked(),
            )
            self.tree.expandAll()
        finally:
            self.tree.setUpdatesEnabled(True)
        if current:
            index = self.proxy.mapFromSource(self.model.index_for_code(current))
            if index.isValid():
                self.tree.scrollTo(index)
            else:
                # The chosen action is hidden: its panel closes with it, so that nobody edits
                # an action they cannot see in the plan.
                self.tree.setCurrentIndex(QModelIndex())
                self.tree.clearSelection()
                if self._panel is not None:
                    self._panel.clear()
        self._update_coverage()

    def selected_code(self) -> str:
        index = self.tree.currentIndex()
        index = index.siblingAtColumn(0)
        if index.isValid() and index.data(KIND_ROLE) in (ACTION, ORPHAN):
            return str(index.data(CODE_ROLE))
        return ""

    def select_action(self, code: str) -> bool:
        source = self.model.index_for_code(code)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            return False
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        current = current.siblingAtColumn(0)  # the roles live on the code column
        kind = current.data(KIND_ROLE) if current.isValid() else None
        if kind not in (ACTION, ORPHAN) or self._overview is None:
            if self._panel is not None:
                self._panel.clear()
            return
        code = str(current.data(CODE_ROLE))
        entry = self.model.entry(code)
        action = attempt(self, lambda: self._ws.plan.action(code)) if kind == ACTION else None
        breadcrumb = ""
        if entry and kind == ACTION:
            breadcrumb = (
                f"{entry.axis_code}. {entry.axis_title} › "
                f"{entry.objective_code} {entry.objective_title}"
            )
        self.panel.show_action(code, action, breadcrumb, entry.assignment if entry else None)

    def _assignment_changed(self, assignment: object) -> None:
        from focalpoint.domain.records import Assignment

        assert isinstance(assignment, Assignment)
        self.model.update_assignment(assignment)
        if self._overview is not None:
            self._overview.assignments[assignment.action_code] = assignment
        self._update_coverage()

    def show_assignment_of(self, code: str) -> None:
        """An action's assignment changed elsewhere (an undo): show it as stored now."""
        assignment = attempt(self, lambda: self._ws.assignments.get(code))
        if assignment is None:
            return
        self._assignment_changed(assignment)
        if self.selected_code() == code or self.select_action(code):
            self.panel.refresh_assignment()

    def refresh_practices(self) -> None:
        """A practice was added, changed or deleted: the action on show lists it anew."""
        if self._panel is not None and self._panel.isVisible():
            self._panel.show_practices()

    def refresh_entities(self) -> None:
        entities = attempt(self, self._ws.entities.all)
        if entities is None or self._overview is None:
            return
        by_id = {e.id: e for e in entities}
        self._overview.entities.clear()
        self._overview.entities.update(by_id)
        # A merge moves assignments, so re-read them; the tree keeps its shape.
        assignments = attempt(self, self._ws.assignments.all) or {}
        self._overview.assignments.clear()
        self._overview.assignments.update(assignments)
        self.model.set_entities(by_id)
        for a in assignments.values():
            self.model.update_assignment(a)
        if self._panel is not None:
            self._panel.set_entities(by_id)
        self._update_coverage()

    def refresh_from_store(self) -> None:
        """Another process changed the workspace: the tree's statuses, leads and counts, and
        the action on show, as stored now (a note being typed stays as typed). A new plan is
        read whole; otherwise the tree keeps its shape, its filters and its chosen action."""
        if self._overview is None:
            return
        self._ws.profile.forget()  # the name new edits are recorded under, as stored now
        info = attempt(self, self._ws.plan.info)
        if info is None:
            return
        shown = self._overview.info
        if (info.code, info.version) != (shown.code, shown.version):
            self.load_plan()
            return
        self.refresh_entities()  # re-reads the entities and every assignment, and the panel
        self.refresh_practices()
        if self.proxy.is_filtering():  # a changed status may move an action in or out
            self._apply_filter()

    def save_pending_edits(self) -> list[str]:
        """Save what is typed but not yet saved (progress notes); codes that still fail."""
        return self._panel.unsaved_notes() if self._panel is not None else []
