"""SQL for the workspace's signing keys: the current one and every replaced one."""

from __future__ import annotations

import sqlite3
from typing import Any

from focalpoint.domain.submissions import StoredKey

_KEY_COLUMNS = "key_id, fingerprint, public_key, private_pem, created_at, created_by, replaced_at"


def _key(row: tuple[Any, ...]) -> StoredKey:
    pem = row[3].encode("ascii") if row[3] is not None else None
    return StoredKey(row[0], row[1], bytes(row[2]), pem, *row[4:])


def current_key(conn: sqlite3.Connection) -> StoredKey | None:
    row = conn.execute(
        f"SELECT {_KEY_COLUMNS} FROM signing_key WHERE replaced_at IS NULL"
    ).fetchone()
    return _key(row) if row else None


def all_keys(conn: sqlite3.Connection) -> list[StoredKey]:
    """Every key this workspace has had, newest first."""
    return [
        _key(row)
        for row in conn.execute(
            f"SELECT {_KEY_COLUMNS} FROM signing_key ORDER BY created_at DESC, rowid DESC"
        )
    ]


def add_key(conn: sqlite3.Connection, key: StoredKey) -> None:
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
