"""Lists read a page at a time: a search key per record, the filters inside the search index,
and an index for each order a list can be sorted in.

Revision ID: 0005_paged_lists
Revises: 0004_submissions
"""

from alembic import op

revision = "0005_paged_lists"
down_revision = "0004_submissions"
branch_labels = None
depends_on = None

# Prefix indexes for one to five letters: without one, FTS5 merges every term that starts with
# what was typed, and the fourth and fifth letters of a word ("prot", "prote") took 40-50 ms
# over 200,000 services instead of 25. They grow the index by two fifths (215 → 303 MB there).
FTS_OPTIONS = "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4 5', columnsize = 0"


def _facet(letter: str, column: str) -> str:
    """A vocabulary code as one search token: a letter for the filter, then the code's UTF-8
    bytes in hex, so that no code can split into two tokens or run into another (the same as
    ``search_index.facet``)."""
    return f"'{letter}' || lower(hex({column}))"


def _facets_of_list(letter: str, column: str) -> str:
    return (
        f"coalesce((SELECT group_concat({_facet(letter, 'value')}, ' ')"
        f" FROM json_each({column})), '')"
    )


def _tokens(parts: tuple[str, ...]) -> str:
    """Tokens one space apart, whichever of them are empty."""
    joined = " || ' ' || ".join(parts)
    return f"trim(replace(replace({joined}, '   ', ' '), '  ', ' '))"


# "a" on every record: the index's "everything", so that a filter can be written as what it
# leaves out (``list_scope``).
SERVICE_FACETS = _tokens(
    (
        "'a'",
        _facet("t", "s.service_type"),
        f"CASE WHEN s.subdivision <> '' THEN {_facet('d', 's.subdivision')} ELSE '' END",
        _facets_of_list("p", "s.populations"),
    )
)
PRACTICE_FACETS = _tokens(
    (
        "'a'",
        _facet("s", "p.state"),
        "CASE WHEN p.national THEN 'n' ELSE '' END",
        _facets_of_list("c", "p.categories"),
        _facets_of_list("p", "p.populations"),
        _facets_of_list("d", "p.subdivisions"),
    )
)

