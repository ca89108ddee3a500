"""The Secretariat store's tables: one SQLModel class each, the schema's single definition.

Timestamps are ISO 8601 text in UTC (``2026-12-03T13:05:00+00:00``), as on the country side:
they sort as text, read the same on SQLite and PostgreSQL, and travel in packages unchanged.
Dates (a revocation's first day) are ``YYYY-MM-DD`` text for the same reasons.

The Alembic scripts in ``migrations/`` create these tables; a test checks that the scripts and
these classes agree on both databases.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Index,
    LargeBinary,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlmodel import Column, Field, SQLModel

# One naming scheme for constraints, so that migrations name them the same on every database.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

PACKAGE_STATES = ("pending", "accepted", "returned", "superseded")


class SecretariatProfile(SQLModel, table=True):
    """The Secretariat's own settings: one row (id 1)."""

    __tablename__ = "secretariat_profile"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: int = Field(default=1, primary_key=True)
    name: str = Field(max_length=200)
    language: str = Field(max_length=2)
    created_at: str = Field(max_length=40)
    updated_at: str = Field(max_length=40)


class StoreRevision(SQLModel, table=True):
    """How many writes the store has taken: one row (id 1), one more at every write (see
    ``SecretariatDatabase.transaction``). A window asks it to know whether another analyst, or
    a command, changed the store since it last read it: SQLite's ``data_version`` has no
    PostgreSQL counterpart, and this one number reads the same on both."""

    __tablename__ = "store_revision"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: int = Field(default=1, primary_key=True)
    number: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))


class SecretariatKey(SQLModel, table=True):
    """The Secretariat's Ed25519 signing key (receipts, plan files) and its age identity.

    Both secrets are sealed under one passphrase: the signing key as encrypted PKCS#8 PEM
    (``package.keys.lock``), the age identity with age's own passphrase encryption. The public
    halves are in clear, for the key sheet and the key file countries import. A replaced key
    keeps its row with ``replaced_at`` set and its secrets erased.
    """

    __tablename__ = "secretariat_key"
    __table_args__ = (
        # At most one current key (the same partial index works on SQLite and PostgreSQL).
        Index(
            "ux_secretariat_key_current",
            "replaced_at",
            unique=True,
            sqlite_where=text("replaced_at IS NULL"),
            postgresql_where=text("replaced_at IS NULL"),
        ),
    )

    key_id: str = Field(primary_key=True, max_length=64)
    fingerprint: str = Field(max_length=19, unique=True)
    public_key: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    private_pem: bytes | None = Field(default=None, sa_column=Column(LargeBinary))
    age_recipient: str = Field(max_length=100)
    age_secret: bytes | None = Field(default=None, sa_column=Column(LargeBinary))
    created_at: str = Field(max_length=40)
    created_by: str = Field(max_length=200)
    replaced_at: str | None = Field(default=None, max_length=40)


class CountryKey(SQLModel, table=True):
    """A country's public key the Secretariat trusts, and its history.

    A replaced key stays valid for what it signed before ``replaced_at``; a revoked key is
    refused for anything signed on or after ``revoked_from``.
    """

    __tablename__ = "country_key"
    __table_args__ = (
        Index("ix_country_key_country", "country", "registered_at"),
        Index(
            "ux_country_key_current",
            "country",
            unique=True,
            sqlite_where=text("replaced_at IS NULL"),
            postgresql_where=text("replaced_at IS NULL"),
        ),
    )

    key_id: str = Field(primary_key=True, max_length=64)
    country: str = Field(max_length=2)
    public_key: bytes = Field(sa_column=Column(LargeBinary, nullable=False, unique=True))
    fingerprint: str = Field(max_length=19, unique=True)
    registered_at: str = Field(max_length=40)
    registered_by: str = Field(max_length=200)
    replaced_at: str | None = Field(default=None, max_length=40)
    replaced_by: str | None = Field(default=None, foreign_key="country_key.key_id", max_length=64)
    revoked_from: str | None = Field(default=None, max_length=10)
    note: str = Field(default="", max_length=2000)


