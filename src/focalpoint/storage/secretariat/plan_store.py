"""The plan versions the Secretariat knows (a package for any other is refused at intake), and
the versions it published, each with its signed file and its lineage."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, insert, select, text

from focalpoint.domain.plan import version_key
from focalpoint.domain.plan_versions import Predecessor, PublishedPlan
from focalpoint.storage.secretariat.tables import KnownPlan, PlanVersion, table_of

_T = table_of(KnownPlan)
_V = table_of(PlanVersion)
_PUBLISHING_LOCK = 0x4650504C  # "FPPL"


def hold_publishing(conn: Connection) -> None:
    """Publish one version at a time, until this transaction ends: two analysts on a shared
    server publishing 1.1 and 1.2 at once would each name only 1.0 as the predecessor, and the
    later version would fork from the earlier. (SQLite's writers wait for each other anyway.)"""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PUBLISHING_LOCK})


def knows(conn: Connection, code: str, version: str) -> bool:
    query = select(_T.c.code).where(_T.c.code == code, _T.c.version == version)
    return conn.execute(query).first() is not None


def add(conn: Connection, code: str, version: str, stamp: str) -> None:
    """Know ``code`` ``version`` (nothing happens when it is known already)."""
    if not knows(conn, code, version):
        conn.execute(insert(_T).values(code=code, version=version, added_at=stamp))


def known(conn: Connection) -> list[tuple[str, str]]:
    return [(r.code, r.version) for r in conn.execute(select(_T).order_by(_T.c.code, _T.c.version))]


def add_version(conn: Connection, plan: PublishedPlan) -> None:
    """Record a published version (the keys refuse the same version, or document, twice)."""
    lineage = [{"version": p.version, "sha256": p.sha256} for p in plan.lineage]
    conn.execute(
        insert(_V).values(
            code=plan.code,
            version=plan.version,
            sha256=plan.sha256,
            lineage=json.dumps(lineage),
            document=plan.document,
            signed_file=plan.signed_file,
            key_id=plan.key_id,
            published_at=plan.published_at,
            published_by=plan.published_by,
        )
    )


def versions(conn: Connection) -> list[PublishedPlan]:
    """Every published version, oldest first (by version number, as plans order them)."""
    rows = [_record(r) for r in conn.execute(select(_V)).mappings()]
    return sorted(rows, key=lambda r: (r.code, version_key(r.version)))


def latest(conn: Connection) -> PublishedPlan | None:
    """The newest published version, None before the first. The versions' numbers are read
    first, so that only the newest one's document and signed file are loaded."""
    heads = conn.execute(select(_V.c.code, _V.c.version)).all()
    if not heads:
        return None
    code, version = max(heads, key=lambda r: version_key(r.version))
    query = select(_V).where(_V.c.code == code, _V.c.version == version)
    return _record(conn.execute(query).mappings().one())


def _record(row: Any) -> PublishedPlan:
    lineage = tuple(Predecessor(p["version"], p["sha256"]) for p in json.loads(row["lineage"]))
    return PublishedPlan(
        code=row["code"],
        version=row["version"],
        sha256=row["sha256"],
        lineage=lineage,
        document=row["document"],
        signed_file=bytes(row["signed_file"]),
        key_id=row["key_id"],
        published_at=row["published_at"],
        published_by=row["published_by"],
    )
