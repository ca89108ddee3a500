"""Verifying a package: every byte checked, nothing written, the first fault named.

Order matters for the messages: the archive's structure first (a truncated or foreign file), then
the format version (a newer FocalPoint's package), then the signature and key (who sent it), then
each member against the signed manifest, then the place in the chain of submissions.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from focalpoint.domain.errors import Cancelled, InvalidInput, PackageRefused
from focalpoint.domain.os_errors import os_reason
from focalpoint.domain.text import excerpt
from focalpoint.i18n import _
from focalpoint.package import manifest as manifest_format
from focalpoint.package.canonical_zip import (
    Entry,
    altered_text,
    changed_text,
    dos_stamp,
    read_entries,
    read_member,
    stamp_of,
    stream_member,
)
from focalpoint.package.envelope import MANIFEST_TYPE, MAX_ENVELOPE_BYTES, Envelope, pae
from focalpoint.package.keys import PublicKey, fingerprint_of, normalise_fingerprint


@dataclass(frozen=True)
class ChainPoint:
    """The last submission already accepted from this country: the next must follow it."""

    sequence: int
    sha256: str
    country: str = ""  # when known: a package from another country is no link in this chain


@dataclass(frozen=True)
class VerifiedPackage:
    path: Path
    sha256: str  # of the whole file: what the next submission names as its previous
    size: int
    manifest: manifest_format.Manifest
    fingerprint: str
    key_id: str
    gap: int  # submissions missing between the chain point and this one (0 when consecutive)

    @property
    def members(self) -> tuple[manifest_format.MemberRecord, ...]:
        return self.manifest.members


def verify_package(
    path: Path,
    trusted: Collection[str] = (),
    after: ChainPoint | None = None,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> VerifiedPackage:
    """Check the package at ``path``; raise PackageRefused naming the first fault.

    ``trusted``: fingerprints the signer's key must be among (any key when empty: the result names
    it, and the caller must compare it with the registered one). ``after``: the submission this one
    must come after.
    """
    trusted = {normalise_fingerprint(f) for f in trusted}
    try:
        with open(path, "rb") as source:
            size = source.seek(0, 2)
            entries = read_entries(source, size)
            names = [e.name for e in entries]
            if manifest_format.MANIFEST_NAME not in names:
                raise PackageRefused(
                    "member_missing",
                    _(
                        "This file is not a FocalPoint package: it lacks the list of its "
                        "contents (manifest.json) that every package has. Check that you chose "
                        "the right file, or ask the sender for it again."
                    ),
                )
            if manifest_format.SIGNATURE_NAME not in names:
                raise PackageRefused(
                    "signature",
                    _(
                        "This package is not signed (signature.json is missing), so nobody can "
                        "tell who made it. Ask the sender for the file exactly as FocalPoint "
                        "saved it."
                    ),
                )
            by_name = {e.name: e for e in entries}
            manifest_bytes = read_member(
                source, by_name[manifest_format.MANIFEST_NAME], manifest_format.MAX_MANIFEST_BYTES
            )
            kind, version = manifest_format.declared_format(manifest_bytes)
            if kind != manifest_format.FORMAT:
                raise PackageRefused(
                    "manifest",
                    _(
                        "This file is not a FocalPoint submission package: its list of contents "
                        "describes something else. Check that you chose the right file."
                    ),
                )
            if type(version) is not int or not 0 < version < 10_000:
                # Not a version any FocalPoint writes: a damaged manifest, and nothing of it is
                # repeated in the message (it could be a thousand digits or a nested list).
                raise PackageRefused("manifest", manifest_format.malformed_text())
            if version != manifest_format.FORMAT_VERSION:
                raise PackageRefused(
                    "unknown_version",
                    _(
                        "This package was made by a newer FocalPoint (format version {version}; "
                        "this one reads version {known}). Update FocalPoint to read it."
                    ).format(version=version, known=manifest_format.FORMAT_VERSION),
                )
            envelope = Envelope.from_bytes(
                read_member(source, by_name[manifest_format.SIGNATURE_NAME], MAX_ENVELOPE_BYTES)
            )
            if envelope.payload_type != MANIFEST_TYPE or envelope.payload != manifest_bytes:
                raise PackageRefused(
                    "signature",
                    _(
                        "The package's signature belongs to another package, not to this one: "
                        "it was changed after it was signed. Ask the sender for the file again."
                    ),
                )
            manifest = manifest_format.parse(manifest_bytes)
            key = PublicKey(manifest.key_raw)
            if envelope.key_id != key.key_id:
                raise _bad_signature()
            # The signature first: only then is "signed with key X" true of the key it names.
            if not key.verifies(envelope.signature, pae(MANIFEST_TYPE, manifest_bytes)):
                raise _bad_signature()
            fingerprint = fingerprint_of(key.raw)
            if trusted and fingerprint not in trusted:
                raise PackageRefused(
                    "wrong_key",
                    _(
                        "The package is signed with key {fingerprint}, not with the key expected "
                        "({expected}). It may come from someone else, or the sender may have a "
                        "new key: check the fingerprint with the sender by phone before going on."
                    ).format(fingerprint=fingerprint, expected=", ".join(sorted(trusted))),
                )
            # From here on the manifest is the signer's own words.
            _check_layout(entries, manifest)
            if stamp_of(source, entries) != dos_stamp(manifest.created_at):
                raise PackageRefused(
                    "altered",
                    altered_text().format(where=_("the files' dates")),
                )
            digest = _check_contents(source, entries, manifest, size, progress, cancelled)
    except OSError as exc:
        raise InvalidInput(
            _("The file {path} cannot be read: {reason}.").format(path=path, reason=os_reason(exc))
        ) from exc
    gap = _check_chain(manifest, after)
    return VerifiedPackage(path, digest, size, manifest, fingerprint, key.key_id, gap)


def _bad_signature() -> PackageRefused:
    return PackageRefused(
        "signature",
        _(
            "The package's signature does not match its contents: it was changed after it was "
            "signed, or not signed by the key it names. Do not use it; ask the sender for the "
            "file again."
        ),
    )


def _check_layout(entries: list[Entry], manifest: manifest_format.Manifest) -> None:
    """The archive holds exactly the listed members, in the listed order, then the two of ours."""
    listed = [m.path for m in manifest.members]
    present = [e.name for e in entries]
    tail = [manifest_format.MANIFEST_NAME, manifest_format.SIGNATURE_NAME]
    body = [n for n in present if n not in tail]
    missing = [n for n in listed if n not in body]
    if missing:
        raise PackageRefused(
            "member_missing",
            _(
                "The file {name} is missing from the package, although its list of contents "
                "names it: something was removed after signing. Ask the sender for the file again."
            ).format(name=excerpt(missing[0])),
        )
    extra = [n for n in body if n not in listed]
    if extra:
        raise PackageRefused(
            "member_extra",
            _(
                "The package holds a file its list of contents does not name ({name}): something "
                "was added after signing. Ask the sender for the file again."
            ).format(name=excerpt(extra[0])),
        )
    if present != [*listed, *tail] or len(set(listed)) != len(listed):
        raise PackageRefused(
            "altered",
            altered_text().format(where=_("the order of its files")),
        )


def _check_contents(
    handle: BinaryIO,
    entries: list[Entry],
    manifest: manifest_format.Manifest,
    size: int,
    progress: Callable[[float], None] | None,
    cancelled: Callable[[], bool] | None,
) -> str:
    """Hash every member against the manifest, and the whole file on the way, in one pass."""
    whole = hashlib.sha256()
    position = 0
    records = {m.path: m for m in manifest.members}
    for entry in entries:
        handle.seek(position)
        whole.update(handle.read(entry.offset - position))  # the local header
        record = records.get(entry.name)
        if record is not None and record.size != entry.size:
            raise _changed(entry.name)
        digest = hashlib.sha256()
        for chunk in stream_member(handle, entry):
            digest.update(chunk)
            whole.update(chunk)
            if cancelled is not None and cancelled():
                raise Cancelled()
        if record is not None and digest.hexdigest() != record.sha256:
            raise _changed(entry.name)
        position = entry.offset + entry.size
        if progress is not None:
            progress(position / size)
    handle.seek(position)
    whole.update(handle.read(size - position))  # the table of contents and the end record
    return whole.hexdigest()


def _changed(name: str) -> PackageRefused:
    return PackageRefused(
        "member_changed",
        changed_text().format(name=name),
    )


def _check_chain(manifest: manifest_format.Manifest, after: ChainPoint | None) -> int:
    if after is None:
        return 0
    if after.country and manifest.country != after.country:
        # Each country numbers its own submissions: another's package proves nothing here.
        raise PackageRefused(
            "previous",
            _(
                "The previous package comes from another country ({other}), not from "
                "{country}: give the last package accepted from {country}."
            ).format(other=after.country, country=manifest.country),
        )
    if manifest.sequence <= after.sequence:
        raise PackageRefused(
            "replayed",
            _(
                "This is submission number {sequence}, but number {last} has already been "
                "received: this package is an old one, or one sent again. If the country meant "
                "to send something new, ask it for its newest package."
            ).format(sequence=manifest.sequence, last=after.sequence),
        )
    if manifest.sequence == after.sequence + 1 and manifest.previous_sha256 != after.sha256:
        raise PackageRefused(
            "forked",
            _(
                "Submission {sequence} does not follow submission {last} as it was received: it "
                "names a different package before it. Ask the country which package it sent "
                "before this one."
            ).format(sequence=manifest.sequence, last=after.sequence),
        )
    return manifest.sequence - after.sequence - 1