class ReceivedPackage(SQLModel, table=True):
    """A submission package the Secretariat received: the inbox, ready for intake."""

    __tablename__ = "received_package"
    __table_args__ = (
        UniqueConstraint("sha256"),
        # A number is taken in once per country (a replay is refused): two analysts taking in
        # two packages of one number at once on a shared server cannot both succeed.
        UniqueConstraint("country", "sequence"),
        CheckConstraint("state IN ('pending', 'accepted', 'returned', 'superseded')", name="state"),
        Index("ix_received_package_country", "country", "sequence"),
        Index("ix_received_package_received_at", "received_at"),
    )

    id: str = Field(primary_key=True, max_length=36)
    country: str = Field(max_length=2)
    sequence: int
    previous_sha256: str | None = Field(default=None, max_length=64)
    sha256: str = Field(max_length=64)
    plan_code: str = Field(max_length=100)
    plan_version: str = Field(max_length=50)
    officer_name: str = Field(max_length=200)
    created_at: str = Field(max_length=40)
    received_at: str = Field(max_length=40)
    key_id: str = Field(foreign_key="country_key.key_id", max_length=64)
    state: str = Field(default="pending", max_length=12)
    reason: str = Field(default="", max_length=2000)
    file_name: str = Field(max_length=255)
    # Added by intake (0002): where it stood in its country's chain when received, and a
    # compact summary of what it changed since the country's last accepted submission (JSON).
    placement: str = Field(default="next", max_length=12)
    missing: str = Field(default="", max_length=2000)  # a gap's missing numbers, "3,4"
    changes: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    decided_at: str | None = Field(default=None, max_length=40)
    decided_by: str | None = Field(default=None, max_length=200)


class KnownPlan(SQLModel, table=True):
    """A plan code and version the Secretariat knows: a package for any other is refused."""

    __tablename__ = "known_plan"

    code: str = Field(primary_key=True, max_length=100)
    version: str = Field(primary_key=True, max_length=50)
    added_at: str = Field(max_length=40)


PROPOSAL_KINDS = ("wording", "new_action", "paragraph", "comment")
PROPOSAL_STATES = ("submitted", "incorporated", "declined", "discussion")


class PlanVersion(SQLModel, table=True):
    """A plan version the Secretariat published: the document and the signed file it sent.

    Versions only go forward: each names, in ``lineage``, every earlier version with the
    SHA-256 of its document (JSON, oldest first), so that a country that skipped one can still
    check that the version offered continues the one it has. Added by 0005.
    """

    __tablename__ = "plan_version"
    __table_args__ = (UniqueConstraint("sha256"),)

    code: str = Field(primary_key=True, max_length=100)
    version: str = Field(primary_key=True, max_length=50)
    sha256: str = Field(max_length=64)  # of the plan document as signed
    lineage: str = Field(default="[]", sa_column=Column(Text, nullable=False))  # JSON
    document: str = Field(sa_column=Column(Text, nullable=False))  # the plan file's JSON
    signed_file: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    key_id: str = Field(foreign_key="secretariat_key.key_id", max_length=64)
    published_at: str = Field(max_length=40)
    published_by: str = Field(max_length=200)


class Proposal(SQLModel, table=True):
    """A country's amendment proposal, received in a package, and the Secretariat's answer.

    ``target_code`` is an action's code (new wording, a comment) or an objective's (a new
    action or paragraph under it). The answer travels back in the country's next receipt.
    Added by 0005.
    """

    __tablename__ = "proposal"
    __table_args__ = (
        CheckConstraint("kind IN ('wording', 'new_action', 'paragraph', 'comment')", name="kind"),
        CheckConstraint(
            "state IN ('submitted', 'incorporated', 'declined', 'discussion')", name="state"
        ),
        Index("ix_proposal_target_code", "target_code"),
    )

    country: str = Field(primary_key=True, max_length=2)
    proposal_id: str = Field(primary_key=True, max_length=36)  # the country's own id
    package_id: str = Field(foreign_key="received_package.id", max_length=36)
    target_code: str = Field(max_length=40)
    kind: str = Field(max_length=20)
    language: str = Field(max_length=2)
    text: str = Field(sa_column=Column(Text, nullable=False))
    justification: str = Field(sa_column=Column(Text, nullable=False))
    proposed_at: str = Field(max_length=40)
    proposed_by: str = Field(max_length=200)
    state: str = Field(default="submitted", max_length=12)
    state_reason: str = Field(default="", sa_column=Column(Text, nullable=False))
    state_version: str = Field(default="", max_length=50)  # the plan version it went into
    state_at: str | None = Field(default=None, max_length=40)
    state_by: str | None = Field(default=None, max_length=200)


