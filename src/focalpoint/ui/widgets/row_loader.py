"""Reading a list's rows off the window's thread, so that opening a list of 20,000 services
shows the tab at once and never freezes the window while the rows are read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from focalpoint.ui.feedback import show_error
from focalpoint.ui.tasks import TaskRunner


class RowLoader(QObject):
    """Runs ``read`` on the task runner and emits ``loaded(rows)``; only the latest read counts
    (a reload asked for while one is running makes the earlier result stale)."""

    loaded = Signal(object)

    def __init__(self, tasks: TaskRunner, parent: Any) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._parent = parent
        self._latest = 0
        self.busy = False

    def load(self, read: Callable[[], list[Any]]) -> None:
        self._latest += 1
        number = self._latest
        self.busy = True
        self._tasks.run(read, lambda rows: self._done(number, rows), self._failed)

    def _done(self, number: int, rows: list[Any]) -> None:
        if number != self._latest:
            return  # a newer read is on its way
        self.busy = False
        self.loaded.emit(rows)

    def _failed(self, error: Exception) -> None:
        self.busy = False
        show_error(self._parent, error)
