"""The guide shipped in the application: the English one is docs/user-guide.md, unchanged, and
the Spanish and French ones translate every heading of it, so that no part is missing and every
section is reached by the same name in each language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from focalpoint.ui.help import guide_text
from focalpoint.ui.help.guide_text import guide_markdown, heading_lines, headings, slug

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "src" / "focalpoint" / "resources" / "guide"


def test_the_english_guide_shipped_is_the_one_in_docs() -> None:
    # docs/user-guide.md is the source: edit it, then copy it over (see the folder's README).
    assert (SHIPPED / "user-guide.en.md").read_text("utf-8") == (
        ROOT / "docs" / "user-guide.md"
    ).read_text("utf-8")


@pytest.mark.parametrize("language", ["es", "fr"])
def test_each_translation_has_every_heading_of_the_english_guide(language: str) -> None:
    english = heading_lines(guide_markdown("en"))
    translated = heading_lines(guide_markdown(language))
    assert [level for level, _text in translated] == [level for level, _text in english]
    assert all(text for _level, text in translated)
    # Translated, not copied: no heading but the product's name reads the same.
    pairs = zip(translated, english, strict=True)
    assert [text for (_l, text), (_m, source) in pairs if text == source] == []


@pytest.mark.parametrize("language", ["es", "fr"])
def test_each_translation_is_about_as_long_as_the_english_guide(language: str) -> None:
    """A paragraph left out would pass the headings' check; the length would not."""
    english = len(guide_markdown("en").split())
    assert 0.9 * english < len(guide_markdown(language).split()) < 1.35 * english


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_links_inside_the_guide_name_sections_it_has(language: str) -> None:
    anchors = {h.anchor for h in headings(language)}
    links = re.findall(r"\]\(#([^)]+)\)", guide_markdown(language))
    assert links and set(links) <= anchors


def test_the_sections_the_dialogs_open_are_in_the_guide() -> None:
    anchors = {h.anchor for h in headings("en")}
    named = {
        value
        for name, value in vars(guide_text).items()
        if name.isupper() and isinstance(value, str) and not name.startswith("_")
    }
    assert named and named <= anchors


def test_a_section_has_the_same_name_in_every_language() -> None:
    english = [h.anchor for h in headings("en")]
    assert [h.anchor for h in headings("es")] == english
    assert [h.anchor for h in headings("fr")] == english
    assert "registering-a-countrys-key" in english  # as GitHub names it: the links work there too


def test_a_language_without_a_guide_reads_the_english_one() -> None:
    assert guide_markdown("de") == guide_markdown("en")


def test_french_punctuation_has_its_non_breaking_space() -> None:
    text = guide_markdown("fr")
    prose = re.sub(r"`[^`]*`", "", text)  # commands keep their own spelling
    assert not re.search(r"[ \w][:;?!](\s|$)", prose.replace("**?**", ""))
    assert "\u00a0:" in prose


def test_slugs_are_githubs() -> None:
    assert slug("Registering a country's key") == "registering-a-countrys-key"
    assert slug("Sending your work to the Secretariat") == "sending-your-work-to-the-secretariat"
