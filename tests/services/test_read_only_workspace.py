"""A workspace the user can only read (a backup, a write-protected stick, another account's
folder) is read, never written: no migration, no plan install, no part-file cleanup, no backup,
and every edit refused in words (issue 15)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from focalpoint.domain.errors import StorageError
from focalpoint.domain.records import ActionStatus
from focalpoint.services.country.workspace import Workspace
from focalpoint.storage.country import schema
from focalpoint.storage.country.database import WorkspaceDatabase
from tests.conftest import entity_id
from tests.read_only_folder import listing, read_only

REFUSED = "This workspace is read-only"


def some_work(ws: Workspace) -> None:
    ws.assignments.set_lead("1.1.1", entity_id(ws, "CONNA"))
    ws.assignments.set_status("1.1.1", ActionStatus.IN_PROGRESS)
    ws.assignments.set_note("1.1.1", "Meeting on Monday")


def test_a_folder_that_cannot_be_written_is_read_and_never_written(ws: Workspace) -> None:
    some_work(ws)
    folder = ws.folder
    ws.close()
    (folder / "submissions").mkdir()
    part = folder / "submissions" / ".FocalPoint-SV-001.zip.1a2b.part"
    part.write_bytes(b"half a package")  # a killed export's: left alone here
    with read_only(folder):
        before = listing(folder)
        opened = Workspace.open(folder, create=False)
        try:
            assert opened.read_only
            assert opened.plan.overview().coverage() == (1, 30)
            stored = opened.assignments.get("1.1.1")
            assert stored.status is ActionStatus.IN_PROGRESS
            assert stored.note == "Meeting on Monday"
            assert [e.acronym for e in opened.entities.all()] == ["CONNA", "DGME"]
            assert opened.assignments.history("1.1.1")
            for edit in (
                lambda: opened.assignments.set_status("1.1.1", ActionStatus.COMPLETED),
                lambda: opened.assignments.set_note("1.1.1", "changed"),
                lambda: opened.backups.create(),
            ):
                with pytest.raises(StorageError, match=REFUSED):
                    edit()
            assert not opened.backups.startup_due()
        finally:
            opened.close()
        assert listing(folder) == before
    assert part.exists()


def test_changes_still_in_the_wal_file_are_read(ws: Workspace, tmp_path: Path) -> None:
    """A copy made while FocalPoint had the workspace open (its -wal and -shm beside it)."""
    some_work(ws)
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in ("focalpoint.db", "focalpoint.db-wal", "focalpoint.db-shm"):
        assert (ws.folder / name).exists()
        shutil.copyfile(ws.folder / name, copy / name)
    ws.close()
    assert (copy / "focalpoint.db-wal").stat().st_size > 0
    with read_only(copy):
        opened = Workspace.open(copy, create=False)
        try:
            assert opened.read_only
            assert opened.assignments.get("1.1.1").note == "Meeting on Monday"
        finally:
            opened.close()


def test_changes_in_a_wal_file_that_cannot_be_read_are_refused_in_words(
    ws: Workspace, tmp_path: Path
) -> None:
    some_work(ws)
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in ("focalpoint.db", "focalpoint.db-wal"):  # the -shm was not copied
        shutil.copyfile(ws.folder / name, copy / name)
    ws.close()
    with read_only(copy), pytest.raises(StorageError, match="recent changes"):
        Workspace.open(copy, create=False)


def test_a_read_only_workspace_from_an_older_version_is_refused_untouched(
    ws: Workspace,
) -> None:
    folder = ws.folder
    ws.close()
    with sqlite3.connect(folder / "focalpoint.db") as conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (schema.REVISIONS[-2],))
    conn.close()
    with read_only(folder):
        before = listing(folder)
        with pytest.raises(StorageError, match="older version of FocalPoint"):
            Workspace.open(folder, create=False)
        assert listing(folder) == before


def test_the_read_only_open_reads_by_the_uri_and_refuses_edits(ws: Workspace) -> None:
    """The read-only path itself, wherever the test runs (even where no folder can be made
    unwritable): mode=ro, then immutable for a WAL file whose -shm cannot be made."""
    some_work(ws)
    path = ws.db.path
    ws.close()
    database = WorkspaceDatabase.open_file(path, read_only=True)
    try:
        opened = Workspace(database)
        assert opened.read_only
        assert opened.assignments.get("1.1.1").note == "Meeting on Monday"
        with pytest.raises(StorageError, match=REFUSED):
            opened.assignments.set_note("1.1.1", "changed")
        conn = database.connection()
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            conn.execute("DELETE FROM assignment")
    finally:
        database.close()


def test_evidence_opens_to_be_read_and_none_is_added(ws: Workspace, tmp_path: Path) -> None:
    from focalpoint.domain.practices import Practice
    from tests.services.test_attachments import png_bytes, write

    practice = ws.practices.save(Practice(title="Acompañamiento en frontera"))
    kept = ws.attachments.add(practice.id, write(tmp_path, "foto.png", png_bytes()))
    folder = ws.folder
    ws.close()
    with read_only(folder):
        before = listing(folder)
        opened = Workspace.open(folder, create=False)
        try:
            (attachment,) = opened.attachments.list(practice.id)
            copy = opened.attachments.open_copy(attachment)  # for the system's viewer
            assert folder not in copy.parents
            assert copy.read_bytes() == png_bytes()
            with pytest.raises(StorageError, match=REFUSED):
                opened.attachments.add(practice.id, write(tmp_path, "otra.png", png_bytes()))
        finally:
            opened.close()
        assert listing(folder) == before
    assert kept.id == attachment.id
