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


# A number of things, shown to the user: its noun follows the number ("{n} pages"), where it
# is not the number of one thing ("submission {n} is") or the total a count is "of".
_COUNTED = re.compile(
    r"(?<!of )(?<!ubmission )\{(?:n|count|pages|active|retired|left|organisations|services"
    r"|updated)\} (?:[a-z]+ )?[a-z]+s\b"
)
# Limits, always many ("at most {n} characters"), read the same whatever the number.
_LIMIT = re.compile(r"(?:at most|at least|more than|to|than) \{\w+\}", re.IGNORECASE)


def test_every_count_shown_has_its_plural_forms() -> None:
    """A count goes through ngettext: "1 entidades activas" is what a "(s)" or a fixed plural
    gives in Spanish and French."""
    keywords = {**DEFAULT_KEYWORDS, "N_": None}
    fixed = sorted(
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            PACKAGE, method_map=[("**.py", "python")], keywords=keywords
        )
        if isinstance(message, str)  # ngettext's come as (singular, plural)
        and ("(s)" in message or (_COUNTED.search(message) and not _LIMIT.search(message)))
    )
    assert fixed == [], "write these with ngettext (or without a number before a noun)"


def test_no_label_is_left_in_english_in_another_language() -> None:
    """A vocabulary's label is translated unless the word is the same in that language (marked
    ``same_as_english``), and an organisation's description is translated unless it is the
    name the region knows it by."""
    import json

    from focalpoint.domain.vocab import ORGANISATIONS, TRANSLATED_ORGANISATIONS

    vocabularies = json.loads(
        (PACKAGE / "resources" / "vocabularies" / "directory.json").read_text("utf-8")
    )
    untranslated = [
        (kind, term["code"], lang)
        for kind, terms in vocabularies.items()
        if isinstance(terms, list)
        for term in terms
        for lang in ("es", "fr")
        if term["labels"].get(lang) == term["labels"]["en"]
        and lang not in term.get("same_as_english", ())
    ]
    for lang in ("es", "fr"):
        compiled = gettext.translation("focalpoint", localedir=PACKAGE / "locale", languages=[lang])
        untranslated += [
            ("organisation", code, lang)
            for code, label in ORGANISATIONS.items()
            if code in TRANSLATED_ORGANISATIONS and compiled.gettext(label) == label
        ]
    assert untranslated == []


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_qt_s_own_file_dialog_speaks_the_language_whole(lang: str, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Qt's catalogue misses the file dialog's "&Look in:" and "Files of &type:" (Qt 6 added
    their accelerators); FocalPoint's own (translations/qt/) fills them, and the shipped .qm is
    the compiled .ts."""
    from xml.etree import ElementTree

    from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton

    from focalpoint.ui.qt_translations import use_qt_language

    sources = ElementTree.parse(ROOT / "translations" / "qt" / f"qt_gaps_{lang}.ts")
    assert use_qt_language(lang)
    try:
        dialog = QFileDialog(None, "FocalPoint")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        qtbot.addWidget(dialog)
        dialog.show()
        shown = {w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QPushButton)}
        english = {"&Look in:", "Files of &type:", "File &name:", "&Open", "Cancel"}
        assert shown - {""} and not shown & english
        for message in sources.iter("message"):
            assert message.findtext("translation") in shown
    finally:
        use_qt_language("en")
