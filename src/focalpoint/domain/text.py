"""Rules every typed or imported text obeys, whatever the record."""

from __future__ import annotations

from focalpoint.domain.errors import InvalidInput
from focalpoint.i18n import _

# Line breaks and tabs are text; other control characters (NUL, escape…) are invisible, break
# CSV and PDF output, and only arrive by pasting from a damaged source.
_ALLOWED_CONTROLS = {"\n", "\r", "\t"}


def check_visible(text: str) -> None:
    if any(ord(ch) < 32 and ch not in _ALLOWED_CONTROLS for ch in text) or "\x7f" in text:
        raise InvalidInput(
            _("A field contains invisible control characters; retype it or paste it as plain text.")
        )


def name_key(name: str) -> str:
    """A name as people compare names: any case, any spacing ("CONNA " is "conna")."""
    return " ".join(name.split()).casefold()
