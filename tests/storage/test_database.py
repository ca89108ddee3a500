"""The workspace file itself: WAL and foreign keys, and every way a file can be wrong."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from focalpoint.domain.errors import StorageError
from focalpoint.domain.records import EntityDraft, Profile
from focalpoint.services.country.workspace import Workspace
from focalpoint.storage.country.database import DB_NAME, WorkspaceDatabase
from focalpoint.storage.sqlite import set_aside_damaged


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def closed_workspace(folder: Path) -> Path:
    ws = Workspace.open(folder)
    ws.profile.save(Profile("es", "SV", "Ana Pérez"))
    ws.entities.add(EntityDraft("Consejo Nacional de la Niñez y Adolescencia", "CONNA"))
    ws.close()
    return folder / DB_NAME


def test_new_workspace_uses_wal_and_foreign_keys(folder: Path) -> None:
    db = WorkspaceDatabase.open(folder)
    conn = db.connection()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    db.close()


def test_failed_edit_leaves_nothing_half_done(ws: Workspace) -> None:
    before = ws.entities.all()
    with pytest.raises(RuntimeError), ws.db.transaction() as conn:
        conn.execute("UPDATE entity SET name = 'changed'")
        raise RuntimeError("power cut in the middle of an edit")
    assert ws.entities.all() == before


@pytest.mark.parametrize(
    "content",
    [b"This is a Word document, not a database" * 100, b"SQLite format 3\x00" + b"\xff" * 4000],
    ids=["not-a-database", "garbage-after-header"],
)
def test_damaged_file_is_refused_untouched(folder: Path, content: bytes) -> None:
    folder.mkdir()
    path = folder / DB_NAME
    path.write_bytes(content)
    with pytest.raises(StorageError, match="damaged"):
        Workspace.open(folder)
    assert path.read_bytes() == content


def test_half_written_file_is_refused_untouched(folder: Path) -> None:
    path = closed_workspace(folder)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    half = digest(path)
    with pytest.raises(StorageError, match="damaged"):
        Workspace.open(folder)
    assert digest(path) == half


def test_damaged_file_can_be_set_aside_and_a_new_one_started(folder: Path) -> None:
    folder.mkdir()
    (folder / DB_NAME).write_bytes(b"garbage" * 1000)
    kept = set_aside_damaged(folder / DB_NAME)
    assert kept.read_bytes() == b"garbage" * 1000
    ws = Workspace.open(folder)
    assert ws.plan.info() is not None
    ws.close()


def test_other_sqlite_file_is_not_taken_for_a_workspace(folder: Path) -> None:
    folder.mkdir()
    with sqlite3.connect(folder / DB_NAME) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.close()
    with pytest.raises(StorageError, match="not a FocalPoint workspace"):
        Workspace.open(folder)


def test_workspace_from_a_newer_version_is_refused_untouched(folder: Path) -> None:
    path = closed_workspace(folder)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    conn.close()
    before = digest(path)
    with pytest.raises(StorageError, match="newer version of FocalPoint"):
        Workspace.open(folder)
    assert digest(path) == before


def test_locked_workspace_gives_a_clear_message_and_changes_nothing(ws: Workspace) -> None:
    other = sqlite3.connect(ws.db.path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program holds the file
    try:
        ws.db.connection().execute("PRAGMA busy_timeout=100")
        with pytest.raises(StorageError, match="busy"):
            ws.entities.add(EntityDraft("Fiscalía General de la República", "FGR"))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert "FGR" not in {e.acronym for e in ws.entities.all()}


@pytest.fixture
def immutable(folder: Path) -> Iterator[Path]:
    """The workspace file made read-only in a way that binds root too (``chattr +i``)."""
    path = closed_workspace(folder)
    if (
        shutil.which("chattr") is None
        or subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0
    ):
        pytest.skip("chattr +i is not available on this file system")
    yield path
    subprocess.run(["chattr", "-i", str(path)], check=True)


def test_read_only_workspace_still_opens_and_refuses_edits_clearly(
    folder: Path, immutable: Path
) -> None:
    before = digest(immutable)
    ws = Workspace.open(folder)
    assert [e.acronym for e in ws.entities.all()] == ["CONNA"]  # still readable
    with pytest.raises(StorageError, match=r"read-only|cannot be written"):
        ws.entities.add(EntityDraft("Fiscalía General de la República", "FGR"))
    ws.close()
    assert digest(immutable) == before
