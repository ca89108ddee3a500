"""The registry of trusted country keys: register, replace, revoke, list, and ``key_for``.

A key is registered only when the fingerprint typed back (as read over the phone from the
country's key-registration sheet) is the key's own. Every refusal is an ``InvalidInput`` in the
user's language, with nothing changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.trust import CountryKeyRecord, KeyRefusal
from focalpoint.domain.vocab import COUNTRIES
from focalpoint.i18n import _
from focalpoint.services.common.files import read_bounded
from focalpoint.services.secretariat.profile import SecretariatProfileService
from focalpoint.storage.secretariat import registry_store
from focalpoint.storage.secretariat.database import SecretariatDatabase
from focalpoint.storage.sqlite import now_iso

# A PEM public key is about 113 bytes and the QR text about 110: anything far larger is not one.
MAX_KEY_FILE = 64 * 1024
QR_PREFIX = "FOCALPOINT-KEY:"
PAGE = 100
MAX_NOTE = 2000


@dataclass(frozen=True)
class Registered:
    key: CountryKeyRecord
    replaced: CountryKeyRecord | None  # the country's key before this one, kept on record


@dataclass(frozen=True)
class KeyVerdict:
    """``key_for``'s answer: the key to verify with, or why the signature does not count."""

    key: CountryKeyRecord | None
    refusal: KeyRefusal | None = None
    message: str = ""  # in the user's language, when refused

    @property
    def trusted(self) -> bool:
        return self.refusal is None


def checked_country(code: str) -> str:
    country = code.strip().upper()
    if country not in COUNTRIES:
        raise InvalidInput(
            _("Unknown country code '{code}'. Use one of: {codes}.").format(
                code=code, codes=", ".join(sorted(COUNTRIES))
            )
        )
    return country


def read_key_text(path: Path) -> str:
    """The text of a key file: a PEM public key, or the QR text of a registration sheet."""
    raw = read_bounded(
        Path(path), MAX_KEY_FILE, _("The file {path} is too large to be a key.").format(path=path)
    )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(_("This file does not hold a public key.")) from None


def key_from_text(text: str, country: str) -> bytes:
    """The raw public key in a PEM or a sheet's QR text; the QR text must name ``country``."""
    from focalpoint.package.keys import public_key_from_pem
    from focalpoint.package.registration import read_registration_payload

    if QR_PREFIX in text:
        named, raw = read_registration_payload(text)
        if named != country:
            raise InvalidInput(
                _(
                    "This QR text is the key of {named}, not of {country}. Nothing was registered."
                ).format(named=named, country=country)
            )
        return raw
    return public_key_from_pem(text.encode("utf-8", errors="replace")).raw


