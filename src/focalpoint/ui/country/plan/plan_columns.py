"""The plan tree's columns: the title takes the room; code, lead and status what they need.

With large text (200%, or a 1600-pixel screen at QT_FONT_DPI=192) a fixed 200-pixel lead column
and a pane squeezed by the action panel left the stretched title column its minimum: every title
read "P…". Here the lead column gives way first (down to a few characters, the full name in its
tooltip), and the pane holding the tree is never narrower than a code, 20 characters of title,
that short lead and the status; titles are also in full in their tooltips.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QStyle, QTreeView

from focalpoint.domain.vocab import ActionStatus

CODE, TITLE, LEAD, STATUS = range(4)
# A title's width always in view, however narrow the window, in average characters (the
# average is narrower than words: 26 of them show some 20 letters of a title).
TITLE_CHARS = 26
# The lead's column: this many characters when there is room, never fewer than LEAD_MIN_CHARS.
LEAD_CHARS = 28
LEAD_MIN_CHARS = 9
# Of what the title and the lead share, the lead's part.
LEAD_SHARE = 0.35


class PlanColumns(QObject):
    """Sizes the tree's columns to its font and width, again whenever the tree is resized."""

    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self._tree = tree
        header = tree.header()
        # Fixed widths, not ResizeToContents: measuring 2,000 rows would cost seconds at start-up.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        tree.viewport().installEventFilter(self)
        self.fit()

    def _char(self) -> int:
        return max(1, self._tree.fontMetrics().averageCharWidth())

    def code_width(self) -> int:
        # The code sits after the tree's branches: an axis, an objective, then the action.
        return self._tree.fontMetrics().horizontalAdvance("0.00.00") + 3 * self._tree.indentation()

    def status_width(self) -> int:
        metrics = self._tree.fontMetrics()
        return max(metrics.horizontalAdvance(s.label) for s in ActionStatus) + 2 * self._char()

    def title_width(self) -> int:
        return TITLE_CHARS * self._char()

    def minimum_width(self) -> int:
        """The narrowest the tree may be: the code, the title's 20 characters, a short lead,
        the status, the frame and the scroll bar."""
        style = self._tree.style()
        scroll_bar = style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return (
            self.code_width()
            + self.title_width()
            + LEAD_MIN_CHARS * self._char()
            + self.status_width()
            + scroll_bar
            + 2 * self._tree.frameWidth()
        )

    def fit(self) -> None:
        header = self._tree.header()
        code, status = self.code_width(), self.status_width()
        header.resizeSection(CODE, code)
        header.resizeSection(STATUS, status)
        shared = self._tree.viewport().width() - code - status
        lead = min(LEAD_CHARS * self._char(), int(shared * LEAD_SHARE))
        header.resizeSection(LEAD, max(LEAD_MIN_CHARS * self._char(), lead))
        self._tree.setMinimumWidth(self.minimum_width())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange):
            self.fit()
        return False
