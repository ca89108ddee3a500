"""Starting FocalPoint as a real process: its environment, and a terminal to run it on."""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import focalpoint

# The sources under test, whatever the process finds installed: a checkout's own tree wins
# over another copy of focalpoint installed in the same environment.
SOURCES = str(Path(focalpoint.__file__).resolve().parents[1])


def environment(**variables: str) -> dict[str, str]:
    """This process's environment with no FocalPoint settings, and stdout buffered as usual."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOCALPOINT_")}
    env.pop("PYTHONUNBUFFERED", None)  # a user's stdout is buffered: a closed pipe shows at exit
    env["PYTHONPATH"] = os.pathsep.join(p for p in (SOURCES, env.get("PYTHONPATH")) if p)
    return {**env, **variables}


def focalpoint_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "focalpoint", *args]


@dataclass(frozen=True)
class OnTerminal:
    """How a process run on a terminal ended: its status, its stdout, what the terminal shows."""

    code: int
    out: str
    shown: str  # everything written to the terminal, redraws and all

    def screen(self) -> list[str]:
        """The lines left on the screen once every redraw (``\\r``) has overwritten the last."""
        lines = []
        for raw in self.shown.replace("\r\n", "\n").split("\n"):
            line = ""
            for part in raw.split("\r"):
                line = part + line[len(part) :]
            if line.strip():
                lines.append(line.rstrip())
        return lines


def interrupted_on_terminal(
    args: list[str], env: dict[str, str], ready: Callable[[str], bool], timeout: float = 60
) -> OnTerminal:
    """Run ``focalpoint ARGS`` with stderr on a terminal and press Ctrl+C (SIGINT) as soon as
    ``ready(what the terminal shows)``; stdout is a pipe, as a script reads it."""
    import pty  # POSIX only, as is sending SIGINT

    main, secondary = pty.openpty()
    try:
        process = subprocess.Popen(
            focalpoint_command(*args),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=secondary,
            env=env,
        )
    finally:
        os.close(secondary)
    shown, sent = b"", False
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            if select.select([main], [], [], 0.02)[0]:
                try:
                    chunk = os.read(main, 65536)
                except OSError:  # the process has closed the terminal: it has ended
                    chunk = b""
                if not chunk:
                    break
                shown += chunk
            if not sent and ready(shown.decode("utf-8", "replace")):
                process.send_signal(signal.SIGINT)
                sent = True
        assert process.stdout is not None
        out = process.stdout.read().decode()
        code = process.wait(timeout=timeout)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(main)
    text = shown.decode("utf-8", "replace")
    assert sent, f"the work never got as far as asked; the terminal showed: {text!r}"
    return OnTerminal(code, out, text)


def at_least(percent: int) -> Callable[[str], bool]:
    """Whether a progress line on the terminal has shown ``percent`` % or more."""
    pattern = re.compile(r"(\d+)\s?%")

    def shown(text: str) -> bool:
        return any(int(n) >= percent for n in pattern.findall(text))

    return shown
