"""One helper for work that may take more than ~100 ms: run it off the GUI thread.

The work runs on a ``QThreadPool``; its result *or* exception comes back on the GUI thread
through a queued signal. Tests pass ``synchronous=True`` to run the work inline.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    finished = Signal(object, object)  # result, exception


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # handed to the GUI thread, never lost in the pool
            self._relay.finished.emit(None, exc)
        else:
            self._relay.finished.emit(result, None)


class TaskRunner(QObject):
    """Runs callables in the background and calls back on the thread that created it."""

    def __init__(self, synchronous: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._synchronous = synchronous
        self._pool = QThreadPool.globalInstance()
        self._relays: set[_Relay] = set()

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        if self._synchronous:
            try:
                result = work()
            except Exception as exc:
                on_error(exc)
            else:
                on_done(result)
            return
        relay = _Relay(self)
        self._relays.add(relay)

        def deliver(result: Any, error: Exception | None) -> None:
            self._relays.discard(relay)
            relay.deleteLater()
            if error is not None:
                on_error(error)
            else:
                on_done(result)

        relay.finished.connect(deliver)
        self._pool.start(_Job(work, relay))

    def wait(self) -> None:
        """Block until every started task has finished (for shutdown and tests)."""
        self._pool.waitForDone()
