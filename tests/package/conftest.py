"""Real keys (encrypted PKCS#8, 600k PBKDF2 rounds) made once, and one pristine package."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from focalpoint.package import keys
from tests.package import zipcraft


@dataclass(frozen=True)
class Signer:
    passphrase: str
    pem: bytes  # encrypted PKCS#8, as stored in the workspace
    public: keys.PublicKey
    private: Ed25519PrivateKey  # unlocked from ``pem``

    @property
    def fingerprint(self) -> str:
        return self.public.fingerprint


def _signer(passphrase: str) -> Signer:
    pem, public = keys.new_key(passphrase)
    return Signer(passphrase, pem, public, keys.unlock(pem, passphrase))


@pytest.fixture(scope="session")
def signer() -> Signer:
    """The country's officer: the key the Secretariat trusts."""
    return _signer("correct horse battery staple")


@pytest.fixture(scope="session")
def attacker() -> Signer:
    """Someone else with a perfectly good key of their own."""
    return _signer("tr0ub4dor & 3 and more")


@dataclass(frozen=True)
class Pristine:
    path: Path  # never modified: tests copy its bytes
    data: bytes
    sha256: str
    manifest: bytes
    layout: zipcraft.Layout

    @property
    def document(self) -> dict:
        return json.loads(self.manifest)

    @property
    def members(self) -> list[tuple[str, bytes]]:
        """The data members (without manifest and signature), in order."""
        return zipcraft.contents(self.data)[:-2]

    @property
    def signature(self) -> bytes:
        return dict(zipcraft.contents(self.data))["signature.json"]


@pytest.fixture(scope="session")
def pristine(signer: Signer, tmp_path_factory: pytest.TempPathFactory) -> Pristine:
    path = tmp_path_factory.mktemp("pristine") / "FocalPoint-SV-007-2025-03-01.zip"
    written = zipcraft.write(path, signer.private)
    data = path.read_bytes()
    path.chmod(0o444)
    return Pristine(path, data, written.sha256, written.manifest, zipcraft.layout(data))
