"""What a reader of a report's PDF checks by clicking: each bookmark and each line of the
contents opens the page its heading is on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pypdf import PdfReader


def bookmarks(path: Path) -> list[tuple[str, int]]:
    """Every bookmark, in order: its title and the page (1-based) it opens."""
    reader = PdfReader(path)
    found: list[tuple[str, int]] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append((item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    return found


def wrong_bookmarks(path: Path) -> list[str]:
    """The bookmarks whose page does not show their heading (an empty list when all do)."""
    reader = PdfReader(path)
    wrong = []
    for title, page in bookmarks(path):
        shown = " ".join(reader.pages[page - 1].extract_text().split())
        if " ".join(title.split())[:40] not in shown:
            wrong.append(f"{title!r} → page {page}")
    return wrong


def contents_link_pages(path: Path) -> list[int]:
    """The pages (1-based) the contents' lines link to, in order."""
    reader = PdfReader(path)
    number = {page.indirect_reference.idnum: n + 1 for n, page in enumerate(reader.pages)}
    pages = []
    for annotation in reader.pages[1].get("/Annots", []):
        target = annotation.get_object().get("/Dest")
        if target is not None:  # [the page, /Fit]
            pages.append(number[target[0].idnum])
    return pages
