"""SQL for practices, the actions they serve, their implementing entities and attachments."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Mapping
from typing import Any

from focalpoint.domain.practices import Attachment, Practice, PracticeState, PracticeSummary
from focalpoint.storage.country import code_lists, search_index
from focalpoint.storage.country.search_index import SearchWords
from focalpoint.storage.sqlite import now_iso, write_record

# Columns of the practice table that a user edits, in the order of the dataclass.
TEXT_FIELDS = (
    "title",
    "summary",
    "description",
    "period_start",
    "period_end",
    "results",
    "lessons",
    "contact",
)
LIST_FIELDS = ("categories", "populations", "phases", "subdivisions", "partners")
_COLUMNS = ", ".join(
    ("id", *TEXT_FIELDS, *LIST_FIELDS, "national", "state", "updated_at", "deleted_at")
)


def _practice(conn: sqlite3.Connection, row: tuple[Any, ...]) -> Practice:
    n_text, n_list = len(TEXT_FIELDS), len(LIST_FIELDS)
    texts: dict[str, Any] = dict(
        zip(TEXT_FIELDS, (str(v) for v in row[1 : 1 + n_text]), strict=True)
    )
    lists: dict[str, Any] = dict(
        zip(
            LIST_FIELDS,
            (code_lists.read(v) for v in row[1 + n_text : 1 + n_text + n_list]),
            strict=True,
        )
    )
    national, state, updated_at, deleted_at = row[1 + n_text + n_list :]
    practice_id = str(row[0])
    return Practice(
        **texts,
        **lists,
        national=bool(national),
        state=PracticeState(state),
        id=practice_id,
        updated_at=str(updated_at),
        deleted=deleted_at is not None,
        entity_ids=tuple(
            r[0]
            for r in conn.execute(
                "SELECT entity_id FROM practice_entity WHERE practice_id = ? ORDER BY position",
                (practice_id,),
            )
        ),
        action_codes=tuple(
            r[0]
            for r in conn.execute(
                "SELECT action_code FROM practice_action WHERE practice_id = ?", (practice_id,)
            )
        ),
    )


def get(conn: sqlite3.Connection, practice_id: str) -> Practice | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM practice WHERE id = ?", (practice_id,)).fetchone()
    return _practice(conn, row) if row else None


STATES = {s.value: s for s in PracticeState}  # a dict lookup; the enum call is ten times slower


def summaries(conn: sqlite3.Connection, include_deleted: bool = False) -> list[PracticeSummary]:
    """Every practice as a list row, newest edit first, in two queries whatever the count."""
    actions: dict[str, list[str]] = {}
    for practice_id, code in conn.execute("SELECT practice_id, action_code FROM practice_action"):
        actions.setdefault(practice_id, []).append(code)
    where = "" if include_deleted else "WHERE deleted_at IS NULL"
    return [
        PracticeSummary(
            id=row[0],
            title=row[1],
            state=STATES[row[2]],
            categories=code_lists.read(row[3]),
            populations=code_lists.read(row[4]),
            subdivisions=code_lists.read(row[5]),
            national=bool(row[6]),
            action_codes=tuple(sorted(actions.get(row[0], ()))),
            updated_at=row[7],
            deleted=row[8] is not None,
        )
        for row in conn.execute(
            "SELECT id, title, state, categories, populations, subdivisions, national,"
            f" updated_at, deleted_at FROM practice {where} ORDER BY updated_at DESC"
        )
    ]


def for_action(conn: sqlite3.Connection, action_code: str) -> list[tuple[str, str, str]]:
    """(id, title, state) of the practices that serve one action."""
    return [
        (str(r[0]), str(r[1]), str(r[2]))
        for r in conn.execute(
            "SELECT p.id, p.title, p.state FROM practice p JOIN practice_action a"
            " ON a.practice_id = p.id WHERE a.action_code = ? AND p.deleted_at IS NULL"
            " ORDER BY p.title COLLATE NOCASE",
            (action_code,),
        )
    ]


def replace_entity(conn: sqlite3.Connection, old_id: str, new_id: str) -> list[str]:
    """Name ``new_id`` instead of ``old_id`` as implementing entity (an entity merge); returns
    the practices changed. A practice that already names both keeps one link."""
    changed = [
        r[0]
        for r in conn.execute(
            "SELECT practice_id FROM practice_entity WHERE entity_id = ?", (old_id,)
        )
    ]
    conn.execute(
        "UPDATE OR IGNORE practice_entity SET entity_id = ? WHERE entity_id = ?", (new_id, old_id)
    )
    conn.execute("DELETE FROM practice_entity WHERE entity_id = ?", (old_id,))
    return changed


def save(conn: sqlite3.Connection, practice: Practice) -> str:
    """Insert (no id) or update the practice with its links; returns its id."""
    values = (
        *(getattr(practice, f) for f in TEXT_FIELDS),
        *(json.dumps(list(getattr(practice, f)), ensure_ascii=False) for f in LIST_FIELDS),
        int(practice.national),
        practice.state.value,
    )
    names = (*TEXT_FIELDS, *LIST_FIELDS, "national", "state")
    practice_id = practice.id or str(uuid.uuid4())
    write_record(conn, "practice", practice_id, names, values, new=not practice.id)
    conn.execute("DELETE FROM practice_entity WHERE practice_id = ?", (practice_id,))
    conn.executemany(
        "INSERT INTO practice_entity (practice_id, entity_id, position) VALUES (?, ?, ?)",
        [(practice_id, e, i) for i, e in enumerate(practice.entity_ids)],
    )
    conn.execute("DELETE FROM practice_action WHERE practice_id = ?", (practice_id,))
    conn.executemany(
        "INSERT INTO practice_action (practice_id, action_code) VALUES (?, ?)",
        [(practice_id, c) for c in practice.action_codes],
    )
    return practice_id


def index(
    conn: sqlite3.Connection, practice: Practice, extra: list[str], words: SearchWords
) -> None:
    """Put the practice's words in the search index (``extra``: its entities' names)."""
    search_index.put(
        conn,
        "practice",
        practice.id,
        [getattr(practice, f) for f in TEXT_FIELDS]
        + list(practice.partners)
        + extra
        + list(practice.action_codes)
        + search_index.words_for(
            words,
            (*practice.categories, *practice.populations, *practice.phases, *practice.subdivisions),
        ),
        practice_facets(practice),
    )


def practice_facets(practice: Practice) -> list[str]:
    """The filter tokens of a practice: state, national, categories, populations, subdivisions."""
    facet = search_index.facet
    return [
        search_index.EVERY,
        facet("s", practice.state.value),
        *(["n"] if practice.national else []),
        *(facet("c", code) for code in practice.categories),
        *(facet("p", code) for code in practice.populations),
        *(facet("d", code) for code in practice.subdivisions),
    ]


def set_deleted(conn: sqlite3.Connection, practice_id: str, deleted: bool) -> None:
    stamp = now_iso()
    conn.execute(
        "UPDATE practice SET deleted_at = ?, updated_at = ? WHERE id = ?",
        (stamp if deleted else None, stamp, practice_id),
    )


def set_state(conn: sqlite3.Connection, practice_id: str, state: PracticeState) -> None:
    conn.execute(
        "UPDATE practice SET state = ?, updated_at = ? WHERE id = ?",
        (state.value, now_iso(), practice_id),
    )


# --- attachments -------------------------------------------------------------------------------

_ATTACHMENT_COLUMNS = "id, practice_id, file_name, media_type, size, sha256, added_at"


def attachments(conn: sqlite3.Connection, practice_id: str) -> list[Attachment]:
    return [
        Attachment(*row)
        for row in conn.execute(
            f"SELECT {_ATTACHMENT_COLUMNS} FROM attachment WHERE practice_id = ?"
            " AND deleted_at IS NULL ORDER BY added_at",
            (practice_id,),
        )
    ]


def attachment(conn: sqlite3.Connection, attachment_id: str) -> Attachment | None:
    row = conn.execute(
        f"SELECT {_ATTACHMENT_COLUMNS} FROM attachment WHERE id = ? AND deleted_at IS NULL",
        (attachment_id,),
    ).fetchone()
    return Attachment(*row) if row else None


def add_attachment(
    conn: sqlite3.Connection, practice_id: str, file_name: str, media_type: str, size: int, sha: str
) -> Attachment:
    attachment_id = str(uuid.uuid4())
    conn.execute(
        f"INSERT INTO attachment ({_ATTACHMENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (attachment_id, practice_id, file_name, media_type, size, sha, now_iso()),
    )
    found = attachment(conn, attachment_id)
    assert found is not None
    return found


def remove_attachment(conn: sqlite3.Connection, attachment_id: str) -> None:
    """A tombstone: the stored file stays until no record names its hash."""
    conn.execute("UPDATE attachment SET deleted_at = ? WHERE id = ?", (now_iso(), attachment_id))


def hash_in_use(conn: sqlite3.Connection, sha: str) -> bool:
    return (
        conn.execute("SELECT 1 FROM attachment WHERE sha256 = ? LIMIT 1", (sha,)).fetchone()
        is not None
    )


def linked_codes(conn: sqlite3.Connection) -> set[str]:
    """Every action code a practice is linked to."""
    return {row[0] for row in conn.execute("SELECT DISTINCT action_code FROM practice_action")}


def follow_actions(conn: sqlite3.Connection, moves: Mapping[str, str]) -> list[str]:
    """Link each practice linked to an action's old code to its new one instead (a plan version
    renamed or moved the action); the practices whose links moved."""
    moved: set[str] = set()
    for old, new in moves.items():
        ids = [
            r[0]
            for r in conn.execute(
                "SELECT practice_id FROM practice_action WHERE action_code = ?", (old,)
            )
        ]
        conn.executemany(
            "INSERT OR IGNORE INTO practice_action (practice_id, action_code) VALUES (?, ?)",
            [(practice_id, new) for practice_id in ids],
        )
        conn.execute("DELETE FROM practice_action WHERE action_code = ?", (old,))
        moved.update(ids)
    return sorted(moved)
