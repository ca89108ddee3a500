"""Pausing Python's cycle collector while a large country's records are decoded and written.

The collector walks every live object each time enough new ones have been made. Decoding a
country of 27,000 records makes millions, and with the country's records alive each walk
is long: ``json.loads`` of its 28 MB took 0.2 s with the collector paused and 0.5-0.7 s
without, and the rows made from those records paid the same again. Records decoded from JSON,
and the rows made from them, hold no reference cycles: reference counting frees them all
when the work is done. So the collector waits for the end of such work, then runs as before.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_paused = 0  # how many pieces of work (in any thread) have the collector paused
_was_enabled = False


@contextmanager
def collector_paused(long_lived: bool = False) -> Iterator[None]:
    """Pause the cycle collector for the work inside (nested and concurrent uses allowed: it
    resumes, if it was running, when the last one ends).

    ``long_lived``: what the work made stays (a list's index of 220,000 rows). The objects
    made while the collector waited are all in its youngest generation; its next passes
    would walk them all, 50-100 ms each at a moment nobody chose (a keystroke). Frozen
    instead (``gc.freeze``), they are never walked; reference counting still frees them
    when the index is read again. (A cycle made by other code during the work is kept.)"""
    global _paused, _was_enabled
    with _lock:
        if _paused == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _lock:
            if long_lived:
                gc.freeze()
            _paused -= 1
            if _paused == 0 and _was_enabled:
                gc.enable()
