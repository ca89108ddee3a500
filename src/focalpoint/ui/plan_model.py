"""The plan tree (axes → objectives → actions) as a Qt item model, and its filter."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from focalpoint.domain.records import Assignment, Entity
from focalpoint.domain.vocab import ActionStatus
from focalpoint.i18n import _, pick
from focalpoint.services.plan import PlanOverview
from focalpoint.ui.text_match import fold

AXIS, OBJECTIVE, ACTION, ORPHANS, ORPHAN = "axis", "objective", "action", "orphans", "orphan"
CODE_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
AnyIndex = QModelIndex | QPersistentModelIndex

_STATUS_COLOURS = {
    ActionStatus.NOT_STARTED: "#6b6b6b",
    ActionStatus.IN_PROGRESS: "#1d5fa8",
    ActionStatus.COMPLETED: "#2e7d32",
    ActionStatus.NOT_APPLICABLE: "#8a6d00",
}


@dataclass(eq=False)
class Node:
    kind: str
    code: str
    title: str
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    row: int = 0
    assignment: Assignment | None = None
    axis_code: str = ""
    search: str = ""


class PlanTreeModel(QAbstractItemModel):
    """Read-only tree of the plan with each action's lead entity and status."""

    COLUMNS = 4

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._root = Node("root", "", "")
        self._actions: dict[str, Node] = {}
        self._entities: dict[str, Entity] = {}

    # -- loading and updating -------------------------------------------------------------
    def load(self, overview: PlanOverview) -> None:
        """Replace the whole tree (a new plan, a new language)."""
        self.beginResetModel()
        self._entities = dict(overview.entities)
        self._root = Node("root", "", "")
        self._actions = {}
        for axis in overview.document.axes:
            axis_node = self._add(self._root, Node(AXIS, axis.code, pick(axis.title)))
            for obj in axis.objectives:
                obj_node = self._add(axis_node, Node(OBJECTIVE, obj.code, pick(obj.title)))
                for action in obj.actions:
                    node = Node(
                        ACTION,
                        action.code,
                        pick(action.title),
                        axis_code=axis.code,
                        assignment=overview.assignments.get(action.code),
                    )
                    self._actions[action.code] = self._add(obj_node, node)
                    self._index_text(node)
        orphans = overview.orphaned()
        if orphans:
            group = self._add(self._root, Node(ORPHANS, "", _("Not in the current plan")))
            for a in orphans:
                node = self._add(group, Node(ORPHAN, a.action_code, "", assignment=a))
                self._actions[a.action_code] = node
                self._index_text(node)
        self.endResetModel()

    def update_assignment(self, assignment: Assignment) -> None:
        """Show one changed assignment: only its row repaints."""
        node = self._actions.get(assignment.action_code)
        if node is None:
            return
        node.assignment = assignment
        self._index_text(node)
        self.dataChanged.emit(
            self.createIndex(node.row, 0, node), self.createIndex(node.row, self.COLUMNS - 1, node)
        )

    def set_entities(self, entities: dict[str, Entity]) -> None:
        """Entity names changed (edit, merge, retire): repaint the lead column."""
        self._entities = dict(entities)
        for node in self._actions.values():
            self._index_text(node)
        if self._root.children:
            self.dataChanged.emit(self.index(0, 2), self.index(self.rowCount() - 1, 2))
            self.layoutChanged.emit()

    def _add(self, parent: Node, node: Node) -> Node:
        node.parent = parent
        node.row = len(parent.children)
        parent.children.append(node)
        return node

    def _index_text(self, node: Node) -> None:
        a = node.assignment
        names = []
        if a:
            names = [self._entity_name(i) for i in (a.lead_id, *a.support_ids) if i]
        node.search = fold(" ".join([node.code, node.title, *names]))

    def _entity_name(self, entity_id: str | None) -> str:
        entity = self._entities.get(entity_id or "")
        if entity is None:
            return ""
        suffix = " " + _("(retired)") if entity.retired else ""
        return entity.display_name + suffix

    # -- what views ask -------------------------------------------------------------------
    def action_node(self, code: str) -> Node | None:
        return self._actions.get(code)

    def index_for_code(self, code: str) -> QModelIndex:
        node = self._actions.get(code)
        return self.createIndex(node.row, 0, node) if node else QModelIndex()

    def node(self, index: AnyIndex) -> Node:
        return index.internalPointer() if index.isValid() else self._root

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:
        # Bounds checked by hand: hasIndex() calls back into rowCount() through Python.
        children = self.node(parent).children
        if not (0 <= row < len(children) and 0 <= column < self.COLUMNS):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = self.node(index).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_("Code"), _("Title"), _("Responsible (lead)"), _("Status"))[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self.node(index)
        column = index.column()
        if role == CODE_ROLE:
            return node.code
        if role == KIND_ROLE:
            return node.kind
        is_action = node.kind in (ACTION, ORPHAN)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return node.code if node.kind != ORPHANS else node.title
            if column == 1:
                if node.kind == ORPHAN:
                    return _("(no longer in the plan)")
                return "" if node.kind == ORPHANS else node.title
            if column == 2 and is_action:
                a = node.assignment
                return self._entity_name(a.lead_id) if a and a.lead_id else "—"
            if column == 3 and is_action:
                a = node.assignment
                return (a.status if a else ActionStatus.NOT_STARTED).label
            return None
        if role == Qt.ItemDataRole.FontRole and node.kind in (AXIS, OBJECTIVE, ORPHANS):
            font = QFont()
            font.setBold(node.kind in (AXIS, ORPHANS))
            return font
        if role == Qt.ItemDataRole.ForegroundRole and is_action:
            a = node.assignment
            if column == 2 and not (a and a.lead_id):
                return QBrush(QColor("#9a3412"))
            if column == 3:
                return QBrush(QColor(_STATUS_COLOURS[a.status if a else ActionStatus.NOT_STARTED]))
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and column == 2 and is_action:
            a = node.assignment
            return _("No responsible entity yet") if not (a and a.lead_id) else None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class PlanFilterProxy(QSortFilterProxyModel):
    """Keeps the actions that meet every chosen criterion, and the axes and objectives above."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self._text = ""
        self._axis = ""
        self._status: ActionStatus | None = None
        self._unassigned_only = False

    def set_criteria(
        self, text: str, axis: str, status: ActionStatus | None, unassigned_only: bool
    ) -> None:
        self.beginFilterChange()
        self._text = fold(text.strip())
        self._axis = axis
        self._status = status
        self._unassigned_only = unassigned_only
        self.endFilterChange()

    def is_filtering(self) -> bool:
        return bool(self._text or self._axis or self._status or self._unassigned_only)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, PlanTreeModel)
        node = model.node(source_parent).children[source_row]
        if not self.is_filtering():
            return True
        if node.kind not in (ACTION, ORPHAN):
            return False  # shown when one of its actions is (recursive filtering)
        a = node.assignment
        if self._text and self._text not in node.search:
            return False
        if self._axis and node.axis_code != self._axis:
            return False
        if self._status and (a.status if a else ActionStatus.NOT_STARTED) != self._status:
            return False
        return not (self._unassigned_only and a is not None and a.lead_id is not None)
