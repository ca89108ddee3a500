"""Small signed JSON documents: the Secretariat's key file and its receipts.

Each is one DSSE envelope (see ``envelope``), the same JSON a package's ``signature.json`` is,
whose payload is a UTF-8 JSON document and whose payload type names what the document is. The
type is bound into the signature, so a signed receipt cannot be passed off as a key file, nor a
package's signed manifest as either.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from focalpoint.domain.errors import PackageRefused
from focalpoint.package.envelope import Envelope, pae
from focalpoint.package.keys import PublicKey, public_of

# How every envelope FocalPoint writes begins (``Envelope.to_bytes``).
ENVELOPE_START = b'{\n  "payloadType": '

if TYPE_CHECKING:  # cryptography loads only when a key is used
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


def encode(document: dict[str, Any]) -> bytes:
    """The payload's bytes: indented UTF-8 JSON, one final newline (signed as they are)."""
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def seal(private_key: Ed25519PrivateKey, payload_type: str, document: dict[str, Any]) -> bytes:
    """``document`` signed by ``private_key``: the envelope's bytes, ready to write."""
    payload = encode(document)
    public = public_of(private_key)
    signature = private_key.sign(pae(payload_type, payload))
    return Envelope(payload_type, payload, public.key_id, signature).to_bytes()


def open_envelope(
    data: bytes, payload_type: str, limit: int, *, too_large: str, damaged: str, other_kind: str
) -> Envelope:
    """The envelope of a document of ``payload_type``, its signature not yet checked.

    Refuses (:class:`PackageRefused`, with the caller's translated messages) a file over
    ``limit`` bytes before reading anything of it, a file that is no envelope at all or an
    envelope of another type (``other_kind``), and one that starts as an envelope but is not
    one exactly as FocalPoint writes it (``damaged``: cut short, or changed).
    """
    if len(data) > limit:
        raise PackageRefused("too_large", too_large)
    if not data.startswith(ENVELOPE_START):
        # Some other file altogether (a package, a PDF, a key in PEM): say so, rather than call
        # it damaged. A file cut short still starts like an envelope, and is called damaged.
        raise PackageRefused("other_kind", other_kind)
    try:
        envelope = Envelope.from_bytes(data)
    except PackageRefused:  # its message names a package's signature.json: say ours
        raise PackageRefused("altered", damaged) from None
    if envelope.payload_type != payload_type:
        raise PackageRefused("other_kind", other_kind)
    return envelope


def open_trusted(
    data: bytes,
    payload_type: str,
    limit: int,
    trusted_key: PublicKey,
    *,
    too_large: str,
    damaged: str,
    other_kind: str,
    wrong_key: str,
    altered: str,
) -> Envelope:
    """The envelope of a document of ``payload_type`` signed by ``trusted_key``, or refused.

    ``open_envelope``'s refusals, then another key (``wrong_key``, with ``{fingerprint}`` for
    the trusted one's) and a signature that does not match (``altered``).
    """
    envelope = open_envelope(
        data, payload_type, limit, too_large=too_large, damaged=damaged, other_kind=other_kind
    )
    if envelope.key_id != trusted_key.key_id:
        raise PackageRefused("wrong_key", wrong_key.format(fingerprint=trusted_key.fingerprint))
    if not signed_by(envelope, trusted_key):
        raise PackageRefused("signature", altered)
    return envelope


def signed_by(envelope: Envelope, key: PublicKey) -> bool:
    """Whether ``key`` made the envelope's signature (and the envelope says it did)."""
    return envelope.key_id == key.key_id and key.verifies(
        envelope.signature, pae(envelope.payload_type, envelope.payload)
    )


def payload_document(envelope: Envelope) -> dict[str, Any] | None:
    """The payload as a JSON object, or None when it is not one."""
    try:
        document = json.loads(envelope.payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    return document if isinstance(document, dict) else None


# The form of every moment in these documents: UTC, to the second.
MOMENT_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def checked_format(
    document: dict[str, Any] | None, kind: str, known: int, damaged: str, newer: str
) -> tuple[dict[str, Any], int]:
    """The payload and its format version, when it says it is ``kind``. A damaged or foreign
    payload is refused with ``damaged``; a version from a newer FocalPoint with ``newer`` (a
    template with ``{version}`` and ``{known}``), so the reader knows to update, not to worry."""
    if document is None or document.get("format") != kind:
        raise PackageRefused("altered", damaged)
    version = document.get("format_version")
    if type(version) is not int or not 0 < version < 10_000:
        raise PackageRefused("altered", damaged)
    if version != known:
        raise PackageRefused("unknown_version", newer.format(version=version, known=known))
    return document, version


def moment_text(moment: datetime) -> str:
    """``moment`` as these documents write it (``2026-12-03T10:11:39Z``)."""
    return moment.astimezone(UTC).strftime(MOMENT_FORMAT)


def text_field(value: Any) -> str:
    """A field that must be text; ValueError otherwise (the reader turns it into a refusal)."""
    if not isinstance(value, str):
        raise ValueError("not text")
    try:  # JSON can escape a lone surrogate ("\ud800"), which no file or database can hold
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("not text") from None
    return value


def moment_field(value: Any) -> datetime:
    """A field that must be a moment written as :func:`moment_text` writes it, in UTC."""
    return datetime.strptime(text_field(value), MOMENT_FORMAT).replace(tzinfo=UTC)
