"""The Secretariat's own key (signing key and age identity)."""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import Connection, insert, select, update

from focalpoint.domain.trust import SecretariatKeyRecord
from focalpoint.storage.secretariat.tables import SecretariatKey, table_of

_T = table_of(SecretariatKey)


def current(conn: Connection) -> SecretariatKeyRecord | None:
    row = conn.execute(select(_T).where(_T.c.replaced_at.is_(None))).mappings().first()
    return SecretariatKeyRecord(**row) if row else None


def add(conn: Connection, key: SecretariatKeyRecord) -> None:
    conn.execute(insert(_T).values(**asdict(key)))


def retire(conn: Connection, key_id: str, stamp: str) -> None:
    """A replaced key keeps its public halves on record; its secrets are erased."""
    conn.execute(
        update(_T)
        .where(_T.c.key_id == key_id)
        .values(replaced_at=stamp, private_pem=None, age_secret=None)
    )