STATEMENTS = [
    # A small, dense number per record names its row in the search index. It was a hash of the
    # id; dense numbers halve the index (413 → 213 MB for 200,000 services) and its rebuild,
    # and the lists compare them in their covering indexes without reading the rows.
    "ALTER TABLE service ADD COLUMN search_key INTEGER",
    "UPDATE service SET search_key = rowid",
    "CREATE UNIQUE INDEX service_search_key ON service(search_key)",
    "ALTER TABLE practice ADD COLUMN search_key INTEGER",
    "UPDATE practice SET search_key = rowid",
    "CREATE UNIQUE INDEX practice_search_key ON practice(search_key)",
    # The search indexes again, with a second column of filter tokens (type, subdivision,
    # population; category, state, national): a filter and the typed words then meet inside
    # FTS5, which counts 200,000 matches in ~15 ms, where joining them to the rows took 0.5 s.
    f"""CREATE VIRTUAL TABLE service_search_new USING fts5(
        service_id UNINDEXED, body, facets, {FTS_OPTIONS}
    )""",
    f"""INSERT INTO service_search_new (rowid, service_id, body, facets)
        SELECT s.search_key, s.id, f.body, {SERVICE_FACETS}
        FROM service_search f JOIN service s ON s.id = f.service_id""",
    "DROP TABLE service_search",
    "ALTER TABLE service_search_new RENAME TO service_search",
    f"""CREATE VIRTUAL TABLE practice_search_new USING fts5(
        practice_id UNINDEXED, body, facets, {FTS_OPTIONS}
    )""",
    f"""INSERT INTO practice_search_new (rowid, practice_id, body, facets)
        SELECT p.search_key, p.id, f.body, {PRACTICE_FACETS}
        FROM practice_search f JOIN practice p ON p.id = f.practice_id""",
    "DROP TABLE practice_search",
    "ALTER TABLE practice_search_new RENAME TO practice_search",
    # One index per order of the services list, each ending with what a filtered page checks
    # (deleted_at, search_key), so that a page walks the index and reads only its own rows.
    "DROP INDEX service_list",
    "DROP INDEX service_organisation",
    "CREATE INDEX service_live ON service(deleted_at)",
    "CREATE INDEX service_by_name ON service(name COLLATE NOCASE, id, deleted_at, search_key)",
    """CREATE INDEX service_by_type ON service(
        service_type, name COLLATE NOCASE, id, deleted_at, search_key
    )""",
    """CREATE INDEX service_by_subdivision ON service(
        subdivision, name COLLATE NOCASE, id, deleted_at, search_key
    )""",
    """CREATE INDEX service_by_municipality ON service(
        municipality COLLATE NOCASE, name COLLATE NOCASE, id, deleted_at, search_key
    )""",
    """CREATE INDEX service_by_organisation ON service(
        organisation_id, name COLLATE NOCASE, id, deleted_at, search_key
    )""",
    "CREATE INDEX organisation_by_name ON organisation(name COLLATE NOCASE)",
    # The map reads only placed services, the "without coordinates" list only the others.
    """CREATE INDEX service_placed ON service(
        longitude, latitude, service_type, id, deleted_at, search_key
    ) WHERE latitude IS NOT NULL AND longitude IS NOT NULL""",
    """CREATE INDEX service_unplaced ON service(
        subdivision, name COLLATE NOCASE, id, deleted_at, search_key, organisation_id
    ) WHERE latitude IS NULL OR longitude IS NULL""",
    # And of the practices list, by title and by last change, each covering every column the
    # list shows or sorts by: a practice's row carries pages of text (sorting 5,000 by state
    # through the rows took 30 ms, through the index 4).
    "DROP INDEX practice_list",
    """CREATE INDEX practice_by_title ON practice(
        title COLLATE NOCASE, id, deleted_at, search_key, state, categories, populations,
        subdivisions, national, updated_at
    )""",
    """CREATE INDEX practice_by_change ON practice(
        updated_at, id, deleted_at, search_key, title, state, categories, populations,
        subdivisions, national
    )""",
]


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    """Back to 0004: the indexes and search tables as they were, keyed by a hash of the id."""
    import hashlib

    def search_key(record_id: str) -> int:
        digest = hashlib.blake2b(record_id.encode("utf-8"), digest_size=8).digest()
        return int.from_bytes(digest, "big") >> 1

    op.get_bind().connection.driver_connection.create_function(  # type: ignore[union-attr]
        "hash_key", 1, search_key, deterministic=True
    )
    for index in (
        "practice_by_change",
        "practice_by_title",
        "service_unplaced",
        "service_placed",
        "organisation_by_name",
        "service_by_organisation",
        "service_by_municipality",
        "service_by_subdivision",
        "service_by_type",
        "service_by_name",
        "service_live",
        "practice_search_key",
        "service_search_key",
    ):
        op.execute(f"DROP INDEX {index}")
    op.execute("CREATE INDEX service_organisation ON service(organisation_id)")
    op.execute(
        """CREATE INDEX practice_list ON practice(
        deleted_at, updated_at, id, title, state, categories, populations, subdivisions, national
    )"""
    )
    op.execute(
        """CREATE INDEX service_list ON service(
        deleted_at, name COLLATE NOCASE, id, organisation_id, service_type, populations,
        subdivision, municipality, latitude, longitude
    )"""
    )
    for table, key in (("service", "service_id"), ("practice", "practice_id")):
        op.execute(
            f"""CREATE VIRTUAL TABLE {table}_search_old USING fts5(
            {key} UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
        )"""
        )
        op.execute(
            f"INSERT INTO {table}_search_old (rowid, {key}, body)"
            f" SELECT hash_key({key}), {key}, body FROM {table}_search"
        )
        op.execute(f"DROP TABLE {table}_search")
        op.execute(f"ALTER TABLE {table}_search_old RENAME TO {table}_search")
        op.execute(f"ALTER TABLE {table} DROP COLUMN search_key")
