"""The workspace database: SQLite file, Alembic migrations, and the SQL for each kind of record."""
