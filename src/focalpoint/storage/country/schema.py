"""The schema revisions this FocalPoint knows, oldest first.

Kept as a plain tuple so that start-up can compare the database's revision without importing
Alembic or SQLAlchemy (about 3x a bare Qt window's start-up); a test checks it against the
Alembic scripts.
"""

from __future__ import annotations

from focalpoint.paths import COUNTRY_DATABASE

REVISIONS: tuple[str, ...] = (
    "0001_initial",
    "0002_audit_log",
    "0003_practices_directory",
    "0004_submissions",
    "0005_paged_lists",
    "0006_secretariat_receipts",
    "0007_plan_round_trip",
)
HEAD = REVISIONS[-1]

# The workspace database's file name inside the data folder.
DB_NAME = COUNTRY_DATABASE
