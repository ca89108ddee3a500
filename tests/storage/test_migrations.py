"""Upgrading a workspace made by an earlier schema keeps every record and ends like a new one."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from focalpoint.storage.country import migrate, schema
from focalpoint.storage.sqlite import DB_NAME, Database


def schema_of(path: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            " ORDER BY type, name"
        ).fetchall()
    conn.close()
    return [(t, n, " ".join((s or "").split())) for t, n, s in rows]


def test_known_revisions_match_the_shipped_scripts() -> None:
    assert list(schema.REVISIONS) == migrate.script_revisions()


def test_first_schema_upgrades_to_head_with_its_data(tmp_path: Path) -> None:
    old = tmp_path / "old"
    old.mkdir()
    migrate.upgrade(old / DB_NAME, schema.REVISIONS[0])
    with sqlite3.connect(old / DB_NAME) as conn:
        conn.execute(
            "INSERT INTO entity (id, name, acronym, type, created_at, updated_at)"
            " VALUES ('e1', 'Consejo Nacional de la Niñez', 'CONNA', 'child_protection_agency',"
            " '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')"
        )
        conn.execute(
            "INSERT INTO assignment (action_code, id, lead_id, status, note, updated_at,"
            " updated_by) VALUES ('1.1.1', 'a1', 'e1', 'in_progress', 'nota',"
            " '2026-01-02T00:00:00+00:00', 'Ana')"
        )
        conn.execute("INSERT INTO setting (key, value) VALUES ('country', 'SV')")
    conn.close()

    db = Database.open(old)  # upgrades, after a copy
    assert db.revision() == schema.HEAD
    conn = db.connection()
    assert conn.execute("SELECT name FROM entity").fetchall() == [("Consejo Nacional de la Niñez",)]
    assert conn.execute("SELECT lead_id, status, note FROM assignment").fetchall() == [
        ("e1", "in_progress", "nota")
    ]
    assert conn.execute("SELECT value FROM setting WHERE key='country'").fetchone() == ("SV",)
    assert conn.execute("SELECT record_key, field FROM audit_log").fetchall() == [("e1", "created")]
    db.close()
    backups = list((old / "backups").glob("*.db"))
    assert len(backups) == 1
    backup_tables = {name for kind, name, _sql in schema_of(backups[0]) if kind == "table"}
    assert {"entity", "assignment", "setting"} <= backup_tables  # the file as it was
    assert "audit_log" not in backup_tables

    fresh = tmp_path / "fresh"
    Database.open(fresh).close()
    assert schema_of(old / DB_NAME) == schema_of(fresh / DB_NAME)


def test_opening_a_current_workspace_takes_no_backup(tmp_path: Path) -> None:
    Database.open(tmp_path).close()
    Database.open(tmp_path).close()
    assert not (tmp_path / "backups").exists()
