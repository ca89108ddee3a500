"""The plan's round trip: which signed plan version is installed, and the amendment proposals
the country sends with its submissions, with the Secretariat's answers.

Revision ID: 0007_plan_round_trip
Revises: 0006_secretariat_receipts
"""

from alembic import op

revision = "0007_plan_round_trip"
down_revision = "0006_secretariat_receipts"
branch_labels = None
depends_on = None

STATEMENTS = [
    # The installed plan's document hash and the Secretariat key that signed it ('' for the
    # bundled provisional plan and for a plan file taken in before plan files were signed).
    # A signed update is taken in only if its lineage holds this hash: no fork.
    "ALTER TABLE plan ADD COLUMN sha256 TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE plan ADD COLUMN signed_by TEXT NOT NULL DEFAULT ''",
    # An amendment proposal: new wording for an action, a new action or a paragraph under an
    # objective, or a comment. It travels in the next submission package (submission_id set
    # when one carried it) and the Secretariat's answer comes back in a receipt.
    """CREATE TABLE proposal (
        id TEXT PRIMARY KEY,
        target_code TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('wording', 'new_action', 'paragraph', 'comment')),
        language TEXT NOT NULL CHECK (language IN ('es', 'en', 'fr')),
        text TEXT NOT NULL,
        justification TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        submission_id TEXT REFERENCES submission(id),
        state TEXT NOT NULL DEFAULT 'draft'
            CHECK (state IN ('draft', 'submitted', 'incorporated', 'declined', 'discussion')),
        state_reason TEXT NOT NULL DEFAULT '',
        state_version TEXT NOT NULL DEFAULT '',
        answered_at TEXT
    )""",
    "CREATE INDEX proposal_target ON proposal(target_code)",
]


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE proposal")
    op.execute("ALTER TABLE plan DROP COLUMN signed_by")
    op.execute("ALTER TABLE plan DROP COLUMN sha256")
