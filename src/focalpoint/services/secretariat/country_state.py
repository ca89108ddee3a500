"""A country's consolidated state, made from the files of its accepted packages: what an
acceptance writes, computed apart from the writing so that it can be made ahead, in a second
process, while the previous acceptance of a batch is written.

A country's state is a function of its decided packages (which ones, their bytes, which are
accepted rather than superseded): :attr:`CountryState.made_from` names them, and an
acceptance writes a state made ahead only when the packages it finds decided, once it holds
the country's lock, are those.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from focalpoint.domain.regional_matrix import entity_name
from focalpoint.domain.submission_changes import RECORD_KINDS, set_by
from focalpoint.services.common.collection_pause import collector_paused
from focalpoint.services.secretariat.intake import read_stored, read_stored_records
from focalpoint.storage.secretariat import regional_rows
from focalpoint.storage.secretariat.consolidated_store import AssignmentCell
from focalpoint.storage.secretariat.inbox_store import ReceivedRow

# Accepted by a person: both count in tracing who set each record.
DECIDED = ("accepted", "superseded")
MadeFrom = tuple[tuple[int, str, str, str], ...]  # (sequence, id, sha256, state), by sequence


@dataclass(frozen=True)
class CountryState:
    """What an acceptance writes for a country (see ``consolidated_store.replace_country`` and
    ``regional_rows.replace_country``)."""

    made_from: MadeFrom
    country: str
    package_id: str  # the newest accepted package: the country's state
    sequence: int
    cells: list[AssignmentCell]
    records: list[tuple[str, str, str, str]]  # (kind, id, the record's JSON text, set_by)
    services: list[tuple[Any, ...]]
    practices: list[tuple[Any, ...]]


def made_from(decided: Sequence[ReceivedRow]) -> MadeFrom:
    return tuple(sorted((r.sequence, r.id, r.sha256, r.state) for r in decided))


def country_state(folder: Path, decided: Sequence[ReceivedRow]) -> CountryState:
    """The state that ``decided`` (a country's decided packages, one accepted at least) make,
    read from their files kept in ``folder``; InvalidInput when a kept file was damaged."""
    with collector_paused():  # tens of thousands of records, freed whole when written
        return _state(folder, decided)


def _state(folder: Path, decided: Sequence[ReceivedRow]) -> CountryState:
    by_sequence = {row.sequence: row for row in decided}
    newest = max(r.sequence for r in decided if r.state == "accepted")
    current, texts = read_stored_records(folder, by_sequence[newest])
    data = {
        n: current if n == newest else read_stored(folder, row) for n, row in by_sequence.items()
    }
    origin = {key: by_sequence[n].id for key, n in set_by(data).items()}
    names = {e["id"]: entity_name(e) for e in current.get("entities", ())}
    cells = [
        AssignmentCell(
            a["action_code"],
            a.get("lead_id"),
            names.get(a.get("lead_id") or "", ""),
            tuple(a.get("support_ids") or ()),
            tuple(names.get(i, "") for i in a.get("support_ids") or ()),
            str(a.get("status") or "not_started"),
            a.get("note") or "",
            origin[("assignments", a["action_code"])],
        )
        for a in current.get("assignments", ())
    ]
    # Each record kept as the text the country signed (``texts``), not encoded again.
    records = [
        (kind, str(record["id"]), text, origin[(kind, str(record["id"]))])
        for kind in RECORD_KINDS
        for record, text in zip(current.get(kind, ()), texts.get(kind, ()), strict=True)
    ]
    country = by_sequence[newest].country
    services, practices = regional_rows.rows_of(country, current)
    return CountryState(
        made_from(decided),
        country,
        by_sequence[newest].id,
        newest,
        cells,
        records,
        services,
        practices,
    )
