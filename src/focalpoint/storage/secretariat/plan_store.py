"""The plan versions the Secretariat knows: a package for any other is refused at intake."""

from __future__ import annotations

from sqlalchemy import Connection, insert, select

from focalpoint.storage.secretariat.tables import KnownPlan, table_of

_T = table_of(KnownPlan)


def knows(conn: Connection, code: str, version: str) -> bool:
    query = select(_T.c.code).where(_T.c.code == code, _T.c.version == version)
    return conn.execute(query).first() is not None


def add(conn: Connection, code: str, version: str, stamp: str) -> None:
    """Know ``code`` ``version`` (nothing happens when it is known already)."""
    if not knows(conn, code, version):
        conn.execute(insert(_T).values(code=code, version=version, added_at=stamp))


def known(conn: Connection) -> list[tuple[str, str]]:
    return [(r.code, r.version) for r in conn.execute(select(_T).order_by(_T.c.code, _T.c.version))]
