"""SQL for the national entity directory."""

from __future__ import annotations

import sqlite3
import uuid
from typing import Any

from focalpoint.domain.records import Entity, EntityDraft
from focalpoint.domain.text import name_key
from focalpoint.domain.vocab import EntityType
from focalpoint.storage.sqlite import now_iso

_COLUMNS = (
    "id, name, acronym, type, parent_id, contact_person, email, phone, address, notes,"
    " retired_at, updated_at"
)
FIELDS = (
    "name",
    "acronym",
    "type",
    "parent_id",
    "contact_person",
    "email",
    "phone",
    "address",
    "notes",
)


def _entity(row: tuple[Any, ...]) -> Entity:
    return Entity(
        id=str(row[0]),
        name=str(row[1]),
        acronym=str(row[2]),
        type=EntityType(row[3]),
        parent_id=row[4] or None,
        contact_person=str(row[5]),
        email=str(row[6]),
        phone=str(row[7]),
        address=str(row[8]),
        notes=str(row[9]),
        retired=row[10] is not None,
        updated_at=str(row[11]),
    )


def get(conn: sqlite3.Connection, entity_id: str) -> Entity | None:
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM entity WHERE id = ? AND merged_into IS NULL", (entity_id,)
    ).fetchone()
    return _entity(row) if row else None


def list_all(conn: sqlite3.Connection, include_retired: bool = True) -> list[Entity]:
    where = "merged_into IS NULL" + ("" if include_retired else " AND retired_at IS NULL")
    return [
        _entity(row)
        for row in conn.execute(
            f"SELECT {_COLUMNS} FROM entity WHERE {where} ORDER BY name COLLATE NOCASE"
        )
    ]


def find_by_name(conn: sqlite3.Connection, name: str) -> Entity | None:
    """The entity with this name, compared as a person would (any case, any script).

    SQLite's lower() folds ASCII only ("EDUCACIÓN" ≠ "educación"), so names are compared in
    Python; a directory holds hundreds of entities, not millions.
    """
    wanted = name_key(name)
    for row in conn.execute(f"SELECT {_COLUMNS} FROM entity WHERE merged_into IS NULL"):
        if name_key(str(row[1])) == wanted:
            return _entity(row)
    return None


def _values(draft: EntityDraft) -> tuple[Any, ...]:
    """The draft's values in the order of :data:`FIELDS`."""
    return tuple(getattr(draft, f).value if f == "type" else getattr(draft, f) for f in FIELDS)


def insert(conn: sqlite3.Connection, draft: EntityDraft) -> Entity:
    stamp = now_iso()
    entity_id = str(uuid.uuid4())
    conn.execute(
        f"INSERT INTO entity (id, {', '.join(FIELDS)}, created_at, updated_at)"
        f" VALUES (?, {', '.join('?' for _ in FIELDS)}, ?, ?)",
        (entity_id, *_values(draft), stamp, stamp),
    )
    entity = get(conn, entity_id)
    assert entity is not None
    return entity


def update(conn: sqlite3.Connection, entity_id: str, draft: EntityDraft) -> None:
    conn.execute(
        f"UPDATE entity SET {', '.join(f'{f} = ?' for f in FIELDS)}, updated_at = ? WHERE id = ?",
        (*_values(draft), now_iso(), entity_id),
    )


def set_retired(conn: sqlite3.Connection, entity_id: str, retired: bool) -> None:
    stamp = now_iso()
    conn.execute(
        "UPDATE entity SET retired_at = ?, updated_at = ? WHERE id = ?",
        (stamp if retired else None, stamp, entity_id),
    )


def mark_merged(conn: sqlite3.Connection, entity_id: str, into_id: str) -> None:
    stamp = now_iso()
    conn.execute(
        "UPDATE entity SET merged_into = ?, retired_at = ?, updated_at = ? WHERE id = ?",
        (into_id, stamp, stamp, entity_id),
    )
    # Children of the duplicate move to the survivor, except the survivor itself, which takes
    # the duplicate's own parent instead of becoming its own parent.
    conn.execute(
        "UPDATE entity SET parent_id = ? WHERE parent_id = ? AND id <> ?",
        (into_id, entity_id, into_id),
    )
    conn.execute(
        "UPDATE entity SET parent_id = (SELECT parent_id FROM entity WHERE id = ?)"
        " WHERE id = ? AND parent_id = ?",
        (entity_id, into_id, entity_id),
    )
    conn.execute(
        "UPDATE entity SET parent_id = NULL WHERE id = ? AND parent_id = ?", (into_id, into_id)
    )


def ancestors(conn: sqlite3.Connection, entity_id: str) -> list[str]:
    """The ids above an entity, nearest first (stops at a loop rather than spinning)."""
    chain: list[str] = []
    current: str | None = entity_id
    while current is not None:
        row = conn.execute("SELECT parent_id FROM entity WHERE id = ?", (current,)).fetchone()
        current = row[0] if row else None
        if current is None or current in chain or current == entity_id:
            break
        chain.append(current)
    return chain


def usage_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """How many actions each entity is named on (lead or supporting)."""
    counts: dict[str, int] = {}
    for entity_id, n in conn.execute(
        "SELECT entity_id, count(DISTINCT action_code) FROM ("
        " SELECT lead_id AS entity_id, action_code FROM assignment WHERE lead_id IS NOT NULL"
        " UNION SELECT entity_id, action_code FROM assignment_support) GROUP BY entity_id"
    ):
        counts[entity_id] = n
    return counts
