"""The signed plan file: a version of the plan as the Secretariat publishes it.

One DSSE envelope (``signed_document``) of type ``application/vnd.focalpoint.plan+json``, signed
by the Secretariat's key, whose payload holds the plan file (``docs/plan-format.md``) and its
lineage: every earlier version with the SHA-256 of its signed document, oldest first. The
SHA-256 of a version is that of its payload, the bytes the signature covers, so anyone can
check it by hand (decode the payload, hash it). A country takes a version in only when it is
signed by the key it trusts and its lineage holds the version it has.

The plan file inside is returned as parsed JSON: the plan format's own checks (schema, codes)
are the services' (``services/common/plan_file``), the same for a signed file as for the
bundled one.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from focalpoint.domain.errors import PackageRefused
from focalpoint.domain.plan import version_key
from focalpoint.domain.plan_versions import Predecessor
from focalpoint.i18n import _
from focalpoint.package.keys import PublicKey, public_of
from focalpoint.package.signed_document import (
    ENVELOPE_START,
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

FORMAT = "focalpoint-signed-plan"
FORMAT_VERSION = 1
PAYLOAD_TYPE = "application/vnd.focalpoint.plan+json"
# A plan file may be 20 MB; base64 makes its envelope a third larger. Anything beyond this is
# refused before a byte of it is parsed.
MAX_BYTES = 32 << 20
MAX_LINEAGE = 1000  # versions before this one: decades of monthly versions
_HEX64 = re.compile(r"[0-9a-f]{64}")
_VERSION = re.compile(r"\d{1,9}(\.\d{1,9}){0,5}")


@dataclass(frozen=True)
class SignedPlan:
    """A signed plan file, read and checked against the trusted Secretariat key."""

    plan_file: dict[str, Any]  # the plan file's JSON, not yet checked against the plan format
    lineage: tuple[Predecessor, ...]
    sha256: str  # of the payload: what the next version's lineage names this one by
    signed_at: datetime  # UTC
    key_id: str
    format_version: int
    data: bytes  # the file, byte for byte


def looks_signed(data: bytes) -> bool:
    """Whether ``data`` begins as every signed document FocalPoint writes (an unsigned plan
    file, plain JSON, does not)."""
    return data.startswith(ENVELOPE_START)


def file_name(code: str, version: str) -> str:
    """What the Secretariat calls a signed plan file: ``FocalPoint-plan-RCM-NNA-1.1.json``."""
    return f"FocalPoint-plan-{code}-{version}.json"


def write_signed_plan(
    private_key: Ed25519PrivateKey,
    plan_file: dict[str, Any],
    lineage: Sequence[Predecessor],
    signed_at: datetime | None = None,
) -> bytes:
    """The signed plan file's bytes: ``plan_file`` (checked by the caller) and its lineage,
    signed by the Secretariat's ``private_key``."""
    public = public_of(private_key)
    moment = (signed_at or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "lineage": [{"version": p.version, "sha256": p.sha256} for p in lineage],
        "signed_at": moment_text(moment),
        "secretariat_key": {"id": public.key_id, "fingerprint": public.fingerprint},
        "plan_file": plan_file,
    }
    return seal(private_key, PAYLOAD_TYPE, document)


def read_signed_plan(data: bytes, trusted_key: PublicKey) -> SignedPlan:
    """The signed plan in ``data``, signed by ``trusted_key``; :class:`PackageRefused` otherwise.

    Checked in this order, the first fault named: size, the envelope, its type, the signer, the
    signature, the format version, then the lineage and the other fields.
    """
    envelope = open_trusted(
        data,
        PAYLOAD_TYPE,
        MAX_BYTES,
        trusted_key,
        too_large=too_large_message(),
        damaged=_damaged_message(),
        other_kind=_("This file is not a plan file signed by the Secretariat."),
        wrong_key=_(
            "This plan file is not signed by the Secretariat key this workspace trusts "
            "({fingerprint}), so it was not taken in. Nothing was changed."
        ),
        altered=_(
            "This plan file has been altered since the Secretariat signed it (its signature "
            "does not match). Nothing was changed: ask the Secretariat for the file again."
        ),
    )
    document, version = checked_format(
        payload_document(envelope),
        FORMAT,
        FORMAT_VERSION,
        _damaged_message(),
        _(
            "This signed plan file uses format version {version}, which this FocalPoint does "
            "not know (it reads version {known}). Update FocalPoint to read it."
        ),
    )
    try:
        named = document["secretariat_key"]
        if (
            text_field(named["id"]) != trusted_key.key_id
            or text_field(named["fingerprint"]) != trusted_key.fingerprint
        ):
            raise ValueError("secretariat key")
        plan_file = document["plan_file"]
        if not isinstance(plan_file, dict):
            raise ValueError("plan file")
        return SignedPlan(
            plan_file=plan_file,
            lineage=lineage_field(document["lineage"]),
            sha256=hashlib.sha256(envelope.payload).hexdigest(),
            signed_at=moment_field(document["signed_at"]),
            key_id=trusted_key.key_id,
            format_version=version,
            data=data,
        )
    except (KeyError, TypeError, ValueError):
        raise PackageRefused("altered", _damaged_message()) from None


def lineage_field(value: Any) -> tuple[Predecessor, ...]:
    """The earlier versions, oldest first, each newer than the one before; ValueError when
    the list is anything else."""
    if not isinstance(value, list) or len(value) > MAX_LINEAGE:
        raise ValueError("lineage")
    out: list[Predecessor] = []
    for entry in value:
        if not isinstance(entry, dict) or set(entry) != {"version", "sha256"}:
            raise ValueError("lineage entry")
        number, sha256 = text_field(entry["version"]), text_field(entry["sha256"])
        if not _VERSION.fullmatch(number) or not _HEX64.fullmatch(sha256):
            raise ValueError("lineage entry")
        if out and version_key(number) <= version_key(out[-1].version):
            raise ValueError("lineage order")
        out.append(Predecessor(number, sha256))
    return tuple(out)


def too_large_message() -> str:
    return _("This file is too large to be a plan file (more than {size} MB).").format(
        size=MAX_BYTES >> 20
    )


def _damaged_message() -> str:
    return _(
        "This signed plan file is damaged or incomplete, so it cannot be trusted. Nothing was "
        "changed: ask the Secretariat for the file again."
    )
