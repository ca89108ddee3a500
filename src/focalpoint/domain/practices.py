"""Case-protection practices and their evidence (item 9b of the 2017 report)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from focalpoint.i18n import N_, _


class PracticeState(StrEnum):
    DRAFT = "draft"
    READY = "ready"

    @property
    def label(self) -> str:
        return _(STATE_LABELS[self])


STATE_LABELS: dict[str, str] = {
    PracticeState.DRAFT: N_("Draft"),
    PracticeState.READY: N_("Ready for submission"),
}


@dataclass(frozen=True)
class Practice:
    """A practice as stored; ``id`` is empty for one not saved yet.

    Codes (categories, populations, phases) come from the vocabularies; ``subdivisions`` are
    ISO 3166-2 codes and are empty when ``national`` is set.
    """

    title: str
    summary: str = ""
    description: str = ""
    categories: tuple[str, ...] = ()
    populations: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()
    national: bool = True
    subdivisions: tuple[str, ...] = ()
    entity_ids: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    period_start: str = ""
    period_end: str = ""
    results: str = ""
    lessons: str = ""
    contact: str = ""
    action_codes: tuple[str, ...] = ()
    state: PracticeState = PracticeState.DRAFT
    id: str = ""
    updated_at: str = ""
    deleted: bool = False


class PracticeSummary(NamedTuple):
    """One row of the practices list: enough to show, sort and filter without the long texts.

    A named tuple for the same reason as ``ServiceSummary``: lists make thousands at once.
    """

    id: str
    title: str
    state: PracticeState
    categories: tuple[str, ...]
    populations: tuple[str, ...]
    subdivisions: tuple[str, ...]
    national: bool
    action_codes: tuple[str, ...]
    updated_at: str
    deleted: bool = False


class PracticeColumn(StrEnum):
    """The columns of the practices list, each an order it can be sorted in."""

    TITLE = "title"
    STATE = "state"
    CATEGORIES = "categories"
    ACTIONS = "actions"
    SCOPE = "scope"
    CHANGED = "changed"


@dataclass(frozen=True)
class PracticeFilter:
    """What the practices list shows: typed words, one code of each vocabulary ("" for any), a
    subdivision (national practices are everywhere), a state, and deleted ones or not."""

    text: str = ""
    category: str = ""
    population: str = ""
    subdivision: str = ""
    state: str = ""
    include_deleted: bool = False


@dataclass(frozen=True)
class Attachment:
    """A piece of evidence kept inside the workspace, named by the hash of its content."""

    id: str
    practice_id: str
    file_name: str
    media_type: str
    size: int
    sha256: str
    added_at: str
