"""SQL for the country report's summaries: counts and map marks computed by SQLite, so that a
report of 100,000 services reads a few thousand rows, not 100,000 records."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

_LIVE_SERVICES = (
    "FROM service s JOIN organisation o ON o.id = s.organisation_id"
    " WHERE s.deleted_at IS NULL AND o.deleted_at IS NULL"
)


def live_service_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute(f"SELECT count(*) {_LIVE_SERVICES}").fetchone()[0])


def live_practice_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM practice WHERE deleted_at IS NULL").fetchone()[0])


def services_by_place_and_type(conn: sqlite3.Connection) -> list[tuple[str, str, int, int]]:
    """(subdivision, service type, services, of which located) for every live service."""
    return [
        (str(r[0]), str(r[1]), int(r[2]), int(r[3]))
        for r in conn.execute(
            "SELECT s.subdivision, s.service_type, count(*), count(s.latitude)"
            f" {_LIVE_SERVICES} GROUP BY s.subdivision, s.service_type"
        )
    ]


def largest_organisations(conn: sqlite3.Connection, limit: int) -> list[tuple[str, str, int]]:
    """(name, acronym, live services) of the ``limit`` organisations with the most services."""
    return [
        (str(r[0]), str(r[1]), int(r[2]))
        for r in conn.execute(
            f"SELECT o.name, o.acronym, count(*) AS n {_LIVE_SERVICES}"
            " GROUP BY o.id ORDER BY n DESC, o.name COLLATE NOCASE LIMIT ?",
            (limit,),
        )
    ]


def organisations_with_services(conn: sqlite3.Connection) -> int:
    return int(conn.execute(f"SELECT count(DISTINCT o.id) {_LIVE_SERVICES}").fetchone()[0])


def map_marks(conn: sqlite3.Connection, cell: float) -> list[tuple[str, float, float]]:
    """(service type, longitude, latitude): one mark per type and square of ``cell`` degrees
    holding located services, at their mean position. Services closer than a dot's width
    print as one dot anyway; the marks a map needs grow with its area, not with the services.
    """
    return [
        (str(r[0]), float(r[1]), float(r[2]))
        for r in conn.execute(
            "SELECT s.service_type, avg(s.longitude), avg(s.latitude)"
            f" {_LIVE_SERVICES} AND s.latitude IS NOT NULL AND s.longitude IS NOT NULL"
            " GROUP BY s.service_type, round(s.longitude / ?), round(s.latitude / ?)",
            (cell, cell),
        )
    ]


def practices_by_category(conn: sqlite3.Connection) -> list[tuple[str, int, int]]:
    """(first category or "", practices, of which drafts), as the compilation groups them."""
    return [
        (str(r[0] or ""), int(r[1]), int(r[2]))
        for r in conn.execute(
            "SELECT json_extract(categories, '$[0]'), count(*), sum(state = 'draft')"
            " FROM practice WHERE deleted_at IS NULL GROUP BY 1"
        )
    ]


def practices_by_place(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """(subdivision, practices working there); "" for national practices."""
    national = conn.execute(
        "SELECT count(*) FROM practice WHERE deleted_at IS NULL AND national"
    ).fetchone()[0]
    places = [
        (str(r[0]), int(r[1]))
        for r in conn.execute(
            "SELECT j.value, count(*) FROM practice p, json_each(p.subdivisions) j"
            " WHERE p.deleted_at IS NULL AND NOT p.national GROUP BY j.value"
        )
    ]
    return [("", int(national)), *places] if national else places


def change_counts(
    conn: sqlite3.Connection, after_id: int, kinds: Sequence[str]
) -> list[tuple[str, int, int, int]]:
    """(kind, records added, records deleted, other records changed) in audit rows after
    ``after_id``: what a long list of changes comes to."""
    marks = ", ".join("?" * len(kinds))
    rows = conn.execute(
        "SELECT record_kind,"
        " count(DISTINCT CASE WHEN field = 'created' THEN record_key END),"
        " count(DISTINCT CASE WHEN field = 'deleted' AND new != '' THEN record_key END),"
        " count(DISTINCT CASE WHEN field NOT IN ('created', 'deleted') THEN record_key END)"
        f" FROM audit_log WHERE id > ? AND record_kind IN ({marks}) GROUP BY record_kind",
        (after_id, *kinds),
    )
    return [(str(r[0]), int(r[1]), int(r[2]), int(r[3])) for r in rows]


def change_total(conn: sqlite3.Connection, after_id: int, kinds: Sequence[str]) -> int:
    marks = ", ".join("?" * len(kinds))
    return int(
        conn.execute(
            f"SELECT count(*) FROM audit_log WHERE id > ? AND record_kind IN ({marks})",
            (after_id, *kinds),
        ).fetchone()[0]
    )
