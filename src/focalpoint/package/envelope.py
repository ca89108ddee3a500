"""The signature member: a DSSE envelope (https://github.com/secure-systems-lab/dsse) whose payload
is the manifest's bytes exactly as stored, so nothing has to be canonicalised before checking.

Ed25519 signs the DSSE "pre-authentication encoding" (PAE) of the payload type and payload:
``DSSEv1 <len(type)> <type> <len(payload)> <payload>``, lengths in ASCII decimal. Binding the type
means a signed manifest cannot be passed off as some other signed document (a receipt, say).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass

from focalpoint.domain.errors import PackageRefused
from focalpoint.i18n import _

MANIFEST_TYPE = "application/vnd.focalpoint.manifest+json"
MAX_ENVELOPE_BYTES = 64 << 20


def pae(payload_type: str, payload: bytes) -> bytes:
    kind = payload_type.encode("utf-8")
    return b"DSSEv1 %d %b %d %b" % (len(kind), kind, len(payload), payload)


@dataclass(frozen=True)
class Envelope:
    payload_type: str
    payload: bytes
    key_id: str
    signature: bytes

    def to_bytes(self) -> bytes:
        document = {
            "payloadType": self.payload_type,
            "payload": base64.b64encode(self.payload).decode("ascii"),
            "signatures": [
                {"keyid": self.key_id, "sig": base64.b64encode(self.signature).decode("ascii")}
            ],
        }
        return (json.dumps(document, indent=2) + "\n").encode("ascii")

    @classmethod
    def from_bytes(cls, data: bytes) -> Envelope:
        """Parse the envelope; it must be byte for byte what :meth:`to_bytes` writes."""
        try:
            document = json.loads(data.decode("ascii"))
            signatures = document["signatures"]
            if set(document) != {"payloadType", "payload", "signatures"} or len(signatures) != 1:
                raise ValueError("unexpected fields")
            envelope = cls(
                str(document["payloadType"]),
                base64.b64decode(document["payload"], validate=True),
                str(signatures[0]["keyid"]),
                base64.b64decode(signatures[0]["sig"], validate=True),
            )
        except (ValueError, KeyError, TypeError, IndexError, binascii.Error, RecursionError):
            raise _bad_envelope() from None
        if envelope.to_bytes() != data:
            raise _bad_envelope()
        return envelope


def _bad_envelope() -> PackageRefused:
    return PackageRefused(
        "signature",
        _(
            "The package's signature (signature.json) is damaged, or was not made by FocalPoint. "
            "Ask the sender for the file again, exactly as FocalPoint saved it."
        ),
    )
