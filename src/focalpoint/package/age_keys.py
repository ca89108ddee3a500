"""An age (X25519) identity sealed under a passphrase: what the Secretariat decrypts with.

Countries may encrypt a package to the Secretariat's ``age1…`` recipient. The identity's
secret (``AGE-SECRET-KEY-1…``) is kept encrypted with age's own passphrase encryption (scrypt),
under the same passphrase as the signing key, so one passphrase unlocks both.
"""

from __future__ import annotations

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


def new_identity(passphrase: str) -> tuple[bytes, str]:
    """A fresh identity: its secret sealed under ``passphrase``, and its ``age1…`` recipient."""
    from pyrage import passphrase as sealing
    from pyrage import x25519

    identity = x25519.Identity.generate()
    sealed = sealing.encrypt(str(identity).encode("ascii"), _secret(passphrase))
    return sealed, str(identity.to_public())


def open_identity(sealed: bytes, passphrase: str) -> x25519.Identity:
    """The identity, or WrongPassphrase when ``passphrase`` does not open it."""
    from pyrage import DecryptError, x25519
    from pyrage import passphrase as sealing

    try:
        secret = sealing.decrypt(sealed, _secret(passphrase))
    except DecryptError:
        raise WrongPassphrase(
            _("That passphrase does not unlock the signing key. Nothing was changed.")
        ) from None
    return x25519.Identity.from_str(secret.decode("ascii"))
