"""The officer's profile and the workspace's language and country."""

from __future__ import annotations

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.records import Profile
from focalpoint.domain.text import check_email
from focalpoint.domain.vocab import COUNTRIES
from focalpoint.i18n import LANGUAGES, _
from focalpoint.storage.country import audit_store, settings_store
from focalpoint.storage.sqlite import Database

_FIELDS = ("language", "country", "name", "title", "institution", "email", "phone")
# A name, a title, an institution: long enough for any real one, short enough for a cover.
MAX_FIELD_LENGTH = 300


class ProfileService:
    """Reads and saves who works in this workspace, for which country, in which language."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._cached: Profile | None = None

    def get(self) -> Profile | None:
        """The saved profile, or None before first-run set-up."""
        if self._cached is None:
            with self._db.reading() as conn:
                values = settings_store.read_all(conn)
            if not values.get("country"):
                return None
            self._cached = Profile(**{f: values.get(f, "") for f in _FIELDS})
        return self._cached

    def forget(self) -> None:
        """Read the profile again at the next use (another process may have changed it)."""
        self._cached = None

    def actor(self) -> str:
        """The name recorded in the audit log for changes made now.

        Every change must name a person, so edits wait for the first-run set-up.
        """
        profile = self.get()
        if profile is None:
            raise InvalidInput(
                _(
                    "Set up this workspace first (country and officer): in the window, or with "
                    "`focalpoint setup --country CODE --name NAME`."
                )
            )
        return profile.name

    def save(self, profile: Profile) -> Profile:
        """Check and save the profile in one transaction."""
        cleaned = Profile(**{f: str(getattr(profile, f)).strip() for f in _FIELDS})
        if any(len(getattr(cleaned, f)) > MAX_FIELD_LENGTH for f in _FIELDS):
            raise InvalidInput(
                _("A field is too long (at most {n} characters).").format(n=MAX_FIELD_LENGTH)
            )
        if cleaned.language not in LANGUAGES:
            raise InvalidInput(
                _("Unknown language '{code}'. Use one of: {codes}.").format(
                    code=cleaned.language, codes=", ".join(LANGUAGES)
                )
            )
        country = cleaned.country.upper()
        if country not in COUNTRIES:
            raise InvalidInput(
                _("Unknown country code '{code}'. Use one of: {codes}.").format(
                    code=cleaned.country, codes=", ".join(sorted(COUNTRIES))
                )
            )
        if not cleaned.name:
            raise InvalidInput(_("Please enter the officer's name."))
        check_email(cleaned.email)
        cleaned = Profile(**{**{f: getattr(cleaned, f) for f in _FIELDS}, "country": country})
        with self._db.transaction() as conn:
            before = settings_store.read_all(conn)
            settings_store.write(conn, {f: getattr(cleaned, f) for f in _FIELDS})
            for f in _FIELDS:
                old = before.get(f, "")
                audit_store.record(
                    conn, cleaned.name, "profile", "profile", f, old, getattr(cleaned, f)
                )
        self._cached = cleaned
        return cleaned
