"""Views that stay true: a window notices when another process changes its workspace.

The command line (or a script, or a restore made elsewhere, or, on the Secretariat's side,
another analyst on the same database) may change the workspace while the window is open. The
window is given a number that changes when another connection commits, and never for its own
commits: the edits made from the window never look like news.

- The country's workspace gives SQLite's ``PRAGMA data_version``, asked on the window's own
  connection, with the busy timeout set to 0 around it: it never waits on another writer's lock
  on the window's thread (measured: ~8 µs a check, see ``tests/gui/test_workspace_watch.py``);
  a busy file is asked again at the next tick.
- The Secretariat's gives ``SecretariatWorkspace.changed_elsewhere``: the store's revision (one
  row every write adds one to), less the writes this process numbered itself. It reads the same
  on SQLite and PostgreSQL, which has no ``data_version``.

The number is asked every :data:`CHECK_INTERVAL_MS` while the window is the active one (a modal
form on top makes it inactive: nothing is refreshed under a form being filled in) and at once
when the window becomes active again, the moment a user comes back from the terminal.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

CHECK_INTERVAL_MS = 1500


class WorkspaceWatch(QObject):
    """Emits :attr:`changed` when another connection has committed to the workspace since the
    last look."""

    changed = Signal()

    def __init__(
        self,
        version: Callable[[], int | None],
        window: QWidget,
        interval_ms: int = CHECK_INTERVAL_MS,
    ) -> None:
        # The window is this object's parent, never held here: a Python reference to it would
        # keep its wrapper alive after Qt deletes it (a window replaced in another language).
        super().__init__(window)
        self._version = version
        self._seen = version()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        window.installEventFilter(self)
        if window.isActiveWindow():
            self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.ActivationChange:
            assert isinstance(watched, QWidget)
            if watched.isActiveWindow():
                self._timer.start()
                # Queued: the window finishes becoming active (and a closed form goes) first.
                QTimer.singleShot(0, self, self.check)
            else:
                self._timer.stop()
        return False

    def check(self) -> bool:
        """Look once; True (and :attr:`changed` emitted) if the workspace changed elsewhere."""
        window = self.parent()
        if not isinstance(window, QWidget) or not window.isVisible():
            return False  # closed (its workspace may be closed too)
        version = self._version()
        if version is None or version == self._seen:
            return False
        self._seen = version
        self.changed.emit()
        return True

    def seen_now(self) -> None:
        """The window has just read everything anew itself (a plan loaded after an import made
        in the background): what was committed until now is not news."""
        version = self._version()
        if version is not None:
            self._seen = version

    def stop(self) -> None:
        self._timer.stop()
        window = self.parent()
        if window is not None:
            window.removeEventFilter(self)
