"""The manifest: what a submission package says about itself, and the checks on what it says.

Written as UTF-8 JSON, indented, and signed as those exact bytes (see ``envelope``). The reader
never trusts a field before the signature over the manifest has been checked, except the format
version, read first so that a package from a newer FocalPoint gets a message that says so.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from focalpoint.domain.errors import PackageRefused
from focalpoint.i18n import _

FORMAT = "focalpoint-submission"
FORMAT_VERSION = 1
SCHEMA_VERSION = 1
MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "signature.json"
MAX_MANIFEST_BYTES = 16 << 20
_HEX64 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class MemberRecord:
    path: str
    size: int
    sha256: str
    media_type: str


@dataclass(frozen=True)
class Manifest:
    """The parts of a manifest the reader acts on; ``document`` keeps all of it."""

    country: str
    sequence: int
    previous_sha256: str | None
    created_at: datetime
    plan_code: str
    plan_version: str
    signer_name: str
    key_raw: bytes
    members: tuple[MemberRecord, ...]
    document: dict[str, Any]


def encode(document: dict[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def declared_format(data: bytes) -> tuple[object, object]:
    """The manifest's declared ``format`` and ``format_version`` (None where it has none).

    Read before the signature is checked, only to tell a newer FocalPoint's package (refused as
    such) from a damaged one; nothing else in the manifest is believed until then.
    """
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # a thousand nested [ is no manifest
        return None, None
    if not isinstance(document, dict):
        return None, None
    return document.get("format"), document.get("format_version")


def parse(data: bytes) -> Manifest:
    """A signed manifest's fields, each checked for type and form."""
    try:
        document = json.loads(data.decode("utf-8"))
        if not isinstance(document, dict):
            raise ValueError("not an object")
        if document.get("format") != FORMAT:
            raise ValueError("format")
        version = document.get("format_version")
        if type(version) is not int or version != FORMAT_VERSION:
            raise ValueError("format_version")
        if not isinstance(document["members"], list):
            raise ValueError("members")
        country = _text(document["country"])
        sequence = document["sequence"]
        if type(sequence) is not int or sequence < 1:
            raise ValueError("sequence")
        previous = document["previous_sha256"]
        if previous is not None and not (isinstance(previous, str) and _HEX64.fullmatch(previous)):
            raise ValueError("previous")
        created = datetime.fromisoformat(_text(document["created_at"]))
        if created.tzinfo is None:
            raise ValueError("naive time")
        plan = document["plan"]
        signer = document["signer"]
        key = document["key"]
        if key["algorithm"] != "ed25519":
            raise ValueError("algorithm")
        raw = base64.b64decode(_text(key["public_key"]), validate=True)
        if len(raw) != 32:
            raise ValueError("key length")
        members = tuple(_member(item) for item in document["members"])
        return Manifest(
            country=country,
            sequence=sequence,
            previous_sha256=previous,
            created_at=created.astimezone(UTC),
            plan_code=_text(plan["code"]),
            plan_version=_text(plan["version"]),
            signer_name=_text(signer["name"]),
            key_raw=raw,
            members=members,
            document=document,
        )
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, RecursionError):
        raise PackageRefused(
            "manifest",
            malformed_text(),
        ) from None


def malformed_text() -> str:
    """Said when the package's list of contents cannot be read as one."""
    return _(
        "The package's list of contents (manifest.json) is incomplete or damaged, so the "
        "package cannot be trusted. Ask the sender for the file again, exactly as FocalPoint "
        "saved it."
    )


def _member(item: Any) -> MemberRecord:
    if not isinstance(item, dict):
        raise ValueError("member")
    size = item["size"]
    if type(size) is not int or size < 0:
        raise ValueError("size")
    digest = _text(item["sha256"])
    if not _HEX64.fullmatch(digest):
        raise ValueError("sha256")
    return MemberRecord(_text(item["path"]), size, digest, _text(item.get("media_type", "")))


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("not text")
    return value
