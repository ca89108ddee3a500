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

import threading
from collections.abc import Callable
from contextlib import suppress
from types import EllipsisType

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

CHECK_INTERVAL_MS = 1500


class WorkspaceWatch(QObject):
    """Emits :attr:`changed` when another connection has committed to the workspace since the
    last look.

    ``seen``: the number of a look taken before the window read what it shows (None: that look
    had no answer; left out, one is taken now). ``in_background``: each look runs on a thread
    of its own, one at a time, so a slow or silent database server never holds the window (a
    look still out when the next is due is waited for, not doubled). ``paused``: while it says
    so, no look is taken or taken in (the window is writing in several processes at once)."""

    changed = Signal()
    _looked = Signal(object)  # a background look's number, back on the window's thread

    def __init__(
        self,
        version: Callable[[], int | None],
        window: QWidget,
        interval_ms: int = CHECK_INTERVAL_MS,
        *,
        seen: int | EllipsisType | None = ...,
        in_background: bool = False,
        paused: Callable[[], bool] = lambda: False,
    ) -> None:
        # The window is this object's parent, never held here: a Python reference to it would
        # keep its wrapper alive after Qt deletes it (a window replaced in another language).
        super().__init__(window)
        self._version = version
        self._seen = version() if seen is ... else seen
        self._in_background = in_background
        self._paused = paused
        self.looking = False  # a background look is out
        self._looked.connect(self._compare)
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
        """Look once; True (and :attr:`changed` emitted) if the workspace changed elsewhere.
        In the background: start a look (False now; :attr:`changed` follows if it finds one)."""
        if not self._window_open() or self._paused():
            return False
        if not self._in_background:
            return self._compare(self._version())
        if not self.looking:
            self.looking = True
            threading.Thread(target=self._look, name="workspace-watch", daemon=True).start()
        return False

    def _look(self) -> None:
        try:
            version = self._version()
        except Exception:  # a look never fails the window: the next one asks again
            version = None
        with suppress(RuntimeError):  # the window went while the server was being asked
            self._looked.emit(version)

    @Slot(object)
    def _compare(self, version: int | None) -> bool:
        self.looking = False
        if self._paused():  # a look from before the pause: its news keeps until after it
            return False
        if version is None or version == self._seen or not self._window_open():
            return False
        self._seen = version
        self.changed.emit()
        return True

    def _window_open(self) -> bool:
        window = self.parent()
        return (
            isinstance(window, QWidget) and window.isVisible()
        )  # else its workspace may be closed

    def seen_now(self) -> None:
        """The window has just read everything anew itself (a plan loaded after an import made
        in the background): what was committed until now is not news."""
        version = self._version()
        if version is not None:
            self._seen = version

    def missed(self) -> None:
        """Reading what changed failed: the next look that answers counts as news again."""
        self._seen = None

    def stop(self) -> None:
        self._timer.stop()
        window = self.parent()
        if window is not None:
            window.removeEventFilter(self)
