"""A SQLite file kept safely: a connection per thread, one transaction per edit, readable errors,
backups, and the few statements every store shares."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import threading
import urllib.parse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Self

from focalpoint.domain.errors import StorageError
from focalpoint.domain.evidence import describe_size
from focalpoint.i18n import _
from focalpoint.paths import make_private, make_private_folder

BUSY_TIMEOUT_MS = 3000


def now_iso() -> str:
    """The current time as stored everywhere: UTC, ISO 8601, to the millisecond."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def write_record(
    conn: sqlite3.Connection,
    table: str,
    record_id: str,
    columns: Sequence[str],
    values: Sequence[object],
    *,
    new: bool,
) -> None:
    """Insert (``new``) or update one record by id, stamping ``created_at``/``updated_at``.

    Every record that travels keeps when it was made and last changed: the Secretariat merges
    submission after submission by these.
    """
    stamp = now_iso()
    if new:
        conn.execute(
            f"INSERT INTO {table} (id, {', '.join(columns)}, created_at, updated_at)"
            f" VALUES (?, {', '.join('?' for _ in columns)}, ?, ?)",
            (record_id, *values, stamp, stamp),
        )
    else:
        conn.execute(
            f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in columns)}, updated_at = ?"
            " WHERE id = ?",
            (*values, stamp, record_id),
        )


def damaged_error(path: str) -> StorageError:
    """The file is not a usable workspace; the window may offer to set it aside."""
    return StorageError(
        _("The workspace file is damaged and cannot be read ({path}).").format(path=path),
        damaged=True,
    )


