"""The inbox of received packages: what intake writes, and its list a page at a time."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import Connection, func, insert, select, update

from focalpoint.storage.secretariat.tables import CountryKey, ReceivedPackage, table_of

_T = table_of(ReceivedPackage)
_KEYS = table_of(CountryKey)


@dataclass(frozen=True)
class ReceivedRow:
    id: str
    country: str
    sequence: int
    previous_sha256: str | None
    sha256: str
    plan_code: str
    plan_version: str
    officer_name: str
    created_at: str
    received_at: str
    key_id: str
    state: str
    reason: str
    file_name: str
    placement: str = "next"
    missing: str = ""
    changes: str = "{}"
    decided_at: str | None = None
    decided_by: str | None = None


@dataclass(frozen=True)
class InboxRow:
    """A row of the inbox list: the package and the fingerprint of the key that signed it."""

    package: ReceivedRow
    fingerprint: str

    @property
    def id(self) -> str:
        return self.package.id


def add(conn: Connection, row: ReceivedRow) -> None:
    conn.execute(insert(_T).values(**asdict(row)))


def by_sha256(conn: Connection, sha256: str) -> ReceivedRow | None:
    found = conn.execute(select(_T).where(_T.c.sha256 == sha256)).mappings().first()
    return ReceivedRow(**found) if found else None


def by_id(conn: Connection, package_id: str) -> ReceivedRow | None:
    found = conn.execute(select(_T).where(_T.c.id == package_id)).mappings().first()
    return ReceivedRow(**found) if found else None


def of_country(conn: Connection, country: str, states: tuple[str, ...] = ()) -> list[ReceivedRow]:
    """Every package received from ``country`` (in those ``states``), by sequence: tens a
    year per country, so read whole."""
    query = select(_T).where(_T.c.country == country).order_by(_T.c.sequence, _T.c.received_at)
    if states:
        query = query.where(_T.c.state.in_(states))
    return [ReceivedRow(**row) for row in conn.execute(query).mappings()]


def lock_country(conn: Connection, country: str) -> None:
    """Hold the country's received packages until the transaction ends (PostgreSQL: two
    analysts deciding on one country's packages at once take turns; SQLite's write transaction
    holds the whole file already, and SQLAlchemy writes no FOR UPDATE for it)."""
    conn.execute(select(_T.c.id).where(_T.c.country == country).with_for_update()).all()


def set_state(
    conn: Connection,
    package_id: str,
    state: str,
    reason: str = "",
    decided_at: str | None = None,
    decided_by: str | None = None,
) -> None:
    conn.execute(
        update(_T)
        .where(_T.c.id == package_id)
        .values(state=state, reason=reason, decided_at=decided_at, decided_by=decided_by)
    )


def count(conn: Connection, country: str | None = None, state: str | None = None) -> int:
    query = select(func.count()).select_from(_T)
    if country is not None:
        query = query.where(_T.c.country == country)
    if state is not None:
        query = query.where(_T.c.state == state)
    return int(conn.execute(query).scalar_one())


def page(
    conn: Connection,
    offset: int = 0,
    limit: int = 100,
    country: str | None = None,
    state: str | None = None,
) -> list[ReceivedRow]:
    """One page of the inbox, newest first."""
    return [row.package for row in listing(conn, offset, limit, country, state)]


def listing(
    conn: Connection,
    offset: int = 0,
    limit: int = 100,
    country: str | None = None,
    state: str | None = None,
) -> list[InboxRow]:
    """One page of the inbox, newest first, with each signing key's fingerprint (one join)."""
    query = (
        select(_T, _KEYS.c.fingerprint)
        .join(_KEYS, _KEYS.c.key_id == _T.c.key_id)
        .order_by(_T.c.received_at.desc(), _T.c.id)
    )
    if country is not None:
        query = query.where(_T.c.country == country)
    if state is not None:
        query = query.where(_T.c.state == state)
    rows = conn.execute(query.offset(offset).limit(limit)).mappings()
    return [
        InboxRow(
            ReceivedRow(**{k: v for k, v in row.items() if k != "fingerprint"}),
            row["fingerprint"],
        )
        for row in rows
    ]
