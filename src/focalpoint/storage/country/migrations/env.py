"""Alembic environment: plain SQL migrations over the workspace's SQLite file."""

from alembic import context
from sqlalchemy import create_engine, event

config = context.config
engine = create_engine(config.get_main_option("sqlalchemy.url") or "")


@event.listens_for(engine, "connect")
def _pragmas(dbapi_connection, _record):  # type: ignore[no-untyped-def]
    dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # batch table rebuilds need them off


with engine.connect() as connection:
    context.configure(connection=connection, render_as_batch=True, transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()
engine.dispose()
