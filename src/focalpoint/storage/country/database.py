"""The country workspace's database file: opened, checked, and migrated to this version."""

from __future__ import annotations

from pathlib import Path

from focalpoint.domain.errors import StorageError
from focalpoint.i18n import _
from focalpoint.paths import COUNTRY, refuse_other_kind
from focalpoint.storage.country import schema
from focalpoint.storage.sqlite import Database, storage_error

DB_NAME = schema.DB_NAME


class WorkspaceDatabase(Database):
    """``focalpoint.db`` in a workspace folder, at the schema revision this FocalPoint knows."""

    @classmethod
    def open(cls, folder: Path) -> WorkspaceDatabase:
        """Open (creating if new) the workspace in ``folder``, migrated to this version.

        A Secretariat's folder is refused untouched: a folder is one kind for good.
        """
        refuse_other_kind(folder, COUNTRY)
        return cls.open_file(folder / DB_NAME)

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
