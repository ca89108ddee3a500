"""The receipt: the Secretariat's signed answer to one submission, accepted or returned.

One DSSE envelope (``signed_document``) of type ``application/vnd.focalpoint.receipt+json``,
signed by the Secretariat's key, whose payload names the submission it answers by country,
sequence and the SHA-256 of the signed package file. A country reads it against the Secretariat
key it trusts (``secretariat_key``); any other signer is refused however good its signature.
Layout and a check by hand: ``docs/receipt-format.md``.

A receipt may also carry the Secretariat's answers to that country's amendment proposals
(``proposals``, optional: a receipt without it is read as before, and a FocalPoint that predates
it reads the rest and ignores it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from focalpoint.domain.errors import InvalidInput, PackageRefused
from focalpoint.domain.proposals import MAX_REASON as MAX_ANSWER_REASON
from focalpoint.domain.proposals import MAX_VERSION, Answer, is_proposal_id
from focalpoint.i18n import _
from focalpoint.package.keys import PublicKey, public_of
from focalpoint.package.signed_document import (
    checked_format,
    moment_field,
    moment_text,
    open_trusted,
    payload_document,
    seal,
    text_field,
)

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

FORMAT = "focalpoint-receipt"
FORMAT_VERSION = 1
PAYLOAD_TYPE = "application/vnd.focalpoint.receipt+json"
DECISIONS = ("accepted", "returned")
# A receipt once held a few lines; the answers to a country's proposals (each reason up to
# 4,000 characters) can take more: 1 MiB holds a hundred of the longest (631 KB measured).
MAX_BYTES = 1 << 20
MAX_ANSWERS = 1000
ANSWER_STATES = ("submitted", "incorporated", "declined", "discussion")
MAX_REASON = 4000  # characters: a few paragraphs, in any language
_COUNTRY = re.compile(r"[A-Z]{2}")
_HEX64 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Receipt:
    """A receipt, read and checked against the trusted Secretariat key."""

    country: str
    sequence: int
    sha256: str  # of the signed package file the receipt answers
    decision: str  # "accepted" or "returned"
    reason: str  # "" when accepted without a word
    decided_at: datetime  # UTC
    key_id: str  # the Secretariat key that signed it
    format_version: int
    data: bytes  # the file, byte for byte
    # The answers to the country's proposals, as they stood when it was written ((): none).
    answers: tuple[Answer, ...] = ()

    @property
    def accepted(self) -> bool:
        return self.decision == "accepted"


def file_name(country: str, sequence: int, decision: str) -> str:
    """What the Secretariat calls a receipt file: ``FocalPoint-receipt-SV-003-accepted.json``."""
    return f"FocalPoint-receipt-{country}-{sequence:03d}-{decision}.json"


def write_receipt(
    private_key: Ed25519PrivateKey,
    country: str,
    sequence: int,
    sha256: str,
    decision: str,
    reason: str = "",
    decided_at: datetime | None = None,
    answers: Sequence[Answer] = (),
) -> bytes:
    """A receipt's bytes, signed by the Secretariat's ``private_key``.

    Refuses (:class:`InvalidInput`) what no reader would take: a return without a reason, an
    unknown decision, a malformed country, sequence or hash. ``answers`` that would make the
    receipt larger than a country reads (:data:`MAX_BYTES`) are left out from the last.
    """
    reason = reason.strip()
    if decision not in DECISIONS:
        raise InvalidInput(_("A receipt accepts or returns a submission."))
    if decision == "returned" and not reason:
        raise InvalidInput(_("Say why the submission is returned."))
    if len(reason) > MAX_REASON:
        raise InvalidInput(
            _("The reason is too long: at most {n} characters.").format(n=MAX_REASON)
        )
    if not _COUNTRY.fullmatch(country) or type(sequence) is not int or sequence < 1:
        raise InvalidInput(_("A receipt names a country and a submission number."))
    if not _HEX64.fullmatch(sha256):
        raise InvalidInput(_("A receipt names the submission's SHA-256 (64 hex digits)."))
    public = public_of(private_key)
    moment = (decided_at or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "country": country,
        "submission": {"sequence": sequence, "sha256": sha256},
        "decision": decision,
        "reason": reason,
        "decided_at": moment_text(moment),
        "secretariat_key": {"id": public.key_id, "fingerprint": public.fingerprint},
    }
    items = [_answer_document(a) for a in answers[:MAX_ANSWERS]]
    while True:
        if items:  # absent otherwise: a receipt with no proposal to answer is as it was
            document["proposals"] = items
        else:
            document.pop("proposals", None)
        data = seal(private_key, PAYLOAD_TYPE, document)
        if len(data) <= MAX_BYTES:
            return data
        # Too many long answers for one receipt: the last ones given (the caller puts the
        # oldest and the unanswered last) are left out; they come in a later receipt.
        items = items[: len(items) * 9 // 10]


def read_receipt(data: bytes, trusted_key: PublicKey) -> Receipt:
    """The receipt in ``data``, signed by ``trusted_key``; :class:`PackageRefused` otherwise.

    Checked in this order, the first fault named: size, the envelope, its type (not a receipt),
    the signer (any key but the trusted one), the signature (a changed byte), the format
    version, then every field.
    """
    envelope = open_trusted(
        data,
        PAYLOAD_TYPE,
        MAX_BYTES,
        trusted_key,
        too_large=_("This file is too large to be a receipt."),
        damaged=_damaged_message(),
        other_kind=_("This file is not a receipt from the Secretariat."),
        wrong_key=_(
            "This receipt is not signed by the Secretariat key this workspace trusts "
            "({fingerprint}), so it was not taken in."
        ),
        altered=_(
            "This receipt has been altered since the Secretariat signed it (its signature "
            "does not match). Ask the Secretariat for the file again."
        ),
    )
    # From here on the payload is the Secretariat's own words.
    document, version = checked_format(
        payload_document(envelope),
        FORMAT,
        FORMAT_VERSION,
        _damaged_message(),
        _(
            "This receipt uses format version {version}, which this FocalPoint does not "
            "know (it reads version {known}). Update FocalPoint to read it."
        ),
    )
    try:
        return _receipt(document, trusted_key, version, data)
    except (KeyError, TypeError, ValueError):
        raise PackageRefused("altered", _damaged_message()) from None


def _receipt(document: dict[str, Any], key: PublicKey, version: int, data: bytes) -> Receipt:
    country = text_field(document["country"])
    if not _COUNTRY.fullmatch(country):
        raise ValueError("country")
    submission = document["submission"]
    sequence = submission["sequence"]
    if type(sequence) is not int or sequence < 1:
        raise ValueError("sequence")
    sha256 = text_field(submission["sha256"])
    if not _HEX64.fullmatch(sha256):
        raise ValueError("sha256")
    decision = text_field(document["decision"])
    if decision not in DECISIONS:
        raise ValueError("decision")
    reason = text_field(document["reason"])
    if len(reason) > MAX_REASON or (decision == "returned" and not reason.strip()):
        raise ValueError("reason")
    decided = moment_field(document["decided_at"])
    named = document["secretariat_key"]
    if text_field(named["id"]) != key.key_id or text_field(named["fingerprint"]) != key.fingerprint:
        raise ValueError("secretariat key")
    answers = tuple(_answer(item) for item in document.get("proposals", ()))
    if len(answers) > MAX_ANSWERS or len({a.proposal_id for a in answers}) != len(answers):
        raise ValueError("proposals")
    return Receipt(
        country,
        sequence,
        sha256,
        decision,
        reason,
        decided,
        key.key_id,
        version,
        data,
        answers,
    )


def _answer_document(answer: Answer) -> dict[str, Any]:
    if (
        not is_proposal_id(answer.proposal_id)
        or answer.state not in ANSWER_STATES
        or len(answer.reason) > MAX_ANSWER_REASON
        or len(answer.version) > MAX_VERSION
    ):
        raise InvalidInput(_("A receipt answers a proposal by its id, with a known state."))
    return {
        "id": answer.proposal_id,
        "state": answer.state,
        "reason": answer.reason,
        "version": answer.version,
        "answered_at": _answer_moment(answer.answered_at),
    }


def _answer_moment(stamp: str | None) -> str | None:
    """When the answer was given, UTC, to the millisecond (``2026-12-03T10:11:39.250Z``)."""
    if not stamp:
        return None
    moment = datetime.fromisoformat(stamp).astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _answer(item: Any) -> Answer:
    """One answer of a receipt; ValueError when any field is out of form."""
    proposal_id = text_field(item["id"])
    state = text_field(item["state"])
    reason = text_field(item["reason"])
    version = text_field(item["version"])
    stamp = item["answered_at"]
    if not is_proposal_id(proposal_id) or state not in ANSWER_STATES:
        raise ValueError("proposal")
    if len(reason) > MAX_ANSWER_REASON or len(version) > MAX_VERSION:
        raise ValueError("proposal")
    answered_at = None
    if stamp is not None:
        moment = datetime.strptime(text_field(stamp), "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
        answered_at = moment.isoformat(timespec="milliseconds")
    return Answer(proposal_id, state, reason, version, answered_at)


def _damaged_message() -> str:
    return _(
        "This receipt is damaged or incomplete, so it cannot be trusted. Ask the Secretariat "
        "for the file again."
    )
