"""The Secretariat's half, as far as a country sees it: a real signing key and age identity that
write real key files and receipts (the Secretariat's own workspace is built elsewhere)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, Protocol

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from focalpoint.package.keys import PublicKey, public_of
from focalpoint.package.receipt import file_name, write_receipt
from focalpoint.package.secretariat_key import FILE_NAME, write_secretariat_key_file


class Answered(Protocol):
    """What a receipt names of a submission: a recorded Submission, or :class:`Package`."""

    @property
    def sequence(self) -> int: ...
    @property
    def sha256(self) -> str: ...


class Package(NamedTuple):
    sequence: int
    sha256: str


@dataclass
class Secretariat:
    name: str = "Secretaría Técnica de la CRM"
    key: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)
    identity: pyrage.x25519.Identity = field(default_factory=pyrage.x25519.Identity.generate)

    @property
    def public(self) -> PublicKey:
        return public_of(self.key)

    @property
    def fingerprint(self) -> str:
        return self.public.fingerprint

    @property
    def recipient(self) -> str:
        return str(self.identity.to_public())

    def key_file(self, folder: Path) -> Path:
        path = folder / FILE_NAME
        path.write_bytes(write_secretariat_key_file(self.key, self.name, self.recipient))
        return path

    def receipt(
        self,
        folder: Path,
        submission: Answered,
        decision: str = "accepted",
        reason: str = "",
        country: str = "SV",
    ) -> Path:
        path = folder / file_name(country, submission.sequence, decision)
        path.write_bytes(
            write_receipt(
                self.key, country, submission.sequence, submission.sha256, decision, reason
            )
        )
        return path
