"""The first schema: settings, plan, entities, assignments.

Revision ID: 0001_initial
Revises:
"""

from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

STATEMENTS = [
    """CREATE TABLE setting (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    # One plan at a time; the whole plan file is kept so it can be exported or re-read as it came.
    """CREATE TABLE plan (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        code TEXT NOT NULL,
        version TEXT NOT NULL,
        provisional INTEGER NOT NULL,
        published TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '{}',
        document TEXT NOT NULL,
        installed_at TEXT NOT NULL
    )""",
    """CREATE TABLE plan_item (
        code TEXT PRIMARY KEY,
        level TEXT NOT NULL CHECK (level IN ('axis', 'objective', 'action')),
        parent_code TEXT REFERENCES plan_item(code) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        title TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '{}',
        indicator TEXT NOT NULL DEFAULT '{}',
        timeframe_start INTEGER,
        timeframe_end INTEGER,
        supporting_organisations TEXT NOT NULL DEFAULT '[]',
        report_items TEXT NOT NULL DEFAULT '[]'
    )""",
    "CREATE INDEX plan_item_parent ON plan_item(parent_code, position)",
    # Retired and merged entities stay as rows (tombstones) so that old assignments, the audit
    # log and the Secretariat's merge can still name them.
    """CREATE TABLE entity (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL CHECK (trim(name) <> ''),
        acronym TEXT NOT NULL DEFAULT '',
        type TEXT NOT NULL,
        parent_id TEXT REFERENCES entity(id),
        contact_person TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        retired_at TEXT,
        merged_into TEXT REFERENCES entity(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    # Keyed by action code, not by a foreign key to plan_item: an assignment outlives a plan
    # update that drops its action, so that it can be reported and never silently lost.
    """CREATE TABLE assignment (
        action_code TEXT PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        lead_id TEXT REFERENCES entity(id),
        status TEXT NOT NULL DEFAULT 'not_started',
        note TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL DEFAULT ''
    )""",
    """CREATE TABLE assignment_support (
        action_code TEXT NOT NULL REFERENCES assignment(action_code) ON DELETE CASCADE,
        entity_id TEXT NOT NULL REFERENCES entity(id),
        position INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (action_code, entity_id)
    )""",
]


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    for table in ("assignment_support", "assignment", "entity", "plan_item", "plan", "setting"):
        op.execute(f"DROP TABLE {table}")
