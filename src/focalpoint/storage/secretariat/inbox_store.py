"""The inbox of received packages: what intake will write, and its list a page at a time."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, select, update

from focalpoint.storage.secretariat.tables import ReceivedPackage, table_of

_T = table_of(ReceivedPackage)


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


def add(conn: Connection, row: ReceivedRow) -> None:
    conn.execute(insert(_T).values(**row.__dict__))


def by_sha256(conn: Connection, sha256: str) -> ReceivedRow | None:
    found = conn.execute(select(_T).where(_T.c.sha256 == sha256)).mappings().first()
    return ReceivedRow(**found) if found else None


def set_state(conn: Connection, package_id: str, state: str, reason: str = "") -> None:
    conn.execute(update(_T).where(_T.c.id == package_id).values(state=state, reason=reason))


def count(conn: Connection, country: str | None = None) -> int:
    query = select(func.count()).select_from(_T)
    if country is not None:
        query = query.where(_T.c.country == country)
    return int(conn.execute(query).scalar_one())


def page(
    conn: Connection, offset: int = 0, limit: int = 100, country: str | None = None
) -> list[ReceivedRow]:
    """One page of the inbox, newest first."""
    query = select(_T).order_by(_T.c.received_at.desc(), _T.c.id)
    if country is not None:
        query = query.where(_T.c.country == country)
    return [
        ReceivedRow(**row) for row in conn.execute(query.offset(offset).limit(limit)).mappings()
    ]
