"""The Secretariat store's engine: a SQLite file in the workspace, or a PostgreSQL server.

Every write runs in its own transaction (:meth:`SecretariatDatabase.transaction`); on SQLite it
begins ``IMMEDIATE``, so a second writer waits for the first instead of failing midway. Opening
runs the Alembic migrations the store lacks.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from focalpoint.domain.errors import StorageError
from focalpoint.i18n import _
from focalpoint.storage.secretariat import migrate
from focalpoint.storage.sqlite import copy_to_backups

SQLITE_NAME = "secretariat.db"
_READ_ONLY = "focalpoint_read"
# Any fixed number, the same in every FocalPoint: the key of the lock migrations hold.
_MIGRATION_LOCK = 0x46504D49  # "FPMI"
CONNECT_TIMEOUT = 15  # seconds
_SILENT_SERVER = {
    "connect_timeout": CONNECT_TIMEOUT,
    "keepalives": 1,
    "keepalives_idle": 30,
    "keepalives_interval": 10,
    "keepalives_count": 3,
}
_BUMP_REVISION = text("UPDATE store_revision SET number = number + 1 WHERE id = 1")
_BUMP_REVISION_RETURNING = text(f"{_BUMP_REVISION.text} RETURNING number")
_REVISION = text("SELECT number FROM store_revision WHERE id = 1")


def database_url(folder: Path, url: str | None) -> str:
    """The URL of the store: the one given, or the SQLite file in the workspace folder.

    ``postgresql://…`` is read with psycopg 3 (the only PostgreSQL driver FocalPoint ships).
    """
    if not url:
        return f"sqlite:///{folder / SQLITE_NAME}"
    parsed = _parsed(url)
    if parsed.drivername not in ("postgresql", "postgres", "postgresql+psycopg"):
        # Another database, or another driver FocalPoint does not ship: said, not a traceback.
        raise StorageError(
            _("FocalPoint cannot use the database {url}: use SQLite or PostgreSQL.").format(
                url=_shown(url)
            )
        )
    return str(parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False))


def _parsed(url: str) -> Any:
    try:
        return make_url(url)
    except ArgumentError:
        raise StorageError(
            _("The database address {url} cannot be read.").format(url=_shown(url))
        ) from None


def _shown(url: str) -> str:
    """A URL as it may be printed: never with its password."""
    try:
        return str(make_url(url).render_as_string(hide_password=True))
    except ArgumentError:
        return "…"


class SecretariatDatabase:
    """The store's engine, its transactions, and what opening checks."""

    def __init__(self, engine: Engine, url: str | None = None) -> None:
        self.engine = engine
        # The URL it was opened with (None: the workspace's own SQLite file), for another
        # process to open it too; never shown: it may hold a password.
        self.url = url
        # How many writes this process has committed: what it holds in memory of the store
        # (the regional lists' index) knows it is out of date without a query.
        self.writes = 0
        # The revision numbers of this process's own writes not yet looked past, the revision
        # last looked at, and how often another process's were found (changed_elsewhere).
        self._revision_lock = threading.Lock()
        self._own_revisions: set[int] = set()
        self._revision_checked: int | None = None
        self._changes_elsewhere = 0
        self.dialect = engine.dialect.name
        # What a message names: the file, or the server's address without its password.
        self.shown_url = str(
            engine.url.database
            if self.dialect == "sqlite"
            else engine.url.render_as_string(hide_password=True)
        )

    @classmethod
    def open(cls, folder: Path, url: str | None = None) -> SecretariatDatabase:
        """The store for the workspace in ``folder``, migrated to this version."""
        address = database_url(folder, url)
        try:
            engine = _engine(address)
        except (ArgumentError, NoSuchModuleError):
            raise StorageError(
                _("FocalPoint cannot use the database {url}: use SQLite or PostgreSQL.").format(
                    url=_shown(address)
                )
            ) from None
        database = cls(engine, url)
        try:
            database._migrate()
        except StorageError:
            database.close()
            raise
        except SQLAlchemyError as exc:
            database.close()
            raise database.error(exc) from exc
        return database

    def _migrate(self) -> None:
        with self.engine.connect() as connection:
            if migrate.stored_revision(connection) == migrate.HEAD:
                return  # up to date: the common case, without Alembic
        known = migrate.script_revisions()
        with self.engine.connect() as connection, _migration_lock(connection):
            revision = migrate.current_revision(connection)
            if revision == known[-1]:
                return
            if revision is not None and revision not in known:
                raise StorageError(
                    _(
                        "The Secretariat's database was written by a newer version of FocalPoint. "
                        "Install that version to open it. Nothing was changed."
                    )
                )
            connection.commit()  # end the read that looked at the revision
            if revision is not None and connection.dialect.name == "sqlite":
                self._backup_file(f"before-{known[-1]}")
            migrate.upgrade(connection)

    def _backup_file(self, label: str) -> None:
        """A copy of the SQLite file in ``backups/`` beside it, as the country's store keeps
        before it upgrades. (A PostgreSQL server is backed up by whoever runs it.)"""
        path = Path(str(self.engine.url.database))
        source = sqlite3.connect(path)
        try:
            copy_to_backups(source, path, label)
        finally:
            source.close()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write: it lands whole or not at all, and numbers itself on the store's revision
        (see :meth:`changed_elsewhere`)."""
        numbering = False
        try:
            with self.engine.begin() as connection:
                yield connection
                # Last, just before the commit: on PostgreSQL the revision's row is then held
                # only for the commit itself, so two analysts' long writes never wait on each
                # other for it (nor can they deadlock on it: nothing is taken after it).
                if self.dialect == "postgresql":  # one round trip to the server, not two
                    number = connection.execute(_BUMP_REVISION_RETURNING).scalar()
                else:  # RETURNING needs SQLite 3.35, newer than some systems' own
                    connection.execute(_BUMP_REVISION)
                    number = connection.execute(_REVISION).scalar()
                # Held from before the commit until the number is noted: a look that finds
                # this write committed waits until it is known as this process's own.
                self._revision_lock.acquire()
                numbering = True
            if number is not None:
                self._own_revisions.add(int(number))
        except DBAPIError as exc:
            raise self.error(exc) from exc
        finally:
            if numbering:
                self._revision_lock.release()
            self.writes += 1  # counted even when it failed: a reader checks once more

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """One consistent read (a deferred transaction on SQLite, nothing locked)."""
        try:
            with self.engine.connect() as connection:
                connection = connection.execution_options(**{_READ_ONLY: True})
                with connection.begin():
                    yield connection
        except DBAPIError as exc:
            raise self.error(exc) from exc

    def changed_elsewhere(self) -> int | None:
        """How many times this process has found the store changed by another one (another
        analyst, a command, a helper process) since it first looked: a window that sees the
        count grow reads the store again. None when the store cannot be asked now (the server
        away): asked again at the next look.

        The store's revision counts every write, and this process knows the numbers of its
        own (see :meth:`transaction`): its own edits are never news. One small query a look,
        made before taking the lock (a write holds it through its commit)."""
        try:
            with self.engine.connect() as connection:
                # Nothing locked, and nothing waited for: on SQLite a deferred read (in WAL
                # mode it never waits on a writer), on a server no transaction at all.
                quiet = (
                    {_READ_ONLY: True}
                    if self.dialect == "sqlite"
                    else {"isolation_level": "AUTOCOMMIT"}
                )
                found = connection.execution_options(**quiet).execute(_REVISION).scalar()
        except SQLAlchemyError:
            return None
        if found is None:
            return None
        current = int(found)
        with self._revision_lock:
            checked, own = self._revision_checked, self._own_revisions
            if checked is not None and current != checked:
                written = range(checked + 1, current + 1)  # empty if it went back (a restore)
                # More writes than this process numbered, or one it did not: someone else's.
                if not written or len(written) > len(own) or any(n not in own for n in written):
                    self._changes_elsewhere += 1
            self._own_revisions = {n for n in own if n > current}
            self._revision_checked = current
            return self._changes_elsewhere

    def own_revisions(self) -> list[int]:
        """The revision numbers of this process's writes not yet looked past: a helper process
        gives them to the process it works for (see :meth:`written_elsewhere`)."""
        with self._revision_lock:
            return sorted(self._own_revisions)

    def written_elsewhere(self, revisions: Sequence[int]) -> None:
        """Another process of this one's wrote (a batch of acceptances): count it as a write,
        and its writes' ``revisions`` as this process's own (no news to its window)."""
        with self._revision_lock:
            checked = self._revision_checked
            self._own_revisions.update(n for n in revisions if checked is None or n > checked)
        self.writes += 1

    def error(self, exc: BaseException) -> StorageError:
        """A database failure as a sentence the user can act on (never the password)."""
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        return StorageError(
            _("The Secretariat's database ({url}) could not be read or written: {reason}").format(
                url=self.shown_url, reason=reason
            )
        )

    def close(self) -> None:
        self.engine.dispose()


@contextmanager
def _migration_lock(connection: Connection) -> Iterator[None]:
    """On PostgreSQL, two analysts opening a shared database at once: one migrates, the other
    waits, then finds nothing to do. (A SQLite workspace has one user.)"""
    if connection.dialect.name != "postgresql":
        yield
        return
    connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _MIGRATION_LOCK})
    connection.commit()
    try:
        yield
    finally:
        connection.rollback()  # a failed migration leaves its transaction to end first
        connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _MIGRATION_LOCK})
        connection.commit()


def _engine(address: str) -> Engine:
    if not address.startswith("sqlite"):
        # A server that stops answering is given up: after CONNECT_TIMEOUT seconds when
        # connecting (libpq waits forever by default), and about a minute after it went silent
        # on an open connection (TCP keepalives), unless the address says otherwise.
        given = {name: value for name, value in _SILENT_SERVER.items() if name not in address}
        return create_engine(address, pool_pre_ping=True, connect_args=given)
    path = Path(make_url(address).database or "")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(
            _("The workspace folder {path} cannot be made: {reason}.").format(
                path=path.parent, reason=exc.strerror or exc
            )
        ) from exc
    # One connection per checkout, closed after: the file is never held open between edits,
    # and a thread never reuses another's connection.
    engine = create_engine(address, poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        # The driver's own transaction handling is off, so that BEGIN below is the only one.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # Pages of 16 KiB for a new file (an existing one keeps its own): a practice's record
        # (2-3 KB of JSON) took a 4 KiB page to itself, and an acceptance wrote 40% more
        # pages; a large country's writing took 0.54 s with 4 KiB pages, 0.39 s with 16 KiB.
        cursor.execute("PRAGMA page_size=16384")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=3000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        reading = connection.get_execution_options().get(_READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine


# What a service names the connection of a transaction with (services never import SQLAlchemy).
Transaction = Connection