class ConsolidatedCountry(SQLModel, table=True):
    """Which accepted package is a country's consolidated state (its highest sequence)."""

    __tablename__ = "consolidated_country"

    country: str = Field(primary_key=True, max_length=2)
    package_id: str = Field(foreign_key="received_package.id", max_length=36)
    sequence: int
    consolidated_at: str = Field(max_length=40)


class ConsolidatedAssignment(SQLModel, table=True):
    """One action of a country's consolidated state, and the package that set it."""

    __tablename__ = "consolidated_assignment"

    country: str = Field(primary_key=True, max_length=2)
    action_code: str = Field(primary_key=True, max_length=40)
    lead_id: str | None = Field(default=None, max_length=36)
    lead_name: str = Field(default="", max_length=400)
    support_ids: str = Field(default="[]", sa_column=Column(Text, nullable=False))  # JSON
    support_names: str = Field(default="[]", sa_column=Column(Text, nullable=False))  # JSON
    status: str = Field(max_length=30)
    note: str = Field(default="", sa_column=Column(Text, nullable=False))
    set_by: str = Field(foreign_key="received_package.id", max_length=36)


class ConsolidatedRecord(SQLModel, table=True):
    """An entity, practice, service… of a country's consolidated state, kept whole as JSON."""

    __tablename__ = "consolidated_record"
    __table_args__ = (Index("ix_consolidated_record_kind", "country", "kind"),)

    country: str = Field(primary_key=True, max_length=2)
    kind: str = Field(primary_key=True, max_length=20)
    record_id: str = Field(primary_key=True, max_length=64)
    data: str = Field(sa_column=Column(Text, nullable=False))
    set_by: str = Field(foreign_key="received_package.id", max_length=36)


class RegionalService(SQLModel, table=True):
    """A live service of a country's consolidated state, in the columns the regional list, map
    and directory read: written with the country's records at each acceptance.

    ``search`` holds the folded words a filter looks for (name, organisation, municipality,
    address) and ``populations`` its codes between spaces (`` child adolescent ``), so that a
    filter is a portable ``LIKE`` on SQLite and PostgreSQL alike.
    """

    __tablename__ = "regional_service"
    # No index beside the key: the lists read the table once, in name order, and filter, sort
    # and place in memory (``services/secretariat/search_index``); an index on the name cost
    # each acceptance a random insert per service (migration 0004).

    country: str = Field(primary_key=True, max_length=2)
    record_id: str = Field(primary_key=True, max_length=64)
    name: str = Field(sa_column=Column(Text, nullable=False))
    organisation: str = Field(sa_column=Column(Text, nullable=False))
    service_type: str = Field(sa_column=Column(Text, nullable=False))
    populations: str = Field(sa_column=Column(Text, nullable=False))
    subdivision: str = Field(sa_column=Column(Text, nullable=False))
    municipality: str = Field(sa_column=Column(Text, nullable=False))
    latitude: float | None = None
    longitude: float | None = None
    sort_name: str = Field(sa_column=Column(Text, nullable=False))
    sort_organisation: str = Field(sa_column=Column(Text, nullable=False))
    search: str = Field(sa_column=Column(Text, nullable=False))


class RegionalPractice(SQLModel, table=True):
    """A live practice of a country's consolidated state, in the columns the regional
    compilation reads and filters (codes between spaces, folded words), like ``RegionalService``."""

    __tablename__ = "regional_practice"

    country: str = Field(primary_key=True, max_length=2)
    record_id: str = Field(primary_key=True, max_length=64)
    title: str = Field(sa_column=Column(Text, nullable=False))
    state: str = Field(max_length=12)
    categories: str = Field(sa_column=Column(Text, nullable=False))
    populations: str = Field(sa_column=Column(Text, nullable=False))
    subdivisions: str = Field(sa_column=Column(Text, nullable=False))
    national: bool
    action_codes: str = Field(sa_column=Column(Text, nullable=False))
    updated_at: str = Field(max_length=40)
    sort_title: str = Field(sa_column=Column(Text, nullable=False))
    search: str = Field(sa_column=Column(Text, nullable=False))


def table_of(model: type[SQLModel]) -> Table:
    """A model's Core table, for the statements that read lists and write in bulk."""
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table
