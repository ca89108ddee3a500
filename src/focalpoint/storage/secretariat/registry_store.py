"""The registry of country keys: single records, and lists read a page at a time (Core)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from focalpoint.domain.trust import CountryKeyRecord
from focalpoint.storage.secretariat.tables import CountryKey, table_of

_T = table_of(CountryKey)


def _record(row: Any) -> CountryKeyRecord:
    return CountryKeyRecord(**row)


def by_key_id(conn: Connection, key_id: str) -> CountryKeyRecord | None:
    row = conn.execute(select(_T).where(_T.c.key_id == key_id)).mappings().first()
    return _record(row) if row else None


def current_for(conn: Connection, country: str) -> CountryKeyRecord | None:
    query = select(_T).where(_T.c.country == country, _T.c.replaced_at.is_(None))
    row = conn.execute(query).mappings().first()
    return _record(row) if row else None


def add(conn: Connection, key: CountryKeyRecord) -> None:
    conn.execute(insert(_T).values(**asdict(key)))


def mark_replaced(conn: Connection, key_id: str, stamp: str) -> None:
    """The key is no longer the country's current one (``set_replaced_by`` names its successor
    once that is inserted: the foreign key is checked at once on PostgreSQL)."""
    conn.execute(update(_T).where(_T.c.key_id == key_id).values(replaced_at=stamp))


def revoke(conn: Connection, key_id: str, from_day: str) -> None:
    conn.execute(update(_T).where(_T.c.key_id == key_id).values(revoked_from=from_day))


def count(conn: Connection, country: str | None = None) -> int:
    query = select(func.count()).select_from(_T)
    if country is not None:
        query = query.where(_T.c.country == country)
    return int(conn.execute(query).scalar_one())


def page(
    conn: Connection, offset: int = 0, limit: int = 100, country: str | None = None
) -> list[CountryKeyRecord]:
    """One page of keys by country, newest registration first within a country."""
    query = select(_T).order_by(_T.c.country, _T.c.registered_at.desc(), _T.c.key_id)
    if country is not None:
        query = query.where(_T.c.country == country)
    rows = conn.execute(query.offset(offset).limit(limit)).mappings()
    return [_record(row) for row in rows]


def by_fingerprint(conn: Connection, fingerprint: str) -> CountryKeyRecord | None:
    row = conn.execute(select(_T).where(_T.c.fingerprint == fingerprint)).mappings().first()
    return _record(row) if row else None


def by_public_key(conn: Connection, raw: bytes) -> CountryKeyRecord | None:
    row = conn.execute(select(_T).where(_T.c.public_key == raw)).mappings().first()
    return _record(row) if row else None


def set_replaced_by(conn: Connection, key_id: str, by: str) -> None:
    conn.execute(update(_T).where(_T.c.key_id == key_id).values(replaced_by=by))


def countries(conn: Connection) -> list[str]:
    """Every country with a key on record, by code."""
    query = select(_T.c.country).distinct().order_by(_T.c.country)
    return [row.country for row in conn.execute(query)]
