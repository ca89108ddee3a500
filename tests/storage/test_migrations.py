"""Upgrading a workspace made by an earlier schema keeps every record and ends like a new one."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from focalpoint.storage.country import migrate, schema
from focalpoint.storage.country.database import DB_NAME, WorkspaceDatabase


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


STAMP = "'2026-01-01T00:00:00+00:00'"
# What a workspace of each revision can hold, written as that revision's SQL: each later
# revision keeps the records of the earlier ones, so data is added, never rewritten.
RECORDS_FROM = {
    "0001_initial": [
        "INSERT INTO entity (id, name, acronym, type, created_at, updated_at) VALUES ('e1',"
        f" 'Consejo Nacional de la Niñez', 'CONNA', 'child_protection_agency', {STAMP}, {STAMP})",
        "INSERT INTO assignment (action_code, id, lead_id, status, note, updated_at, updated_by)"
        f" VALUES ('1.1.1', 'a1', 'e1', 'in_progress', 'nota', {STAMP}, 'Ana')",
        "INSERT INTO setting (key, value) VALUES ('country', 'SV')",
    ],
    "0003_practices_directory": [
        "INSERT INTO practice (id, title, categories, state, created_at, updated_at) VALUES"
        f" ('p1', 'Mesa de protección', '[\"training\"]', 'ready', {STAMP}, {STAMP})",
        "INSERT INTO practice_action (practice_id, action_code) VALUES ('p1', '1.1.1')",
        "INSERT INTO organisation (id, name, created_at, updated_at) VALUES"
        f" ('o1', 'Casa del Migrante', {STAMP}, {STAMP})",
        "INSERT INTO service (id, organisation_id, name, service_type, subdivision, created_at,"
        f" updated_at) VALUES ('s1', 'o1', 'Albergue', 'shelter', 'SV-SS', {STAMP}, {STAMP})",
    ],
}
# What each of those records reads as once the workspace is at the newest revision.
EXPECTED_FROM = {
    "0001_initial": {
        "SELECT name FROM entity": [("Consejo Nacional de la Niñez",)],
        "SELECT lead_id, status, note FROM assignment": [("e1", "in_progress", "nota")],
        "SELECT value FROM setting WHERE key = 'country'": [("SV",)],
    },
    "0003_practices_directory": {
        "SELECT title, state FROM practice": [("Mesa de protección", "ready")],
        "SELECT action_code FROM practice_action": [("1.1.1",)],
        "SELECT s.name, o.name FROM service s JOIN organisation o ON o.id = s.organisation_id": [
            ("Albergue", "Casa del Migrante")
        ],
    },
}


def _reached(revision: str, since: str) -> bool:
    return schema.REVISIONS.index(revision) >= schema.REVISIONS.index(since)


@pytest.mark.parametrize("revision", schema.REVISIONS[:-1])
def test_every_earlier_schema_upgrades_to_head_with_its_data(tmp_path: Path, revision: str) -> None:
    old = tmp_path / "old"
    old.mkdir()
    migrate.upgrade(old / DB_NAME, revision)
    with sqlite3.connect(old / DB_NAME) as conn:
        for since, statements in RECORDS_FROM.items():
            if _reached(revision, since):
                for statement in statements:
                    conn.execute(statement)
    conn.close()

    db = WorkspaceDatabase.open(old)  # upgrades, after a copy
    assert db.revision() == schema.HEAD
    conn = db.connection()
    for since, expected in EXPECTED_FROM.items():
        if _reached(revision, since):
            for query, rows in expected.items():
                assert conn.execute(query).fetchall() == rows, query
    if revision == "0001_initial":  # the audit log arrived with 0002, from what was there
        assert conn.execute("SELECT record_key, field FROM audit_log").fetchall() == [
            ("e1", "created")
        ]
    db.close()
    backups = list((old / "backups").glob("*.db"))
    assert len(backups) == 1
    assert schema_of(backups[0]) == schema_of_revision(tmp_path / "as-it-was", revision)

    fresh = tmp_path / "fresh"
    WorkspaceDatabase.open(fresh).close()
    assert schema_of(old / DB_NAME) == schema_of(fresh / DB_NAME)


def schema_of_revision(folder: Path, revision: str) -> list[tuple[str, str, str]]:
    folder.mkdir()
    migrate.upgrade(folder / DB_NAME, revision)
    return schema_of(folder / DB_NAME)


def test_opening_a_current_workspace_takes_no_backup(tmp_path: Path) -> None:
    WorkspaceDatabase.open(tmp_path).close()
    WorkspaceDatabase.open(tmp_path).close()
    assert not (tmp_path / "backups").exists()
