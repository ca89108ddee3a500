"""The audit log: who changed what, when, old → new.

Revision ID: 0002_audit_log
Revises: 0001_initial
"""

from alembic import op

revision = "0002_audit_log"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            record_kind TEXT NOT NULL,
            record_key TEXT NOT NULL,
            field TEXT NOT NULL,
            old TEXT NOT NULL DEFAULT '',
            new TEXT NOT NULL DEFAULT ''
        )"""
    )
    op.execute("CREATE INDEX audit_log_record ON audit_log(record_kind, record_key, id)")
    # Entities that existed before the log are recorded as created, so every entity has a history.
    op.execute(
        """INSERT INTO audit_log (at, actor, record_kind, record_key, field, old, new)
           SELECT created_at, '', 'entity', id, 'created', '', name FROM entity"""
    )


def downgrade() -> None:
    op.execute("DROP TABLE audit_log")
