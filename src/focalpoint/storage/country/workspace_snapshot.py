"""The workspace database as a file that travels: a consistent snapshot, checked, put back.

A live database in WAL mode is never copied as a file (the last edits may sit in the ``-wal``
file beside it): SQLite's online backup copies it page by page within one read, while the
window and scripts go on working. Putting a snapshot back uses the same API the other way, as
one write transaction on the live file, so every open connection (this process's, another
window's) sees the old database or the restored one, never a mixture.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from focalpoint.domain.errors import InvalidInput
from focalpoint.i18n import _
from focalpoint.storage.country import schema
from focalpoint.storage.sqlite import storage_error

# What a backup shows of its contents, by name; each counts what a user would count.
_COUNTS = {
    "actions_assigned": "SELECT count(*) FROM assignment WHERE lead_id IS NOT NULL",
    "practices": "SELECT count(*) FROM practice WHERE deleted_at IS NULL",
    "services": "SELECT count(*) FROM service WHERE deleted_at IS NULL",
    "submissions": "SELECT count(*) FROM submission",
}


@dataclass(frozen=True)
class SnapshotFacts:
    """What a database file holds, for a backup's manifest or its listing."""

    revision: str
    country: str
    counts: dict[str, int]


def take(source: sqlite3.Connection, target: Path) -> None:
    """Copy the live database behind ``source`` into the new file ``target``, consistently.

    The copy is made a plain file (rollback journal, not WAL), so it is whole by itself.
    """
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")
        finally:
            copy.close()
    except (sqlite3.Error, OSError) as exc:
        target.unlink(missing_ok=True)
        raise storage_error(exc, target) from exc


def facts(conn: sqlite3.Connection) -> SnapshotFacts:
    """The revision, country and counts of an open database (a missing table counts 0: a file
    from before practices or submissions existed)."""
    revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    country = conn.execute("SELECT value FROM setting WHERE key = 'country'").fetchone()
    counts: dict[str, int] = {}
    for name, query in _COUNTS.items():
        try:
            counts[name] = int(conn.execute(query).fetchone()[0])
        except sqlite3.OperationalError:  # no such table (yet) in an old file
            counts[name] = 0
    return SnapshotFacts(
        revision=str(revision[0]) if revision else "",
        country=str(country[0]) if country else "",
        counts=counts,
    )


def read_facts(path: Path) -> SnapshotFacts:
    """The facts of the database file at ``path``, opened read-only (a backup copy)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            return facts(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise storage_error(exc, path) from exc


def check(path: Path) -> SnapshotFacts:
    """Refuse, in words, a snapshot that is damaged, not a workspace, or from a newer version.

    Runs the full ``PRAGMA integrity_check`` (not the quick one the window runs at start): this
    file is about to replace a workspace.
    """
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchall()
            if result != [("ok",)]:
                raise InvalidInput(
                    _("The workspace database in this file is damaged. Nothing was changed.")
                )
            found = facts(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise InvalidInput(
            _(
                "The workspace database in this file cannot be read ({error}). Nothing was changed."
            ).format(error=exc)
        ) from exc
    if found.revision not in schema.REVISIONS:
        raise InvalidInput(
            _(
                "This workspace file was written by a newer version of FocalPoint (its database "
                "is at revision {revision}). Install that version to open it. Nothing was changed."
            ).format(revision=found.revision or "?")
        )
    return found


def put_back(source: Path, live: sqlite3.Connection, live_path: Path) -> None:
    """Replace the live database's content with the file ``source``, as one transaction."""
    try:
        snapshot = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            snapshot.backup(live)
        finally:
            snapshot.close()
    except sqlite3.Error as exc:
        raise storage_error(exc, live_path) from exc
    # The restored file's header says "rollback journal"; the workspace works in WAL.
    with contextlib.suppress(sqlite3.Error):
        live.execute("PRAGMA journal_mode=WAL")


def page_sizes_match(source: Path, live: sqlite3.Connection) -> bool:
    """SQLite refuses to copy into a WAL database of another page size."""
    conn = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        theirs = conn.execute("PRAGMA page_size").fetchone()[0]
    finally:
        conn.close()
    return bool(theirs == live.execute("PRAGMA page_size").fetchone()[0])
