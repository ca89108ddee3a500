"""SQL for the audit log."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime, timedelta

from focalpoint.domain.records import AuditEntry
from focalpoint.storage.database import now_iso

# Typing a progress note saves it every pause; edits by the same person to the same field within
# this window become one history entry (old value of the first, new value of the last).
COALESCE_WINDOW = timedelta(minutes=10)


def record(
    conn: sqlite3.Connection,
    actor: str,
    kind: str,
    key: str,
    field: str,
    old: str,
    new: str,
    coalesce: bool = False,
) -> None:
    if old == new:
        return
    stamp = now_iso()
    if coalesce:
        last = conn.execute(
            "SELECT id, at, actor, field, old FROM audit_log WHERE record_kind = ?"
            " AND record_key = ? ORDER BY id DESC LIMIT 1",
            (kind, key),
        ).fetchone()
        if (
            last
            and last[2] == actor
            and last[3] == field
            and datetime.fromisoformat(stamp) - datetime.fromisoformat(last[1]) < COALESCE_WINDOW
        ):
            if last[4] == new:  # typed back to where it started: no change at all
                conn.execute("DELETE FROM audit_log WHERE id = ?", (last[0],))
            else:
                conn.execute(
                    "UPDATE audit_log SET new = ?, at = ? WHERE id = ?", (new, stamp, last[0])
                )
            return
    conn.execute(
        "INSERT INTO audit_log (at, actor, record_kind, record_key, field, old, new)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (stamp, actor, kind, key, field, old, new),
    )


def history(conn: sqlite3.Connection, kind: str, key: str) -> list[AuditEntry]:
    """The changes to one record, newest first."""
    return [
        AuditEntry(*row)
        for row in conn.execute(
            "SELECT at, actor, record_kind, record_key, field, old, new FROM audit_log"
            " WHERE record_kind = ? AND record_key = ? ORDER BY id DESC",
            (kind, key),
        )
    ]


def changes_since(
    conn: sqlite3.Connection, since: str = "", kinds: Sequence[str] = ("action", "entity")
) -> list[AuditEntry]:
    """Every change to records of ``kinds`` after ``since`` (all if empty), oldest first."""
    marks = ", ".join("?" * len(kinds))
    return [
        AuditEntry(*row)
        for row in conn.execute(
            "SELECT at, actor, record_kind, record_key, field, old, new FROM audit_log"
            f" WHERE record_kind IN ({marks}) AND at > ? ORDER BY id",
            (*kinds, since),
        )
    ]
