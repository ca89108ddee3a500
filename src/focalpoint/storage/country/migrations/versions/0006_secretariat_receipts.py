"""The Secretariat the country trusts, and the receipts it sent back.

Revision ID: 0006_secretariat_receipts
Revises: 0005_paged_lists
"""

from alembic import op

revision = "0006_secretariat_receipts"
down_revision = "0005_paged_lists"
branch_labels = None
depends_on = None

STATEMENTS = [
    # One trusted Secretariat key at a time, pinned once its fingerprint was typed back. A key
    # trusted in its place keeps its row (replaced_at) so that the receipts it signed still
    # name a key on record; only the current one checks new receipts.
    """CREATE TABLE secretariat_key (
        key_id TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        public_key BLOB NOT NULL CHECK (length(public_key) = 32),
        age_recipient TEXT NOT NULL,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        pinned_at TEXT NOT NULL,
        pinned_by TEXT NOT NULL,
        replaced_at TEXT,
        key_file BLOB NOT NULL
    )""",
    "CREATE UNIQUE INDEX secretariat_key_current ON secretariat_key(replaced_at IS NULL)"
    " WHERE replaced_at IS NULL",
    # At most one receipt per submission: the Secretariat's answer, kept byte for byte so it
    # can be shown or checked again. The submission's state says the same (acknowledged or
    # returned, with the reason as its note).
    """CREATE TABLE receipt (
        submission_id TEXT PRIMARY KEY REFERENCES submission(id),
        decision TEXT NOT NULL CHECK (decision IN ('accepted', 'returned')),
        reason TEXT NOT NULL DEFAULT '',
        decided_at TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        key_id TEXT NOT NULL REFERENCES secretariat_key(key_id),
        sha256 TEXT NOT NULL,
        receipt BLOB NOT NULL
    )""",
]


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE receipt")
    op.execute("DROP TABLE secretariat_key")
