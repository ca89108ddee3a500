"""SQL for workspace settings (a small key → value table)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from focalpoint.storage.country.schema import DB_NAME


def read_all(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT key, value FROM setting").fetchall())


def write(conn: sqlite3.Connection, values: dict[str, str]) -> None:
    conn.executemany(
        "INSERT INTO setting (key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        list(values.items()),
    )


def peek_language(folder: Path) -> str | None:
    """The saved interface language, read without opening the workspace (None if unknown).

    Start-up needs the language before anything else is loaded; a missing, locked or damaged
    file simply yields None here and is reported properly when the workspace is opened.
    """
    path = folder / DB_NAME
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.2)
        try:
            row = conn.execute("SELECT value FROM setting WHERE key = 'language'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None
