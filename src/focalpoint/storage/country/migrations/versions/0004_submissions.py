"""Signing keys and the submissions made with them.

Revision ID: 0004_submissions
Revises: 0003_practices_directory
"""

from alembic import op

revision = "0004_submissions"
down_revision = "0003_practices_directory"
branch_labels = None
depends_on = None

STATEMENTS = [
    # One current key at a time; a replaced key keeps its row (fingerprint, public key, dates) so
    # old submissions still name a key on record, but its private half is erased.
    """CREATE TABLE signing_key (
        key_id TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL UNIQUE,
        public_key BLOB NOT NULL CHECK (length(public_key) = 32),
        private_pem TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        replaced_at TEXT
    )""",
    "CREATE UNIQUE INDEX signing_key_current ON signing_key(replaced_at IS NULL)"
    " WHERE replaced_at IS NULL",
    # Every package ever signed, in sequence; the file itself is kept in submissions/ inside the
    # workspace folder so it can be saved again byte for byte.
    """CREATE TABLE submission (
        id TEXT PRIMARY KEY,
        sequence INTEGER NOT NULL UNIQUE CHECK (sequence >= 1),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        previous_sha256 TEXT,
        key_id TEXT NOT NULL REFERENCES signing_key(key_id),
        plan_code TEXT NOT NULL,
        plan_version TEXT NOT NULL,
        counts TEXT NOT NULL DEFAULT '{}',
        encrypted_name TEXT NOT NULL DEFAULT '',
        encrypted_sha256 TEXT NOT NULL DEFAULT '',
        encrypted_to TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL DEFAULT 'signed'
            CHECK (state IN ('signed', 'sent', 'acknowledged', 'returned')),
        state_at TEXT NOT NULL,
        state_note TEXT NOT NULL DEFAULT '',
        -- The last audit_log row the package's snapshot saw: "changes since this submission"
        -- are the rows after it (a clock can go back; an id cannot), and no later edit may
        -- coalesce into a row at or before it.
        audit_mark INTEGER NOT NULL DEFAULT 0
    )""",
]


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE submission")
    op.execute("DROP TABLE signing_key")
