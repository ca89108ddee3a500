"""Ed25519 signing keys: made, locked under a passphrase, unlocked, named by a fingerprint.

The private key is kept as encrypted PKCS#8 (PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC), the form
`openssl pkey` also reads. The fingerprint is what people compare by phone: the first 80 bits of
the SHA-256 of the raw 32-byte public key, in base32 (letters A–Z and digits 2–7, so no 0/O or
1/I to confuse), in four groups of four. The key id is the whole SHA-256 in hex.
"""

from __future__ import annotations

import base64
import hashlib
import os
import unicodedata
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, padding, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

from focalpoint.domain.errors import InvalidInput, WrongPassphrase
from focalpoint.i18n import _

MIN_PASSPHRASE = 10
# OWASP's figure for PBKDF2-HMAC-SHA256: about 0.3 s to unlock here, slow enough to make guessing
# a stolen workspace's passphrase expensive. pyca's own PKCS#8 encryption uses 2,048 rounds and
# offers no setting, so the EncryptedPrivateKeyInfo is built here (RFC 8018), in the standard
# form that cryptography and `openssl pkey` both read.
KDF_ROUNDS = 600_000


@dataclass(frozen=True)
class PublicKey:
    raw: bytes  # 32 bytes

    @property
    def key_id(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.raw)

    @property
    def base64(self) -> str:
        return base64.b64encode(self.raw).decode("ascii")

    def pem(self) -> str:
        key = Ed25519PublicKey.from_public_bytes(self.raw)
        return key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode("ascii")

    def verifies(self, signature: bytes, message: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.raw).verify(signature, message)
        except InvalidSignature:
            return False
        return True


def fingerprint_of(raw: bytes) -> str:
    text = base64.b32encode(hashlib.sha256(raw).digest()[:10]).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, 16, 4))


def is_fingerprint(text: str) -> bool:
    """Whether ``text`` has the form ``fingerprint_of`` gives: four groups of four base32
    characters (A-Z, 2-7)."""
    groups = text.split("-")
    return len(groups) == 4 and all(len(g) == 4 and all(c in _BASE32 for c in g) for g in groups)


_BASE32 = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")


def normalise_fingerprint(text: str) -> str:
    """What a person typed, as the fingerprint format: spaces and case do not matter."""
    letters = "".join(c for c in text.upper() if c.isalnum())
    return "-".join(letters[i : i + 4] for i in range(0, len(letters), 4))


def public_key_from_pem(pem: bytes) -> PublicKey:
    try:
        key = serialization.load_pem_public_key(pem)
    except ValueError:
        raise InvalidInput(_("This file does not hold a public key.")) from None
    if not isinstance(key, Ed25519PublicKey):
        raise InvalidInput(_("This public key is not an Ed25519 key."))
    return PublicKey(key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))


def _secret(passphrase: str) -> bytes:
    """The passphrase as bytes; NFC first, so "é" typed as one key or two unlocks alike."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise InvalidInput(
            _("Choose a passphrase of at least {n} characters.").format(n=MIN_PASSPHRASE)
        )


def new_key(passphrase: str) -> tuple[bytes, PublicKey]:
    """A fresh key: its encrypted PKCS#8 PEM and its public half."""
    check_passphrase(passphrase)
    key = Ed25519PrivateKey.generate()
    return lock(key, passphrase), _public(key)


def lock(key: Ed25519PrivateKey, passphrase: str) -> bytes:
    """The key as encrypted PKCS#8 PEM: PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC."""
    plain = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    salt, iv = os.urandom(16), os.urandom(16)
    secret = PBKDF2HMAC(hashes.SHA256(), 32, salt, KDF_ROUNDS).derive(_secret(passphrase))
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plain) + padder.finalize()
    encryptor = Cipher(algorithms.AES(secret), modes.CBC(iv)).encryptor()
    sealed = encryptor.update(padded) + encryptor.finalize()
    kdf = _seq(
        _oid(_PBKDF2),
        _seq(_der(0x04, salt), _int(KDF_ROUNDS), _seq(_oid(_HMAC_SHA256), b"\x05\x00")),
    )
    algorithm = _seq(_oid(_PBES2), _seq(kdf, _seq(_oid(_AES256_CBC), _der(0x04, iv))))
    document = _seq(algorithm, _der(0x04, sealed))
    body = base64.encodebytes(document).decode("ascii")
    pem = f"-----BEGIN ENCRYPTED PRIVATE KEY-----\n{body}-----END ENCRYPTED PRIVATE KEY-----\n"
    return pem.encode("ascii")


_PBES2 = "1.2.840.113549.1.5.13"
_PBKDF2 = "1.2.840.113549.1.5.12"
_HMAC_SHA256 = "1.2.840.113549.2.9"
_AES256_CBC = "2.16.840.1.101.3.4.1.42"


def _der(tag: int, content: bytes) -> bytes:
    size = len(content)
    if size < 0x80:
        length = bytes([size])
    else:
        raw = size.to_bytes((size.bit_length() + 7) // 8, "big")
        length = bytes([0x80 | len(raw)]) + raw
    return bytes([tag]) + length + content


def _seq(*parts: bytes) -> bytes:
    return _der(0x30, b"".join(parts))


def _int(value: int) -> bytes:
    return _der(0x02, value.to_bytes(value.bit_length() // 8 + 1, "big"))


def _oid(dotted: str) -> bytes:
    numbers = [int(n) for n in dotted.split(".")]
    body = bytearray([numbers[0] * 40 + numbers[1]])
    for number in numbers[2:]:
        chunk = [number & 0x7F]
        number >>= 7
        while number:
            chunk.append(0x80 | (number & 0x7F))
            number >>= 7
        body.extend(reversed(chunk))
    return _der(0x06, bytes(body))


def unlock(pem: bytes, passphrase: str) -> Ed25519PrivateKey:
    """The private key, or WrongPassphrase when the passphrase is not the right one."""
    try:
        key = serialization.load_pem_private_key(pem, _secret(passphrase))
    except (ValueError, TypeError):
        raise WrongPassphrase(
            _("That passphrase does not unlock the signing key. Nothing was changed.")
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise InvalidInput(_("The stored signing key is not an Ed25519 key."))
    return key


def public_of(key: Ed25519PrivateKey) -> PublicKey:
    return _public(key)


def _public(key: Ed25519PrivateKey) -> PublicKey:
    return PublicKey(
        key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )
