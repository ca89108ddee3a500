"""Practices with their evidence, and the directory of organisations and services.

Revision ID: 0003_practices_directory
Revises: 0002_audit_log
"""

from alembic import op

revision = "0003_practices_directory"
down_revision = "0002_audit_log"
branch_labels = None
depends_on = None

# Lists of vocabulary codes are JSON arrays: they are read whole and never queried one by one
# except through the search index. Deleting sets ``deleted_at`` (a tombstone), so a deletion can
# be undone and the Secretariat learns of it.
STATEMENTS = [
    """CREATE TABLE practice (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL CHECK (trim(title) <> ''),
        summary TEXT NOT NULL DEFAULT '',
        description TEXT NOT NULL DEFAULT '',
        categories TEXT NOT NULL DEFAULT '[]',
        populations TEXT NOT NULL DEFAULT '[]',
        phases TEXT NOT NULL DEFAULT '[]',
        national INTEGER NOT NULL DEFAULT 1,
        subdivisions TEXT NOT NULL DEFAULT '[]',
        partners TEXT NOT NULL DEFAULT '[]',
        period_start TEXT NOT NULL DEFAULT '',
        period_end TEXT NOT NULL DEFAULT '',
        results TEXT NOT NULL DEFAULT '',
        lessons TEXT NOT NULL DEFAULT '',
        contact TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'ready')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    )""",
    """CREATE TABLE practice_entity (
        practice_id TEXT NOT NULL REFERENCES practice(id) ON DELETE CASCADE,
        entity_id TEXT NOT NULL REFERENCES entity(id),
        position INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (practice_id, entity_id)
    )""",
    # By action code, like assignments: the link outlives a plan update that drops the action.
    """CREATE TABLE practice_action (
        practice_id TEXT NOT NULL REFERENCES practice(id) ON DELETE CASCADE,
        action_code TEXT NOT NULL,
        PRIMARY KEY (practice_id, action_code)
    )""",
    "CREATE INDEX practice_action_code ON practice_action(action_code)",
    # Covers the practices list, newest first, without reading the long texts.
    """CREATE INDEX practice_list ON practice(
        deleted_at, updated_at, id, title, state, categories, populations, subdivisions, national
    )""",
    # The file itself lives in attachments/<sha256> inside the workspace folder.
    """CREATE TABLE attachment (
        id TEXT PRIMARY KEY,
        practice_id TEXT NOT NULL REFERENCES practice(id) ON DELETE CASCADE,
        file_name TEXT NOT NULL,
        media_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        added_at TEXT NOT NULL,
        deleted_at TEXT
    )""",
    "CREATE INDEX attachment_practice ON attachment(practice_id)",
    """CREATE TABLE organisation (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL CHECK (trim(name) <> ''),
        acronym TEXT NOT NULL DEFAULT '',
        provider_type TEXT NOT NULL DEFAULT '',
        website TEXT NOT NULL DEFAULT '',
        contact_name TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    )""",
    """CREATE TABLE service (
        id TEXT PRIMARY KEY,
        organisation_id TEXT NOT NULL REFERENCES organisation(id),
        name TEXT NOT NULL CHECK (trim(name) <> ''),
        service_type TEXT NOT NULL,
        populations TEXT NOT NULL DEFAULT '[]',
        age_min INTEGER,
        age_max INTEGER,
        languages TEXT NOT NULL DEFAULT '',
        cost TEXT NOT NULL DEFAULT '',
        hours TEXT NOT NULL DEFAULT '',
        referral TEXT NOT NULL DEFAULT '',
        referral_contact TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT '',
        subdivision TEXT NOT NULL DEFAULT '',
        municipality TEXT NOT NULL DEFAULT '',
        latitude REAL,
        longitude REAL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    )""",
    "CREATE INDEX service_organisation ON service(organisation_id)",
    # Covers the services list, in its order: the list never reads the long rows themselves.
    """CREATE INDEX service_list ON service(
        deleted_at, name COLLATE NOCASE, id, organisation_id, service_type, populations,
        subdivision, municipality, latitude, longitude
    )""",
    # Search indexes written by the stores (not by triggers) because a service's text includes
    # its organisation's name. Diacritics are removed so "educacion" finds "Educación".
    # Prefix indexes for one to three letters: the first keystrokes match most of the words,
    # and without them FTS5 walks every term that starts with the letter.
    """CREATE VIRTUAL TABLE practice_search USING fts5(
        practice_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
    )""",
    """CREATE VIRTUAL TABLE service_search USING fts5(
        service_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
    )""",
]


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    for table in (
        "service_search",
        "practice_search",
        "service",
        "organisation",
        "attachment",
        "practice_action",
        "practice_entity",
        "practice",
    ):
        op.execute(f"DROP TABLE {table}")
