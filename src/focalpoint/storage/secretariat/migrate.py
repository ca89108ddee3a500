"""The Secretariat store's Alembic migrations, run when the store is opened."""

from __future__ import annotations

from pathlib import Path

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # env.py runs on the connection it is handed: SQLite or PostgreSQL alike.
    config.attributes["connection"] = connection
    return config


def script_revisions() -> list[str]:
    """Every revision in the shipped scripts, oldest first."""
    script = ScriptDirectory.from_config(_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Bring the store to ``revision``, one transaction per migration."""
    from alembic import command

    command.upgrade(_config(connection), revision)
