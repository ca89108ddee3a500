"""The plan tree (axes → objectives → actions) as a Qt item model, and its filter.

Both live on the C++ side of Qt: the tree is a ``QStandardItemModel`` and the filter a regular
expression over a hidden search text, so that filtering and laying out 2,000 expanded actions
never calls back into Python for each row. (A Python ``QAbstractItemModel`` cost 150 ms or more
per keystroke here; this costs a few tens.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel

from focalpoint.domain.records import Assignment, Entity
from focalpoint.domain.text import fold
from focalpoint.domain.vocab import ActionStatus
from focalpoint.i18n import _, pick
from focalpoint.services.country.plan import PlanOverview

AXIS, OBJECTIVE, ACTION, ORPHANS, ORPHAN = "axis", "objective", "action", "orphans", "orphan"
CODE_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3
AnyIndex = QModelIndex | QPersistentModelIndex
# Separates the searchable words from the criteria tokens in the hidden search text; nobody can
# type it, so a query never matches a token.
SEP = "\x1e"

# Beside the status's name, never instead of it; dark enough to read (WCAG AA, 4.5:1) on a
# list's shaded rows too (tests/unit/test_status_contrast.py).
_STATUS_COLOURS = {
    ActionStatus.NOT_STARTED: "#5f5f5f",
    ActionStatus.IN_PROGRESS: "#1d5fa8",
    ActionStatus.COMPLETED: "#276b2b",
    ActionStatus.NOT_APPLICABLE: "#765d00",
}
_MISSING = "#9a3412"
_BRUSHES = {
    **{status.value: QBrush(QColor(colour)) for status, colour in _STATUS_COLOURS.items()},
    "missing": QBrush(QColor(_MISSING)),
    "default": QBrush(),
}


@dataclass(frozen=True)
class ActionEntry:
    """What the workbench needs to know about an action row besides its items."""

    code: str
    kind: str
    title: str = ""
    axis_code: str = ""
    axis_title: str = ""
    objective_code: str = ""
    objective_title: str = ""
    assignment: Assignment | None = None


class PlanTreeModel(QStandardItemModel):
    """Read-only tree of the plan with each action's lead entity and status."""

    COLUMNS = 4

    def __init__(self, parent: Any = None) -> None:
        super().__init__(0, self.COLUMNS, parent)
        self._entries: dict[str, ActionEntry] = {}
        self._rows: dict[str, list[QStandardItem]] = {}
        self._entities: dict[str, Entity] = {}
        self._labels: dict[str, str] = {}
        self._searchable = False
        self._set_headers()

    def _set_headers(self) -> None:
        self.setHorizontalHeaderLabels(
            [_("Code"), _("Title"), _("Responsible (lead)"), _("Status")]
        )

    # -- loading and updating -------------------------------------------------------------
    def load(self, overview: PlanOverview) -> None:
        """Replace the whole tree (a new plan, a new language)."""
        self.clear()
        self.setColumnCount(self.COLUMNS)
        self._set_headers()
        self._entries = {}
        self._rows = {}
        self._searchable = False
        self._entities = dict(overview.entities)
        # Translated once per load, not once per row.
        self._labels = {s.value: s.label for s in ActionStatus}
        self._labels["no_lead"] = _("No responsible entity yet")
        bold = QFont()
        bold.setBold(True)
        root = self.invisibleRootItem()
        for axis in overview.document.axes:
            axis_title = pick(axis.title)
            axis_row = self._heading(AXIS, axis.code, axis_title, bold)
            for obj in axis.objectives:
                obj_title = pick(obj.title)
                obj_row = self._heading(OBJECTIVE, obj.code, obj_title, None)
                entries = [
                    ActionEntry(
                        action.code,
                        ACTION,
                        pick(action.title),
                        axis.code,
                        axis_title,
                        obj.code,
                        obj_title,
                        overview.assignments.get(action.code),
                    )
                    for action in obj.actions
                ]
                for entry in entries:
                    obj_row[0].appendRow(self._action_row(entry))
                axis_row[0].appendRow(obj_row)
            # Attached when complete: one insertion signal per axis, not one per row.
            root.appendRow(axis_row)
        orphans = overview.orphaned()
        if orphans:
            group = self._heading(ORPHANS, "", _("Not in the current plan"), bold)
            group[0].setText(_("Not in the current plan"))
            group[1].setText("")
            gone = _("(no longer in the plan)")
            for a in orphans:
                group[0].appendRow(
                    self._action_row(ActionEntry(a.action_code, ORPHAN, gone, assignment=a))
                )
            root.appendRow(group)

    def _heading(self, kind: str, code: str, title: str, font: QFont | None) -> list[QStandardItem]:
        # Roles live on column 0 only; the workbench reads them through siblingAtColumn(0).
        # Items stay editable flags-wise: the view has no edit triggers, which is cheaper.
        row = [QStandardItem(code), QStandardItem(title), QStandardItem(), QStandardItem()]
        row[0].setData(kind, KIND_ROLE)
        row[0].setData(code, CODE_ROLE)
        if font is not None:
            row[0].setFont(font)
            row[1].setFont(font)
        row[1].setToolTip(title)
        return row

    def _action_row(self, entry: ActionEntry) -> list[QStandardItem]:
        # Every Qt call here runs 2,000 times at start-up, so rows are born with their text.
        lead, status = self._lead_and_status(entry)
        row = [
            QStandardItem(entry.code),
            QStandardItem(entry.title),
            QStandardItem(lead or "—"),
            QStandardItem(self._labels[status]),
        ]
        row[0].setData(entry.kind, KIND_ROLE)
        row[0].setData(entry.code, CODE_ROLE)
        row[1].setToolTip(entry.title)
        if not lead:
            row[2].setForeground(_BRUSHES["missing"])
            row[2].setToolTip(self._labels["no_lead"])
        row[3].setForeground(_BRUSHES[status])
        self._entries[entry.code] = entry
        self._rows[entry.code] = row
        return row

    def _lead_and_status(self, entry: ActionEntry) -> tuple[str, str]:
        a = entry.assignment
        lead = self._entity_name(a.lead_id) if a and a.lead_id else ""
        return lead, a.status.value if a else ActionStatus.NOT_STARTED.value

    def _paint_assignment(self, entry: ActionEntry) -> None:
        row = self._rows[entry.code]
        lead, status = self._lead_and_status(entry)
        row[2].setText(lead or "—")
        row[2].setToolTip(lead or self._labels["no_lead"])
        row[2].setForeground(_BRUSHES["missing"] if not lead else _BRUSHES["default"])
        row[3].setText(self._labels[status])
        row[3].setForeground(_BRUSHES[status])
        if self._searchable:
            self._index_search(entry, lead, status)

    def make_searchable(self) -> None:
        """Give every action the hidden text the filter matches. Not part of the first screen:
        folding 2,000 titles took a quarter of the tree's load (~25 ms); the workbench asks
        for it just after, and the filter before it filters, whichever comes first."""
        if self._searchable:
            return
        self._searchable = True
        for entry in self._entries.values():
            self._index_search(entry, *self._lead_and_status(entry))

    def _index_search(self, entry: ActionEntry, lead: str, status: str) -> None:
        """The hidden text the filter matches: folded words, then the criteria tokens."""
        row = self._rows[entry.code]
        a = entry.assignment
        names = [self._entity_name(i) for i in (a.support_ids if a else ())]
        words = fold(" ".join([entry.code, entry.title, lead, *names]))
        tokens = (f"axis:{entry.axis_code}", f"status:{status}", f"lead:{'yes' if lead else 'no'}")
        row[0].setData(words + "".join(f"{SEP}{t}{SEP}" for t in tokens), SEARCH_ROLE)

    def update_assignment(self, assignment: Assignment) -> None:
        """Show one changed assignment: only its row repaints."""
        entry = self._entries.get(assignment.action_code)
        if entry is None:
            return
        entry = replace(entry, assignment=assignment)
        self._entries[entry.code] = entry
        self._paint_assignment(entry)

    def set_entities(self, entities: dict[str, Entity]) -> None:
        """Entity names changed (edit, merge, retire): repaint the lead column."""
        self._entities = dict(entities)
        for entry in self._entries.values():
            self._paint_assignment(entry)

    def _entity_name(self, entity_id: str | None) -> str:
        entity = self._entities.get(entity_id or "")
        if entity is None:
            return ""
        suffix = " " + _("(retired)") if entity.retired else ""
        return entity.display_name + suffix

    # -- what the workbench asks ----------------------------------------------------------
    def entry(self, code: str) -> ActionEntry | None:
        return self._entries.get(code)

    def index_for_code(self, code: str) -> QModelIndex:
        row = self._rows.get(code)
        return row[0].index() if row else QModelIndex()

    def search_texts(self) -> list[str]:
        self.make_searchable()
        return [row[0].data(SEARCH_ROLE) for row in self._rows.values()]


