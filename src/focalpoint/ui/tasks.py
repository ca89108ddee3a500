"""One helper for work that may take more than ~100 ms: run it off the GUI thread.

The work runs on a ``QThreadPool``; its progress, and its result *or* exception, come back on
the GUI thread through queued signals. A task can be cancelled: the work sees it through
:meth:`TaskContext.cancelled` and stops at its next check. Tests pass ``synchronous=True`` to run
the work inline.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    progressed = Signal(float)
    finished = Signal(object, object)  # result, exception


class TaskContext:
    """What a running task can see: report progress (0..1), ask whether it was cancelled."""

    def __init__(self, relay: _Relay | None, on_progress: Callable[[float], None] | None) -> None:
        self._relay = relay
        self._on_progress = on_progress
        self._cancel = threading.Event()

    def progress(self, fraction: float) -> None:
        if self._relay is not None:
            self._relay.progressed.emit(fraction)  # queued to the GUI thread
        elif self._on_progress is not None:
            self._on_progress(fraction)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _Job(QRunnable):
    def __init__(
        self, work: Callable[[], Any], relay: _Relay, after: Callable[[], None] | None
    ) -> None:
        super().__init__()
        self._work = work
        self._relay = relay
        self._after = after

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # handed to the GUI thread, never lost in the pool
            self._relay.finished.emit(None, exc)
        else:
            self._relay.finished.emit(result, None)
        finally:
            if self._after is not None:
                self._after()


class TaskRunner(QObject):
    """Runs callables in the background and calls back on the thread that created it.

    It must outlive the work it started (the application keeps one for its whole life; a test
    that makes its own calls :meth:`wait` before letting it go): the workers report through
    objects it owns.
    """

    def __init__(self, synchronous: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._synchronous = synchronous
        self._pool = QThreadPool.globalInstance()
        self._relays: set[_Relay] = set()
        # Run on the worker thread after each background job, e.g. to close that thread's
        # database connection (pool threads come and go).
        self.after_each: Callable[[], None] | None = None

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        """Run ``work()``; then ``on_done(result)`` or ``on_error(exception)``."""
        self.run_with_progress(lambda _context: work(), on_done, on_error)

    def run_with_progress(
        self,
        work: Callable[[TaskContext], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
        on_progress: Callable[[float], None] | None = None,
    ) -> TaskContext:
        """Run ``work(context)``; the returned context cancels it."""
        if self._synchronous:
            context = TaskContext(None, on_progress)
            try:
                result = work(context)
            except Exception as exc:
                on_error(exc)
            else:
                on_done(result)
            return context
        relay = _Relay(self)
        context = TaskContext(relay, None)
        self._relays.add(relay)
        if on_progress is not None:
            relay.progressed.connect(on_progress)

        def deliver(result: Any, error: Exception | None) -> None:
            self._relays.discard(relay)
            relay.deleteLater()
            if error is not None:
                on_error(error)
            else:
                on_done(result)

        relay.finished.connect(deliver)
        self._pool.start(_Job(lambda: work(context), relay, self.after_each))
        return context

    def wait(self) -> None:
        """Block until every started task has finished (for shutdown and tests)."""
        self._pool.waitForDone()


class LatestTask:
    """A screen's background work, one run at a time: only the latest run's end reaches it.

    Starting again, :meth:`cancel` or :meth:`close` makes the run before stale: it stops at its
    next check and finishes in the background, and its result goes to ``on_stale`` (to clean up
    after it: a preview file nobody will see), never to the screen. :meth:`interrupt` asks the
    running work to stop but still reports how it ended (a ``Cancelled`` error, say).
    """

    def __init__(self, tasks: TaskRunner) -> None:
        self._tasks = tasks
        self._run: object | None = None
        self._context: TaskContext | None = None
        self._closed = False

    @property
    def running(self) -> bool:
        return self._run is not None

    def start(
        self,
        work: Callable[[TaskContext], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
        on_progress: Callable[[float], None] | None = None,
        on_stale: Callable[[Any], None] | None = None,
    ) -> None:
        """Run ``work(context)`` in place of any run before it (if the screen is open)."""
        if self._closed:
            return
        self.cancel()
        run = object()  # this run's identity: the end of any other run is stale
        self._run = run

        def current() -> bool:
            return self._run is run and not self._closed

        def done(result: Any) -> None:
            if current():
                self._run = self._context = None
                on_done(result)
            elif on_stale is not None:
                on_stale(result)

        def failed(error: Exception) -> None:
            if current():
                self._run = self._context = None
                on_error(error)

        def progressed(fraction: float) -> None:
            if current() and on_progress is not None:
                on_progress(fraction)

        context = self._tasks.run_with_progress(work, done, failed, progressed)
        if self._run is run:  # still running (a synchronous runner has finished already)
            self._context = context

    def interrupt(self) -> None:
        """Ask the running work to stop; how it ended is still reported."""
        if self._context is not None:
            self._context.cancel()

    def cancel(self) -> bool:
        """Drop the running work (it stops and ends unseen); whether there was any."""
        self.interrupt()
        running = self._run is not None
        self._run = self._context = None
        return running

    def close(self) -> None:
        """The screen goes away: drop the running work, and start none again."""
        self._closed = True
        self.cancel()
