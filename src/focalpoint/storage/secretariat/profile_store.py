"""The Secretariat's profile (one row): read and written with Core statements."""

from __future__ import annotations

from sqlalchemy import Connection, insert, select, update

from focalpoint.domain.trust import SecretariatProfileRecord
from focalpoint.storage.secretariat.tables import SecretariatProfile, table_of

_T = table_of(SecretariatProfile)


def get(conn: Connection) -> SecretariatProfileRecord | None:
    row = conn.execute(select(_T.c.name, _T.c.language).where(_T.c.id == 1)).first()
    return SecretariatProfileRecord(row.name, row.language) if row else None


def save(conn: Connection, profile: SecretariatProfileRecord, stamp: str) -> None:
    """Insert the one row, or update it: no dialect's upsert, the same SQL on every database."""
    values = {"name": profile.name, "language": profile.language, "updated_at": stamp}
    changed = conn.execute(update(_T).where(_T.c.id == 1).values(**values)).rowcount
    if not changed:
        conn.execute(insert(_T).values(id=1, created_at=stamp, **values))