class PlanFilterProxy(QSortFilterProxyModel):
    """Keeps the actions that meet every chosen criterion, and the axes and objectives above.

    The criteria become one regular expression over each action's hidden search text: the typed
    words (accents and case folded) before the first separator, then one look-ahead per criterion.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setFilterRole(SEARCH_ROLE)
        self.setFilterKeyColumn(0)
        self._pattern = ""

    def set_criteria(
        self, text: str, axis: str, status: ActionStatus | None, unassigned_only: bool
    ) -> None:
        self._pattern = criteria_pattern(text, axis, status, unassigned_only)
        model = self.sourceModel()
        if self._pattern and isinstance(model, PlanTreeModel):
            model.make_searchable()
        self.setFilterRegularExpression(self._pattern)

    def is_filtering(self) -> bool:
        return bool(self._pattern)

    def matching_count(self) -> int:
        """How many actions the current criteria keep (without walking the view)."""
        model = self.sourceModel()
        assert isinstance(model, PlanTreeModel)
        if not self._pattern:
            return len(model.search_texts())
        pattern = re.compile(self._pattern)
        return sum(1 for text in model.search_texts() if pattern.search(text))


def criteria_pattern(
    text: str, axis: str, status: ActionStatus | None, unassigned_only: bool
) -> str:
    """The regular expression (valid for both Qt and Python) for a set of criteria."""
    parts = []
    words = fold(text.strip())
    if words:
        parts.append(f"(?=[^{SEP}]*{re.escape(words)})")
    if axis:
        parts.append(f"(?=.*{SEP}axis:{re.escape(axis)}{SEP})")
    if status:
        parts.append(f"(?=.*{SEP}status:{status.value}{SEP})")
    if unassigned_only:
        parts.append(f"(?=.*{SEP}lead:no{SEP})")
    return "^" + "".join(parts) if parts else ""
