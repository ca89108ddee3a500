"""Deciding on a received package (accept, return) and the consolidated store it feeds.

A country's consolidated state is a function of the packages accepted from it, whatever the
order they were accepted in: the records of the one with the highest sequence, each traced by
``set_by`` to the accepted package that set it as it stands. So it is rebuilt whole at each
acceptance, from the signed files kept in ``received/`` (``country_state``). A package accepted
after a newer one becomes ``superseded``: kept, counted in the tracing, never merged over the
newer data.

An acceptance makes the country's new state first (most of its time: reading and decoding the
package), then writes it in its transaction, if nobody decided on the country meanwhile. So
several packages (the inbox's selection, ``ts accept ID...``) are accepted by several
processes at once, a country each: one makes a state while another writes, and the writes
take turns (see :meth:`Consolidation.accept_many`).
"""

from __future__ import annotations

import logging
import os
import threading
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from focalpoint.domain.errors import FocalPointError, InvalidInput
from focalpoint.i18n import _, current_language, set_language
from focalpoint.services.common.collection_pause import collector_paused
from focalpoint.services.secretariat.country_state import (
    DECIDED,
    CountryState,
    country_state,
    made_from,
)
from focalpoint.services.secretariat.intake import STATE_LABELS, received_path
from focalpoint.services.secretariat.profile import SecretariatProfileService
from focalpoint.storage.secretariat import consolidated_store, inbox_store, regional_rows
from focalpoint.storage.secretariat.consolidated_store import AssignmentCell, ConsolidatedHead
from focalpoint.storage.secretariat.database import SecretariatDatabase, Transaction
from focalpoint.storage.secretariat.inbox_store import ReceivedRow
from focalpoint.storage.sqlite import now_iso

log = logging.getLogger("focalpoint")
MAX_REASON = 2000
# A batch whose packages weigh less than this is accepted in this process alone: starting
# another (a Python with FocalPoint's modules) takes about a second, more than it saves.
HELPERS_FROM_BYTES = 16 << 20


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
        return self._accept(package_id.strip(), nullcontext())

    def accept_many(
        self,
        package_ids: Sequence[str],
        progress: Callable[[int, int], None] | None = None,
    ) -> list[Decision | FocalPointError]:
        """Accept each package as :meth:`accept` does (each in its own transaction, a
        country's in the order given); one that cannot be accepted (returned, unknown, its kept
        file damaged) is answered with its reason, and the others go on: an answer per id
        given. ``progress(done, total)`` after each.

        Countries are shared between this process and others started for the batch, when it
        is large enough to repay their start (about a second): a process makes a country's
        state while another writes its own, and the writes take turns (one lock)."""
        ids = list(dict.fromkeys(i.strip() for i in package_ids))
        groups, weight = self._by_country(ids)
        outcomes: dict[str, Decision | FocalPointError] = {}

        def said(found: list[tuple[str, Decision | FocalPointError]]) -> None:
            outcomes.update(found)
            if progress is not None:
                progress(len(outcomes), len(ids))

        helpers = min(len(groups) - 1, (os.cpu_count() or 1) - 1)
        if helpers < 1 or weight < HELPERS_FROM_BYTES:
            with collector_paused():
                for each in groups:
                    said(self._accept_group(each, nullcontext()))
            return [outcomes[i.strip()] for i in package_ids]
        spawn = get_context("spawn")  # a fresh interpreter, never a copy of Qt's threads
        lock = spawn.Lock()
        queue = deque(groups)
        guard = threading.Lock()
        given: dict[Future[_HelperAnswer], list[str]] = {}
        revisions: list[int] = []  # the helpers' writes, this process's own to its window
        with (
            collector_paused(),
            ProcessPoolExecutor(
                helpers, spawn, initializer=_helper, initargs=(lock, current_language())
            ) as pool,
        ):

            def next_group() -> list[str] | None:
                with guard:
                    return queue.popleft() if queue else None

            def to_helper(_done: object = None) -> None:
                # One country at a time to each helper, the next when it is done: whoever is
                # free takes the next country, so nobody waits at the end for a long queue.
                with guard:
                    if not queue:
                        return
                    group = queue.popleft()
                    try:
                        future = pool.submit(
                            _accept_group_in_helper, self._folder, self._db.url, group
                        )
                    except RuntimeError:  # the pool broke (a helper died): this process goes on
                        queue.appendleft(group)
                        return
                    given[future] = group
                future.add_done_callback(to_helper)

            for _n in range(helpers):
                to_helper()
            while (group := next_group()) is not None:  # this process takes countries too
                said(self._accept_group(group, lock))
            with guard:
                handed = dict(given)  # the queue is empty: nothing more is handed out
            for future in as_completed(handed):
                try:
                    found, written = future.result()
                    said(found)
                    revisions += written
                except FocalPointError:
                    raise  # the store failed (a full disk…): as it would have here
                except Exception:  # the helper died (killed, out of memory): done here
                    log.warning("A helper process stopped; its country is accepted here")
                    said(self._accept_group(handed[future], lock))
        self._db.written_elsewhere(revisions)
        return [outcomes[i.strip()] for i in package_ids]

    def _by_country(self, ids: Sequence[str]) -> tuple[list[list[str]], int]:
        """The packages by country, each country's in the order given (an id not found is a
        group of its own: its acceptance says so), and how many bytes they take, in one read."""
        groups: dict[str, list[str]] = {}
        weight = 0
        with self._db.reading() as conn:
            for package_id in ids:
                row = inbox_store.by_id(conn, package_id)
                groups.setdefault(row.country if row else package_id, []).append(package_id)
                if row is not None:
                    weight += _size(received_path(self._folder, row))
        return list(groups.values()), weight

    def _accept_group(
        self, ids: Sequence[str], lock: AbstractContextManager[Any]
    ) -> list[tuple[str, Decision | FocalPointError]]:
        found: list[tuple[str, Decision | FocalPointError]] = []
        for package_id in ids:
            try:
                found.append((package_id, self._accept(package_id, lock)))
            except InvalidInput as refusal:
                found.append((package_id, refusal))
        return found

    def _accept(self, package_id: str, lock: AbstractContextManager[Any]) -> Decision:
        """Make the state the package's acceptance would write (outside the write and its
        ``lock``), then accept it in one transaction, writing that state if the country's
        decided packages are still the ones it was made from (else made again, inside)."""
        actor = self._profile.actor()
        made_ahead = self._state_if_accepted(package_id)
        with lock, self._db.transaction() as conn:
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
            decided = inbox_store.of_country(conn, row.country, DECIDED)
            made = made_ahead
            if made is None or made.made_from != made_from(decided):
                made = country_state(self._folder, decided)  # another analyst decided meanwhile
            _write(conn, made)
            decided_row = inbox_store.by_id(conn, row.id)
        assert decided_row is not None
        return Decision(decided_row, True)

    def _state_if_accepted(self, package_id: str) -> CountryState | None:
        """The country's state once the package is accepted, as the store stands now (None:
        it is not pending, or its file cannot be read: the acceptance says why)."""
        with self._db.reading() as conn:
            row = inbox_store.by_id(conn, package_id)
            if row is None or row.state != "pending":
                return None
            head = consolidated_store.head(conn, row.country)
            decided = inbox_store.of_country(conn, row.country, DECIDED)
        state = "superseded" if head is not None and head.sequence > row.sequence else "accepted"
        try:
            return country_state(self._folder, [*decided, replace(row, state=state)])
        except InvalidInput:
            return None

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


