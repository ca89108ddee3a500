"""Intake: the known plan versions, each received package's placement and changes, and the
consolidated store (each country's newest accepted submission, and who set each record).

Revision ID: 0002_intake
Revises: 0001_initial
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_intake"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("received_package") as batch:
        batch.add_column(
            sa.Column("placement", sa.String(length=12), nullable=False, server_default="next")
        )
        batch.add_column(
            sa.Column("missing", sa.String(length=2000), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("changes", sa.Text(), nullable=False, server_default="{}"))
        batch.add_column(sa.Column("decided_at", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("decided_by", sa.String(length=200), nullable=True))
        batch.create_unique_constraint(
            "uq_received_package_country_sequence", ["country", "sequence"]
        )
    # The defaults filled the rows there were; the models give every new row its values.
    with op.batch_alter_table("received_package") as batch:
        batch.alter_column("placement", server_default=None)
        batch.alter_column("missing", server_default=None)
        batch.alter_column("changes", server_default=None)
    op.create_table(
        "known_plan",
        sa.Column("code", sa.String(length=100), nullable=False),
        sa.Column("version", sa.String(length=50), nullable=False),
        sa.Column("added_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("code", "version", name="pk_known_plan"),
    )
    op.create_table(
        "consolidated_country",
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("package_id", sa.String(length=36), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("consolidated_at", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["package_id"],
            ["received_package.id"],
            name="fk_consolidated_country_package_id_received_package",
        ),
        sa.PrimaryKeyConstraint("country", name="pk_consolidated_country"),
    )
    op.create_table(
        "consolidated_assignment",
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("action_code", sa.String(length=40), nullable=False),
        sa.Column("lead_id", sa.String(length=36), nullable=True),
        sa.Column("lead_name", sa.String(length=400), nullable=False),
        sa.Column("support_ids", sa.Text(), nullable=False),
        sa.Column("support_names", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("set_by", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["set_by"],
            ["received_package.id"],
            name="fk_consolidated_assignment_set_by_received_package",
        ),
        sa.PrimaryKeyConstraint("country", "action_code", name="pk_consolidated_assignment"),
    )
    op.create_table(
        "consolidated_record",
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("set_by", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["set_by"],
            ["received_package.id"],
            name="fk_consolidated_record_set_by_received_package",
        ),
        sa.PrimaryKeyConstraint("country", "kind", "record_id", name="pk_consolidated_record"),
    )
    op.create_index("ix_consolidated_record_kind", "consolidated_record", ["country", "kind"])


def downgrade() -> None:
    op.drop_table("consolidated_record")
    op.drop_table("consolidated_assignment")
    op.drop_table("consolidated_country")
    op.drop_table("known_plan")
    with op.batch_alter_table("received_package") as batch:
        batch.drop_constraint("uq_received_package_country_sequence", type_="unique")
        for column in ("decided_by", "decided_at", "changes", "missing", "placement"):
            batch.drop_column(column)
