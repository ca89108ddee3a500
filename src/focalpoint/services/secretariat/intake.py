"""Receiving submission packages: checked, placed in their country's chain, kept, listed.

Each file of a batch is checked on its own (intact and signed, by the country's registered key
valid when the package was made, for a plan version the Secretariat knows, in its place in the
chain); a refused file is reported with its reason and nothing of it is written, and the batch
goes on. A file taken in is copied whole into the workspace's ``received/`` folder (for a
PostgreSQL workspace too: the store holds the record, the folder the signed bytes) and recorded
as pending, with a summary of what it changes since the country's last accepted submission.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from focalpoint.domain.errors import InvalidInput, PackageRefused, StorageError
from focalpoint.domain.submission_chain import Link, Place, Placement, place_of
from focalpoint.domain.submission_changes import SubmissionChanges, changes_between
from focalpoint.i18n import N_, _
from focalpoint.services.common.collection_pause import collector_paused
from focalpoint.services.common.files import copy_whole, remove
from focalpoint.services.common.package_check import decrypt_with, is_encrypted
from focalpoint.services.secretariat.change_details import SubmissionDetails, describe
from focalpoint.services.secretariat.plans import KnownPlans
from focalpoint.services.secretariat.profile import SecretariatProfileService
from focalpoint.services.secretariat.registry import Registry, checked_country
from focalpoint.services.secretariat.signing_keys import SecretariatKeyService
from focalpoint.storage.secretariat import consolidated_store, inbox_store, proposal_store
from focalpoint.storage.secretariat.database import SecretariatDatabase
from focalpoint.storage.secretariat.inbox_store import InboxRow, ReceivedRow

__all__ = ["InboxRow", "Intake", "ReceiveResult", "ReceivedRow"]
from focalpoint.storage.sqlite import now_iso

if TYPE_CHECKING:
    from focalpoint.package.reader import VerifiedPackage

RECEIVED_FOLDER = "received"
PAGE = 100
STATES = ("pending", "accepted", "returned", "superseded")
ACCEPTED = ("accepted", "superseded")  # accepted by a person, merged or not
STATE_LABELS = {
    "pending": N_("pending"),
    "accepted": N_("accepted"),
    "returned": N_("returned"),
    "superseded": N_("superseded"),
}

# What happened to one file of a batch.
TAKEN_IN = "received"
DUPLICATE = "duplicate"
REFUSED = "refused"


@dataclass(frozen=True)
class ReceiveResult:
    """One file's outcome: taken in (with its placement), a duplicate, or refused (why)."""

    file: Path
    outcome: str  # TAKEN_IN, DUPLICATE or REFUSED
    reason: str  # the placement (taken in) or the refusal, in the user's language
    code: str = ""  # for scripts: the placement (next, gap, late) or the refusal's reason
    country: str = ""
    sequence: int | None = None
    id: str = ""  # the received package's id (taken in, or the earlier one for a duplicate)