def _pending_or_decided(conn: Transaction, package_id: str) -> ReceivedRow:
    row = inbox_store.by_id(conn, package_id.strip())
    if row is None:
        raise InvalidInput(_("No received package has the id {id}.").format(id=package_id.strip()))
    return row


def _write(conn: Transaction, made: CountryState) -> None:
    """Make ``made`` the country's consolidated state and regional rows (inside the decision's
    transaction, so that it lands with the decision or not at all)."""
    head = ConsolidatedHead(made.country, made.package_id, made.sequence, now_iso())
    consolidated_store.replace_country(conn, head, made.cells, made.records)
    regional_rows.replace_country(conn, made.country, made.services, made.practices)


# A helper process's turn at writing: the batch's lock, set when the process starts.
_write_turn: AbstractContextManager[Any] = nullcontext()


# What a helper answers: each package's outcome, and the store revisions its writes got.
_HelperAnswer = tuple[list[tuple[str, "Decision | FocalPointError"]], list[int]]


def _helper(lock: AbstractContextManager[Any], language: str) -> None:
    global _write_turn
    _write_turn = lock
    set_language(language)  # its refusals are read by the user


def _accept_group_in_helper(
    folder: Path, url: str | None, ids: Sequence[str]
) -> tuple[list[tuple[str, Decision | FocalPointError]], list[int]]:
    """A helper process's part of a batch: one country's packages, on its own connection;
    with the store revisions its writes got (the window that asked is not to take them for
    another analyst's)."""
    db = SecretariatDatabase.open(folder, url)
    try:
        consolidation = Consolidation(folder, db, SecretariatProfileService(db))
        with collector_paused():
            found = consolidation._accept_group(ids, _write_turn)
        return found, db.own_revisions()
    finally:
        db.close()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
