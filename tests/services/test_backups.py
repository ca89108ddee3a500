"""Backups and moving to another computer, on real workspaces: what a user would check."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from focalpoint.domain.errors import FocalPointError, InvalidInput, PackageRefused
from focalpoint.services.country.workspace import Workspace
from focalpoint.services.country.workspace_move import import_workspace, replace_workspace
from tests.conftest import entity_id
from tests.services.test_directory import a_service, an_organisation
from tests.services.test_practices import a_practice

PASSPHRASE = "correct horse battery staple"
PDF = b"%PDF-1.4\n" + b"evidence " * 3000 + b"\nstartxref\n9\n%%EOF\n"


@pytest.fixture
def full(ws: Workspace, tmp_path: Path) -> Workspace:
    """A workspace with something of everything: a key, assignments, a practice with evidence,
    a service and a signed submission."""
    ws.keys.create(PASSPHRASE)
    ws.assignments.set_lead("1.1.1", entity_id(ws, "CONNA"))
    ws.assignments.set_lead("2.2.1", entity_id(ws, "DGME"))
    practice = ws.practices.save(a_practice(ws))
    evidence = tmp_path / "protocolo.pdf"
    evidence.write_bytes(PDF)
    ws.attachments.add(practice.id, evidence)
    ws.directory.save_service(a_service(an_organisation(ws)))
    ws.submissions.export(PASSPHRASE, include_report=False)
    return ws


def rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (the search index's own tables included), sorted."""
    conn = sqlite3.connect(db)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables
        }
    finally:
        conn.close()


def files(folder: Path) -> dict[str, bytes]:
    return {
        f"{sub}/{p.name}": p.read_bytes()
        for sub in ("attachments", "submissions")
        for p in sorted((folder / sub).glob("*"))
        if not p.name.startswith(".")
    }


def test_export_then_import_into_a_new_folder_is_the_same_workspace(
    full: Workspace, tmp_path: Path
) -> None:
    before_rows, before_files = rows(full.db.path), files(full.folder)
    assert len([k for k in before_files if k.startswith("attachments/")]) == 1
    assert len([k for k in before_files if k.startswith("submissions/")]) == 1
    moved = full.backups.export(tmp_path / "move" / ".." / "SV.focalpoint.zip")
    assert moved.counts == {
        "actions_assigned": 2,
        "practices": 1,
        "services": 1,
        "submissions": 1,
    }
    assert moved.size == (tmp_path / "SV.focalpoint.zip").stat().st_size

    laptop = tmp_path / "new-laptop"
    done = import_workspace(tmp_path / "SV.focalpoint.zip", laptop)
    assert done.folder == laptop and done.contents.country == "SV"
    assert rows(laptop / "focalpoint.db") == before_rows
    assert files(laptop) == before_files
    opened = Workspace.open(laptop)
    try:
        assert opened.profile.get() == full.profile.get()
        # The key still opens with its passphrase: it travelled encrypted, as it was kept.
        assert opened.keys.current() is not None
        opened.keys.unlock(PASSPHRASE)
    finally:
        opened.close()


def test_backup_then_restore_puts_back_every_row_and_file(full: Workspace, tmp_path: Path) -> None:
    made = full.backups.create()
    before_rows, before_files = rows(full.db.path), files(full.folder)
    # Changes after the backup: a new assignment, another submission.
    full.assignments.set_lead("3.1.2", entity_id(full, "CONNA"))
    full.submissions.export(PASSPHRASE, include_report=False)
    assert rows(full.db.path) != before_rows and files(full.folder) != before_files

    shown = full.backups.preview(made.id)
    assert shown.counts["actions_assigned"] == 2 and shown.counts["submissions"] == 1
    done = full.backups.restore(made.id)
    assert done.restored.id == made.id and done.safety.reason == "before_restore"
    assert rows(full.db.path) == before_rows
    assert files(full.folder) == before_files
    # The state before the restore is itself a backup, and it can be put back too.
    again = full.backups.restore(done.safety.id)
    assert again.restored.counts["submissions"] == 2
    assert len(files(full.folder)) == 3


def test_restore_is_seen_by_another_connection_and_the_workspace_reopens(
    full: Workspace,
) -> None:
    made = full.backups.create()
    other = Workspace.open(full.folder)  # another window, or a script, on the same folder
    try:
        full.assignments.set_lead("3.1.2", entity_id(full, "CONNA"))
        assert other.assignments.get("3.1.2").lead_id is not None
        full.backups.restore(made.id)
        assert other.assignments.get("3.1.2").lead_id is None
        assert sqlite3.connect(full.db.path).execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        other.close()


def test_the_list_reads_manifests_and_shows_the_copy_made_before_an_upgrade(
    full: Workspace,
) -> None:
    copy = full.db.backup("before-0006_secretariat_receipts")  # as a migration makes it
    made = full.backups.create()
    listed = full.backups.list()
    assert made.id in {b.id for b in listed}
    upgrade = next(b for b in listed if b.kind == "database")
    assert upgrade.path == copy and upgrade.reason == "upgrade"
    assert upgrade.reason_label == "before an upgrade"
    assert upgrade.counts["actions_assigned"] == 2 and upgrade.counts["submissions"] == 1
    # It restores the database alone; the files stay as they are.
    full.assignments.set_lead("3.1.2", entity_id(full, "CONNA"))
    before_files = files(full.folder)
    full.backups.restore(upgrade.id)
    assert full.assignments.get("3.1.2").lead_id is None
    assert files(full.folder) == before_files


