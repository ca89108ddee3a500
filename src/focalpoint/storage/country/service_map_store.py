"""SQL for the map of services and the services without coordinates, under the list's filter.

The map reads the ``service_placed`` index and the "without coordinates" list the
``service_unplaced`` one (both partial: each holds only its own services), checking each entry
against the filter's matches like the list does (``list_scope``).
"""

from __future__ import annotations

import sqlite3

from focalpoint.domain.directory import MapMark, ServiceFilter, ServiceSummary
from focalpoint.storage.country.directory_store import SUMMARY_COLUMNS, summary
from focalpoint.storage.country.service_list_store import scope

Window = tuple[float, float, float, float]  # west, south, east, north, in degrees

# Deleted services stay off the map even when the list shows them.
_PLACED = (
    "service s INDEXED BY service_placed"
    " WHERE s.latitude IS NOT NULL AND s.longitude IS NOT NULL AND s.deleted_at IS NULL"
)
_IN_WINDOW = " AND s.longitude BETWEEN ? AND ? AND s.latitude BETWEEN ? AND ?"


def _box(window: Window) -> tuple[float, float, float, float]:
    west, south, east, north = window
    return west, east, south, north


def placed_count(conn: sqlite3.Connection, wanted: ServiceFilter, window: Window) -> int:
    where = scope(conn, wanted).on("s")
    return int(
        conn.execute(
            f"SELECT count(*) FROM {_PLACED} AND {where}{_IN_WINDOW}", _box(window)
        ).fetchone()[0]
    )


def points(conn: sqlite3.Connection, wanted: ServiceFilter, window: Window) -> list[MapMark]:
    """Every placed service in ``window``, each its own mark, in the order they were recorded:
    scattered over the map, so that kinds mix and none hides the others (drawn west to east,
    their white edges piled up into pale patches where services crowd). Names are read when the
    mouse rests on one; with them, in name order, 18,000 points took 180 ms to read, not 40."""
    where = scope(conn, wanted).on("s")
    return [
        MapMark(row[0], row[1], row[2], row[3])
        for row in conn.execute(
            "SELECT s.id, s.longitude, s.latitude, s.service_type"
            f" FROM {_PLACED} AND {where}{_IN_WINDOW} ORDER BY s.search_key",
            _box(window),
        )
    ]


def cells(
    conn: sqlite3.Connection, wanted: ServiceFilter, window: Window, cell: tuple[float, float]
) -> list[MapMark]:
    """One mark per occupied cell of ``cell`` degrees (longitude, latitude) in ``window``: the
    service drawn on top there (the newest), with how many share the cell, in the order they
    were recorded (as :func:`points`). Grouped by SQLite: 180,000 points become ~20,000 marks
    without a Python loop over them."""
    where = scope(conn, wanted).on("s")
    west, south, _east, _north = window
    width, height = cell
    return [
        MapMark(row[0], row[1], row[2], row[3], "", row[4])
        for row in conn.execute(
            "SELECT s.id, s.longitude, s.latitude, s.service_type, count(*), max(s.search_key)"
            f" FROM {_PLACED} AND {where}{_IN_WINDOW}"
            " GROUP BY CAST((s.longitude - ?) / ? AS INTEGER),"
            " CAST((s.latitude - ?) / ? AS INTEGER) ORDER BY max(s.search_key)",
            (*_box(window), west, width, south, height),
        )
    ]


def near(
    conn: sqlite3.Connection, wanted: ServiceFilter, window: Window, limit: int
) -> tuple[list[ServiceSummary], int]:
    """The placed services in a small window (where a mark stands for several), by name, at
    most ``limit`` of them; and how many there are."""
    where = scope(conn, wanted).on("s")
    found = [
        summary(row)
        for row in conn.execute(
            f"SELECT {SUMMARY_COLUMNS} FROM {_PLACED} AND {where}{_IN_WINDOW}"
            " ORDER BY s.name COLLATE NOCASE, s.id LIMIT ?",
            (*_box(window), limit),
        )
    ]
    total = len(found)
    if total == limit:
        total = placed_count(conn, wanted, window)
    return found, total


_UNPLACED = (
    "service s INDEXED BY service_unplaced WHERE (s.latitude IS NULL OR s.longitude IS NULL)"
)


def unplaced_count(conn: sqlite3.Connection, wanted: ServiceFilter) -> int:
    where = scope(conn, wanted).on("s")
    return int(conn.execute(f"SELECT count(*) FROM {_UNPLACED} AND {where}").fetchone()[0])


def unplaced_groups(conn: sqlite3.Connection, wanted: ServiceFilter) -> list[tuple[str, int]]:
    """(subdivision, how many) of the services the filter leaves that have no point."""
    where = scope(conn, wanted).on("s")
    return [
        (str(code), int(count))
        for code, count in conn.execute(
            f"SELECT s.subdivision, count(*) FROM {_UNPLACED} AND {where} GROUP BY s.subdivision"
        )
    ]


def unplaced_in(
    conn: sqlite3.Connection, wanted: ServiceFilter, subdivision: str
) -> list[tuple[str, str, str]]:
    """(id, name, organisation) of those in one subdivision, by name: read from the index,
    which holds them in that order."""
    where = scope(conn, wanted).on("s")
    return [
        (str(row[0]), str(row[1]), str(row[2] or ""))
        for row in conn.execute(
            "SELECT s.id, s.name, (SELECT CASE WHEN o.acronym <> ''"
            " THEN o.name || ' (' || o.acronym || ')' ELSE o.name END"
            " FROM organisation o WHERE o.id = s.organisation_id)"
            f" FROM {_UNPLACED} AND {where} AND s.subdivision = ?"
            " ORDER BY s.name COLLATE NOCASE, s.id",
            (subdivision,),
        )
    ]
