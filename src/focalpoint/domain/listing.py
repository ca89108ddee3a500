"""How a long list is asked for: in which order, a page at a time."""

from __future__ import annotations

from dataclasses import dataclass

# Rows read at once: a screenful or two, so that scrolling reads a page now and then.
PAGE_SIZE = 200


@dataclass(frozen=True)
class Sorting:
    """A list's order: the column's key (each list names its own) and its direction; ties are
    always broken by the record's id, so that pages never overlap."""

    column: str
    descending: bool = False
