"""The Secretariat store's first schema: profile, own key, country keys, received packages.

Revision ID: 0001_initial
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "secretariat_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.Column("updated_at", sa.String(length=40), nullable=False),
        sa.CheckConstraint("id = 1", name="ck_secretariat_profile_one_row"),
        sa.PrimaryKeyConstraint("id", name="pk_secretariat_profile"),
    )
    op.create_table(
        "secretariat_key",
        sa.Column("key_id", sa.String(length=64), nullable=False),
        sa.Column("fingerprint", sa.String(length=19), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("private_pem", sa.LargeBinary(), nullable=True),
        sa.Column("age_recipient", sa.String(length=100), nullable=False),
        sa.Column("age_secret", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("replaced_at", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("key_id", name="pk_secretariat_key"),
        sa.UniqueConstraint("fingerprint", name="uq_secretariat_key_fingerprint"),
    )
    op.create_index(
        "ux_secretariat_key_current",
        "secretariat_key",
        ["replaced_at"],
        unique=True,
        sqlite_where=sa.text("replaced_at IS NULL"),
        postgresql_where=sa.text("replaced_at IS NULL"),
    )
    op.create_table(
        "country_key",
        sa.Column("key_id", sa.String(length=64), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("fingerprint", sa.String(length=19), nullable=False),
        sa.Column("registered_at", sa.String(length=40), nullable=False),
        sa.Column("registered_by", sa.String(length=200), nullable=False),
        sa.Column("replaced_at", sa.String(length=40), nullable=True),
        sa.Column("replaced_by", sa.String(length=64), nullable=True),
        sa.Column("revoked_from", sa.String(length=10), nullable=True),
        sa.Column("note", sa.String(length=2000), nullable=False),
        sa.ForeignKeyConstraint(
            ["replaced_by"], ["country_key.key_id"], name="fk_country_key_replaced_by_country_key"
        ),
        sa.PrimaryKeyConstraint("key_id", name="pk_country_key"),
        sa.UniqueConstraint("fingerprint", name="uq_country_key_fingerprint"),
        sa.UniqueConstraint("public_key", name="uq_country_key_public_key"),
    )
    op.create_index("ix_country_key_country", "country_key", ["country", "registered_at"])
    op.create_index(
        "ux_country_key_current",
        "country_key",
        ["country"],
        unique=True,
        sqlite_where=sa.text("replaced_at IS NULL"),
        postgresql_where=sa.text("replaced_at IS NULL"),
    )
    op.create_table(
        "received_package",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("previous_sha256", sa.String(length=64), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("plan_code", sa.String(length=100), nullable=False),
        sa.Column("plan_version", sa.String(length=50), nullable=False),
        sa.Column("officer_name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.Column("received_at", sa.String(length=40), nullable=False),
        sa.Column("key_id", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.String(length=2000), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.CheckConstraint(
            "state IN ('pending', 'accepted', 'returned', 'superseded')",
            name="ck_received_package_state",
        ),
        sa.ForeignKeyConstraint(
            ["key_id"], ["country_key.key_id"], name="fk_received_package_key_id_country_key"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_received_package"),
        sa.UniqueConstraint("sha256", name="uq_received_package_sha256"),
    )
    op.create_index("ix_received_package_country", "received_package", ["country", "sequence"])
    op.create_index("ix_received_package_received_at", "received_package", ["received_at"])


def downgrade() -> None:
    op.drop_table("received_package")
    op.drop_table("country_key")
    op.drop_table("secretariat_key")
    op.drop_table("secretariat_profile")
