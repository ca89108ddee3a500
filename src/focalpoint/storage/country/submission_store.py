"""SQL for signing keys, the submissions made with them, and the snapshot a submission carries."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class KeyRow:
    key_id: str
    fingerprint: str
    public_key: bytes
    private_pem: bytes | None
    created_at: str
    created_by: str
    replaced_at: str | None


@dataclass(frozen=True)
class SubmissionRow:
    id: str
    sequence: int
    created_at: str
    created_by: str
    file_name: str
    sha256: str
    size: int
    previous_sha256: str | None
    key_id: str
    fingerprint: str
    plan_code: str
    plan_version: str
    counts: dict[str, int]
    encrypted_name: str
    encrypted_sha256: str
    encrypted_to: str
    state: str
    state_at: str
    state_note: str
    audit_mark: int = 0


_KEY_COLUMNS = "key_id, fingerprint, public_key, private_pem, created_at, created_by, replaced_at"


def _key(row: tuple[Any, ...]) -> KeyRow:
    pem = row[3].encode("ascii") if row[3] is not None else None
    return KeyRow(row[0], row[1], bytes(row[2]), pem, *row[4:])


def current_key(conn: sqlite3.Connection) -> KeyRow | None:
    row = conn.execute(
        f"SELECT {_KEY_COLUMNS} FROM signing_key WHERE replaced_at IS NULL"
    ).fetchone()
    return _key(row) if row else None


def all_keys(conn: sqlite3.Connection) -> list[KeyRow]:
    """Every key this workspace has had, newest first."""
    return [
        _key(row)
        for row in conn.execute(
            f"SELECT {_KEY_COLUMNS} FROM signing_key ORDER BY created_at DESC, rowid DESC"
        )
    ]


def add_key(conn: sqlite3.Connection, key: KeyRow) -> None:
    conn.execute(
        f"INSERT INTO signing_key ({_KEY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            key.key_id,
            key.fingerprint,
            key.public_key,
            key.private_pem.decode("ascii") if key.private_pem else None,
            key.created_at,
            key.created_by,
            key.replaced_at,
        ),
    )


def retire_key(conn: sqlite3.Connection, key_id: str, stamp: str) -> None:
    """Mark the key replaced and erase its private half; the public half stays on record."""
    conn.execute(
        "UPDATE signing_key SET replaced_at = ?, private_pem = NULL WHERE key_id = ?",
        (stamp, key_id),
    )


def set_private(conn: sqlite3.Connection, key_id: str, pem: bytes) -> None:
    conn.execute(
        "UPDATE signing_key SET private_pem = ? WHERE key_id = ?", (pem.decode("ascii"), key_id)
    )


_SUBMISSION_COLUMNS = (
    "s.id, s.sequence, s.created_at, s.created_by, s.file_name, s.sha256, s.size,"
    " s.previous_sha256, s.key_id, k.fingerprint, s.plan_code, s.plan_version, s.counts,"
    " s.encrypted_name, s.encrypted_sha256, s.encrypted_to, s.state, s.state_at, s.state_note,"
    " s.audit_mark"
)


def _submission(row: tuple[Any, ...]) -> SubmissionRow:
    values = list(row)
    values[12] = json.loads(values[12])
    return SubmissionRow(*values)


def submissions(conn: sqlite3.Connection) -> list[SubmissionRow]:
    """Every submission, newest first."""
    return [
        _submission(row)
        for row in conn.execute(
            f"SELECT {_SUBMISSION_COLUMNS} FROM submission s"
            " JOIN signing_key k ON k.key_id = s.key_id ORDER BY s.sequence DESC"
        )
    ]


def submission(conn: sqlite3.Connection, submission_id: str) -> SubmissionRow | None:
    row = conn.execute(
        f"SELECT {_SUBMISSION_COLUMNS} FROM submission s"
        " JOIN signing_key k ON k.key_id = s.key_id WHERE s.id = ?",
        (submission_id,),
    ).fetchone()
    return _submission(row) if row else None


def audit_mark(conn: sqlite3.Connection) -> int:
    """The newest audit row's id: where a snapshot read in the same transaction stands."""
    return int(conn.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0])


