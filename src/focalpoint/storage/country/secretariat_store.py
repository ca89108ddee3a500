"""SQL for the Secretariat this workspace trusts and the receipts it sent back."""

from __future__ import annotations

import sqlite3
from typing import Any

from focalpoint.domain.submissions import ReceiptRecord, TrustedSecretariat

_KEY_COLUMNS = (
    "key_id, fingerprint, public_key, age_recipient, name, created_at, pinned_at, pinned_by,"
    " replaced_at, key_file"
)
_RECEIPT_COLUMNS = (
    "submission_id, decision, reason, decided_at, imported_at, imported_by, key_id, sha256, receipt"
)


def _key(row: tuple[Any, ...]) -> TrustedSecretariat:
    values = list(row)
    values[2] = bytes(values[2])
    values[9] = bytes(values[9])
    return TrustedSecretariat(*values)


def _receipt(row: tuple[Any, ...]) -> ReceiptRecord:
    values = list(row)
    values[8] = bytes(values[8])
    return ReceiptRecord(*values)


def current_key(conn: sqlite3.Connection) -> TrustedSecretariat | None:
    row = conn.execute(
        f"SELECT {_KEY_COLUMNS} FROM secretariat_key WHERE replaced_at IS NULL"
    ).fetchone()
    return _key(row) if row else None


def trust_key(conn: sqlite3.Connection, key: TrustedSecretariat) -> None:
    """Make ``key`` the trusted one; the one before stays on record, marked replaced.

    Trusting the current key again only refreshes its file (a newer name or age recipient
    signed by the same key): its id is the table's key.
    """
    conn.execute(
        "UPDATE secretariat_key SET replaced_at = ? WHERE replaced_at IS NULL AND key_id <> ?",
        (key.pinned_at, key.key_id),
    )
    conn.execute(
        f"INSERT INTO secretariat_key ({_KEY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)"
        " ON CONFLICT (key_id) DO UPDATE SET age_recipient = excluded.age_recipient,"
        " name = excluded.name, created_at = excluded.created_at,"
        " pinned_at = excluded.pinned_at, pinned_by = excluded.pinned_by, replaced_at = NULL,"
        " key_file = excluded.key_file",
        (
            key.key_id,
            key.fingerprint,
            key.public_key,
            key.age_recipient,
            key.name,
            key.created_at,
            key.pinned_at,
            key.pinned_by,
            key.key_file,
        ),
    )


def receipt_for(conn: sqlite3.Connection, submission_id: str) -> ReceiptRecord | None:
    row = conn.execute(
        f"SELECT {_RECEIPT_COLUMNS} FROM receipt WHERE submission_id = ?", (submission_id,)
    ).fetchone()
    return _receipt(row) if row else None


def receipts(conn: sqlite3.Connection) -> dict[str, ReceiptRecord]:
    """Every receipt taken in, by submission id."""
    return {
        row[0]: _receipt(row) for row in conn.execute(f"SELECT {_RECEIPT_COLUMNS} FROM receipt")
    }


def add_receipt(conn: sqlite3.Connection, row: ReceiptRecord) -> None:
    conn.execute(
        f"INSERT INTO receipt ({_RECEIPT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            row.submission_id,
            row.decision,
            row.reason,
            row.decided_at,
            row.imported_at,
            row.imported_by,
            row.key_id,
            row.sha256,
            row.receipt,
        ),
    )
