"""Files written whole: on a disk that refuses to sync a folder, on an error, and on success."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from focalpoint.domain.errors import InvalidInput
from focalpoint.services.common import files


def test_a_folder_that_cannot_be_synced_does_not_make_a_written_file_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Some network, FUSE and shared folders refuse to sync a directory (EINVAL). The file has
    # been renamed into place by then: saying it "cannot be written" would be false.
    real_fsync = os.fsync

    def fsync(handle: int) -> None:
        if stat.S_ISDIR(os.fstat(handle).st_mode):
            raise OSError(errno.EINVAL, "Invalid argument")
        real_fsync(handle)

    monkeypatch.setattr(os, "fsync", fsync)
    target = tmp_path / "report.pdf"
    files.write_bytes_whole(target, b"%PDF-1.4 whole", "cannot be written: {path} {reason}")
    assert target.read_bytes() == b"%PDF-1.4 whole"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_an_error_while_writing_leaves_the_old_file_and_no_working_file(tmp_path: Path) -> None:
    target = tmp_path / "directory.csv"
    target.write_text("the old export")
    failure = "{path} cannot be written: {reason}"
    with (
        pytest.raises(InvalidInput, match="cannot be written"),
        files.writing(target, failure) as partial,
    ):
        partial.write_text("half of the new")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert target.read_text() == "the old export"
    assert [p.name for p in tmp_path.iterdir()] == ["directory.csv"]


def test_two_writers_never_share_a_working_file(tmp_path: Path) -> None:
    target = tmp_path / "package.zip"
    assert files.working_name(target) != files.working_name(target)
    assert files.working_name(target).name.startswith(".package.zip.")