class Registry:
    def __init__(self, db: SecretariatDatabase, profile: SecretariatProfileService) -> None:
        self._db = db
        self._profile = profile

    def register_file(
        self, path: Path, country: str, fingerprint: str, note: str = "", replace: bool = False
    ) -> Registered:
        return self.register(read_key_text(path), country, fingerprint, note, replace)

    def register(
        self, text: str, country: str, fingerprint: str, note: str = "", replace: bool = False
    ) -> Registered:
        """Trust the key in ``text`` (PEM or QR text) for ``country``, once ``fingerprint``
        (typed back, any spacing, case or dashes) is its own.

        A country has one current key: registering another needs ``replace`` (unless the
        current one is revoked), and the old one stays on record, valid for what it signed
        before now.
        """
        from focalpoint.package.keys import PublicKey, normalise_fingerprint

        country = checked_country(country)
        if len(note.strip()) > MAX_NOTE:
            raise InvalidInput(
                _("A field is too long (at most {n} characters).").format(n=MAX_NOTE)
            )
        public = PublicKey(key_from_text(text, country))
        raw, actual = public.raw, public.fingerprint
        typed = normalise_fingerprint(fingerprint)
        if typed != actual:
            # The right fingerprint is not shown: the person must read it from the sheet.
            raise InvalidInput(
                _(
                    "The fingerprint typed ({typed}) is not this key's. Read it again with the "
                    "country's focal point. Nothing was registered."
                ).format(typed=fingerprint.strip() or "—")
            )
        actor = self._profile.actor()
        stamp = now_iso()
        key = CountryKeyRecord(
            key_id=public.key_id,
            country=country,
            public_key=raw,
            fingerprint=actual,
            registered_at=stamp,
            registered_by=actor,
            note=note.strip(),
        )
        with self._db.transaction() as conn:
            known = registry_store.by_public_key(conn, raw)
            if known is not None and known.country == country:
                raise InvalidInput(
                    _("This key is already registered for {country}. Nothing was changed.").format(
                        country=country
                    )
                )
            if known is not None:
                raise InvalidInput(
                    _(
                        "This key is already registered for {other}: a key belongs to one "
                        "country. Nothing was changed."
                    ).format(other=known.country)
                )
            current = registry_store.current_for(conn, country)
            if current is not None and current.revoked_from is None and not replace:
                raise InvalidInput(
                    _(
                        "{country} already has a registered key ({fingerprint}). To put this one "
                        "in its place, replace it (--replace). Nothing was changed."
                    ).format(country=country, fingerprint=current.fingerprint)
                )
            if current is not None:
                registry_store.mark_replaced(conn, current.key_id, stamp)
            registry_store.add(conn, key)
            if current is not None:
                registry_store.set_replaced_by(conn, current.key_id, key.key_id)
                current = registry_store.by_key_id(conn, current.key_id)
        return Registered(key, current)

    def revoke(
        self, country: str, from_day: str | date, fingerprint: str | None = None
    ) -> CountryKeyRecord:
        """Refuse, from ``from_day`` (a UTC day) on, whatever the key signs; by default the
        country's current key, or the one whose ``fingerprint`` is given."""
        from focalpoint.package.keys import normalise_fingerprint

        country = checked_country(country)
        day = _day(from_day)
        self._profile.actor()  # set-up first, as for every change
        with self._db.transaction() as conn:
            if fingerprint:
                key = registry_store.by_fingerprint(conn, normalise_fingerprint(fingerprint))
                if key is None or key.country != country:
                    raise InvalidInput(
                        _("{country} has no registered key {fingerprint}.").format(
                            country=country, fingerprint=fingerprint
                        )
                    )
            else:
                key = registry_store.current_for(conn, country)
                if key is None:
                    raise InvalidInput(
                        _("{country} has no registered key. Nothing was changed.").format(
                            country=country
                        )
                    )
            if key.revoked_from is not None:
                raise InvalidInput(
                    _(
                        "The key {fingerprint} of {country} is already revoked from {day}. "
                        "Nothing was changed."
                    ).format(fingerprint=key.fingerprint, country=country, day=key.revoked_from)
                )
            registry_store.revoke(conn, key.key_id, day)
            revoked = registry_store.by_key_id(conn, key.key_id)
        assert revoked is not None
        return revoked

    def count(self, country: str | None = None) -> int:
        with self._db.reading() as conn:
            return registry_store.count(conn, checked_country(country) if country else None)

    def page(
        self, country: str | None = None, offset: int = 0, limit: int = PAGE
    ) -> list[CountryKeyRecord]:
        """One page of registered keys, by country, newest first within each country."""
        code = checked_country(country) if country else None
        with self._db.reading() as conn:
            return registry_store.page(conn, offset, limit, code)

    def key_for(self, country: str, key_id: str, signed_at: datetime) -> KeyVerdict:
        """The key to verify a package from ``country`` signed at ``signed_at`` with, or why
        no key may: unknown, another country's, revoked by then, or replaced by then."""
        with self._db.reading() as conn:
            key = registry_store.by_key_id(conn, key_id.lower())
        if key is None:
            return KeyVerdict(
                None,
                KeyRefusal.UNKNOWN,
                _(
                    "This package is signed by a key the Secretariat has not registered for "
                    "{country}. Register the country's key first."
                ).format(country=country),
            )
        refusal = key.refusal(country, signed_at)
        if refusal is None:
            return KeyVerdict(key)
        if refusal is KeyRefusal.OTHER_COUNTRY:
            message = _(
                "This package says it comes from {country}, but its key is registered for {other}."
            ).format(country=country, other=key.country)
        elif refusal is KeyRefusal.REVOKED:
            message = _(
                "The key {fingerprint} of {country} is revoked from {day}; this package was "
                "signed after that."
            ).format(fingerprint=key.fingerprint, country=key.country, day=key.revoked_from)
        else:
            message = _(
                "The key {fingerprint} of {country} was replaced on {day}; this package was "
                "signed with it after that."
            ).format(
                fingerprint=key.fingerprint,
                country=key.country,
                day=(key.replaced_at or "")[:10],
            )
        return KeyVerdict(key, refusal, message)


def _day(value: str | date) -> str:
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise InvalidInput(
            _("'{text}' is not a date: write it as YYYY-MM-DD, such as 2027-01-31.").format(
                text=value
            )
        ) from None
