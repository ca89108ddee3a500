"""The country workspace's SQLite store: schema, Alembic migrations, the SQL per kind of record."""
