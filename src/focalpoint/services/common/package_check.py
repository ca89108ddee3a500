"""Checking a submission package on its own: decrypting it if needed, the chain to an earlier one.

Needs no workspace, so that ``focalpoint verify`` on a machine without one (the Secretariat's,
a reviewer's) creates none; the workspace adds only "is this key, this submission, ours?".
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from focalpoint.domain.errors import InvalidInput, PackageRefused
from focalpoint.domain.os_errors import os_reason
from focalpoint.i18n import _
from focalpoint.package.keys import is_fingerprint, normalise_fingerprint
from focalpoint.package.reader import ChainPoint, VerifiedPackage, verify_package
from focalpoint.package.submission_contents import read_submission_data

AGE_MAGIC = b"age-encryption.org/v1\n"
# `age -a` writes the same file in ASCII armor (base64 between these lines); age reads both.
AGE_ARMOR = b"-----BEGIN AGE ENCRYPTED FILE-----"


@dataclass(frozen=True)
class CheckedPackage:
    package: VerifiedPackage
    encrypted: bool
    gap: int | None  # submissions missing since the previous package; None when none was given
    key_given: bool = False  # checked against a fingerprint the person gave (``--key``)


def check_fingerprint(text: str) -> str:
    """The fingerprint as typed, normalised; InvalidInput when it cannot be one at all."""
    fingerprint = normalise_fingerprint(text)
    if not is_fingerprint(fingerprint):
        raise InvalidInput(
            _(
                "'{text}' is not a key fingerprint: a fingerprint is four groups of four "
                "characters, letters A to Z and digits 2 to 7 (never 0, 1, 8 or 9), such as "
                "K3ZQ-7RTA-M2PX-QW4D."
            ).format(text=text.strip()[:40])
        )
    return fingerprint


def check_package(
    path: Path,
    fingerprint: str | None = None,
    previous: Path | None = None,
    identity: Path | None = None,
    scratch: Path | None = None,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> CheckedPackage:
    """Check ``path``; raise PackageRefused on any fault, InvalidInput on unusable arguments.

    ``scratch``: the folder where a decrypted copy lives while it is checked (removed after).
    """
    path = Path(path).expanduser()
    trusted = [check_fingerprint(fingerprint)] if fingerprint else []
    after = None
    if previous is not None:
        try:
            # Any valid signature will do for the earlier file: the key may have been replaced
            # between the two, and the link that matters is the hash the new package names.
            earlier = check_package(previous, None, identity=identity, scratch=scratch).package
        except (PackageRefused, InvalidInput) as refusal:
            # Said of the previous file, or the person looks for the fault in the new one.
            raise PackageRefused(
                "previous",
                _("The previous package {path} is not valid: {reason}").format(
                    path=Path(previous).name, reason=refusal
                ),
            ) from None
        after = ChainPoint(earlier.manifest.sequence, earlier.sha256, earlier.manifest.country)
    encrypted = is_encrypted(path)
    clear = path
    if encrypted:
        if identity is None:
            raise PackageRefused(
                "encrypted",
                _(
                    "This package is encrypted for the Secretariat; only the Secretariat's "
                    "identity file can open it. The copy kept before encryption can be "
                    "verified instead."
                ),
            )
        clear = _decrypt(path, identity, scratch)
    try:
        package = verify_package(clear, trusted, after, progress, cancelled)
        # The manifest's country, number and plan must be those its records hold: a signature
        # over a manifest that says "SV" proves nothing if the data is another country's.
        read_submission_data(package)
    finally:
        if clear != path:
            with contextlib.suppress(OSError):
                clear.unlink(missing_ok=True)
    gap = package.gap if after is not None else None
    return CheckedPackage(package, encrypted, gap, key_given=bool(trusted))


def is_encrypted(path: Path) -> bool:
    """Whether ``path`` is an age-encrypted file, binary or armored (by its first line)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(AGE_ARMOR))
            return head.startswith(AGE_MAGIC) or head == AGE_ARMOR
    except OSError as exc:
        raise InvalidInput(
            _("The file {path} cannot be read: {reason}.").format(path=path, reason=os_reason(exc))
        ) from exc


def _decrypt(path: Path, identity_file: Path, folder: Path | None) -> Path:
    """The plaintext, in ``folder`` (the workspace's own, not the shared temporary one)."""
    import pyrage

    try:
        lines = Path(identity_file).read_text("utf-8").splitlines()
        secret = next(line.strip() for line in lines if line.startswith("AGE-SECRET-KEY-"))
        identity = pyrage.x25519.Identity.from_str(secret)
    except (OSError, UnicodeDecodeError, StopIteration, Exception):
        raise InvalidInput(
            _("{path} is not an age identity file (AGE-SECRET-KEY-…).").format(path=identity_file)
        ) from None
    return decrypt_with(path, identity, folder)


def decrypt_with(path: Path, identity: object, folder: Path | None) -> Path:
    """Decrypt ``path`` with an open age ``identity`` (``pyrage.x25519.Identity``) into a new
    file in ``folder``; the caller removes it. PackageRefused when it cannot be opened."""
    import pyrage

    handle, name = tempfile.mkstemp(prefix=".decrypted-", suffix=".zip", dir=folder)
    os.close(handle)
    clear = Path(name)
    try:
        with open(path, "rb") as reader, open(clear, "wb") as writer:
            pyrage.decrypt_io(reader, writer, [identity])
    except Exception:
        clear.unlink(missing_ok=True)
        raise PackageRefused(
            "encrypted",
            _(
                "The encrypted package cannot be opened with this key: it was encrypted for "
                "someone else, or it is damaged. Ask the sender for the file again."
            ),
        ) from None
    except BaseException:  # Ctrl+C mid-way: no plaintext left behind either
        clear.unlink(missing_ok=True)
        raise
    return clear


@dataclass(frozen=True)
class Verification:
    """A package that passed every check, and how it relates to this workspace."""

    sequence: int
    country: str
    created_at: datetime
    signer: str
    fingerprint: str
    sha256: str
    size: int
    members: tuple[tuple[str, int], ...]
    own_key: bool  # signed with a key this workspace has had
    # Whether who signed is proven: by the fingerprint the person gave, or by this workspace's
    # own key. Otherwise the signer's name is only what the package claims: any key can sign.
    signer_proven: bool
    on_record: bool | None  # same bytes as the submission of that number here (None: not ours)
    encrypted: bool
    gap: int | None  # submissions missing since the previous package given; None: none given


def verification_of(
    checked: CheckedPackage, own_key: bool = False, on_record: bool | None = None
) -> Verification:
    """What a person is told of a package that passed (``own_key``: seen from a workspace)."""
    package = checked.package
    return Verification(
        sequence=package.manifest.sequence,
        country=package.manifest.country,
        created_at=package.manifest.created_at,
        signer=package.manifest.signer_name,
        fingerprint=package.fingerprint,
        sha256=package.sha256,
        size=package.size,
        members=tuple((m.path, m.size) for m in package.members),
        own_key=own_key,
        signer_proven=own_key or checked.key_given,
        on_record=on_record,
        encrypted=checked.encrypted,
        gap=checked.gap,
    )


def verify_file(
    path: Path,
    fingerprint: str | None = None,
    previous: Path | None = None,
    identity: Path | None = None,
) -> Verification:
    """Check a package where there is no workspace; raise PackageRefused on any fault.

    A decrypted copy lives in a private temporary folder, removed with it afterwards.
    """
    with tempfile.TemporaryDirectory(prefix="focalpoint-verify-") as scratch:
        checked = check_package(path, fingerprint, previous, identity, Path(scratch))
    return verification_of(checked)
