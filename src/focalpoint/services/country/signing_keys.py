"""The officer's signing key: create, show, change its passphrase, replace, export, register."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.submissions import StoredKey
from focalpoint.domain.vocab import COUNTRIES
from focalpoint.i18n import _
from focalpoint.services.common.files import output_target, write_bytes_whole
from focalpoint.services.country.profile import ProfileService
from focalpoint.storage.country import audit_store, key_store
from focalpoint.storage.sqlite import Database, now_iso

if TYPE_CHECKING:  # cryptography loads only when a key is used, never at start-up
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


@dataclass(frozen=True)
class KeyInfo:
    key_id: str
    fingerprint: str
    public_key: bytes
    created_at: str
    created_by: str
    replaced_at: str | None

    @property
    def current(self) -> bool:
        return self.replaced_at is None

    def pem(self) -> str:
        from focalpoint.package.keys import PublicKey

        return PublicKey(self.public_key).pem()


def _info(row: StoredKey) -> KeyInfo:
    return KeyInfo(
        row.key_id, row.fingerprint, row.public_key, row.created_at, row.created_by, row.replaced_at
    )


class KeyService:
    """One current Ed25519 key per workspace, its private half encrypted under a passphrase."""

    def __init__(self, db: Database, profile: ProfileService) -> None:
        self._db = db
        self._profile = profile

    def current(self) -> KeyInfo | None:
        with self._db.reading() as conn:
            row = key_store.current_key(conn)
        return _info(row) if row else None

    def on_record(self) -> list[KeyInfo]:
        """Every key this workspace has had, newest first; replaced ones are kept for history."""
        with self._db.reading() as conn:
            return [_info(row) for row in key_store.all_keys(conn)]

    def create(self, passphrase: str, replace: bool = False) -> KeyInfo:
        """Make a key. With ``replace``, the current one is retired (its fingerprint stays)."""
        from focalpoint.package.keys import new_key

        actor = self._profile.actor()
        if self.current() is not None and not replace:
            raise InvalidInput(
                _(
                    "This workspace already has a signing key. Replace it only if it is lost or "
                    "exposed: the Secretariat must then register the new one."
                )
            )
        pem, public = new_key(passphrase)
        stamp = now_iso()
        row = StoredKey(public.key_id, public.fingerprint, public.raw, pem, stamp, actor, None)
        with self._db.transaction() as conn:
            old = key_store.current_key(conn)
            if old is not None:
                key_store.retire_key(conn, old.key_id, stamp)
            key_store.add_key(conn, row)
            audit_store.record(
                conn,
                actor,
                "key",
                public.key_id,
                "fingerprint",
                old.fingerprint if old else "",
                public.fingerprint,
            )
        return _info(row)

    def unlock(self, passphrase: str) -> Ed25519PrivateKey:
        """The private key, for signing now; refuses a wrong passphrase with nothing changed."""
        from focalpoint.package.keys import unlock

        row = self._current_row()
        assert row.private_pem is not None
        return unlock(row.private_pem, passphrase)

    def change_passphrase(self, old: str, new: str) -> None:
        from focalpoint.package.keys import check_passphrase, lock

        check_passphrase(new)
        key = self.unlock(old)
        if unicodedata.normalize("NFC", new) == unicodedata.normalize("NFC", old):
            raise InvalidInput(
                _("The new passphrase is the same as the old one. Nothing was changed.")
            )
        row = self._current_row()
        pem = lock(key, new)
        with self._db.transaction() as conn:
            key_store.set_private(conn, row.key_id, pem)
            audit_store.record(
                conn, self._profile.actor(), "key", row.key_id, "passphrase", "", now_iso()
            )

    def export_public(self, path: Path) -> Path:
        """Write the public key as PEM (what `openssl` and the Secretariat read)."""
        info = self._current_info()
        return _write_whole(Path(path), info.pem().encode("ascii"))

    def registration_sheet(self, path: Path, language: str | None = None) -> Path:
        """The key-registration PDF to send to the Secretariat by a separate channel."""
        from focalpoint.render.key_sheet import KeySheet
        from focalpoint.services.common.key_sheets import write_key_sheet

        info = self._current_info()
        profile = self._profile.get()
        assert profile is not None  # a key exists, so set-up was done
        language = language or profile.language
        earlier = tuple(k.fingerprint for k in self.on_record() if not k.current)
        sheet = KeySheet(
            country_code=profile.country,
            country_name=COUNTRIES[profile.country][language],
            officer_name=profile.name,
            officer_title=profile.title,
            institution=profile.institution,
            email=profile.email,
            phone=profile.phone,
            fingerprint=info.fingerprint,
            key_id=info.key_id,
            public_key_pem=info.pem(),
            created_at=info.created_at,
            replaces=earlier,
        )
        target = Path(path).expanduser()
        write_key_sheet(target, sheet, language)
        return target

    def _current_row(self) -> StoredKey:
        with self._db.reading() as conn:
            row = key_store.current_key(conn)
        if row is None or row.private_pem is None:
            raise InvalidInput(
                _(
                    "This workspace has no signing key yet. Create one first (Settings → Signing "
                    "key, or `focalpoint key create`)."
                )
            )
        return row

    def _current_info(self) -> KeyInfo:
        return _info(self._current_row())

    def require(self) -> KeyInfo:
        """The current key; refuses, saying how to make one, when the workspace has none."""
        return self._current_info()


def _write_whole(path: Path, data: bytes) -> Path:
    target = output_target(path, _("Give the file a name."), _("{path} is not a file."))
    return write_bytes_whole(target, data, _("The file {path} cannot be written: {reason}."))
