"""Background work for a screen: only the latest run's end reaches it."""

from __future__ import annotations

import threading

from focalpoint.ui.tasks import LatestTask, TaskContext, TaskRunner


def test_a_run_overtaken_or_closed_ends_unseen_but_is_cleaned_up(qtbot) -> None:  # type: ignore[no-untyped-def]
    tasks = TaskRunner()
    latest = LatestTask(tasks)
    release = threading.Event()
    seen: list[str] = []
    stale: list[str] = []

    def slow(name: str):  # type: ignore[no-untyped-def]
        def work(context: TaskContext) -> str:
            release.wait(5)
            return name

        return work

    latest.start(slow("first"), seen.append, lambda e: seen.append(repr(e)), None, stale.append)
    assert latest.running
    latest.start(slow("second"), seen.append, lambda e: seen.append(repr(e)), None, stale.append)
    release.set()
    qtbot.waitUntil(lambda: seen == ["second"] and stale == ["first"], timeout=5000)
    assert not latest.running

    release.clear()
    latest.start(slow("third"), seen.append, lambda e: seen.append(repr(e)), None, stale.append)
    latest.close()  # the screen goes away while it runs
    release.set()
    qtbot.waitUntil(lambda: stale == ["first", "third"], timeout=5000)
    latest.start(slow("never"), seen.append, lambda e: seen.append(repr(e)))
    tasks.wait()
    assert seen == ["second"] and not latest.running  # nothing starts on a closed screen
    qtbot.wait(20)  # the finished runs' relays are deleted while their runner still lives


def test_an_interrupted_run_still_says_how_it_ended(qtbot) -> None:  # type: ignore[no-untyped-def]
    tasks = TaskRunner()
    latest = LatestTask(tasks)
    started = threading.Event()
    ended: list[str] = []

    def work(context: TaskContext) -> str:
        started.set()
        while not context.cancelled():
            threading.Event().wait(0.01)
        raise RuntimeError("stopped at the next check")

    latest.start(work, ended.append, lambda e: ended.append(str(e)))
    started.wait(5)
    latest.interrupt()
    qtbot.waitUntil(lambda: ended == ["stopped at the next check"], timeout=5000)
    tasks.wait()  # the worker finishes before the runner it reports to goes away
    qtbot.wait(20)
