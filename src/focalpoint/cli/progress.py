"""Long commands on the command line: a progress line on a terminal, and Ctrl+C to stop them.

A command that can take seconds (an import, an export, the report, signing) runs its service
inside :func:`long_work`, which hands the service ``progress`` and ``cancelled``:

- On a terminal, stderr shows one line, redrawn a few times a second by a thread of its own:
  what is being done, a bar, the percentage and the time elapsed. The service's calls only
  store a number, so a call every few hundred rows costs nothing. Piped, redirected or in a
  test, stderr gets nothing at all, and stdout, which scripts read, is never touched. The line
  is wiped before the command prints its result or its refusal.
- The first Ctrl+C asks the service to stop at its next check (between rows, chunks, pages),
  where its transaction or working file undoes everything: the line says "Stopping…". A second
  Ctrl+C stops at once (Python's KeyboardInterrupt), for work stuck where it cannot look.
- Stopped either way, the command ends with :class:`Stopped`: ``cli.main`` prints its one line
  and exits with status 130, as a shell reports a command ended by Ctrl+C.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TextIO

from focalpoint.domain.errors import Cancelled
from focalpoint.i18n import _

INTERVAL = 0.2  # seconds between two drawings: five a second at most
BAR_WIDTH = 24  # characters, when the terminal has room for them
_FALLBACK_COLUMNS = 80


class Stopped(Exception):
    """Ctrl+C stopped a command; the message says what was left (translated)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ProgressLine:
    """One line on a terminal stream, redrawn in place; on anything else, nothing at all."""

    def __init__(
        self, label: str, stream: TextIO, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.label = label
        self.visible = _is_terminal(stream)
        self.fraction = 0.0
        self.stopping = False
        self._stream = stream
        self._clock = clock
        self._started = clock()
        self._shown = False  # whether there is a line to wipe
        self._full, self._empty, self._more = (
            ("█", "░", "…") if _can_write(stream, "█░…") else ("#", "-", "...")
        )

    def update(self, fraction: float) -> None:
        """Note how far the work is; only the next drawing shows it. The bar never steps back."""
        if fraction > self.fraction:
            self.fraction = min(fraction, 1.0)

    def text(self, columns: int) -> str:
        """The line, within ``columns`` characters: label, bar, percentage, time elapsed."""
        stopping = _("Stopping…")
        label = stopping if self.stopping else self.label
        percent = _("{percent}%").format(percent=int(self.fraction * 100))
        widest = _("{percent}%").format(percent=100)
        tail = f"  {percent:>{len(widest)}}  {_elapsed(self._clock() - self._started)}"
        # The label's field keeps its width when it turns into "Stopping…": the bar stays put.
        field = max(len(self.label), len(stopping))
        bar = min(BAR_WIDTH, columns - len(tail) - min(field, 20) - 2)
        if bar < 5:  # a very narrow terminal: the words and the numbers, no bar
            bar = 0
        room = max(columns - len(tail) - (bar + 2 if bar else 0), 0)
        label = _shorten(label, room, self._more).ljust(min(field, room))
        if not bar:
            return label + tail
        filled = round(self.fraction * bar)
        return f"{label}  {self._full * filled}{self._empty * (bar - filled)}{tail}"

    def draw(self) -> None:
        """Write the line over the one before, the cursor left just after its words."""
        if not self.visible:
            return
        columns = _columns(self._stream)
        # The whole width is wiped first (a longer line before, the "^C" a terminal echoes),
        # and the words stop short of it: the echo must fit behind them, or it would wrap.
        line = self.text(columns - 3)
        self._stream.write("\r" + " " * (columns - 1) + "\r" + line)
        self._stream.flush()
        self._shown = True

    def clear(self) -> None:
        """Wipe the line, so that what the command prints next starts on a clean line."""
        if self._shown:
            self._stream.write("\r" + " " * (_columns(self._stream) - 1) + "\r")
            self._stream.flush()
            self._shown = False


class Work:
    """What a service hears from the command line while it works: how far, and whether to stop."""

    def __init__(self, line: ProgressLine) -> None:
        self._line = line
        self.stop_asked = False

    def progress(self, fraction: float) -> None:
        self._line.update(fraction)

    def cancelled(self) -> bool:
        return self.stop_asked

    def interrupt(self, _signum: int, _frame: FrameType | None) -> None:
        """Ctrl+C: the first asks the work to stop at its next check, the second stops it now.

        Only flags are set here: a signal handler that wrote to stderr could land inside
        another write to it.
        """
        if self.stop_asked:
            raise KeyboardInterrupt
        self.stop_asked = True
        self._line.stopping = True


@contextmanager
def long_work(
    label: str,
    stopped: str | None = None,
    stream: TextIO | None = None,
    interval: float | None = None,
) -> Iterator[Work]:
    """Run the block as long work labelled ``label``: its progress line, Ctrl+C to stop it.

    A stop (the service's :class:`Cancelled`, or a second Ctrl+C) leaves the block as
    :class:`Stopped` with ``stopped``, the line saying what was left ("Stopped. Nothing was
    written." unless told otherwise): the service has undone its work by then.
    """
    line = ProgressLine(label, stream if stream is not None else sys.stderr)
    work = Work(line)
    previous = _take_interrupt(work.interrupt)
    ticker = _Ticker(line, interval or INTERVAL) if line.visible else None
    if ticker is not None:
        ticker.start()
    try:
        yield work
    except (Cancelled, KeyboardInterrupt):
        raise Stopped(stopped or _("Stopped. Nothing was written.")) from None
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
        if ticker is not None:
            ticker.stop()
        line.clear()


class _Ticker(threading.Thread):
    """Draws the line every ``interval`` seconds until stopped; the first after one interval,
    so that a command done in a blink shows no line at all."""

    def __init__(self, line: ProgressLine, interval: float) -> None:
        super().__init__(name="progress line", daemon=True)
        self._line = line
        self._interval = interval
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(self._interval):
            self._line.draw()

    def stop(self) -> None:
        self._done.set()
        self.join()  # a drawing under way ends before the line is wiped


_Handler = Callable[[int, FrameType | None], None]


def _take_interrupt(handler: _Handler) -> signal.Handlers | _Handler | int | None:
    """Let ``handler`` answer Ctrl+C; what answered before, to put back (None: left alone).

    Left alone where Ctrl+C was meant to be ignored (``nohup``, a job started with ``&`` by a
    script) and off the main thread, where no handler can be set.
    """
    if threading.current_thread() is not threading.main_thread():
        return None
    current = signal.getsignal(signal.SIGINT)
    if current in (signal.SIG_IGN, None):
        return None
    signal.signal(signal.SIGINT, handler)
    return current


def _is_terminal(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or closed
        return False


def _can_write(stream: TextIO, text: str) -> bool:
    """Whether the stream's encoding has ``text`` (a Windows code page may lack the blocks)."""
    try:
        text.encode(getattr(stream, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _columns(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns or _FALLBACK_COLUMNS
    except (AttributeError, OSError, ValueError):  # no file behind it, or not a terminal
        return _FALLBACK_COLUMNS


def _shorten(text: str, room: int, more: str) -> str:
    if len(text) <= room:
        return text
    return text[: max(room - len(more), 0)] + more if room > len(more) else text[:room]


def _elapsed(seconds: float) -> str:
    """0:07, 12:34, 1:02:03: minutes and seconds, hours when there are any."""
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
