"""The store's revision: one number, one more at every write, so that an open window sees
another analyst's (or a command's) change with one small query.

Revision ID: 0006_store_revision
Revises: 0005_plan_round_trip
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_store_revision"
down_revision = "0005_plan_round_trip"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "store_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("id = 1", name="ck_store_revision_one_row"),
        sa.PrimaryKeyConstraint("id", name="pk_store_revision"),
    )
    op.bulk_insert(table, [{"id": 1, "number": 0}])


def downgrade() -> None:
    op.drop_table("store_revision")
