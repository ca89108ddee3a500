"""The user guide's text in each language, and the names of its sections.

The English guide is ``docs/user-guide.md``; ``resources/guide/user-guide.en.md`` is the same file,
shipped in the wheel (a test keeps the two identical). The Spanish and French guides translate it
heading for heading, so a section has one name in every language: the GitHub-style anchor of its
English heading (``#your-signing-key``), the name links and "?" buttons use.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

from focalpoint.i18n import LANGUAGES

# Sections the dialogs' "?" buttons open: anchors of the English headings.
SIGNING_KEY = "your-signing-key"
SENDING = "sending-a-package"
ENCRYPTING = "encrypting-for-the-secretariat"
TRUSTING = "trusting-the-secretariat"
VERIFYING = "verifying-a-package"
SECRETARIAT = "for-the-technical-secretariat"
REGISTERING = "registering-a-countrys-key"

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Heading:
    level: int  # 1 for the title, 2 for a section, 3 for a part of one
    text: str  # as the reader sees it, in the guide's language
    anchor: str  # the English heading's anchor, the same in every language


def guide_markdown(language: str) -> str:
    """The guide in ``language``, or in English when there is none in it."""
    folder = resources.files("focalpoint").joinpath("resources", "guide")
    for code in (language, "en"):
        if code in LANGUAGES:
            page = folder.joinpath(f"user-guide.{code}.md")
            if page.is_file():
                return page.read_text("utf-8")
    return ""


def slug(text: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as dashes."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^\w\- ]", "", text)
    return text.strip().replace(" ", "-")


def heading_lines(markdown: str) -> list[tuple[int, str]]:
    """``(level, text)`` of every ATX heading outside code blocks, in order."""
    found: list[tuple[int, str]] = []
    fenced = False
    for line in markdown.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        match = None if fenced else _HEADING.match(line)
        if match:
            text = re.sub(r"[*_`]", "", match.group(2))  # as rendered: no emphasis marks
            found.append((len(match.group(1)), text))
    return found


def headings(language: str) -> list[Heading]:
    """The guide's headings in ``language``, each named by its English anchor.

    A translation that lost or gained a heading is named by its own words from there on, so
    nothing breaks; the test that every guide has the English headings keeps that from shipping.
    """
    own = heading_lines(guide_markdown(language))
    english = heading_lines(guide_markdown("en"))
    result: list[Heading] = []
    for index, (level, text) in enumerate(own):
        source = english[index] if index < len(english) else None
        anchor = slug(source[1] if source is not None and source[0] == level else text)
        result.append(Heading(level, text, anchor))
    return result
