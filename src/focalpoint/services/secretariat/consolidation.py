"""Deciding on a received package (accept, return) and the consolidated store it feeds.

A country's consolidated state is a function of the packages accepted from it, whatever the
order they were accepted in: the records of the one with the highest sequence, each traced by
``set_by`` to the accepted package that set it as it stands. So it is rebuilt whole at each
acceptance, from the signed files kept in ``received/``. A package accepted after a newer one
becomes ``superseded``: kept, counted in the tracing, never merged over the newer data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.regional_matrix import entity_name
from focalpoint.domain.submission_changes import RECORD_KINDS, set_by
from focalpoint.i18n import _
from focalpoint.services.common.collection_pause import collector_paused
from focalpoint.services.secretariat.intake import (
    STATE_LABELS,
    read_stored,
    read_stored_records,
)
from focalpoint.services.secretariat.profile import SecretariatProfileService
from focalpoint.storage.secretariat import consolidated_store, inbox_store, regional_rows
from focalpoint.storage.secretariat.consolidated_store import AssignmentCell, ConsolidatedHead
from focalpoint.storage.secretariat.database import SecretariatDatabase, Transaction
from focalpoint.storage.secretariat.inbox_store import ReceivedRow
from focalpoint.storage.sqlite import now_iso

MAX_REASON = 2000
# Accepted by a person: both count in tracing who set each record.
DECIDED = ("accepted", "superseded")


@dataclass(frozen=True)
class Decision:
    package: ReceivedRow  # as it stands after the decision
    changed: bool  # False: it had been decided so already (nothing was done)


class Consolidation:
    def __init__(
        self, folder: Path, db: SecretariatDatabase, profile: SecretariatProfileService
    ) -> None:
        self._folder = folder
        self._db = db
        self._profile = profile

    def accept(self, package_id: str) -> Decision:
        """Accept a pending package: the country's state if it is the newest accepted,
        ``superseded`` otherwise. Accepting it again changes nothing."""
        actor = self._profile.actor()
        with collector_paused(), self._db.transaction() as conn:
            row = _pending_or_decided(conn, package_id)
            inbox_store.lock_country(conn, row.country)
            row = _pending_or_decided(conn, package_id)  # as it is once the lock is held
            if row.state in DECIDED:
                return Decision(row, False)
            if row.state == "returned":
                raise InvalidInput(
                    _(
                        "Submission {n} of {country} was returned; it cannot be accepted. The "
                        "country sends a new one."
                    ).format(n=row.sequence, country=row.country)
                )
            head = consolidated_store.head(conn, row.country)
            newer = head is not None and head.sequence > row.sequence
            state = "superseded" if newer else "accepted"
            inbox_store.set_state(conn, row.id, state, "", now_iso(), actor)
            self._rebuild(conn, row.country)
            decided = inbox_store.by_id(conn, row.id)
        assert decided is not None
        return Decision(decided, True)

    def return_(self, package_id: str, reason: str) -> Decision:
        """Return a pending package to its country with ``reason`` (required, any language);
        nothing of it is merged."""
        actor = self._profile.actor()
        reason = reason.strip()
        if not reason:
            raise InvalidInput(_("Say why the submission is returned (--reason)."))
        if len(reason) > MAX_REASON:
            raise InvalidInput(
                _("A field is too long (at most {n} characters).").format(n=MAX_REASON)
            )
        with self._db.transaction() as conn:
            row = _pending_or_decided(conn, package_id)
            inbox_store.lock_country(conn, row.country)
            row = _pending_or_decided(conn, package_id)
            if row.state == "returned" and row.reason == reason:
                return Decision(row, False)
            if row.state != "pending":
                raise InvalidInput(
                    _(
                        "Submission {n} of {country} is {state} already; only a pending one "
                        "can be returned."
                    ).format(n=row.sequence, country=row.country, state=_(STATE_LABELS[row.state]))
                )
            inbox_store.set_state(conn, row.id, "returned", reason, now_iso(), actor)
            decided = inbox_store.by_id(conn, row.id)
        assert decided is not None
        return Decision(decided, True)

    def head(self, country: str) -> ConsolidatedHead | None:
        with self._db.reading() as conn:
            return consolidated_store.head(conn, country)

    def assignments(self, country: str) -> list[AssignmentCell]:
        with self._db.reading() as conn:
            return consolidated_store.assignments(conn, country)

    def set_by(self, country: str, action_code: str) -> ReceivedRow | None:
        """The accepted package that set a country's cell of one action as it stands (None:
        nothing accepted from the country has touched the action)."""
        with self._db.reading() as conn:
            cells = consolidated_store.assignments(conn, country, action_code)
            return inbox_store.by_id(conn, cells[0].set_by) if cells else None

    def records(self, country: str, kind: str) -> list[tuple[str, dict[str, Any], str]]:
        with self._db.reading() as conn:
            return consolidated_store.records(conn, country, kind)

    def _rebuild(self, conn: Transaction, country: str) -> None:
        """Write the country's state from its accepted packages (inside the decision's
        transaction, so that it lands with the decision or not at all)."""
        decided = inbox_store.of_country(conn, country, DECIDED)
        if not decided:
            return
        by_sequence = {row.sequence: row for row in decided}
        newest = max(r.sequence for r in decided if r.state == "accepted")
        current, texts = read_stored_records(self._folder, by_sequence[newest])
        data = {
            n: current if n == newest else read_stored(self._folder, row)
            for n, row in by_sequence.items()
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
        head = ConsolidatedHead(country, by_sequence[newest].id, newest, now_iso())
        consolidated_store.replace_country(conn, head, cells, records)
        regional_rows.replace_country(conn, country, current)


def _pending_or_decided(conn: Transaction, package_id: str) -> ReceivedRow:
    row = inbox_store.by_id(conn, package_id.strip())
    if row is None:
        raise InvalidInput(_("No received package has the id {id}.").format(id=package_id.strip()))
    return row
