"""SQL for the country's amendment proposals and the Secretariat's answers to them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from focalpoint.domain.proposals import ON_ACTION, Proposal

_COLUMNS = (
    "id, target_code, kind, language, text, justification, created_at, created_by,"
    " submission_id, state, state_reason, state_version, answered_at"
)


def _proposal(row: tuple[Any, ...]) -> Proposal:
    return Proposal(*row)


def level_of(conn: sqlite3.Connection, code: str) -> str | None:
    """What ``code`` is in the installed plan (``axis``, ``objective``, ``action``), or None."""
    row = conn.execute("SELECT level FROM plan_item WHERE code = ?", (code,)).fetchone()
    return str(row[0]) if row else None


def parent_of(conn: sqlite3.Connection, code: str) -> str | None:
    """The code of the item ``code`` sits under (an action's objective), or None."""
    row = conn.execute("SELECT parent_code FROM plan_item WHERE code = ?", (code,)).fetchone()
    return str(row[0]) if row and row[0] is not None else None


def all_proposals(conn: sqlite3.Connection) -> list[Proposal]:
    """Every proposal, newest first."""
    return [
        _proposal(row)
        for row in conn.execute(f"SELECT {_COLUMNS} FROM proposal ORDER BY rowid DESC")
    ]


def drafts(conn: sqlite3.Connection) -> list[Proposal]:
    """The proposals no package has carried yet, oldest first: what the next one carries."""
    return [
        _proposal(row)
        for row in conn.execute(
            f"SELECT {_COLUMNS} FROM proposal WHERE state = 'draft' ORDER BY rowid"
        )
    ]


def get(conn: sqlite3.Connection, proposal_id: str) -> Proposal | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM proposal WHERE id = ?", (proposal_id,)).fetchone()
    return _proposal(row) if row else None


def ids_starting(conn: sqlite3.Connection, prefix: str) -> list[str]:
    """The ids that start with ``prefix`` (a person types the first few characters)."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return [
        row[0]
        for row in conn.execute(
            "SELECT id FROM proposal WHERE id LIKE ? ESCAPE '\\' LIMIT 2", (escaped + "%",)
        )
    ]


def add(conn: sqlite3.Connection, row: Proposal) -> None:
    conn.execute(
        f"INSERT INTO proposal ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            row.id,
            row.target_code,
            row.kind,
            row.language,
            row.text,
            row.justification,
            row.created_at,
            row.created_by,
            row.submission_id,
            row.state,
            row.state_reason,
            row.state_version,
            row.answered_at,
        ),
    )


def update_draft(conn: sqlite3.Connection, row: Proposal) -> bool:
    """Write a draft's editable fields; False when it is no longer a draft (nothing written)."""
    done = conn.execute(
        "UPDATE proposal SET target_code = ?, kind = ?, language = ?, text = ?,"
        " justification = ? WHERE id = ? AND state = 'draft'",
        (row.target_code, row.kind, row.language, row.text, row.justification, row.id),
    )
    return done.rowcount == 1


def delete_draft(conn: sqlite3.Connection, proposal_id: str) -> bool:
    done = conn.execute("DELETE FROM proposal WHERE id = ? AND state = 'draft'", (proposal_id,))
    return done.rowcount == 1


def mark_submitted(
    conn: sqlite3.Connection, carried: Iterable[Proposal], submission_id: str
) -> list[str]:
    """The drafts a package carried become ``submitted`` with its id; returns their ids.

    Only a draft still as the package carried it: one edited after the package was read stays a
    draft, and the next package carries its new text.
    """
    marked = []
    for p in carried:
        done = conn.execute(
            "UPDATE proposal SET state = 'submitted', submission_id = ?"
            " WHERE id = ? AND state = 'draft' AND target_code = ? AND kind = ?"
            " AND language = ? AND text = ? AND justification = ?",
            (submission_id, p.id, p.target_code, p.kind, p.language, p.text, p.justification),
        )
        if done.rowcount == 1:
            marked.append(p.id)
    return marked


def answer(
    conn: sqlite3.Connection,
    proposal_id: str,
    state: str,
    reason: str,
    version: str,
    answered_at: str | None,
) -> None:
    conn.execute(
        "UPDATE proposal SET state = ?, state_reason = ?, state_version = ?, answered_at = ?"
        " WHERE id = ?",
        (state, reason, version, answered_at, proposal_id),
    )


def draft_action_codes(conn: sqlite3.Connection) -> set[str]:
    """The actions that proposals not sent yet are about (new wording, a comment)."""
    return {
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT target_code FROM proposal WHERE state = 'draft'"
            f" AND kind IN ({', '.join('?' * len(ON_ACTION))})",
            ON_ACTION,
        )
    }


def follow_actions(conn: sqlite3.Connection, moves: Mapping[str, str]) -> None:
    """Proposals not sent yet about an action follow it to its new code (a sent one keeps the
    code the Secretariat received)."""
    conn.executemany(
        "UPDATE proposal SET target_code = ? WHERE target_code = ? AND state = 'draft'"
        f" AND kind IN ({', '.join('?' * len(ON_ACTION))})",
        [(new, old, *ON_ACTION) for old, new in moves.items()],
    )
