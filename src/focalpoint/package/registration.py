"""The text a country's key travels in on its registration sheet's QR code.

``FOCALPOINT-KEY:1;country=GT;fp=K3ZQ-7RTA-M2PX-QW4D;key=<base64 of the raw public key>``: the
Secretariat reads it off the sheet instead of typing the key, and still reads the fingerprint
back by phone before trusting it.
"""

from __future__ import annotations

import base64
import hashlib
import re

from focalpoint.domain.errors import InvalidInput
from focalpoint.i18n import _
from focalpoint.package.keys import fingerprint_of, normalise_fingerprint, public_key_from_pem

PAYLOAD_PREFIX = "FOCALPOINT-KEY:1"
SECRETARIAT_PREFIX = "FOCALPOINT-TS-KEY:1"
_COUNTRY = re.compile(r"[A-Z]{2}")


def registration_payload(
    country_code: str, public_key_pem: str, fingerprint: str, key_id: str
) -> str:
    """The QR text for a key, once country, fingerprint and key id are checked against it.

    A sheet that named one key and carried another would register the wrong key, so any
    disagreement is refused (:class:`InvalidInput`) before anything is drawn.
    """
    raw = checked_key(country_code, public_key_pem, fingerprint, key_id)
    key = base64.b64encode(raw).decode("ascii")
    return f"{PAYLOAD_PREFIX};country={country_code};fp={fingerprint_of(raw)};key={key}"


def secretariat_payload(
    public_key_pem: str, fingerprint: str, key_id: str, age_recipient: str
) -> str:
    """The QR text of the Secretariat's key sheet: its fingerprint, public key and encryption
    key, once they are checked against each other (``FOCALPOINT-TS-KEY:1;fp=…;key=…;age=…``)."""
    from focalpoint.package.age_keys import recipient_of

    raw = _checked_raw(public_key_pem, fingerprint, key_id)
    if recipient_of(age_recipient) is None:
        raise InvalidInput(
            _("The encryption key is not an age public key: the sheet was not written.")
        )
    key = base64.b64encode(raw).decode("ascii")
    return f"{SECRETARIAT_PREFIX};fp={fingerprint_of(raw)};key={key};age={age_recipient}"


def checked_key(country_code: str, public_key_pem: str, fingerprint: str, key_id: str) -> bytes:
    """The raw 32-byte public key, once the country, fingerprint and key id agree with it."""
    if not _COUNTRY.fullmatch(country_code):
        raise InvalidInput(
            _("The country code must be two capital letters, such as GT, not '{code}'.").format(
                code=country_code
            )
        )
    return _checked_raw(public_key_pem, fingerprint, key_id)


def _checked_raw(public_key_pem: str, fingerprint: str, key_id: str) -> bytes:
    raw = public_key_from_pem(public_key_pem.encode("ascii", errors="replace")).raw
    expected = fingerprint_of(raw)
    if normalise_fingerprint(fingerprint) != expected:
        raise InvalidInput(
            _(
                "The fingerprint {fingerprint} is not that of this public key ({expected}): "
                "the sheet was not written."
            ).format(fingerprint=fingerprint, expected=expected)
        )
    if key_id.lower() != hashlib.sha256(raw).hexdigest():
        raise InvalidInput(
            _("The key id is not that of this public key: the sheet was not written.")
        )
    return raw


def read_registration_payload(text: str) -> tuple[str, bytes]:
    """The country and the raw public key in a sheet's QR text, the reverse of
    :func:`registration_payload`; refuses text whose fingerprint is not that of its key."""
    refused = InvalidInput(
        _("This text is not the QR code of a FocalPoint key-registration sheet.")
    )
    head, _sep, rest = text.strip().partition(";")
    if head != PAYLOAD_PREFIX:
        raise refused
    fields = dict(part.partition("=")[::2] for part in rest.split(";"))
    if set(fields) != {"country", "fp", "key"} or not _COUNTRY.fullmatch(fields["country"]):
        raise refused
    try:
        raw = base64.b64decode(fields["key"], validate=True)
    except ValueError:
        raise refused from None
    if len(raw) != 32:
        raise refused
    if normalise_fingerprint(fields["fp"]) != fingerprint_of(raw):
        raise InvalidInput(
            _("The fingerprint in this QR text is not that of its key: it was altered.")
        )
    return fields["country"], raw
