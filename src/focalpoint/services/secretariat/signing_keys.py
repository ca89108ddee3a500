"""The Secretariat's own key: an Ed25519 signing key and an age identity, one passphrase.

The same passphrase rules and messages as a country's key (``package.keys``). Unlocking opens
both secrets once, for a whole batch of work.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.trust import SecretariatKeyRecord
from focalpoint.i18n import _
from focalpoint.services.common.files import output_target, write_bytes_whole
from focalpoint.services.secretariat.profile import SecretariatProfileService
from focalpoint.storage.secretariat import key_store
from focalpoint.storage.secretariat.database import SecretariatDatabase
from focalpoint.storage.sqlite import now_iso

if TYPE_CHECKING:  # cryptography and pyrage load only when a key is used
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from pyrage import x25519


@dataclass(frozen=True)
class SecretariatKeyInfo:
    key_id: str
    fingerprint: str
    public_key: bytes
    age_recipient: str
    created_at: str


@dataclass(frozen=True)
class UnlockedKeys:
    """Both secrets, open for the work at hand (signing receipts, decrypting packages)."""

    info: SecretariatKeyInfo
    signing: Ed25519PrivateKey
    age: x25519.Identity


def _info(row: SecretariatKeyRecord) -> SecretariatKeyInfo:
    return SecretariatKeyInfo(
        row.key_id, row.fingerprint, row.public_key, row.age_recipient, row.created_at
    )


class SecretariatKeyService:
    def __init__(self, db: SecretariatDatabase, profile: SecretariatProfileService) -> None:
        self._db = db
        self._profile = profile

    def current(self) -> SecretariatKeyInfo | None:
        with self._db.reading() as conn:
            row = key_store.current(conn)
        return _info(row) if row else None

    def create(self, passphrase: str) -> SecretariatKeyInfo:
        """Make the signing key and the age identity, both sealed under ``passphrase``."""
        from focalpoint.package.age_keys import new_identity
        from focalpoint.package.keys import check_passphrase, new_key

        actor = self._profile.actor()
        check_passphrase(passphrase)  # before the slow work, with the country's message
        if self.current() is not None:
            raise InvalidInput(_("The Secretariat already has a signing key. Nothing was changed."))
        pem, public = new_key(passphrase)
        sealed, recipient = new_identity(passphrase)
        row = SecretariatKeyRecord(
            key_id=public.key_id,
            fingerprint=public.fingerprint,
            public_key=public.raw,
            private_pem=pem,
            age_recipient=recipient,
            age_secret=sealed,
            created_at=now_iso(),
            created_by=actor,
        )
        with self._db.transaction() as conn:
            if key_store.current(conn) is not None:  # made meanwhile by another analyst
                raise InvalidInput(
                    _("The Secretariat already has a signing key. Nothing was changed.")
                )
            key_store.add(conn, row)
        return _info(row)

    def unlock(self, passphrase: str) -> UnlockedKeys:
        """Both secrets; a wrong passphrase is refused (WrongPassphrase) with nothing changed."""
        from focalpoint.package.age_keys import open_identity
        from focalpoint.package.keys import unlock

        with self._db.reading() as conn:
            row = key_store.current(conn)
        if row is None or row.private_pem is None or row.age_secret is None:
            raise InvalidInput(
                _(
                    "The Secretariat has no signing key yet. Create one first: "
                    "`focalpoint ts setup`."
                )
            )
        signing = unlock(row.private_pem, passphrase)
        return UnlockedKeys(_info(row), signing, open_identity(row.age_secret, passphrase))

    def write_key_file(self, path: Path, passphrase: str) -> SecretariatKeyInfo:
        """Write the key file countries import to trust the Secretariat (signed with its key,
        so the passphrase is asked), whole or not at all; ``docs/secretariat-key-file.md``."""
        from focalpoint.package.secretariat_key import write_secretariat_key_file

        target = output_target(
            path,
            _("Give the key file a name, such as FocalPoint-Secretariat-key.json."),
            _("{path} is not a file: choose another name for the key file."),
        )
        profile = self._profile.get()
        if profile is None:
            raise InvalidInput(
                _("The Secretariat has no name yet. Set it up first: `focalpoint ts setup`.")
            )
        keys = self.unlock(passphrase)
        data = write_secretariat_key_file(keys.signing, profile.name, keys.info.age_recipient)
        write_bytes_whole(target, data, _("The key file could not be written to {path}: {reason}."))
        return keys.info
