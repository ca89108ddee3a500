"""Progress of long work, as a fraction from 0 to 1, and its parts."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[float], None]


def share(progress: Progress | None, start: float, size: float) -> Progress | None:
    """Progress of one step of several: its own 0..1 becomes ``start`` to ``start + size``."""
    if progress is None:
        return None
    report = progress  # bound here, for the closure below
    return lambda fraction: report(start + fraction * size)
