"""The Secretariat key file: what a country imports to trust the Technical Secretariat.

One DSSE envelope (``signed_document``) of type ``application/vnd.focalpoint.secretariat-key+json``
whose payload names the Secretariat, its Ed25519 signing public key (receipts and, later, plan
updates are signed with it) and its age recipient (countries encrypt packages to it). The file
is signed by the very key it carries: that proves no byte changed since the Secretariat wrote
it, not who wrote it. Who wrote it is proved by the person who imports it typing back the
fingerprint the Secretariat reads out over the phone (``services/country/secretariat_trust``).
Layout and a check by hand: ``docs/secretariat-key-file.md``.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from focalpoint.domain.errors import InvalidInput, PackageRefused
from focalpoint.i18n import _
from focalpoint.package.age_keys import recipient_of
from focalpoint.package.keys import PublicKey, public_of
from focalpoint.package.signed_document import (
    checked_format,
    moment_field,
    moment_text,
    open_envelope,
    payload_document,
    seal,
    signed_by,
    text_field,
)

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

FORMAT = "focalpoint-secretariat-key"
FORMAT_VERSION = 1
PAYLOAD_TYPE = "application/vnd.focalpoint.secretariat-key+json"
# A real file is under 2 KB; the bound refuses anything else before parsing it.
MAX_BYTES = 64 << 10
MAX_NAME = 200
FILE_NAME = "FocalPoint-Secretariat-key.json"
_HEX64 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class SecretariatKey:
    """A Secretariat key file, read and checked: intact, self-signed, of a known version."""

    name: str
    created_at: datetime  # UTC
    public_key: PublicKey
    age_recipient: str  # age1…
    format_version: int
    data: bytes  # the file, byte for byte (kept by the country that trusts it)

    @property
    def fingerprint(self) -> str:
        return self.public_key.fingerprint

    @property
    def key_id(self) -> str:
        return self.public_key.key_id


def write_secretariat_key_file(
    private_key: Ed25519PrivateKey,
    name: str,
    age_recipient: str,
    created_at: datetime | None = None,
) -> bytes:
    """The key file's bytes for the Secretariat whose signing key is ``private_key``.

    Refuses (:class:`InvalidInput`) an empty or overlong name and an age recipient that is not
    one, so that no file a country would refuse is ever written.
    """
    name = name.strip()
    if not name or len(name) > MAX_NAME:
        raise InvalidInput(
            _("Give the Secretariat a name of 1 to {n} characters.").format(n=MAX_NAME)
        )
    age_recipient = age_recipient.strip()
    if not is_age_recipient(age_recipient):
        raise InvalidInput(
            _("'{text}' is not an age public key (age1…).").format(text=age_recipient[:80])
        )
    public = public_of(private_key)
    moment = (created_at or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "name": name,
        "created_at": moment_text(moment),
        "key": {
            "algorithm": "ed25519",
            "id": public.key_id,
            "fingerprint": public.fingerprint,
            "public_key": public.base64,
        },
        "age_recipient": age_recipient,
    }
    return seal(private_key, PAYLOAD_TYPE, document)


def read_secretariat_key_file(data: bytes) -> SecretariatKey:
    """The Secretariat key in ``data``; :class:`PackageRefused` naming the first fault.

    Checked in this order: size, the envelope, its type, the format version (a newer
    FocalPoint's file is told apart from a damaged one), the key it carries, the signature by
    that key, then every other field.
    """
    envelope = open_envelope(
        data,
        PAYLOAD_TYPE,
        MAX_BYTES,
        too_large=_("This file is too large to be a Secretariat key file."),
        damaged=_damaged_message(),
        other_kind=_("This file is not a Secretariat key file."),
    )
    document, version = checked_format(
        payload_document(envelope),
        FORMAT,
        FORMAT_VERSION,
        _damaged_message(),
        _(
            "This Secretariat key file uses format version {version}, which this "
            "FocalPoint does not know (it reads version {known}). Update FocalPoint."
        ),
    )
    try:
        public = _public_key(document["key"])
    except (KeyError, TypeError, ValueError, binascii.Error):
        raise PackageRefused("altered", _damaged_message()) from None
    if not signed_by(envelope, public):
        raise PackageRefused(
            "signature",
            _(
                "The Secretariat key file has been altered since the Secretariat signed it "
                "(its signature does not match). Ask the Secretariat for the file again."
            ),
        )
    try:
        name = text_field(document["name"]).strip()
        if not name or len(name) > MAX_NAME:
            raise ValueError("name")
        created = moment_field(document["created_at"])
        recipient = text_field(document["age_recipient"])
        if not is_age_recipient(recipient):
            raise ValueError("age recipient")
    except (KeyError, TypeError, ValueError):
        raise PackageRefused("altered", _damaged_message()) from None
    return SecretariatKey(name, created, public, recipient, version, data)


def is_age_recipient(text: str) -> bool:
    """Whether ``text`` is an age X25519 public key (``age1…``), as pyrage reads it."""
    return recipient_of(text) is not None


def _public_key(key: Any) -> PublicKey:
    """The key the file carries, its id and fingerprint agreeing with it."""
    if not isinstance(key, dict) or key["algorithm"] != "ed25519":
        raise ValueError("algorithm")
    raw = base64.b64decode(text_field(key["public_key"]), validate=True)
    if len(raw) != 32:
        raise ValueError("key length")
    public = PublicKey(raw)
    key_id = text_field(key["id"])
    if not _HEX64.fullmatch(key_id) or key_id != public.key_id:
        raise ValueError("key id")
    if text_field(key["fingerprint"]) != public.fingerprint:
        raise ValueError("fingerprint")
    return public


def _damaged_message() -> str:
    return _(
        "This Secretariat key file is damaged or incomplete, so it cannot be trusted. Ask the "
        "Secretariat for the file again."
    )
