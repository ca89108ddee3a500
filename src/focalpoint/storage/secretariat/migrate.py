"""The Secretariat store's Alembic migrations, run when the store is opened.

Opening a store that is up to date reads its revision with one query and never imports
Alembic (a tenth of a second of the window's start); ``HEAD`` names the newest script, and a
test holds it to the scripts.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
HEAD = "0006_store_revision"


def stored_revision(connection: Connection) -> str | None:
    """The revision the store is at (None: a new, empty store), read without Alembic."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    found = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return None if found is None else str(found)


def _config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # env.py runs on the connection it is handed: SQLite or PostgreSQL alike.
    config.attributes["connection"] = connection
    return config


def script_revisions() -> list[str]:
    """Every revision in the shipped scripts, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Bring the store to ``revision``, one transaction per migration."""
    from alembic import command

    command.upgrade(_config(connection), revision)
