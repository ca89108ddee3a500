"""A folder this process really cannot write, for the read-only workspace tests.

As a user, permissions do it (0500 folder, 0400 files). As root, permissions stop nothing, so
the folder and its files are made immutable (``chattr +i``: refused even to root, and
``os.access`` says so). Either way the test is skipped if a file can still be made there.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _everything(folder: Path) -> list[Path]:
    return [*sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True), folder]


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """``folder`` (and all it holds) unwritable for the duration; put back afterwards."""
    paths = _everything(folder)
    modes = {p: p.stat().st_mode for p in paths}
    as_root = os.geteuid() == 0
    if as_root:
        chattr = shutil.which("chattr")
        if chattr is None:
            pytest.skip("as root, only chattr +i makes a folder unwritable, and it is missing")
        done = subprocess.run([chattr, "+i", *map(str, paths)], capture_output=True, check=False)
        if done.returncode != 0:
            subprocess.run([chattr, "-i", *map(str, paths)], capture_output=True, check=False)
            pytest.skip(f"chattr +i is refused here: {done.stderr.decode().strip()}")
    else:
        for path in paths:
            os.chmod(path, 0o500 if path.is_dir() else 0o400)
    try:
        try:
            (folder / "probe").touch()
        except OSError:
            pass
        else:
            (folder / "probe").unlink()
            pytest.skip("this file system lets this process write a read-only folder")
        yield folder
    finally:
        if as_root:
            subprocess.run(["chattr", "-i", *map(str, paths)], capture_output=True, check=False)
        else:
            for path, mode in modes.items():
                os.chmod(path, mode)


def listing(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder`` with its size and modification time: what "nothing was
    written" is checked against."""
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
    }
