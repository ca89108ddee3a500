"""Where data is kept: the SQLite file and the SQL for each kind of record, per side."""