def last_submission(conn: sqlite3.Connection) -> SubmissionRow | None:
    row = conn.execute(
        f"SELECT {_SUBMISSION_COLUMNS} FROM submission s"
        " JOIN signing_key k ON k.key_id = s.key_id ORDER BY s.sequence DESC LIMIT 1"
    ).fetchone()
    return _submission(row) if row else None


def add_submission(conn: sqlite3.Connection, row: SubmissionRow) -> None:
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


# What a submission carries, table by table: every row, tombstones included, so the Secretariat
# can merge one submission after another. Columns holding JSON arrays are decoded.
SNAPSHOT_TABLES: dict[str, tuple[str, frozenset[str]]] = {
    "entities": ("SELECT * FROM entity ORDER BY created_at, id", frozenset()),
    "assignments": ("SELECT * FROM assignment ORDER BY action_code", frozenset()),
    "assignment_support": (
        "SELECT * FROM assignment_support ORDER BY action_code, position, entity_id",
        frozenset(),
    ),
    # What the practices' CSV copy and the counts need, without the long texts.
    "practices": (
        "SELECT id, title, state, categories, populations, subdivisions, period_start,"
        " period_end, deleted_at FROM practice ORDER BY created_at, id",
        frozenset({"categories", "populations", "subdivisions"}),
    ),
    "practice_entities": (
        "SELECT * FROM practice_entity ORDER BY practice_id, position, entity_id",
        frozenset(),
    ),
    "practice_actions": (
        "SELECT * FROM practice_action ORDER BY practice_id, action_code",
        frozenset(),
    ),
    "attachments": ("SELECT * FROM attachment ORDER BY added_at, id", frozenset()),
}
# The largest tables (5,000 practices, 20,000 services) are turned into JSON by SQLite itself, row
# by row: several times faster than reading them into Python and encoding them again. Each entry:
# the table, its columns holding JSON arrays, and fields computed for it (name → SQL expression).
JSON_TABLES: dict[str, tuple[str, frozenset[str], dict[str, str]]] = {
    "practices": (
        "practice",
        frozenset({"categories", "populations", "phases", "subdivisions", "partners"}),
        {
            "national": "json(CASE national WHEN 1 THEN 'true' ELSE 'false' END)",
            "entity_ids": "(SELECT json_group_array(entity_id) FROM (SELECT entity_id"
            " FROM practice_entity WHERE practice_id = practice.id ORDER BY position, entity_id))",
            "action_codes": "(SELECT json_group_array(action_code) FROM (SELECT action_code"
            " FROM practice_action WHERE practice_id = practice.id ORDER BY action_code))",
        },
    ),
    "organisations": ("organisation", frozenset(), {}),
    "services": ("service", frozenset({"populations"}), {}),
}


def snapshot_rows(conn: sqlite3.Connection, table: str) -> Iterator[dict[str, Any]]:
    sql, json_columns = SNAPSHOT_TABLES[table]
    cursor = conn.execute(sql)
    names = [d[0] for d in cursor.description]
    for row in cursor:
        record = dict(zip(names, row, strict=True))
        for column in json_columns:
            record[column] = json.loads(record[column])
        yield record


def json_rows(conn: sqlite3.Connection, name: str) -> tuple[list[str], int]:
    """Every row of a JSON table as a JSON object text, oldest first; and how many are live."""
    table, json_columns, computed = JSON_TABLES[name]
    columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    fields = []
    for column in columns:
        if column in computed:
            continue
        value = f"json({column})" if column in json_columns else column
        fields.append(f"'{column}', {value}")
    fields += [f"'{field}', json({sql})" for field, sql in computed.items()]
    rows = [
        text
        for (text,) in conn.execute(
            f"SELECT json_object({', '.join(fields)}) FROM {table} ORDER BY created_at, id"
        )
    ]
    live = conn.execute(f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL").fetchone()[0]
    return rows, int(live)
