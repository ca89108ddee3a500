"""Submissions to the Secretariat as records: what was signed, its state, the key behind it."""

from __future__ import annotations

from dataclasses import dataclass

from focalpoint.i18n import N_, _

# signed → sent → acknowledged or returned. A person moves them by hand until receipts exist.
STATES: tuple[str, ...] = ("signed", "sent", "acknowledged", "returned")
_NEXT: dict[str, tuple[str, ...]] = {
    "signed": ("sent",),
    "sent": ("acknowledged", "returned"),
    "acknowledged": (),
    "returned": (),
}
_LABELS = {
    "signed": N_("signed"),
    "sent": N_("sent"),
    "acknowledged": N_("acknowledged"),
    "returned": N_("returned"),
}


def next_states(state: str) -> tuple[str, ...]:
    """The states a submission in ``state`` may move to."""
    return _NEXT[state]


def state_label(state: str) -> str:
    """A state as the interface names it."""
    return _(_LABELS[state])


@dataclass(frozen=True)
class StoredKey:
    """A signing key as the workspace keeps it; a replaced key has lost its private half."""

    key_id: str
    fingerprint: str
    public_key: bytes
    private_pem: bytes | None
    created_at: str
    created_by: str
    replaced_at: str | None


@dataclass(frozen=True)
class Submission:
    """One signed package, as recorded when it was made (and its state since)."""

    id: str
    sequence: int
    created_at: str
    created_by: str
    file_name: str
    sha256: str
    size: int
    previous_sha256: str | None
    key_id: str
    fingerprint: str
    plan_code: str
    plan_version: str
    counts: dict[str, int]
    encrypted_name: str
    encrypted_sha256: str
    encrypted_to: str
    state: str
    state_at: str
    state_note: str
    audit_mark: int = 0  # the newest audit row its snapshot saw: "changes since" start after it


@dataclass(frozen=True)
class TrustedSecretariat:
    """The Secretariat key this workspace trusts, pinned once its fingerprint was typed back."""

    key_id: str
    fingerprint: str
    public_key: bytes
    age_recipient: str
    name: str
    created_at: str  # when the Secretariat made its key file
    pinned_at: str
    pinned_by: str
    replaced_at: str | None
    key_file: bytes


@dataclass(frozen=True)
class ReceiptRecord:
    """The Secretariat's receipt for one submission, as taken in."""

    submission_id: str
    decision: str  # "accepted" or "returned"
    reason: str
    decided_at: str
    imported_at: str
    imported_by: str
    key_id: str
    sha256: str  # of the receipt file
    receipt: bytes
