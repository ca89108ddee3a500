"""Alembic environment of the Secretariat store: runs on the connection ``migrate`` hands it."""

from alembic import context

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    # SQLite alters a table by copying it; PostgreSQL alters it in place.
    render_as_batch=connection.dialect.name == "sqlite",
    transaction_per_migration=True,
)
with context.begin_transaction():
    context.run_migrations()
