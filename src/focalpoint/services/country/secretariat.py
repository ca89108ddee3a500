"""The Secretariat as a country sees it: trusting its key, taking in its receipts.

Trust is given once, from the Secretariat's key file and the fingerprint the Secretariat reads
out over the phone, typed back by the focal point: the file alone proves only that it is
intact. From then on the Secretariat's age recipient is the one packages are encrypted to, and
every receipt must be signed by that key and answer a submission this workspace made.

A receipt may carry the Secretariat's answers to the country's amendment proposals: they are
recorded with it (newer answers only), and again from a later copy of the same receipt that the
Secretariat wrote after answering more.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from focalpoint.domain.errors import InvalidInput, PackageRefused
from focalpoint.domain.proposals import Proposal
from focalpoint.domain.submissions import ReceiptRecord, Submission, TrustedSecretariat
from focalpoint.i18n import _
from focalpoint.services.common.files import read_bounded
from focalpoint.services.common.safeguard import Safeguard, no_backup
from focalpoint.services.country.profile import ProfileService
from focalpoint.services.country.proposals import record_answers
from focalpoint.services.country.submissions import SECRETARIAT_RECIPIENT
from focalpoint.storage.country import (
    audit_store,
    secretariat_store,
    settings_store,
    submission_store,
)
from focalpoint.storage.sqlite import Database, now_iso

if TYPE_CHECKING:  # cryptography and pyrage load only when a file is read
    from focalpoint.package.receipt import Receipt
    from focalpoint.package.secretariat_key import SecretariatKey

# A receipt's state for its submission: accepted → acknowledged.
STATE_OF = {"accepted": "acknowledged", "returned": "returned"}


@dataclass(frozen=True)
class ReceiptImported:
    """What importing a receipt did."""

    submission: Submission  # as it is now
    receipt: ReceiptRecord
    already: bool  # the same answer was on record already (its proposals' answers aside)
    answered: tuple[Proposal, ...] = ()  # proposals whose answer this receipt brought or changed


class SecretariatService:
    def __init__(self, db: Database, profile: ProfileService) -> None:
        self._db = db
        self._profile = profile
        self.safeguard: Safeguard = no_backup

    # ----- the key

    def trusted(self) -> TrustedSecretariat | None:
        with self._db.reading() as conn:
            return secretariat_store.current_key(conn)

    def read_key_file(self, path: Path) -> SecretariatKey:
        """The key file at ``path``, checked (intact, self-signed), not yet trusted."""
        from focalpoint.package.secretariat_key import MAX_BYTES, read_secretariat_key_file

        data = read_bounded(
            Path(path), MAX_BYTES, _("This file is too large to be a Secretariat key file.")
        )
        return read_secretariat_key_file(data)

    def trust(self, path: Path, typed_fingerprint: str) -> TrustedSecretariat:
        """Trust the Secretariat key in the file at ``path`` once the fingerprint typed back
        (read out by the Secretariat over the phone) is its own; otherwise nothing is stored.

        Replaces a key trusted before (kept on record, marked replaced), and makes the file's
        age recipient the one submissions are encrypted to.
        """
        from focalpoint.package.keys import normalise_fingerprint

        key = self.read_key_file(path)
        if not typed_fingerprint.strip():
            raise InvalidInput(
                _("Type the fingerprint the Secretariat reads out to you. Nothing was trusted.")
            )
        if normalise_fingerprint(typed_fingerprint) != key.fingerprint:
            raise InvalidInput(
                _(
                    "The fingerprint typed ({typed}) is not that of this key file "
                    "({fingerprint}). Nothing was trusted: check with the Secretariat, by "
                    "phone, that the file is theirs."
                ).format(typed=typed_fingerprint.strip()[:40], fingerprint=key.fingerprint)
            )
        return self._pin(key)

    def pin_at_first_run(self, path: Path) -> TrustedSecretariat:
        """Trust the Secretariat key file at ``path`` at set-up, without a fingerprint typed
        back: only while no Secretariat key is trusted yet (the first run, from the key file
        that came with FocalPoint or from the Secretariat). Any later key, a replacement, is
        trusted only through :meth:`trust`."""
        return self._pin(self.read_key_file(path), first=True)

    def _pin(self, key: SecretariatKey, first: bool = False) -> TrustedSecretariat:
        actor = self._profile.actor()
        stamp = now_iso()
        row = TrustedSecretariat(
            key_id=key.key_id,
            fingerprint=key.fingerprint,
            public_key=key.public_key.raw,
            age_recipient=key.age_recipient,
            name=key.name,
            created_at=key.created_at.isoformat(),
            pinned_at=stamp,
            pinned_by=actor,
            replaced_at=None,
            key_file=key.data,
        )
        with self._db.transaction() as conn:
            old = secretariat_store.current_key(conn)
            if first and old is not None:
                raise InvalidInput(
                    _(
                        "This workspace already trusts a Secretariat key ({fingerprint}). "
                        "Nothing was changed: to trust another, type back its fingerprint "
                        "(File → Trust the Secretariat's key…)."
                    ).format(fingerprint=old.fingerprint)
                )
            secretariat_store.trust_key(conn, row)
            audit_store.record(
                conn,
                actor,
                "secretariat",
                key.key_id,
                "fingerprint",
                old.fingerprint if old else "",
                key.fingerprint,
            )
            old_recipient = settings_store.read_all(conn).get(SECRETARIAT_RECIPIENT, "")
            settings_store.write(conn, {SECRETARIAT_RECIPIENT: key.age_recipient})
            audit_store.record(
                conn,
                actor,
                "profile",
                "profile",
                SECRETARIAT_RECIPIENT,
                old_recipient,
                key.age_recipient,
            )
        return row

    # ----- receipts

    def receipts(self) -> dict[str, ReceiptRecord]:
        """Every receipt taken in, by submission id."""
        with self._db.reading() as conn:
            return secretariat_store.receipts(conn)

    def import_receipt(self, path: Path) -> ReceiptImported:
        """Take in the receipt at ``path``: that submission becomes acknowledged or returned.

        Refused, with nothing changed: no Secretariat key trusted yet, a receipt not signed by
        that key (or damaged), for another country, or for a submission this workspace never
        made (its sequence and the package's SHA-256 must both match one on record), or one that
        contradicts a receipt already taken in for it. The same answer twice changes nothing.
        """
        from focalpoint.package.keys import PublicKey
        from focalpoint.package.receipt import MAX_BYTES, read_receipt

        trusted = self.trusted()
        if trusted is None:
            raise InvalidInput(
                _(
                    "This workspace does not trust a Secretariat key yet, so no receipt can be "
                    "checked. Trust the Secretariat's key first (File → Trust the Secretariat's "
                    "key…, or `focalpoint key trust-secretariat FILE --fingerprint F`)."
                )
            )
        data = read_bounded(Path(path), MAX_BYTES, _("This file is too large to be a receipt."))
        receipt = read_receipt(data, PublicKey(trusted.public_key))
        country = self._profile.get()
        own_country = country.country if country else ""
        if receipt.country != own_country:
            raise PackageRefused(
                "other_country",
                _(
                    "This receipt answers a submission from {country}, not from this "
                    "workspace's country ({own}). Nothing was changed."
                ).format(country=receipt.country, own=own_country or "—"),
            )
        actor = self._profile.actor()
        with self.safeguard("receipt"), self._db.transaction() as conn:
            submission = _answered(conn, receipt)
            record = ReceiptRecord(
                submission_id=submission.id,
                decision=receipt.decision,
                reason=receipt.reason,
                decided_at=receipt.decided_at.isoformat(),
                imported_at=now_iso(),
                imported_by=actor,
                key_id=receipt.key_id,
                sha256=hashlib.sha256(data).hexdigest(),
                receipt=data,
            )
            earlier = secretariat_store.receipt_for(conn, submission.id)
            if earlier is not None:
                if (earlier.decision, earlier.reason) != (record.decision, record.reason):
                    raise PackageRefused(
                        "contradicts",
                        _(
                            "Submission {n} already has a receipt from the Secretariat that "
                            "says otherwise ({decision}). Nothing was changed: ask the "
                            "Secretariat which answer stands."
                        ).format(n=submission.sequence, decision=_decision(earlier.decision)),
                    )
                # The same decision, written again later: it may bring newer answers.
                answered = record_answers(conn, actor, receipt.answers)
                return ReceiptImported(submission, earlier, already=True, answered=tuple(answered))
            secretariat_store.add_receipt(conn, record)
            answered = record_answers(conn, actor, receipt.answers)
            state = STATE_OF[receipt.decision]
            submission_store.set_state(conn, submission.id, state, now_iso(), receipt.reason)
            key = str(submission.sequence)
            audit_store.record(conn, actor, "submission", key, "state", submission.state, state)
            audit_store.record(conn, actor, "submission", key, "receipt", "", record.sha256)
            now = submission_store.submission(conn, submission.id)
        assert now is not None
        return ReceiptImported(now, record, already=False, answered=tuple(answered))


def _answered(conn: sqlite3.Connection, receipt: Receipt) -> Submission:
    """The submission the receipt answers: its number and its package's SHA-256 both ours."""
    for row in submission_store.submissions(conn):
        if row.sequence == receipt.sequence and row.sha256 == receipt.sha256:
            return row
    raise PackageRefused(
        "not_ours",
        _(
            "This receipt answers submission {n} with a package this workspace never made "
            "(no submission here has that number and SHA-256). Nothing was changed."
        ).format(n=receipt.sequence),
    )


def _decision(decision: str) -> str:
    return _("accepted") if decision == "accepted" else _("returned")
