"""Interface language: gettext catalogues compiled from ``translations/`` and text fallbacks.

Every user-visible string goes through :func:`_`. Module-level constants are marked with
:func:`N_` and translated where they are shown, so that switching language at run time works.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Mapping
from pathlib import Path

LANGUAGES: tuple[str, ...] = ("es", "en", "fr")
# The plan and vocabularies are written in Spanish first (the RCM's working language), then English.
TEXT_FALLBACKS: tuple[str, ...] = ("es", "en")

_LOCALE_DIR = Path(__file__).with_name("locale")
_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def set_language(language: str) -> None:
    """Switch every later :func:`_` call to ``language`` (one of :data:`LANGUAGES`)."""
    global _translations, _language
    if language not in LANGUAGES:
        language = "en"
    _language = language
    _translations = gettext.translation(
        "focalpoint", localedir=_LOCALE_DIR, languages=[language], fallback=True
    )


Translator = Callable[[str], str]


def translator(language: str) -> Translator:
    """A ``gettext`` for one language, independent of the interface language.

    Reports are written in a language the user chooses for them, in a background thread,
    while the window goes on speaking its own.
    """
    return gettext.translation(
        "focalpoint", localedir=_LOCALE_DIR, languages=[language], fallback=True
    ).gettext


def current_language() -> str:
    """The language :func:`_` translates into."""
    return _language


def _(message: str) -> str:
    """Translate ``message`` into the current interface language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose form depends on the number ``n``."""
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it yet."""
    return message


def pick(text: Mapping[str, str] | None, language: str | None = None) -> str:
    """Choose the best text of a ``{lang: text}`` mapping: the language, then es, then en."""
    if not text:
        return ""
    for lang in (language or _language, *TEXT_FALLBACKS):
        value = text.get(lang)
        if value:
            return value
    return next((value for value in text.values() if value), "")


def language_name(language: str) -> str:
    """A language's own name, as a person who speaks it would look for it in a list."""
    return {"es": "Español", "en": "English", "fr": "Français"}.get(language, language)


def format_timestamp(iso: str, language: str | None = None) -> str:
    """A stored UTC timestamp as local date and time, the way the language writes them."""
    if not iso:
        return ""
    from datetime import datetime

    from babel.dates import format_datetime  # imported late: not needed for the first paint

    moment = datetime.fromisoformat(iso).astimezone()
    return format_datetime(moment, format="medium", locale=language or _language)
