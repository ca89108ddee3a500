"""SQL for a country's assignments: lead entity, supporting entities, status, note."""

from __future__ import annotations

import sqlite3
import uuid

from focalpoint.domain.records import Assignment
from focalpoint.domain.vocab import ActionStatus
from focalpoint.storage.sqlite import now_iso


def all_assignments(conn: sqlite3.Connection) -> dict[str, Assignment]:
    supports: dict[str, list[str]] = {}
    for code, entity_id in conn.execute(
        "SELECT action_code, entity_id FROM assignment_support ORDER BY action_code, position"
    ):
        supports.setdefault(code, []).append(entity_id)
    return {
        row[0]: Assignment(
            row[0],
            row[1],
            tuple(supports.get(row[0], ())),
            ActionStatus(row[2]),
            row[3],
            row[4],
            row[5],
        )
        for row in conn.execute(
            "SELECT action_code, lead_id, status, note, updated_at, updated_by FROM assignment"
        )
    }


def get(conn: sqlite3.Connection, code: str) -> Assignment:
    row = conn.execute(
        "SELECT action_code, lead_id, status, note, updated_at, updated_by FROM assignment"
        " WHERE action_code = ?",
        (code,),
    ).fetchone()
    if row is None:
        return Assignment(code)
    supports = tuple(
        r[0]
        for r in conn.execute(
            "SELECT entity_id FROM assignment_support WHERE action_code = ? ORDER BY position",
            (code,),
        )
    )
    return Assignment(row[0], row[1], supports, ActionStatus(row[2]), row[3], row[4], row[5])


def save(conn: sqlite3.Connection, assignment: Assignment, actor: str) -> Assignment:
    """Write the whole assignment of one action, stamped with who and when."""
    stamp = now_iso()
    conn.execute(
        "INSERT INTO assignment (action_code, id, lead_id, status, note, updated_at, updated_by)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(action_code) DO UPDATE SET"
        " lead_id = excluded.lead_id, status = excluded.status, note = excluded.note,"
        " updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        (
            assignment.action_code,
            str(uuid.uuid4()),
            assignment.lead_id,
            assignment.status.value,
            assignment.note,
            stamp,
            actor,
        ),
    )
    conn.execute("DELETE FROM assignment_support WHERE action_code = ?", (assignment.action_code,))
    conn.executemany(
        "INSERT INTO assignment_support (action_code, entity_id, position) VALUES (?, ?, ?)",
        [(assignment.action_code, eid, pos) for pos, eid in enumerate(assignment.support_ids)],
    )
    return get(conn, assignment.action_code)


def replace_entity(conn: sqlite3.Connection, old_id: str, new_id: str, actor: str) -> list[str]:
    """Point every assignment naming ``old_id`` at ``new_id``; returns the affected codes.

    The moved assignments are stamped with who and when, like any other edit, so that "last
    changed" stays true and the Secretariat's merge sees them as changed.
    """
    codes = actions_naming(conn, old_id)
    conn.executemany(
        "UPDATE assignment SET updated_at = ?, updated_by = ? WHERE action_code = ?",
        [(now_iso(), actor, code) for code in codes],
    )
    conn.execute("UPDATE assignment SET lead_id = ? WHERE lead_id = ?", (new_id, old_id))
    # An action that already had the survivor as support keeps one row, not two.
    conn.execute(
        "DELETE FROM assignment_support WHERE entity_id = ? AND action_code IN"
        " (SELECT action_code FROM assignment_support WHERE entity_id = ?)",
        (old_id, new_id),
    )
    conn.execute(
        "UPDATE assignment_support SET entity_id = ? WHERE entity_id = ?", (new_id, old_id)
    )
    # A survivor that is now both lead and support of the same action stays the lead only.
    conn.execute(
        "DELETE FROM assignment_support WHERE entity_id = ? AND action_code IN"
        " (SELECT action_code FROM assignment WHERE lead_id = ?)",
        (new_id, new_id),
    )
    return codes


def exists(conn: sqlite3.Connection, code: str) -> bool:
    """Whether an assignment is kept for ``code`` (even if its action left the plan)."""
    row = conn.execute("SELECT 1 FROM assignment WHERE action_code = ?", (code,)).fetchone()
    return row is not None


def actions_naming(conn: sqlite3.Connection, entity_id: str) -> list[str]:
    """Codes of the actions that name the entity as lead or supporting entity."""
    rows = conn.execute(
        "SELECT action_code FROM assignment WHERE lead_id = ?"
        " UNION SELECT action_code FROM assignment_support WHERE entity_id = ?",
        (entity_id, entity_id),
    ).fetchall()
    return sorted(row[0] for row in rows)