class _Refused(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def received_path(folder: Path, row: ReceivedRow) -> Path:
    return folder / RECEIVED_FOLDER / row.file_name


def read_stored(folder: Path, row: ReceivedRow) -> dict[str, Any]:
    """The records of a package kept in ``received/``, checked again (the folder is on a disk
    anyone may reach: its bytes must still be the ones received)."""
    from focalpoint.package.submission_contents import read_submission_data

    # The same bytes as those checked whole when the package was taken in.
    return read_submission_data(_verify_stored(folder, row), checked=True)


def read_stored_records(
    folder: Path, row: ReceivedRow
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """``read_stored``, and each record's own JSON text by kind (what an acceptance keeps)."""
    from focalpoint.package.submission_contents import read_submission_records

    return read_submission_records(_verify_stored(folder, row), checked=True)


def _verify_stored(folder: Path, row: ReceivedRow) -> VerifiedPackage:
    from focalpoint.package.reader import verify_package

    path = received_path(folder, row)
    try:
        verified = verify_package(path)
    except PackageRefused as refusal:
        raise InvalidInput(
            _("The kept copy {path} of a received package is damaged: {reason}").format(
                path=path, reason=refusal
            )
        ) from None
    if verified.sha256 != row.sha256:
        raise InvalidInput(
            _("The kept copy {path} is not the package that was received.").format(path=path)
        )
    return verified


def change_summary(changes: SubmissionChanges) -> dict[str, Any]:
    """What the inbox keeps of the changes: the action codes and, per kind, counts. The full
    list is computed again from the kept files when someone asks for it."""
    kinds = {
        kind: {
            name: len(getattr(found, name))
            for name in ("added", "changed", "removed", "restored", "missing")
            if getattr(found, name)
        }
        for kind, found in changes.kinds.items()
        if not found.empty
    }
    return {
        "actions": [change.action_code for change in changes.actions],
        "missing_actions": len(changes.missing_actions),
        "kinds": kinds,
    }


class Intake:
    def __init__(
        self,
        folder: Path,
        db: SecretariatDatabase,
        profile: SecretariatProfileService,
        registry: Registry,
        keys: SecretariatKeyService,
        plans: KnownPlans,
    ) -> None:
        self._folder = folder
        self._db = db
        self._profile = profile
        self._registry = registry
        self._keys = keys
        self._plans = plans

    # ----- receiving

    @staticmethod
    def needs_passphrase(paths: Iterable[Path]) -> bool:
        """Whether any of ``paths`` is encrypted (the passphrase opens the age identity)."""
        return any(_encrypted_or_not(Path(p)) for p in paths)

    def receive(self, paths: Sequence[Path], passphrase: str | None = None) -> list[ReceiveResult]:
        """Check and take in each file; the age identity is unlocked once for the batch."""
        self._profile.actor()  # set up first, as for every change
        self._plans.ensure_bundled()
        identity = None
        if self.needs_passphrase(paths):
            if passphrase is None:
                raise InvalidInput(
                    _("An encrypted package needs the Secretariat's passphrase to be opened.")
                )
            identity = self._keys.unlock(passphrase).age  # WrongPassphrase: nothing done
        folder = self._folder / RECEIVED_FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        with collector_paused():  # each package's records decoded and compared
            return [self._receive_one(Path(path), identity, folder) for path in paths]

    def _receive_one(self, path: Path, identity: object, folder: Path) -> ReceiveResult:
        clear = path
        try:
            if _encrypted_or_not(path):
                clear = decrypt_with(path, identity, folder)
            try:
                return self._take_in(path, clear, folder)
            except StorageError:
                # Another analyst took in this file, or another of its number, at the same
                # moment (the store's unique keys refused the second): checked again, it is
                # now a duplicate or a replay. Any other failure fails again and goes up.
                return self._take_in(path, clear, folder)
        except _Refused as refusal:
            return ReceiveResult(path, REFUSED, str(refusal), refusal.code)
        except PackageRefused as refusal:
            return ReceiveResult(path, REFUSED, str(refusal), refusal.reason)
        except InvalidInput as refusal:  # unreadable, not a file, damaged records
            return ReceiveResult(path, REFUSED, str(refusal), "unreadable")
        finally:
            if clear != path:
                remove(clear)

    def _take_in(self, path: Path, clear: Path, folder: Path) -> ReceiveResult:
        from focalpoint.package.reader import verify_package
        from focalpoint.package.submission_contents import proposals_of, read_submission_data

        verified = verify_package(clear)  # intact and signed by the key it carries
        manifest = verified.manifest
        country, sequence = manifest.country, manifest.sequence
        with self._db.reading() as conn:
            earlier = inbox_store.by_sha256(conn, verified.sha256)
        if earlier is not None:
            return self._duplicate(path, earlier)
        verdict = self._registry.key_for(country, verified.key_id, manifest.created_at)
        if not verdict.trusted:
            assert verdict.refusal is not None
            raise _Refused(verdict.refusal.value, verdict.message)
        if not self._plans.knows(manifest.plan_code, manifest.plan_version):
            raise _Refused(
                "unknown_plan",
                _(
                    "This package is for the plan {code} version {version}, which the "
                    "Secretariat does not know. Known: {known}."
                ).format(
                    code=manifest.plan_code,
                    version=manifest.plan_version,
                    known=", ".join(f"{c} {v}" for c, v in self._plans.known()) or "—",
                ),
            )
        data = read_submission_data(verified)
        proposals = proposals_of(data)
        summary = json.dumps(change_summary(changes_between(self._accepted_data(country), data)))
        row = _row(verified, path, summary)
        target = folder / row.file_name
        stored = False
        try:
            with self._db.transaction() as conn:
                # Placed inside the write: another analyst may take in a package meanwhile.
                earlier = inbox_store.by_sha256(conn, verified.sha256)
                if earlier is not None:
                    return self._duplicate(path, earlier)
                links = [
                    Link(r.sequence, r.sha256, r.previous_sha256)
                    for r in inbox_store.of_country(conn, country)
                ]
                new = Link(sequence, verified.sha256, manifest.previous_sha256)
                placement = place_of(new, links)
                if placement.place is Place.DUPLICATE:  # recorded between the two reads above
                    recorded = inbox_store.by_sha256(conn, verified.sha256)
                    assert recorded is not None
                    return self._duplicate(path, recorded)
                if not placement.place.acceptable:
                    raise _Refused(placement.place.value, placement.describe(sequence))
                row = _placed(row, placement)
                copy_whole(
                    clear,
                    target,
                    sha256=verified.sha256,
                    changed=_("The file {path} changed while it was received.").format(path=path),
                    failure=_("The file {path} cannot be written: {reason}."),
                )
                stored = True
                inbox_store.add(conn, row)
                # Proposals are taken in with the package, before any decision on its data: a
                # returned package's proposals were still sent (see services/secretariat/proposals).
                proposal_store.take_in(conn, country, row.id, proposals)
        except BaseException:
            if stored and not self._on_record(verified.sha256):
                # The record was not written: neither is the file. (When another analyst took
                # in the same file meanwhile, the copy under that name is theirs: it stays.)
                remove(target)
            raise
        return ReceiveResult(
            path,
            TAKEN_IN,
            placement.describe(sequence),
            placement.place.value,
            country,
            sequence,
            row.id,
        )

    def _on_record(self, sha256: str) -> bool:
        try:
            with self._db.reading() as conn:
                return inbox_store.by_sha256(conn, sha256) is not None
        except StorageError:
            return False

    def _duplicate(self, path: Path, earlier: ReceivedRow) -> ReceiveResult:
        return ReceiveResult(
            path,
            DUPLICATE,
            _("This package was received already; it is not taken in twice."),
            Place.DUPLICATE.value,
            earlier.country,
            earlier.sequence,
            earlier.id,
        )

    def _accepted_data(self, country: str) -> dict[str, Any] | None:
        """The records of the country's consolidated state (None before its first)."""
        with self._db.reading() as conn:
            head = consolidated_store.head(conn, country)
            row = inbox_store.by_id(conn, head.package_id) if head else None
        return read_stored(self._folder, row) if row else None

    # ----- the inbox

    def count(self, country: str | None = None, state: str | None = None) -> int:
        with self._db.reading() as conn:
            return inbox_store.count(conn, _country(country), _state(state))

    def page(
        self,
        country: str | None = None,
        state: str | None = None,
        offset: int = 0,
        limit: int = PAGE,
    ) -> list[InboxRow]:
        """One page of the inbox, newest first, filtered by country and state."""
        with self._db.reading() as conn:
            return inbox_store.listing(conn, offset, limit, _country(country), _state(state))

    def get(self, package_id: str) -> ReceivedRow:
        with self._db.reading() as conn:
            row = inbox_store.by_id(conn, package_id.strip())
        if row is None:
            raise InvalidInput(
                _("No received package has the id {id}.").format(id=package_id.strip())
            )
        return row

    def changes(self, package_id: str) -> SubmissionChanges:
        """The full list of changes of a received package, recomputed from the kept files:
        against the country's accepted submission before it (see :meth:`since`)."""
        row = self.get(package_id)
        since = self.since(row)
        before = read_stored(self._folder, since) if since else None
        return changes_between(before, read_stored(self._folder, row))

    def since(self, row: ReceivedRow) -> ReceivedRow | None:
        """The submission ``row`` is compared against: the country's accepted (or superseded)
        one with the highest number below it; None before its first. For a package still
        pending this is what was accepted when it came in, unless more was accepted since."""
        with self._db.reading() as conn:
            earlier = [
                r
                for r in inbox_store.of_country(conn, row.country, ACCEPTED)
                if r.sequence < row.sequence
            ]
        return max(earlier, key=lambda r: r.sequence, default=None)

    def details(self, package_id: str) -> SubmissionDetails:
        """Everything a package changes, by name, with each action's old and new values
        (recomputed from the kept files: a second for the largest packages)."""
        row = self.get(package_id)
        since = self.since(row)
        before = read_stored(self._folder, since) if since else None
        after = read_stored(self._folder, row)
        changes = changes_between(before, after)
        return describe(row, since, changes, before, after, self._plans.current_document())


def _encrypted_or_not(path: Path) -> bool:
    """Encrypted or not; a file that cannot be read is refused later, on its own line."""
    with contextlib.suppress(InvalidInput):
        return is_encrypted(path)
    return False


def _country(code: str | None) -> str | None:
    return checked_country(code) if code else None


def _state(state: str | None) -> str | None:
    if state is None:
        return None
    if state not in STATES:
        raise InvalidInput(
            _("Unknown state '{state}'. Use one of: {states}.").format(
                state=state, states=", ".join(STATES)
            )
        )
    return state


def _row(verified: VerifiedPackage, path: Path, summary: str) -> ReceivedRow:
    manifest = verified.manifest
    name = f"{manifest.country}-{manifest.sequence:05d}-{verified.sha256[:12]}.zip"
    return ReceivedRow(
        id=str(uuid.uuid4()),
        country=manifest.country,
        sequence=manifest.sequence,
        previous_sha256=manifest.previous_sha256,
        sha256=verified.sha256,
        plan_code=manifest.plan_code,
        plan_version=manifest.plan_version,
        officer_name=manifest.signer_name[:200],
        created_at=manifest.created_at.isoformat(timespec="milliseconds"),
        received_at=now_iso(),
        key_id=verified.key_id,
        state="pending",
        reason="",
        file_name=name,
        changes=summary,
    )


def _placed(row: ReceivedRow, placement: Placement) -> ReceivedRow:
    from dataclasses import replace

    return replace(
        row,
        placement=placement.place.value,
        missing=",".join(str(n) for n in placement.missing)[:2000],
    )
