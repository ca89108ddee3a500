"""Every interface string is translated into Spanish and French, and the shipped .mo files are
the compiled form of the catalogues (a string added to the code without a translation fails)."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

import focalpoint

ROOT = Path(focalpoint.__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "focalpoint"
# Both styles: str.format fields for our messages, %-style for argparse's.
PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%\([a-z_]+\)[sr]|%[sr]")


def source_messages() -> set[str]:
    keywords = {**DEFAULT_KEYWORDS, "N_": None}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        PACKAGE, method_map=[("**.py", "python")], keywords=keywords
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_every_interface_string_is_translated(lang: str) -> None:
    with open(ROOT / "translations" / lang / "LC_MESSAGES" / "focalpoint.po", "rb") as f:
        catalog = read_po(f)
    translated = {}
    for m in catalog:
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if m.id and all(strings) and not m.fuzzy:
            translated[m.id[0] if isinstance(m.id, tuple) else m.id] = strings[0]
    missing = sorted(source_messages() - set(translated))
    assert missing == [], f"run `make translations` and translate these into {lang}"
    wrong = [
        mid
        for mid, text in translated.items()
        if sorted(PLACEHOLDER.findall(mid)) != sorted(PLACEHOLDER.findall(str(text)))
    ]
    assert wrong == [], "placeholders differ between the English and the translation"


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_shipped_mo_matches_the_catalogue(lang: str) -> None:
    with open(ROOT / "translations" / lang / "LC_MESSAGES" / "focalpoint.po", "rb") as f:
        catalog = read_po(f)
    compiled = gettext.translation("focalpoint", localedir=PACKAGE / "locale", languages=[lang])
    stale = [
        m.id
        for m in catalog
        if m.id and isinstance(m.id, str) and compiled.gettext(m.id) != m.string
    ]
    assert stale == [], "run `make translations` to compile the catalogues"
