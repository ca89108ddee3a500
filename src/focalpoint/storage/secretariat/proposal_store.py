"""The countries' amendment proposals the Secretariat received, and its answers to them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, RowMapping, insert, select, update

from focalpoint.domain.proposals import RegionalProposal
from focalpoint.storage.secretariat.tables import Proposal, table_of

_T = table_of(Proposal)


def _row(found: RowMapping) -> RegionalProposal:
    return RegionalProposal(**found)


def all_proposals(conn: Connection, country: str | None = None) -> list[RegionalProposal]:
    """Every proposal (of ``country``), by its target's code, then country and date: a few
    hundred in a plan's life, read whole."""
    query = select(_T).order_by(_T.c.target_code, _T.c.country, _T.c.proposed_at)
    if country is not None:
        query = query.where(_T.c.country == country)
    return [_row(found) for found in conn.execute(query).mappings()]


def get(conn: Connection, country: str, proposal_id: str) -> RegionalProposal | None:
    found = (
        conn.execute(select(_T).where(_T.c.country == country, _T.c.proposal_id == proposal_id))
        .mappings()
        .first()
    )
    return _row(found) if found else None


def matching(conn: Connection, country: str | None, prefix: str) -> list[RegionalProposal]:
    """The proposals (of ``country``) whose id starts with ``prefix``: at most two, enough to
    tell one from ambiguous."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    query = select(_T).where(_T.c.proposal_id.like(escaped + "%", escape="\\")).limit(2)
    if country is not None:
        query = query.where(_T.c.country == country)
    return [_row(found) for found in conn.execute(query).mappings()]


def take_in(
    conn: Connection, country: str, package_id: str, proposals: Iterable[Mapping[str, Any]]
) -> list[str]:
    """Record a package's proposals as ``submitted``; one on record already (sent again) is
    left as it is, answer and all. Returns the ids recorded now."""
    added = []
    for p in proposals:
        if get(conn, country, p["id"]) is not None:
            continue
        conn.execute(
            insert(_T).values(
                country=country,
                proposal_id=p["id"],
                package_id=package_id,
                target_code=p["target_code"],
                kind=p["kind"],
                language=p["language"],
                text=p["text"],
                justification=p["justification"],
                proposed_at=p["created_at"],
                proposed_by=p["created_by"][:200],
                state="submitted",
                state_reason="",
                state_version="",
                state_at=None,
                state_by=None,
            )
        )
        added.append(p["id"])
    return added


def set_answer(
    conn: Connection,
    country: str,
    proposal_id: str,
    state: str,
    reason: str,
    version: str,
    at: str,
    by: str,
) -> None:
    conn.execute(
        update(_T)
        .where(_T.c.country == country, _T.c.proposal_id == proposal_id)
        .values(state=state, state_reason=reason, state_version=version, state_at=at, state_by=by)
    )
