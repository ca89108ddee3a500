"""SQL for the installed plan and its items."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from focalpoint.domain.plan import PlanDocument, PlanInfo, plan_from_dict, plan_to_dict
from focalpoint.storage.sqlite import now_iso


def installed_info(conn: sqlite3.Connection) -> PlanInfo | None:
    row = conn.execute(
        "SELECT code, version, provisional, published, title, note FROM plan WHERE id = 1"
    ).fetchone()
    if row is None:
        return None
    return PlanInfo(
        code=row[0],
        version=row[1],
        provisional=bool(row[2]),
        published=row[3],
        title=json.loads(row[4]),
        note=json.loads(row[5]),
    )


def replace_plan(conn: sqlite3.Connection, document: PlanDocument) -> None:
    """Install ``document`` as the one plan, replacing every item of the previous one."""
    info = document.info
    conn.execute("DELETE FROM plan_item")
    conn.execute("DELETE FROM plan")
    conn.execute(
        "INSERT INTO plan (id, code, version, provisional, published, title, note, document,"
        " installed_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            info.code,
            info.version,
            int(info.provisional),
            info.published,
            _j(info.title),
            _j(info.note),
            json.dumps(plan_to_dict(document), ensure_ascii=False),
            now_iso(),
        ),
    )
    rows: list[tuple[Any, ...]] = []
    for a_pos, axis in enumerate(document.axes):
        rows.append(
            (axis.code, "axis", None, a_pos, _j(axis.title), "{}", "{}", None, None, "[]", "[]")
        )
        for o_pos, obj in enumerate(axis.objectives):
            rows.append(
                (
                    obj.code,
                    "objective",
                    axis.code,
                    o_pos,
                    _j(obj.title),
                    "{}",
                    "{}",
                    None,
                    None,
                    "[]",
                    "[]",
                )
            )
            for c_pos, act in enumerate(obj.actions):
                start, end = act.timeframe if act.timeframe else (None, None)
                rows.append(
                    (
                        act.code,
                        "action",
                        obj.code,
                        c_pos,
                        _j(act.title),
                        _j(act.description),
                        _j(act.indicator),
                        start,
                        end,
                        _j(list(act.supporting_organisations)),
                        _j(list(act.report_items)),
                    )
                )
    conn.executemany(
        "INSERT INTO plan_item (code, level, parent_code, position, title, description, indicator,"
        " timeframe_start, timeframe_end, supporting_organisations, report_items)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def load_plan(conn: sqlite3.Connection) -> PlanDocument | None:
    """The installed plan as a tree, in the plan's own order.

    Read from the stored plan file in one JSON parse: twice as fast for 2,000 actions as
    decoding each item's texts from ``plan_item`` (which serves lookups by code).
    """
    row = conn.execute("SELECT document FROM plan WHERE id = 1").fetchone()
    if row is None:
        return None
    return plan_from_dict(json.loads(row[0]))


def is_action(conn: sqlite3.Connection, code: str) -> bool:
    """Whether ``code`` is an action of the installed plan."""
    row = conn.execute(
        "SELECT 1 FROM plan_item WHERE code = ? AND level = 'action'", (code,)
    ).fetchone()
    return row is not None


def action_codes(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT code FROM plan_item WHERE level = 'action'")}


def _j(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=isinstance(value, dict))
