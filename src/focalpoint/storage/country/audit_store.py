"""SQL for the audit log."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from focalpoint.domain.history import Change
from focalpoint.domain.records import AuditEntry
from focalpoint.storage.sqlite import now_iso

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
            # A row a submission has already counted stays as it was sent; edits after it are
            # changes since that submission, never folded back into it.
            and last[0] > _submitted_mark(conn)
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


def action_history(conn: sqlite3.Connection, code: str) -> list[AuditEntry]:
    """The changes to an action's assignment, newest first, across the codes it has had: a plan
    version that renamed or moved it recorded the move (``plan`` / ``code``: old → new), and the
    changes made under the old code, up to that move, are this action's too."""
    rows = _action_rows(conn, code, None)
    rows.sort(key=lambda row: row[0], reverse=True)
    return [AuditEntry(*row[1:]) for row in rows]


_ROW = "SELECT id, at, actor, record_kind, record_key, field, old, new FROM audit_log"


def _action_rows(conn: sqlite3.Connection, code: str, before: int | None) -> list[tuple[Any, ...]]:
    """The rows of the action that had ``code`` until the row ``before`` (None: has it now)."""
    until = before if before is not None else 1 << 62
    # From the last time an earlier action left this code: what came before was that action's.
    (since,) = conn.execute(
        "SELECT coalesce(max(id), 0) FROM audit_log WHERE record_kind = 'plan' AND field = 'code'"
        " AND old = ? AND id < ?",
        (code, until),
    ).fetchone()
    rows = conn.execute(
        f"{_ROW} WHERE record_kind = 'action' AND record_key = ? AND id > ? AND id < ?",
        (code, since, until),
    ).fetchall()
    moves = conn.execute(
        f"{_ROW} WHERE record_kind = 'plan' AND field = 'code' AND record_key = ?"
        " AND id > ? AND id < ?",
        (code, since, until),
    ).fetchall()
    for move in moves:
        rows.append(move)
        rows += _action_rows(conn, move[6], move[0])  # its changes under the code it had
    return rows


def changes_since(
    conn: sqlite3.Connection,
    after_id: int = 0,
    kinds: Sequence[str] = ("action", "entity"),
    latest: int | None = None,
) -> list[AuditEntry]:
    """Every change to records of ``kinds`` in rows after ``after_id`` (all if 0), oldest first;
    with ``latest``, only that many of the newest."""
    marks = ", ".join("?" * len(kinds))
    rows = conn.execute(
        "SELECT at, actor, record_kind, record_key, field, old, new FROM audit_log"
        f" WHERE record_kind IN ({marks}) AND id > ? ORDER BY id DESC LIMIT ?",
        (*kinds, after_id, -1 if latest is None else latest),
    ).fetchall()
    return [AuditEntry(*row) for row in reversed(rows)]


# What each kind of record is called now, for naming a change; entities and organisations by
# their name and acronym, as every list shows them.
_NAMES_SQL = {
    "entity": "SELECT id, CASE WHEN acronym != '' THEN name || ' (' || acronym || ')'"
    " ELSE name END FROM entity",
    "practice": "SELECT id, title FROM practice",
    "organisation": "SELECT id, CASE WHEN acronym != '' THEN name || ' (' || acronym || ')'"
    " ELSE name END FROM organisation",
    "service": "SELECT id, name FROM service",
}


def named_changes_since(
    conn: sqlite3.Connection, after_id: int, kinds: Sequence[str], latest: int | None = None
) -> list[Change]:
    """:func:`changes_since`, each with what its record is called now (its key if unnamed)."""
    entries = changes_since(conn, after_id, kinds, latest)
    names: dict[tuple[str, str], str] = {}
    for kind, sql in _NAMES_SQL.items():
        wanted = {e.record_key for e in entries if e.record_kind == kind}
        if wanted:
            names.update(((kind, key), name) for key, name in conn.execute(sql) if key in wanted)
    return [Change(e, names.get((e.record_kind, e.record_key), e.record_key)) for e in entries]


def _submitted_mark(conn: sqlite3.Connection) -> int:
    # Asked only when an edit might coalesce; a workspace before schema 0004 has no submissions.
    try:
        row = conn.execute("SELECT coalesce(max(audit_mark), 0) FROM submission").fetchone()
    except sqlite3.OperationalError:
        return 0
    return int(row[0])