def test_a_tampered_or_cut_archive_is_refused_and_changes_nothing(
    full: Workspace, tmp_path: Path
) -> None:
    good = full.backups.export(tmp_path / "good.zip").path
    data = good.read_bytes()
    before_rows, before_files = rows(full.db.path), files(full.folder)

    cut = tmp_path / "cut.zip"
    cut.write_bytes(data[: len(data) // 2])
    flipped = tmp_path / "flipped.zip"
    with zipfile.ZipFile(good) as archive:
        evidence = next(n for n in archive.namelist() if n.startswith("attachments/"))
        offset = archive.getinfo(evidence).header_offset + 30 + len(evidence) + 100
    changed = bytearray(data)
    changed[offset] ^= 0xFF
    flipped.write_bytes(bytes(changed))
    for bad, words in ((cut, "damaged or cut short"), (flipped, "damaged")):
        with pytest.raises(PackageRefused, match=words) as refused:
            replace_workspace(full, bad)
        assert "Nothing was changed" in str(refused.value)
        assert rows(full.db.path) == before_rows and files(full.folder) == before_files
        with pytest.raises(PackageRefused):
            import_workspace(bad, tmp_path / f"new-{bad.stem}")
        assert not (tmp_path / f"new-{bad.stem}").exists()
    assert not [p for p in full.folder.iterdir() if p.name.startswith(".")]


def test_a_newer_database_is_refused_in_words(full: Workspace, tmp_path: Path) -> None:
    from tests.package.test_workspace_archive import rewritten

    good = full.backups.export(tmp_path / "good.zip").path

    def newer(name: str, data: bytes) -> bytes:
        if name != "focalpoint.db":
            return data
        path = tmp_path / "newer.db"
        path.write_bytes(data)
        conn = sqlite3.connect(path)
        conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
        conn.commit()
        conn.close()
        return path.read_bytes()

    future = rewritten(good, tmp_path / "future.zip", newer)
    with pytest.raises(InvalidInput, match="newer version of FocalPoint"):
        import_workspace(future, tmp_path / "elsewhere")
    assert not (tmp_path / "elsewhere").exists()


def test_import_refuses_a_workspace_already_there_and_a_missing_parent(
    full: Workspace, tmp_path: Path
) -> None:
    file = full.backups.export(tmp_path / "sv.zip").path
    with pytest.raises(InvalidInput, match="already a workspace"):
        import_workspace(file, full.folder)
    with pytest.raises(InvalidInput, match="does not exist"):
        import_workspace(file, tmp_path / "no" / "such" / "place")
    assert not (tmp_path / "no").exists()


def test_rotation_runs_after_each_backup_and_keeps_the_newest(full: Workspace) -> None:
    for _n in range(8):
        full.backups.create()
    # All made today: the last five, and the newest of today (among them).
    assert len(full.backups.list()) == 5
    full.backups.set_limit_bytes(50 * 1024**2)
    size = full.backups.list()[0].size
    assert size < 50 * 1024**2


def test_a_backup_that_cannot_be_made_does_not_stop_an_import_but_says_so(
    full: Workspace, tmp_path: Path
) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    full.backups.set_folder(stick)
    stick.rmdir()  # the stick was pulled out
    with pytest.raises(FocalPointError, match="cannot be used"):
        full.backups.create()
    with full.backups.safeguard("directory_import") as made:
        assert made is None
        assert full.backups.take_warnings() == []  # said once the change is made
    (warning,) = full.backups.take_warnings()
    assert "No backup could be made before this change" in warning
    assert full.backups.take_warnings() == []


def test_the_backup_folder_can_be_chosen_and_backups_go_there(
    full: Workspace, tmp_path: Path
) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    assert full.backups.set_folder(stick) == stick
    made = full.backups.create()
    assert made.path.parent == stick
    assert made.path.stat().st_mode & 0o077 == 0  # private to the user, like the workspace
    assert full.backups.set_folder(None) == full.folder / "backups"
    assert made.id not in [b.id for b in full.backups.list()]  # the stick is not looked at now


def test_a_restore_killed_midway_leaves_its_staging_folder_to_be_cleared(
    full: Workspace,
) -> None:
    import os
    import time

    made = full.backups.create()
    left = full.folder / ".restore.0123456789ab.part"
    (left / "attachments").mkdir(parents=True)
    (left / "focalpoint.db").write_bytes(b"half of it")
    hour_ago = time.time() - 4000
    os.utime(left, (hour_ago, hour_ago))
    full.backups.restore(made.id)
    assert not left.exists()
    assert not [p for p in full.folder.iterdir() if p.name.endswith(".part")]


def test_a_file_not_focalpoints_in_the_evidence_folder_spoils_no_backup(ws: Workspace) -> None:
    attachments = ws.folder / "attachments"
    attachments.mkdir(exist_ok=True)
    (attachments / "Thumbs.db").write_bytes(b"Windows Explorer's")  # made by the system
    (ws.folder / "submissions").mkdir(exist_ok=True)
    (ws.folder / "submissions" / "notes (copy).txt").write_bytes(b"the user's")
    made = ws.backups.create("on_demand")
    assert [b.id for b in ws.backups.list()] == [made.id]  # readable, so listed
    ws.backups.restore(made.id)
    assert (attachments / "Thumbs.db").read_bytes() == b"Windows Explorer's"  # left be
    assert (ws.folder / "submissions" / "notes (copy).txt").exists()
