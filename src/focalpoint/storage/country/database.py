"""The country workspace's database file: opened, checked, and migrated to this version."""

from __future__ import annotations

import os
from pathlib import Path

from focalpoint.domain.errors import StorageError
from focalpoint.i18n import _
from focalpoint.paths import (
    COUNTRY,
    make_private,
    make_workspace_folder,
    refuse_other_kind,
    tighten_workspace,
)
from focalpoint.storage.country import schema
from focalpoint.storage.sqlite import Database, is_writable, storage_error

DB_NAME = schema.DB_NAME


class WorkspaceDatabase(Database):
    """``focalpoint.db`` in a workspace folder, at the schema revision this FocalPoint knows."""

    @classmethod
    def open(cls, folder: Path, create: bool = True, start_anew: bool = False) -> WorkspaceDatabase:
        """Open the workspace in ``folder``, migrated to this version.

        ``create``: a folder without a workspace becomes one (``setup``, the first-run dialog);
        only the folder itself is made, never a missing parent (a mistyped path is refused).
        Without it, such a folder is refused and nothing is created. A database missing or
        empty beside the workspace's evidence or submissions is a damaged workspace, not a new
        one, unless ``start_anew`` (the user chose to set the damaged file aside).
        A Secretariat's folder is refused untouched: a folder is one kind for good.
        """
        refuse_other_kind(folder, COUNTRY)
        path = folder / DB_NAME
        if not _holds_database(path):
            if folder.exists() and not folder.is_dir():
                raise StorageError(
                    _(
                        "{path} is a file, not a folder: it cannot hold a workspace. "
                        "Choose a folder. Nothing was changed."
                    ).format(path=folder)
                )
            if not start_anew and holds_earlier_work(folder):
                raise StorageError(
                    _(
                        "The workspace in {folder} has lost its database ({name} is missing "
                        "or empty), but its evidence files or submissions are still there: it is "
                        "damaged, not new. A backup can take its place: `focalpoint backup list` "
                        "shows them. Nothing was changed."
                    ).format(folder=folder, name=DB_NAME),
                    damaged=True,
                )
            if not create:
                raise StorageError(
                    _(
                        "There is no workspace in {folder}. Make one with: focalpoint setup "
                        '--country CODE --name "YOUR NAME" --data-dir {folder}'
                    ).format(folder=folder)
                )
            _make_folder(folder)
            _make_file(path)
        if not (is_writable(folder) and is_writable(path)):
            # Read, never written: no permissions tightened, no migration (refused below).
            return cls.open_file(path, read_only=True)
        tighten_workspace(folder)
        return cls.open_file(path)

    def _prepare(self) -> None:
        super()._prepare()
        revision = self.revision()
        if revision == schema.HEAD:
            return
        if revision is not None and revision not in schema.REVISIONS:
            raise StorageError(
                _(
                    "This workspace was written by a newer version of FocalPoint. Install that "
                    "version to open it. Nothing was changed."
                )
            )
        if self.read_only:
            raise StorageError(
                _(
                    "This workspace was written by an older version of FocalPoint and must be "
                    "upgraded before it can be read, but it is read-only ({path}). Copy the "
                    "folder to a place you can write to and open the copy. Nothing was changed."
                ).format(path=self.path.parent)
            )
        if revision is not None:
            self.backup(f"before-{schema.HEAD}")
        from focalpoint.storage.country import migrate  # Alembic: only when a migration is due

        try:
            migrate.upgrade(self.path)
        except Exception as exc:  # Alembic wraps SQLite errors in its own types
            cause = exc.__cause__ or getattr(exc, "orig", None) or exc
            raise storage_error(cause, self.path) from exc

    def revision(self) -> str | None:
        """The schema revision of the file, or None for a new, empty one."""
        conn = self.connection()
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if not has_table:
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables:
                raise StorageError(
                    _("This file is not a FocalPoint workspace ({path}).").format(path=self.path),
                    damaged=True,
                )
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None


# Where a workspace keeps what it was given and what it sent: either one holding files means
# the folder was a workspace, whatever became of its database.
_EARLIER_WORK = ("attachments", "submissions")


def _holds_database(path: Path) -> bool:
    """Whether ``path`` is a database with something in it (0 bytes is no database at all)."""
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def holds_earlier_work(folder: Path) -> bool:
    """Whether ``folder`` holds a workspace's evidence files or submissions."""
    for name in _EARLIER_WORK:
        try:
            with os.scandir(folder / name) as entries:
                if any(True for _entry in entries):
                    return True
        except OSError:  # not there (a new workspace), or not a folder
            continue
    return False


def _make_folder(folder: Path) -> None:
    """The workspace's own folder, private; its parent must exist (a typo makes no tree)."""
    try:
        make_workspace_folder(folder)
    except OSError as exc:
        raise storage_error(exc, folder) from exc


def _make_file(path: Path) -> None:
    """An empty database file, private (0600) before SQLite writes a byte into it; SQLite
    gives its WAL and shared-memory files the same permissions."""
    try:
        handle = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
        os.close(handle)
        make_private(path)
    except OSError as exc:
        raise storage_error(exc, path) from exc