def storage_error(exc: BaseException, path: Path | None = None) -> StorageError:
    """Turn a low-level SQLite or OS error into a message the user can act on."""
    text = str(exc).lower()
    where = str(path) if path else ""
    if "locked" in text or "busy" in text:
        return StorageError(
            _(
                "The workspace is busy: another FocalPoint window or program is using it. "
                "Close it and try again. Nothing was changed."
            )
        )
    if "readonly" in text or "read-only" in text or isinstance(exc, PermissionError):
        return StorageError(
            _(
                "The workspace cannot be written: the file or its folder is read-only ({path}). "
                "Nothing was changed."
            ).format(path=where)
        )
    free = _free_space(path) if "full" in text or "space" in text or "i/o" in text else None
    # SQLite says "disk I/O error", not "full", when the disk fills while its journal grows.
    if "full" in text or "no space" in text or (free is not None and free < NEARLY_FULL):
        left = describe_size(free) if free is not None and free >= 1024 else _("nothing")
        return StorageError(
            _(
                "The disk is full ({free} left where the workspace is, {folder}), so the change "
                "could not be saved. Free some space on it and try again. Nothing was changed."
            ).format(free=left, folder=path.parent if path is not None else "")
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return damaged_error(where)
    if "unable to open" in text:
        return StorageError(_("The workspace file cannot be opened ({path}).").format(path=where))
    if "disk i/o error" in text:
        return StorageError(
            _(
                "The disk failed to read or write the workspace ({path}). If it is on a USB "
                "stick or a network folder, check that it is still connected, then try again. "
                "Nothing was changed."
            ).format(path=where)
        )
    return StorageError(_("The workspace could not be read or written: {error}").format(error=exc))


# Below this much free space a failed write is the full disk's doing: SQLite needs room for its
# journal and shared memory (32 KB) beside the pages it changes.
NEARLY_FULL = 1 << 20


def _free_space(path: Path | None) -> int | None:
    """Bytes free on the disk that holds ``path`` (None when unknown)."""
    for folder in (path.parent, path) if path is not None else ():
        try:
            return shutil.disk_usage(folder).free
        except OSError:
            continue
    return None


def read_only_error(path: Path) -> StorageError:
    """An edit asked of a workspace opened read-only: refused in words, before any write."""
    return StorageError(
        _(
            "This workspace is read-only: its file or folder cannot be written ({path}), so it "
            "can be read but not changed. Copy the folder to a place you can write to, or ask "
            "for write permission. Nothing was changed."
        ).format(path=path)
    )


def is_writable(path: Path) -> bool:
    """Whether this process may write ``path`` (a folder: create files in it). A read-only
    mount answers no even to an administrator; a file an administrator may write anyway is
    writable, which it is."""
    return os.access(path, os.W_OK)


def copy_to_backups(source: sqlite3.Connection, path: Path, label: str) -> Path:
    """Copy the open database at ``path`` into the ``backups/`` folder beside it, with SQLite's
    online backup (consistent even in WAL mode, while others read); the copy's path."""
    folder = path.parent / "backups"
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = folder / f"{path.stem}-{stamp}-{label}{path.suffix}"
    try:
        make_private_folder(folder)
        os.close(os.open(target, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600))
        make_private(target)  # the user's alone, as the workspace it copies
        with sqlite3.connect(target) as copy:
            source.backup(copy)
        copy.close()
    except (sqlite3.Error, OSError) as exc:
        target.unlink(missing_ok=True)
        raise storage_error(exc, target) from exc
    return target


class Database:
    """One SQLite database file, with a connection per thread.

    Connections run in autocommit mode; :meth:`transaction` opens ``BEGIN IMMEDIATE`` so that an
    edit either lands whole or not at all, and a second writer waits instead of failing midway.
    """

    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = path
        # Read-only (a backup, a write-protected stick, another account's folder): opened with
        # ``mode=ro``, and every edit refused in words before SQLite is asked to write.
        self.read_only = read_only
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: list[sqlite3.Connection] = []

    @classmethod
    def open_file(cls, path: Path, read_only: bool = False) -> Self:
        """Open the database file at ``path`` (SQLite creates it if new; its folder must exist:
        whoever may create a workspace makes the folder first), checked and prepared."""
        database = cls(path, read_only)
        try:
            database._prepare()
        except (sqlite3.Error, OSError) as exc:  # OSError: the backups folder, the disk
            database.close()
            raise storage_error(exc, database.path) from exc
        except StorageError:
            database.close()
            raise
        return database

    def _prepare(self) -> None:
        """Refuse a damaged file untouched; a store adds its schema's migrations."""
        result = self.connection().execute("PRAGMA quick_check").fetchone()
        if result is None or result[0] != "ok":
            raise damaged_error(str(self.path))

    def backup(self, label: str) -> Path:
        """Copy the database, consistently even while in WAL mode, into ``backups/``."""
        if self.read_only:
            raise read_only_error(self.path.parent)
        return copy_to_backups(self.connection(), self.path, label)

    def connection(self) -> sqlite3.Connection:
        """This thread's connection (created on first use)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None and self.read_only:
            conn = self._connect_read_only()
        elif conn is None:
            try:
                conn = sqlite3.connect(
                    self.path,
                    isolation_level=None,
                    check_same_thread=False,
                    timeout=BUSY_TIMEOUT_MS / 1000,
                )
                conn.execute("PRAGMA foreign_keys=ON")
                conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
                mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
                if mode != "wal":
                    # Asking for WAL writes to the file; a read-only workspace stays readable.
                    with contextlib.suppress(sqlite3.OperationalError):
                        conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                # The lists keep the matches of their filter in temporary tables: in memory,
                # never in a file beside the workspace.
                conn.execute("PRAGMA temp_store=MEMORY")
                # A replaced key's private half is erased by UPDATE; without this its bytes
                # would stay readable in the file's free pages.
                conn.execute("PRAGMA secure_delete=ON")
            except sqlite3.Error as exc:
                raise storage_error(exc, self.path) from exc
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn

    def _connect_read_only(self) -> sqlite3.Connection:
        """A connection that never writes a byte of the workspace.

        ``mode=ro`` reads a WAL workspace when its ``-shm`` file is there (or could be made):
        the changes still in the ``-wal`` file are read too. A workspace closed cleanly has no
        ``-wal`` nor ``-shm`` left, and in a folder that cannot be written SQLite could not
        make the ``-shm``: then the file alone is the whole workspace, and ``immutable=1``
        reads it without any lock or shared memory. With changes left in a ``-wal`` file that
        cannot be read that way, it is refused rather than shown without them.
        """
        location = "file:" + urllib.parse.quote(str(self.path.absolute()))
        try:
            conn = self._read_only_connection(location + "?mode=ro")
        except sqlite3.Error as exc:
            wal = self.path.with_name(self.path.name + "-wal")
            try:
                pending = wal.stat().st_size > 0
            except OSError:
                pending = False
            if pending:
                raise StorageError(
                    _(
                        "This read-only workspace holds recent changes that can only be read "
                        "where its folder can be written ({path}). Copy the whole folder to a "
                        "place you can write to and open the copy."
                    ).format(path=self.path.parent)
                ) from exc
            try:
                conn = self._read_only_connection(location + "?mode=ro&immutable=1")
            except sqlite3.Error as again:
                raise storage_error(again, self.path) from again
        self._local.conn = conn
        with self._lock:
            self._connections.append(conn)
        return conn

    @staticmethod
    def _read_only_connection(uri: str) -> sqlite3.Connection:
        conn = sqlite3.connect(
            uri,
            uri=True,
            isolation_level=None,
            check_same_thread=False,
            timeout=BUSY_TIMEOUT_MS / 1000,
        )
        try:
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA temp_store=MEMORY")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opens it for real
        except sqlite3.Error:
            conn.close()
            raise
        return conn

    def data_version(self) -> int | None:
        """A number that changes when another connection (another process, or a thread of this
        one) commits to the file; this thread's own commits leave it alone. None when the file
        is busy this instant: the check never waits on a lock (it runs on the window's thread).
        """
        conn = self.connection()
        if conn.in_transaction:
            return None
        try:
            conn.execute("PRAGMA busy_timeout=0")
            try:
                return int(conn.execute("PRAGMA data_version").fetchone()[0])
            finally:
                conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        except sqlite3.Error:
            return None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One edit: everything inside lands together or, on any error, not at all."""
        if self.read_only:
            raise read_only_error(self.path.parent)
        conn = self.connection()
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise storage_error(exc, self.path) from exc
        try:
            yield conn
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback(conn)
            raise storage_error(exc, self.path) from exc
        except BaseException:
            self._rollback(conn)
            raise

    @staticmethod
    def _rollback(conn: sqlite3.Connection) -> None:
        # After a full disk or an I/O error SQLite may have rolled back already; a second
        # ROLLBACK would then raise and hide the message that explains the first error.
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A consistent read; SQLite errors become readable messages."""
        conn = self.connection()
        if conn.in_transaction:  # already inside an edit on this thread: read within it
            yield conn
            return
        try:
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise storage_error(exc, self.path) from exc

    def release_thread(self) -> None:
        """Close this thread's connection (a pool thread may never come back to use it)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            return
        self._local.conn = None
        with self._lock:
            if conn in self._connections:
                self._connections.remove(conn)
        conn.close()

    def close(self) -> None:
        with self._lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._local = threading.local()


def set_aside_damaged(path: Path) -> Path | None:
    """Move a damaged database (and its WAL files) aside so a fresh one can start; never delete.
    Where it went; None when there was no file to move (a workspace that lost its database)."""
    if not path.exists():
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"focalpoint-damaged-{stamp}.db")
    n = 1
    while target.exists():  # one set aside the same second is never written over
        n += 1
        target = path.with_name(f"focalpoint-damaged-{stamp}-{n}.db")
    shutil.move(path, target)
    for suffix in ("-wal", "-shm"):
        extra = path.with_name(path.name + suffix)
        if extra.exists():
            shutil.move(extra, target.with_name(target.name + suffix))
    return target
