"""Upgrading a workspace made by an earlier schema keeps every record and ends like a new one."""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path

import pytest

from focalpoint.services.country.workspace import Workspace
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
        # Their search index rows, then numbered by a hash of the id.
        "INSERT INTO service_search (rowid, service_id, body)"
        " VALUES (987654321, 's1', 'Albergue\nCasa del Migrante')",
        "INSERT INTO practice_search (rowid, practice_id, body)"
        " VALUES (123456789, 'p1', 'Mesa de protección')",
    ],
    "0004_submissions": [
        "INSERT INTO signing_key (key_id, fingerprint, public_key, private_pem, created_at,"
        f" created_by) VALUES ('k1', 'AAAA-BBBB-CCCC-DDDD', zeroblob(32), NULL, {STAMP}, 'Ana')",
        "INSERT INTO submission (id, sequence, created_at, created_by, file_name, sha256, size,"
        " key_id, plan_code, plan_version, state, state_at) VALUES ('u1', 1, "
        f"{STAMP}, 'Ana', 'FocalPoint-SV-001.zip', 'ab', 10, 'k1', 'RCM', '0.1', 'sent', {STAMP})",
    ],
}


def _hex(code: str) -> str:
    return code.encode("utf-8").hex()


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
        # Since 0005 each record has a search key, its index row is numbered by it and holds
        # its filter tokens beside its words.
        "SELECT f.service_id, f.facets FROM service s JOIN service_search f"
        " ON f.rowid = s.search_key WHERE f.service_search MATCH 'body : \"albergue\"*'": [
            ("s1", f"a t{_hex('shelter')} d{_hex('SV-SS')}")
        ],
        "SELECT f.practice_id, f.facets FROM practice p JOIN practice_search f"
        " ON f.rowid = p.search_key WHERE f.practice_search MATCH 'body : \"proteccion\"'": [
            ("p1", f"a s{_hex('ready')} n c{_hex('training')}")
        ],
    },
    "0004_submissions": {
        # Since 0006 a submission may have a receipt; one made before has none yet.
        "SELECT s.sequence, s.state, r.decision FROM submission s"
        " LEFT JOIN receipt r ON r.submission_id = s.id": [(1, "sent", None)],
        "SELECT count(*) FROM secretariat_key": [(0,)],
    },
}


# From 0005 on, the practices and services of 0003 are written with their search keys and
# filter tokens, as the stores of 0005 write them.
AS_OF_0005 = [
    *RECORDS_FROM["0003_practices_directory"][:4],
    "UPDATE service SET search_key = 1",
    "UPDATE practice SET search_key = 1",
    "INSERT INTO service_search (rowid, service_id, body, facets) VALUES (1, 's1',"
    f" 'Albergue\nCasa del Migrante', 'a t{_hex('shelter')} d{_hex('SV-SS')}')",
    "INSERT INTO practice_search (rowid, practice_id, body, facets) VALUES (1, 'p1',"
    f" 'Mesa de protección', 'a s{_hex('ready')} n c{_hex('training')}')",
]


def _written_as(revision: str, since: str, statements: list[str]) -> list[str]:
    """The records of revision ``since`` as a workspace of ``revision`` holds them."""
    if since == "0003_practices_directory" and _reached(revision, "0005_paged_lists"):
        return AS_OF_0005
    return statements


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
                for statement in _written_as(revision, since, statements):
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


def test_the_migration_writes_filter_tokens_as_the_stores_do(ws: Workspace) -> None:
    """Schema 0005 wrote the filter tokens of existing records in SQL; the stores write those
    of new ones in Python: both must say the same, or a filter would miss older records."""
    from focalpoint.domain.directory import Organisation, Service
    from focalpoint.domain.practices import Practice

    path = migrate.MIGRATIONS_DIR / "versions" / "0005_paged_lists.py"
    spec = importlib.util.spec_from_file_location("paged_lists", path)
    assert spec is not None and spec.loader is not None
    paged_lists = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(paged_lists)
    org = ws.directory.save_organisation(Organisation(name="Casa del Migrante"))
    ws.directory.save_service(
        Service(org.id, "Albergue", "shelter", ("returned", "unaccompanied"), subdivision="SV-SS")
    )
    ws.directory.save_service(Service(org.id, "Línea 123", "helpline"))
    ws.practices.save(Practice(title="Red", categories=("alternative_care",), national=True))
    ws.practices.save(
        Practice(title="Mesa", populations=("returned",), national=False, subdivisions=("SV-LI",))
    )
    conn = ws.db.connection()
    for table, facets in (
        ("service s", paged_lists.SERVICE_FACETS),
        ("practice p", paged_lists.PRACTICE_FACETS),
    ):
        kind, alias = table.split()
        rows = conn.execute(
            f"SELECT {facets}, f.facets FROM {table} JOIN {kind}_search f"
            f" ON f.rowid = {alias}.search_key"
        ).fetchall()
        assert len(rows) == 2
        for migrated, written in rows:
            assert migrated.split() == written.split()
