"""When the machine misbehaves, the message says what happened and what to do: a full disk
(on a real, small disk: a tmpfs), a file where the workspace folder should be, a refused plan
file that holds 100 KB in one field."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from focalpoint.domain.errors import FocalPointError, InvalidInput, StorageError
from focalpoint.domain.practices import Practice
from focalpoint.domain.records import EntityDraft, Profile
from focalpoint.domain.vocab import EntityType
from focalpoint.paths import BUNDLED_PLAN
from focalpoint.services.country.workspace import Workspace
from tests.plan_files import signed_plan_file
from tests.services.test_attachments import PDF


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB disk of its own (tmpfs), so that filling it fills no one else's."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small disk needs root on Linux")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)])
    if made.returncode != 0:
        pytest.skip("tmpfs cannot be mounted here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path, leave: int) -> None:
    """Take all the disk's free space but ``leave`` bytes (real ENOSPC for what comes after)."""
    free = shutil.disk_usage(disk).free
    with (disk / "filler").open("wb") as filler:
        filler.write(bytes(max(0, free - leave)))


def test_a_full_disk_is_named_as_such_not_a_disk_io_error(small_disk: Path) -> None:
    ws = Workspace.open(small_disk / "ws")
    ws.profile.save(Profile("en", "SV", "Ana Pérez"))
    fill(small_disk, 30 * 1024)
    try:
        with pytest.raises(StorageError) as refused:
            for n in range(200):  # until the journal needs more room than there is
                ws.entities.add(
                    EntityDraft(f"Entidad {n} " + "x" * 1900, f"E{n}", EntityType.MINISTRY)
                )
        message = refused.value.message
        assert message.startswith("The disk is full (")
        assert str(small_disk / "ws") in message and "Free some space" in message
        assert "I/O" not in message
    finally:
        ws.close()


def test_evidence_that_cannot_be_saved_for_a_full_disk_is_not_called_unreadable(
    small_disk: Path, tmp_path: Path
) -> None:
    ws = Workspace.open(small_disk / "ws")
    ws.profile.save(Profile("en", "SV", "Ana Pérez"))
    practice = ws.practices.save(Practice(title="Protocolo"))
    scan = tmp_path / "escaneo.pdf"
    scan.write_bytes(PDF[:-20] + os.urandom(400_000) + PDF[-20:])
    fill(small_disk, 100 * 1024)
    try:
        with pytest.raises(FocalPointError) as refused:
            ws.attachments.add(practice.id, scan)
        message = refused.value.message
        assert "'escaneo.pdf' could not be saved in the workspace" in message
        assert "the disk is full" in message and "could not be read" not in message
        assert not [p for p in (small_disk / "ws" / "attachments").iterdir()]
    finally:
        ws.close()


def test_a_file_where_the_workspace_folder_should_be_is_named(tmp_path: Path) -> None:
    plain = tmp_path / "workspace"
    plain.write_text("notes")
    with pytest.raises(StorageError) as refused:
        Workspace.open(plain)
    assert "is a file, not a folder" in refused.value.message
    assert not refused.value.damaged and plain.read_text() == "notes"


@pytest.mark.parametrize("field", ["code", "version"])
def test_a_refused_plan_file_quotes_a_short_excerpt_of_what_it_holds(
    ws: Workspace, tmp_path: Path, field: str
) -> None:
    data = json.loads(BUNDLED_PLAN.read_text(encoding="utf-8"))
    if field == "code":
        data["axes"][0]["objectives"][0]["actions"][0]["code"] = "9" * 100_000
    else:
        data["plan"]["version"] = "1." + "9" * 100_000
    path = signed_plan_file(ws, tmp_path / "plan.json", data)
    with pytest.raises(InvalidInput) as refused:
        ws.plan.import_file(path)
    message = refused.value.message
    assert "does not follow the plan format" in message
    assert len(message) < 400 and "…" in message
