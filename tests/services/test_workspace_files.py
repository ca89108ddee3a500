"""The workspace's own files: working files a killed process left are cleared, nothing else is,
and everything is the user's alone (0700 folders, 0600 files)."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from focalpoint.services.common.files import held, working_name
from focalpoint.services.country.workspace import Workspace
from tests.services.test_submissions import PASSPHRASE, export

posix = pytest.mark.skipif(os.name != "posix", reason="locks and modes as POSIX has them")


def left_by_a_killed_writer(target: Path) -> Path:
    """The working file of ``target`` as a writer SIGKILLed mid-way leaves it (a real kill)."""
    script = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from focalpoint.services.common.files import writing
        with writing(Path({str(target)!r})) as partial:
            partial.write_bytes(b"half of the data")
            print(partial, flush=True)
            time.sleep(60)
        """
    )
    writer = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None
    partial = Path(writer.stdout.readline().strip())
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert partial.exists()
    return partial


@posix
def test_working_files_a_killed_export_left_are_gone_at_the_next_start(ws: Workspace) -> None:
    folder = ws.folder
    ws.close()
    submissions = folder / "submissions"
    submissions.mkdir(exist_ok=True)
    (folder / "attachments").mkdir(exist_ok=True)
    killed = [
        left_by_a_killed_writer(submissions / "FocalPoint-SV-001-2026-12-04.zip"),
        left_by_a_killed_writer(submissions / "FocalPoint-SV-001-2026-12-04.zip.report.pdf"),
        left_by_a_killed_writer(folder / "attachments" / "attachment"),
        left_by_a_killed_writer(folder / "settings.json"),
    ]
    # Not FocalPoint's: another program's working files, the user's own files.
    others = [
        submissions / ".FocalPoint-SV-001.zip.part",
        submissions / "notes.part",
        folder / ".~lock.report.odt#",
        folder / "attachments" / ".abc.zip.0123456789ab.partial",
    ]
    for other in others:
        other.write_bytes(b"not ours")
    again = Workspace.open(folder)
    again.close()
    assert [p for p in killed if p.exists()] == []
    assert [p for p in others if not p.exists()] == []


@posix
def test_a_killed_backups_snapshot_goes_with_its_sqlite_journal(ws: Workspace) -> None:
    backups = ws.folder / "backups"
    backups.mkdir(exist_ok=True)
    snapshot = left_by_a_killed_writer(backups / "focalpoint-snapshot.db")
    journal = snapshot.with_name(snapshot.name + "-journal")  # SQLite's, mid-copy
    journal.write_bytes(b"rollback")
    live = working_name(backups / "focalpoint-snapshot.db")
    live.write_bytes(b"")
    live_journal = live.with_name(live.name + "-journal")
    live_journal.write_bytes(b"rollback")
    with held(live):  # a backup being made by another window right now
        Workspace.open(ws.folder).close()
        assert not snapshot.exists() and not journal.exists()
        assert live.exists() and live_journal.exists()  # its journal is alive with it


@posix
def test_a_live_writers_working_file_is_left_alone(ws: Workspace, tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import time
        from pathlib import Path
        from focalpoint.services.common.files import writing
        with writing(Path({str(ws.folder / "submissions" / "x.zip")!r}), private=True) as p:
            print(p, flush=True)
            time.sleep(60)
        """
    )
    (ws.folder / "submissions").mkdir(exist_ok=True)
    writer = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None
        partial = Path(writer.stdout.readline().strip())
        Workspace.open(ws.folder).close()  # another window or command starting meanwhile
        assert partial.exists()
        assert stat.S_IMODE(partial.stat().st_mode) == 0o600
    finally:
        writer.kill()
        writer.wait()


@posix
def test_the_next_export_clears_what_a_killed_one_left(ws: Workspace) -> None:
    ws.keys.create(PASSPHRASE)
    ws.assignments.set_status("1.1.1", "in_progress")
    (ws.folder / "submissions").mkdir(mode=0o755)
    os.chmod(ws.folder / "submissions", 0o755)  # as an earlier version made it
    left = left_by_a_killed_writer(ws.folder / "submissions" / "FocalPoint-SV-001.zip")
    package = export(ws, include_report=False)
    assert not left.exists()
    assert [p.name for p in package.parent.iterdir()] == [package.name]
    assert stat.S_IMODE(package.stat().st_mode) == 0o600
    Workspace.open(ws.folder).close()  # the next start makes the earlier folder private
    assert stat.S_IMODE(package.parent.stat().st_mode) == 0o700


def test_the_start_up_scan_is_cheap_beside_many_attachments(ws: Workspace) -> None:
    attachments = ws.folder / "attachments"
    attachments.mkdir(exist_ok=True)
    for n in range(10_000):
        (attachments / f"{n:064x}").write_bytes(b"")
    working_name(attachments / "attachment").write_bytes(b"left over")
    from focalpoint.services.common.files import remove_left_over
    from focalpoint.services.country.workspace import WORKING_FOLDERS

    started = time.perf_counter()
    removed = remove_left_over(*(ws.folder / name for name in WORKING_FOLDERS))
    spent = time.perf_counter() - started
    assert removed == 1
    assert spent < 0.5, spent  # some 10 ms here; a start-up must not wait on it


@posix
def test_a_new_workspace_is_the_users_alone_whatever_the_umask(tmp_path: Path) -> None:
    before = os.umask(0o022)
    try:
        ws = Workspace.open(tmp_path / "sv")
        ws.db.backup("test")
        ws.close()
    finally:
        os.umask(before)
    folder = tmp_path / "sv"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert any(p.name == "focalpoint.db" for p in files)
    assert {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in files} == {
        p.name: "0o600" for p in files
    }


@posix
def test_an_existing_workspace_is_made_private_when_opened(tmp_path: Path) -> None:
    folder = tmp_path / "sv"
    Workspace.open(folder).close()
    os.chmod(folder, 0o755)
    os.chmod(folder / "focalpoint.db", 0o644)
    Workspace.open(folder).close()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "focalpoint.db").stat().st_mode) == 0o600


def test_a_decrypted_copy_is_removed_only_once_old(ws: Workspace) -> None:
    # Made by tempfile while a package is checked, held by no lock: a young one may be in use.
    young, old = ws.folder / ".decrypted-abcd1234.zip", ws.folder / ".decrypted-x_y9z0w1.zip"
    for path in (young, old):
        path.write_bytes(b"PK clear copy")
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    Workspace.open(ws.folder).close()
    assert young.exists() and not old.exists()


def test_a_restore_killed_long_ago_leaves_no_unpacked_workspace(ws: Workspace) -> None:
    old = working_name(ws.folder / "restore")
    recent = working_name(ws.folder / "import")
    for staging in (old, recent):
        (staging / "attachments").mkdir(parents=True)
        (staging / "attachments" / "evidence.pdf").write_bytes(b"%PDF- a child's file")
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))

    Workspace.open(ws.folder).close()

    assert not old.exists()
    assert recent.exists()  # may be another window's restore under way: left for a later start
