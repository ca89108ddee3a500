"""What a plan version changes, as a tree a person reads before a version is signed or taken in:
one branch per kind of change (added, removed, renamed, moved), then any the caller adds (a
country's assignments), each row an action's code and title. Both sides show it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from focalpoint.domain.plan_changes import PlanChanges
from focalpoint.i18n import _, ngettext, pick

Rows = Sequence[tuple[str, str]]  # (code, what to say of it)


class PlanChangesView(QTreeWidget):
    """The changes, grouped; a group with rows is open, an empty one is not listed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderLabels([_("Code"), _("Action")])
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        header = self.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(True)
        self.setAccessibleName(_("What the new version changes"))

    def show_changes(self, changes: PlanChanges, more: Sequence[tuple[str, Rows]] = ()) -> None:
        """List ``changes``, then each (heading, rows) of ``more``; a heading's ``{n}`` is
        the number of its rows (of actions, for a renamed one's two lines)."""
        self.clear()
        renamed = [
            row
            for r in changes.renamed
            for old, new in [r.titles(pick)]
            for row in (
                (r.code, _("was: {title}").format(title=old)),
                ("", _("now: {title}").format(title=new)),
            )
        ]
        moved = [
            (
                f"{m.old_code} → {m.new_code}",
                _("to objective {objective}: {title}").format(
                    objective=m.new_objective, title=pick(m.title)
                ),
            )
            for m in changes.moved
        ]
        groups: list[tuple[str, int, Rows]] = [
            (
                ngettext("{n} action added", "{n} actions added", len(changes.added)),
                len(changes.added),
                [(a.code, pick(a.title)) for a in changes.added],
            ),
            (
                ngettext("{n} action removed", "{n} actions removed", len(changes.removed)),
                len(changes.removed),
                [(a.code, pick(a.title)) for a in changes.removed],
            ),
            (
                ngettext("{n} action renamed", "{n} actions renamed", len(changes.renamed)),
                len(changes.renamed),
                renamed,
            ),
            (
                ngettext("{n} action moved", "{n} actions moved", len(changes.moved)),
                len(changes.moved),
                moved,
            ),
            *((heading, len(rows), rows) for heading, rows in more),
        ]
        for heading, count, rows in groups:
            if not rows:
                continue
            group = QTreeWidgetItem(self, [heading.format(n=count), ""])
            group.setFirstColumnSpanned(True)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            children = [QTreeWidgetItem([code, text]) for code, text in rows]
            for child, (_code, text) in zip(children, rows, strict=True):
                child.setToolTip(1, text)  # the whole title, where the column cuts it
            group.addChildren(children)
            group.setExpanded(True)
        if self.topLevelItemCount() == 0:
            empty = QTreeWidgetItem(self, [_("No action was added, removed, renamed or moved.")])
            empty.setFirstColumnSpanned(True)

    def group_texts(self) -> list[str]:
        """The groups' headings, as shown (for tests and screen readers' summaries)."""
        items = (self.topLevelItem(i) for i in range(self.topLevelItemCount()))
        return [item.text(0) for item in items if item is not None]
