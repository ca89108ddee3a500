"""A workspace folder seen from outside, without opening it: is there one, which language it
speaks, setting a damaged file aside.

Kept apart from ``workspace`` (which imports every service) because the window asks these
before its first paint, and the command line before it knows which command runs.
"""

from __future__ import annotations

from pathlib import Path

from focalpoint.storage.country.database import holds_earlier_work
from focalpoint.storage.country.schema import DB_NAME
from focalpoint.storage.country.settings_store import peek_language
from focalpoint.storage.sqlite import set_aside_damaged as _set_aside


def workspace_exists(folder: Path) -> bool:
    """Whether ``folder`` holds a workspace (looked at, never created)."""
    return (folder / DB_NAME).exists()


def saved_language(folder: Path) -> str | None:
    """The language saved in the workspace in ``folder``, read without opening it.

    None when there is no workspace or it cannot be read: a damaged or locked file is
    reported properly when the workspace is opened.
    """
    return peek_language(folder)


def set_aside_damaged(folder: Path) -> Path | None:
    """Move a damaged workspace file aside (renamed, never deleted); where it went (None: the
    workspace had lost its file, nothing to move)."""
    return _set_aside(folder / DB_NAME)


def lost_its_database(folder: Path) -> bool:
    """Whether ``folder`` holds a workspace's evidence or submissions without its database: a
    damaged workspace, not a place for a new one."""
    return not workspace_exists(folder) and holds_earlier_work(folder)
