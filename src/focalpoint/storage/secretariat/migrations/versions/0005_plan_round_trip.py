"""The plan's round trip: the plan versions the Secretariat publishes, signed, and the
countries' amendment proposals with the Secretariat's answers.

Revision ID: 0005_plan_round_trip
Revises: 0004_list_order_in_memory
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_plan_round_trip"
down_revision = "0004_list_order_in_memory"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plan_version",
        sa.Column("code", sa.String(length=100), nullable=False),
        sa.Column("version", sa.String(length=50), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("lineage", sa.Text(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("signed_file", sa.LargeBinary(), nullable=False),
        sa.Column("key_id", sa.String(length=64), nullable=False),
        sa.Column("published_at", sa.String(length=40), nullable=False),
        sa.Column("published_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["key_id"],
            ["secretariat_key.key_id"],
            name="fk_plan_version_key_id_secretariat_key",
        ),
        sa.PrimaryKeyConstraint("code", "version", name="pk_plan_version"),
        sa.UniqueConstraint("sha256", name="uq_plan_version_sha256"),
    )
    op.create_table(
        "proposal",
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("proposal_id", sa.String(length=36), nullable=False),
        sa.Column("package_id", sa.String(length=36), nullable=False),
        sa.Column("target_code", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("justification", sa.Text(), nullable=False),
        sa.Column("proposed_at", sa.String(length=40), nullable=False),
        sa.Column("proposed_by", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("state_reason", sa.Text(), nullable=False),
        sa.Column("state_version", sa.String(length=50), nullable=False),
        sa.Column("state_at", sa.String(length=40), nullable=True),
        sa.Column("state_by", sa.String(length=200), nullable=True),
        sa.CheckConstraint(
            "kind IN ('wording', 'new_action', 'paragraph', 'comment')",
            name="ck_proposal_kind",
        ),
        sa.CheckConstraint(
            "state IN ('submitted', 'incorporated', 'declined', 'discussion')",
            name="ck_proposal_state",
        ),
        sa.ForeignKeyConstraint(
            ["package_id"],
            ["received_package.id"],
            name="fk_proposal_package_id_received_package",
        ),
        sa.PrimaryKeyConstraint("country", "proposal_id", name="pk_proposal"),
    )
    op.create_index("ix_proposal_target_code", "proposal", ["target_code"])


def downgrade() -> None:
    op.drop_index("ix_proposal_target_code", table_name="proposal")
    op.drop_table("proposal")
    op.drop_table("plan_version")
