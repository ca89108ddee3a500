"""An age (X25519) identity sealed under a passphrase: what the Secretariat decrypts with.

Countries may encrypt a package to the Secretariat's ``age1…`` recipient. The identity's
secret (``AGE-SECRET-KEY-1…``) is kept sealed under the same passphrase as the signing key, so
one passphrase unlocks both: scrypt (N = 2^17, r = 8, p = 1: 128 MiB, OWASP's recommended
minimum) derives a key for ChaCha20-Poly1305. Not age's own passphrase encryption, which the
first keys used (and which still opens): rage tunes its scrypt cost to the machine that seals,
and on this one chose N = 2^19, so that unlocking took 512 MiB, and would take 1 GiB on a
faster one, on whatever laptop opens the workspace later.
"""

from __future__ import annotations

import os
import unicodedata
from typing import TYPE_CHECKING

from focalpoint.domain.errors import WrongPassphrase
from focalpoint.i18n import _

if TYPE_CHECKING:
    from pyrage import x25519


def recipient_of(text: str) -> x25519.Recipient | None:
    """The age X25519 public key (``age1…``) that ``text`` is, or None when it is not one."""
    from pyrage import x25519

    if text[:4].lower() != "age1":  # bech32 may be written in capitals
        return None
    try:
        return x25519.Recipient.from_str(text)
    except Exception:  # pyrage raises its own RecipientError or ValueError
        return None


def _secret(passphrase: str) -> str:
    # NFC, as for the signing key: "é" typed as one key or two unlocks alike.
    return unicodedata.normalize("NFC", passphrase)


SEALED = b"focalpoint-sealed/v1\n"  # then salt (16 bytes), nonce (12), ciphertext and tag
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
_AGE = b"age-encryption.org/v1"


def _key(passphrase: str, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    kdf = Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    return kdf.derive(_secret(passphrase).encode("utf-8"))


def seal(secret: bytes, passphrase: str) -> bytes:
    """``secret`` sealed under ``passphrase`` (the format is :data:`SEALED`'s)."""
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    salt, nonce = os.urandom(16), os.urandom(12)
    box = ChaCha20Poly1305(_key(passphrase, salt))
    return SEALED + salt + nonce + box.encrypt(nonce, secret, SEALED)


def unseal(sealed: bytes, passphrase: str) -> bytes:
    """What :func:`seal` sealed (or age's passphrase encryption, as the first keys were
    kept); WrongPassphrase when ``passphrase`` does not open it."""
    wrong = WrongPassphrase(
        _("That passphrase does not unlock the signing key. Nothing was changed.")
    )
    if sealed.startswith(_AGE):
        from pyrage import DecryptError
        from pyrage import passphrase as sealing

        try:
            return bytes(sealing.decrypt(sealed, _secret(passphrase)))
        except DecryptError:
            raise wrong from None
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    body = sealed[len(SEALED) :]
    if not sealed.startswith(SEALED) or len(body) < 16 + 12 + 16:
        raise wrong
    salt, nonce, ciphertext = body[:16], body[16:28], body[28:]
    try:
        return ChaCha20Poly1305(_key(passphrase, salt)).decrypt(nonce, ciphertext, SEALED)
    except InvalidTag:
        raise wrong from None


def new_identity(passphrase: str) -> tuple[bytes, str]:
    """A fresh identity: its secret sealed under ``passphrase``, and its ``age1…`` recipient."""
    from pyrage import x25519

    identity = x25519.Identity.generate()
    return seal(str(identity).encode("ascii"), passphrase), str(identity.to_public())


def open_identity(sealed: bytes, passphrase: str) -> x25519.Identity:
    """The identity, or WrongPassphrase when ``passphrase`` does not open it."""
    from pyrage import x25519

    return x25519.Identity.from_str(unseal(sealed, passphrase).decode("ascii"))
