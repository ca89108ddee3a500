"""One window per workspace: a second launch on the same workspace folder does not open a second
writer. It hands its request (bring the window to the front; the file to show, if any) to the
window already open, over a local channel, and ends.

The channel is QtNetwork's local socket: a Unix domain socket file, or a named pipe on Windows;
never a network connection. Its name is a hash of the user and of the folder's resolved path, so
two users, or two workspaces, never meet, and it is open to this user only.

Start-up pays almost nothing for it: before the first paint a launch only looks whether the
channel exists (a file, or a pipe, by name); QtNetwork, ~8 ms to import, loads only when one
does, or after the first paint, when the launch claims the channel for itself (:meth:`Channel.
claim`). A launch that finds the channel left behind by a window that crashed takes it over.
"""

from __future__ import annotations

import enum
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket
    from PySide6.QtWidgets import QWidget

log = logging.getLogger("focalpoint")
# How long a second launch waits for the first to answer: it answers from its event loop, which
# a modal dialog keeps running; only a window stuck in long work on its own thread misses it.
ANSWER_MS = 5000
_LARGEST_REQUEST = 64 * 1024  # a path and a few words: anything longer is not ours
_NO_SUCH_PIPE = 2  # Windows' ERROR_FILE_NOT_FOUND


class Outcome(enum.Enum):
    FIRST = "first"  # this launch is the workspace's window: later launches come to it
    HANDED_OVER = "handed over"  # the window already open took the request
    NO_ANSWER = "no answer"  # one is open but did not answer: neither may open the workspace


def channel_name(folder: Path) -> str:
    """The channel of ``folder`` for this user: a socket path on Unix, a pipe name on Windows."""
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    where = os.path.normcase(str(folder.expanduser().resolve()))
    digest = _fnv1a(f"{user}\0{where}".encode())
    name = f"focalpoint-{digest:016x}"
    if sys.platform == "win32":
        return name  # Qt makes it \\.\pipe\focalpoint-…
    from PySide6.QtCore import QDir

    # A full path, Qt's own default folder: what may_be_listening() looks for is exactly it.
    return f"{QDir.tempPath()}/{name}"


def _fnv1a(data: bytes) -> int:
    """A 64-bit FNV-1a hash: enough to tell workspaces apart (nothing secret rests on it),
    and no hashlib before the first paint (loading OpenSSL for it costs ~11 ms)."""
    value = 0xCBF29CE484222325
    for byte in data:
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return value


def may_be_listening(name: str) -> bool:
    """Whether the channel exists (a window may be open): a cheap look, no QtNetwork."""
    if sys.platform == "win32":
        import _winapi

        try:  # waits at most 1 ms, and does not take the pipe: the window is left untouched
            _winapi.WaitNamedPipe(rf"\\.\pipe\{name}", 1)
        except OSError as error:
            return getattr(error, "winerror", None) != _NO_SUCH_PIPE
        return True
    return os.path.exists(name)


def hand_over(name: str, file: Path | None) -> Outcome | None:
    """Ask the window listening on ``name`` to come to the front and show ``file``.

    None when nobody listens (no channel, or one left by a window that crashed)."""
    import json

    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    connected = QLocalSocket.LocalSocketState.ConnectedState
    if socket.state() != connected and not socket.waitForConnected(1000):
        return None
    if sys.platform == "win32":
        import ctypes

        # The launch the user just started may give the focus away: to the window already open.
        ctypes.windll.user32.AllowSetForegroundWindow(-1)  # ASFW_ANY
    request = {"file": str(file) if file is not None else None}
    socket.write(json.dumps(request).encode() + b"\n")
    socket.waitForBytesWritten(ANSWER_MS)
    answer = b""
    while not answer.endswith(b"\n") and socket.waitForReadyRead(ANSWER_MS):
        answer += socket.readAll().data()
    socket.disconnectFromServer()
    return Outcome.HANDED_OVER if answer.strip() == b"ok" else Outcome.NO_ANSWER


class Channel(QObject):
    """The first window's end of the channel: other launches' requests arrive as ``requested``."""

    requested = Signal(object)  # the file another launch asks to show (a Path), or None

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self._server: QLocalServer | None = None
        self._pending: dict[QLocalSocket, bytes] = {}

    def claim(self, file: Path | None) -> Outcome:
        """Listen, or hand ``file`` to the window that already does (it may have started
        since the look before the first paint); a channel left by a crash is taken over."""
        if self._listen():
            return Outcome.FIRST
        handed = hand_over(self.name, file)
        if handed is not None:
            return handed
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self.name)  # left by a window that crashed
        if not self._listen():
            # One window per workspace is a convenience, not the lock on the data (SQLite's
            # is): the user still gets their window.
            assert self._server is not None
            log.warning("Later launches cannot reach this window: %s", self._server.errorString())
        return Outcome.FIRST

    def close(self) -> None:
        if self._server is not None:
            self._server.close()  # the socket file goes with it

    def _listen(self) -> bool:
        from PySide6.QtNetwork import QLocalServer

        if self._server is None:
            self._server = QLocalServer(self)
            self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
            self._server.newConnection.connect(self._accept)
        return self._server.listen(self.name)

    def _accept(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._pending[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _forget(self, socket: QLocalSocket) -> None:
        self._pending.pop(socket, None)
        socket.deleteLater()

    def _read(self, socket: QLocalSocket) -> None:
        if socket not in self._pending:
            return
        received = self._pending[socket] + socket.readAll().data()
        if b"\n" not in received:
            if len(received) > _LARGEST_REQUEST:
                socket.abort()
            else:
                self._pending[socket] = received
            return
        del self._pending[socket]
        line = received.split(b"\n", 1)[0]
        import json

        try:
            request = json.loads(line)
            given = request.get("file")
            file = Path(given) if isinstance(given, str) and given else None
        except (ValueError, AttributeError):
            log.warning("A request from another launch could not be read")
            socket.abort()
            return
        socket.write(b"ok\n")
        socket.flush()
        socket.disconnectFromServer()
        self.requested.emit(file)


def bring_to_front(window: QWidget) -> None:
    """Show ``window`` on top, restored if it was minimised, with the keyboard focus."""
    from PySide6.QtCore import Qt

    state = window.windowState() & ~Qt.WindowState.WindowMinimized
    window.setWindowState(state | Qt.WindowState.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()
