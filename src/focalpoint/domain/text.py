"""Text as people type it: what a field may hold, and the two ways FocalPoint compares it.

- :func:`name_key` says whether two names are *the same name* (an entity typed twice): case and
  spacing do not count, accents do ("Perú" and "Peru" may be two institutions).
- :func:`fold` says whether text *matches* what someone typed or imported, and sorts it as a
  reader expects: case, spacing, accents and the kind of apostrophe do not count ("educacion"
  finds "Educación", "Ávila" sorts with the A's, "L’Île" is "l'ile").
"""

from __future__ import annotations

import re
import unicodedata

from focalpoint.domain.errors import InvalidInput
from focalpoint.i18n import _

# Line breaks and tabs are text; other control characters (NUL, escape…) are invisible, break
# CSV and PDF output, and only arrive by pasting from a damaged source. One regular expression:
# a test of each character in Python was an eighth of a directory import's time.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# The combining accents of the Latin script, which NFKD splits off their letters. One regular
# expression over the whole text: thousands of titles fold in milliseconds, where a test of
# each character in Python took most of a report's sorting time.
_MARKS = re.compile(r"[\u0300-\u036f]")


def check_visible(text: str) -> None:
    """Refuse text holding invisible control characters."""
    if _INVISIBLE.search(text):
        raise InvalidInput(
            _("A field contains invisible control characters; retype it or paste it as plain text.")
        )


def check_email(email: str) -> None:
    """Refuse an e-mail address a mail program could not send to (empty is allowed)."""
    if email and not _EMAIL.match(email):
        raise InvalidInput(_("'{email}' is not an e-mail address.").format(email=email))


def name_key(name: str) -> str:
    """A name as people compare names: any case, any spacing ("CONNA " is "conna")."""
    return " ".join(name.split()).casefold()


def fold(text: str) -> str:
    """Text as it matches and sorts: no case, no accents, single spaces, one apostrophe."""
    folded = text.casefold()
    if not folded.isascii():
        folded = _MARKS.sub("", unicodedata.normalize("NFKD", folded)).replace("’", "'")
    return " ".join(folded.split())


def has_words(text: str, typed: str) -> bool:
    """Whether every word typed is in ``text``, folded ("migra salv" is in "Migración El
    Salvador"): for records the search index does not hold, such as deleted ones."""
    folded = fold(text)
    return all(word in folded for word in fold(typed).split())


def excerpt(text: str, head: int = 100, tail: int = 50) -> str:
    """``text`` short enough to quote in a message: a long one keeps its start and its end
    (where a checker's words say what is wrong), its middle replaced by "…". A refused file
    may hold 100 KB in one field; echoing it whole would bury the reason."""
    text = str(text)
    if len(text) <= head + tail + 1:
        return text
    return f"{text[:head]}…{text[-tail:]}"


def one_line(text: str, limit: int = 100) -> str:
    """``text`` on one line (its runs of spaces and line breaks as one space), cut at ``limit``
    characters with "…" where it was cut."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
