"""Trust in country keys: the states a registered key goes through, and which signatures count.

A key is *current* until the country replaces it; a replaced key stays valid for what it signed
before the replacement (a package made last month still verifies); a key revoked from a date is
refused for anything signed on or after that day, whatever its other state.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, date, datetime

from focalpoint.i18n import N_


class KeyState(enum.Enum):
    CURRENT = "current"
    REPLACED = "replaced"
    REVOKED = "revoked"


KEY_STATE_LABELS = {
    KeyState.CURRENT: N_("current"),
    KeyState.REPLACED: N_("replaced"),
    KeyState.REVOKED: N_("revoked"),
}


class KeyRefusal(enum.Enum):
    """Why a signature by a key does not count (``key_for``'s answer instead of a key)."""

    UNKNOWN = "unknown_key"
    OTHER_COUNTRY = "other_country"
    REVOKED = "revoked"
    REPLACED = "replaced"


@dataclass(frozen=True)
class CountryKeyRecord:
    key_id: str
    country: str
    public_key: bytes
    fingerprint: str
    registered_at: str
    registered_by: str
    replaced_at: str | None = None
    replaced_by: str | None = None
    revoked_from: str | None = None  # YYYY-MM-DD
    note: str = ""

    @property
    def id(self) -> str:
        """What names the record in a list: its key id."""
        return self.key_id

    @property
    def state(self) -> KeyState:
        if self.revoked_from is not None:
            return KeyState.REVOKED
        if self.replaced_at is not None:
            return KeyState.REPLACED
        return KeyState.CURRENT

    def refusal(self, country: str, signed_at: datetime) -> KeyRefusal | None:
        """Why a signature made at ``signed_at`` for ``country`` does not count, or None when
        it does. A revocation's day is a UTC day, as every stored time is."""
        if self.country != country:
            return KeyRefusal.OTHER_COUNTRY
        moment = signed_at.astimezone(UTC)
        if self.revoked_from is not None and moment.date() >= date.fromisoformat(self.revoked_from):
            return KeyRefusal.REVOKED
        if self.replaced_at is not None and moment >= datetime.fromisoformat(self.replaced_at):
            return KeyRefusal.REPLACED
        return None


@dataclass(frozen=True)
class SecretariatProfileRecord:
    name: str
    language: str


@dataclass(frozen=True)
class SecretariatKeyRecord:
    """The Secretariat's own key: public halves in clear, secrets sealed under the passphrase."""

    key_id: str
    fingerprint: str
    public_key: bytes
    private_pem: bytes | None
    age_recipient: str
    age_secret: bytes | None
    created_at: str
    created_by: str
    replaced_at: str | None = None
