"""SQL for the snapshot a submission carries: every table, tombstones included, in one read."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

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


# Columns that serve this workspace alone (a record's row in the search index) and never travel.
LOCAL_COLUMNS = frozenset({"search_key"})


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
    columns = [
        row[1] for row in conn.execute(f"PRAGMA table_info({table})") if row[1] not in LOCAL_COLUMNS
    ]
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


def audit_mark(conn: sqlite3.Connection) -> int:
    """The newest audit row's id: where a snapshot read in the same transaction stands."""
    return int(conn.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0])
