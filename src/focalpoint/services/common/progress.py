"""Progress of long work, as a fraction from 0 to 1, its parts, and where it may stop."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from focalpoint.domain.errors import Cancelled

Progress = Callable[[float], None]
Stop = Callable[[], bool]
_Item = TypeVar("_Item")
# Items between two reports: a row costs microseconds, so a report (a call, a cancel check)
# every few hundred rows costs nothing and still comes several times a second.
EVERY = 500


def share(progress: Progress | None, start: float, size: float) -> Progress | None:
    """Progress of one step of several: its own 0..1 becomes ``start`` to ``start + size``."""
    if progress is None:
        return None
    report = progress  # bound here, for the closure below
    return lambda fraction: report(start + fraction * size)


def stepped(
    items: Iterable[_Item],
    total: int,
    progress: Progress | None = None,
    cancelled: Stop | None = None,
    every: int = EVERY,
) -> Iterator[_Item]:
    """``items`` one by one; before each ``every`` of them, how far along the ``total`` they
    are, and :class:`Cancelled` if the work was asked to stop. At the end, 1.0.

    Without ``progress`` and ``cancelled`` it is the plain iteration. Stopping happens only
    between items, where the caller's transaction or working file undoes everything.
    """
    if progress is None and cancelled is None:
        yield from items
        return
    size = max(total, 1)
    # One item at a time, never read ahead: an error in the source (a broken CSV line) must
    # surface after exactly the items before it.
    for done, item in enumerate(items):
        if not done % every:
            if cancelled is not None and cancelled():
                raise Cancelled
            if progress is not None:
                progress(min(done / size, 1.0))
        yield item
    if progress is not None:
        progress(1.0)


def stop_if_cancelled(cancelled: Stop | None) -> None:
    """Stop here (:class:`Cancelled`) if the work was asked to stop: between two steps."""
    if cancelled is not None and cancelled():
        raise Cancelled
