"""SQL for the submissions made: their record, sequence, hashes and state."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from focalpoint.domain.submissions import Submission

_SUBMISSION_COLUMNS = (
    "s.id, s.sequence, s.created_at, s.created_by, s.file_name, s.sha256, s.size,"
    " s.previous_sha256, s.key_id, k.fingerprint, s.plan_code, s.plan_version, s.counts,"
    " s.encrypted_name, s.encrypted_sha256, s.encrypted_to, s.state, s.state_at, s.state_note,"
    " s.audit_mark"
)


def _submission(row: tuple[Any, ...]) -> Submission:
    values = list(row)
    values[12] = json.loads(values[12])
    return Submission(*values)


def submissions(conn: sqlite3.Connection) -> list[Submission]:
    """Every submission, newest first."""
    return [
        _submission(row)
        for row in conn.execute(
            f"SELECT {_SUBMISSION_COLUMNS} FROM submission s"
            " JOIN signing_key k ON k.key_id = s.key_id ORDER BY s.sequence DESC"
        )
    ]


def submission(conn: sqlite3.Connection, submission_id: str) -> Submission | None:
    row = conn.execute(
        f"SELECT {_SUBMISSION_COLUMNS} FROM submission s"
        " JOIN signing_key k ON k.key_id = s.key_id WHERE s.id = ?",
        (submission_id,),
    ).fetchone()
    return _submission(row) if row else None


def last_submission(conn: sqlite3.Connection) -> Submission | None:
    row = conn.execute(
        f"SELECT {_SUBMISSION_COLUMNS} FROM submission s"
        " JOIN signing_key k ON k.key_id = s.key_id ORDER BY s.sequence DESC LIMIT 1"
    ).fetchone()
    return _submission(row) if row else None


def add_submission(conn: sqlite3.Connection, row: Submission) -> None:
    conn.execute(
        "INSERT INTO submission (id, sequence, created_at, created_by, file_name, sha256, size,"
        " previous_sha256, key_id, plan_code, plan_version, counts, encrypted_name,"
        " encrypted_sha256, encrypted_to, state, state_at, state_note, audit_mark)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            row.id,
            row.sequence,
            row.created_at,
            row.created_by,
            row.file_name,
            row.sha256,
            row.size,
            row.previous_sha256,
            row.key_id,
            row.plan_code,
            row.plan_version,
            json.dumps(row.counts, sort_keys=True),
            row.encrypted_name,
            row.encrypted_sha256,
            row.encrypted_to,
            row.state,
            row.state_at,
            row.state_note,
            row.audit_mark,
        ),
    )


def set_state(
    conn: sqlite3.Connection, submission_id: str, state: str, stamp: str, note: str
) -> None:
    conn.execute(
        "UPDATE submission SET state = ?, state_at = ?, state_note = ? WHERE id = ?",
        (state, stamp, note, submission_id),
    )
