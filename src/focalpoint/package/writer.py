"""Writing a signed package: members stream in, then the manifest, then its signature."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from focalpoint.domain.errors import Cancelled
from focalpoint.package import manifest as manifest_format
from focalpoint.package.canonical_zip import CHUNK, CanonicalZipWriter
from focalpoint.package.envelope import MANIFEST_TYPE, Envelope, pae
from focalpoint.package.keys import public_of
from focalpoint.package.members import MemberSource


@dataclass(frozen=True)
class WrittenPackage:
    sha256: str
    size: int
    manifest: bytes


def write_package(
    target: Path,
    header: dict[str, Any],
    members: Iterable[MemberSource],
    key: Ed25519PrivateKey,
    created_at: datetime,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> WrittenPackage:
    """Write the whole package to ``target`` (the caller renames it into place).

    ``header`` is the manifest without its ``members`` and ``key``; both are filled in here.
    """
    members = list(members)
    total = sum(m.weight for m in members) or 1
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None:
            progress(min(done / total, 1.0) * 0.95)

    public = public_of(key)
    with open(target, "wb") as out:
        writer = CanonicalZipWriter(out, created_at)
        listed = []
        for member in members:
            if member.data is not None:
                written = writer.add_bytes(member.name, member.data)
                advance(written.size)
            else:
                assert member.open_chunks is not None
                written = writer.add_stream(member.name, member.open_chunks(), advance)
            listed.append(
                {
                    "path": written.name,
                    "size": written.size,
                    "sha256": written.sha256,
                    "media_type": member.media_type,
                }
            )
        document = {
            **header,
            "key": {
                "algorithm": "ed25519",
                "id": public.key_id,
                "fingerprint": public.fingerprint,
                "public_key": public.base64,
            },
            "members": listed,
        }
        manifest = manifest_format.encode(document)
        writer.add_bytes(manifest_format.MANIFEST_NAME, manifest)
        signature = key.sign(pae(MANIFEST_TYPE, manifest))
        envelope = Envelope(MANIFEST_TYPE, manifest, public.key_id, signature)
        writer.add_bytes(manifest_format.SIGNATURE_NAME, envelope.to_bytes())
        writer.finish()
        out.flush()
        os.fsync(out.fileno())
    digest, size = hash_file(target)
    if progress is not None:
        progress(1.0)
    return WrittenPackage(digest, size, manifest)


def hash_file(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size
