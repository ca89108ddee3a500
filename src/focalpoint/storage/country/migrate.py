"""Run the Alembic migrations shipped with the package (only imported when a migration is due)."""

from __future__ import annotations

from pathlib import Path

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def _config(path: Path):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    return config


def upgrade(path: Path, revision: str = "head") -> None:
    """Bring the database file at ``path`` to ``revision``, one transaction per migration."""
    from alembic import command

    command.upgrade(_config(path), revision)


def script_revisions() -> list[str]:
    """Every revision in the shipped scripts, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config(Path("unused.db")))
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]
