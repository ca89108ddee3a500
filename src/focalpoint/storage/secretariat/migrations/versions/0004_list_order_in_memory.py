"""The regional lists sort in memory: the two sort indexes go.

The lists read their tables whole once and keep them in the order of their sort key
(``services/secretariat/search_index``); the database sorts that one read without an index as
fast as it walked one. Each index cost every acceptance a random insert per service and per
practice: 0.17 s of a large country's 0.8 s of writing.

Revision ID: 0004_list_order_in_memory
Revises: 0003_regional_lists
"""

from alembic import op

revision = "0004_list_order_in_memory"
down_revision = "0003_regional_lists"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_regional_service_sort_name", table_name="regional_service")
    op.drop_index("ix_regional_practice_sort_title", table_name="regional_practice")


def downgrade() -> None:
    op.create_index(
        "ix_regional_service_sort_name", "regional_service", ["sort_name", "country", "record_id"]
    )
    op.create_index(
        "ix_regional_practice_sort_title",
        "regional_practice",
        ["sort_title", "country", "record_id"],
    )
