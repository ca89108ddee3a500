"""The regional lists: each country's live services and practices in the columns the regional
list, map, compilation and exports read, filled from the consolidated records already there.

Revision ID: 0003_regional_lists
Revises: 0002_intake
"""

import json
from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003_regional_lists"
down_revision = "0002_intake"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "regional_service",
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("organisation", sa.Text(), nullable=False),
        sa.Column("service_type", sa.Text(), nullable=False),
        sa.Column("populations", sa.Text(), nullable=False),
        sa.Column("subdivision", sa.Text(), nullable=False),
        sa.Column("municipality", sa.Text(), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("sort_name", sa.Text(), nullable=False),
        sa.Column("sort_organisation", sa.Text(), nullable=False),
        sa.Column("search", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("country", "record_id", name="pk_regional_service"),
    )
    op.create_index(
        "ix_regional_service_sort_name", "regional_service", ["sort_name", "country", "record_id"]
    )
    op.create_table(
        "regional_practice",
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("categories", sa.Text(), nullable=False),
        sa.Column("populations", sa.Text(), nullable=False),
        sa.Column("subdivisions", sa.Text(), nullable=False),
        sa.Column("national", sa.Boolean(), nullable=False),
        sa.Column("action_codes", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.String(length=40), nullable=False),
        sa.Column("sort_title", sa.Text(), nullable=False),
        sa.Column("search", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("country", "record_id", name="pk_regional_practice"),
    )
    op.create_index(
        "ix_regional_practice_sort_title",
        "regional_practice",
        ["sort_title", "country", "record_id"],
    )
    _fill()


def _fill() -> None:
    """The rows of the countries already consolidated, from their kept records."""
    from focalpoint.storage.secretariat import regional_rows

    conn = op.get_bind()
    found = conn.execute(
        sa.text(
            "SELECT country, kind, data FROM consolidated_record"
            " WHERE kind IN ('organisations', 'services', 'practices')"
        )
    )
    by_country: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for country, kind, data in found:
        by_country[country][kind].append(json.loads(data))
    for country, records in by_country.items():
        regional_rows.replace_country(conn, country, *regional_rows.rows_of(country, records))


def downgrade() -> None:
    op.drop_table("regional_practice")
    op.drop_table("regional_service")
