"""The Secretariat's name and language."""

from __future__ import annotations

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.trust import SecretariatProfileRecord
from focalpoint.i18n import LANGUAGES, _
from focalpoint.storage.secretariat import profile_store
from focalpoint.storage.secretariat.database import SecretariatDatabase
from focalpoint.storage.sqlite import now_iso

MAX_NAME_LENGTH = 200


class SecretariatProfileService:
    def __init__(self, db: SecretariatDatabase) -> None:
        self._db = db

    def get(self) -> SecretariatProfileRecord | None:
        """The saved profile, or None before set-up."""
        with self._db.reading() as conn:
            return profile_store.get(conn)

    def actor(self) -> str:
        """Who is recorded as making a change now: the Secretariat's name, once set up."""
        profile = self.get()
        if profile is None:
            raise InvalidInput(
                _("Set up the Secretariat's workspace first: `focalpoint ts setup --name NAME`.")
            )
        return profile.name

    def save(self, name: str, language: str) -> SecretariatProfileRecord:
        name = name.strip()
        if not name:
            raise InvalidInput(_("Please enter the Secretariat's name."))
        if len(name) > MAX_NAME_LENGTH:
            raise InvalidInput(
                _("A field is too long (at most {n} characters).").format(n=MAX_NAME_LENGTH)
            )
        if language not in LANGUAGES:
            raise InvalidInput(
                _("Unknown language '{code}'. Use one of: {codes}.").format(
                    code=language, codes=", ".join(LANGUAGES)
                )
            )
        profile = SecretariatProfileRecord(name, language)
        with self._db.transaction() as conn:
            profile_store.save(conn, profile, now_iso())
        return profile
