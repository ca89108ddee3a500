"""What the country report shows, already in the report's language: the data a service
prepares and the renderer lays out; nothing in it needs the database any more."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from focalpoint.domain.geography import CountryShape
from focalpoint.domain.history import Change
from focalpoint.domain.vocab import ActionStatus
from focalpoint.i18n import N_

SECTIONS: dict[str, str] = {
    "summary": N_("Summary"),
    "plan": N_("Responsible entities by action"),
    "practices": N_("Compilation of practices"),
    "services": N_("Map of specialized actors and services"),
    "changes": N_("Changes recorded"),
}


@dataclass(frozen=True)
class ActionLine:
    code: str
    title: str
    lead: str
    supporting: tuple[str, ...]
    status: ActionStatus
    note: str


@dataclass(frozen=True)
class ObjectiveBlock:
    code: str
    title: str
    actions: tuple[ActionLine, ...]


@dataclass(frozen=True)
class AxisBlock:
    code: str
    title: str
    objectives: tuple[ObjectiveBlock, ...]

    def lines(self) -> list[ActionLine]:
        return [a for o in self.objectives for a in o.actions]

    @property
    def assigned(self) -> int:
        return sum(1 for a in self.lines() if a.lead)

    def count(self, status: ActionStatus) -> int:
        return sum(1 for a in self.lines() if a.status is status)


@dataclass(frozen=True)
class PracticeEntry:
    """One practice, every code already a label in the report's language."""

    title: str
    draft: bool
    summary: str
    categories: tuple[str, ...]
    populations: tuple[str, ...]
    phases: tuple[str, ...]
    national: bool
    subdivisions: tuple[str, ...]  # names; empty when national
    entities: tuple[str, ...]
    partners: tuple[str, ...]
    period_start: str  # "2021" or "2021-03", or empty
    period_end: str
    results: str
    lessons: str
    action_codes: tuple[str, ...]
    evidence: tuple[str, ...]  # file names


@dataclass(frozen=True)
class PracticeGroup:
    """The practices whose first category is ``category`` (empty: those with none)."""

    category: str
    practices: tuple[PracticeEntry, ...]


@dataclass(frozen=True)
class ServiceType:
    """A service type as the legend shows it, in the colour the window gives it."""

    code: str
    label: str
    colour: str
    count: int


@dataclass(frozen=True)
class ServiceLine:
    name: str
    organisation: str
    service_type: str  # code
    type_label: str
    populations: tuple[str, ...]
    age_min: int | None
    age_max: int | None
    referral: str
    referral_contact: str
    municipality: str
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True)
class SubdivisionBlock:
    """The services of one subdivision (``code`` empty: those whose subdivision is not said)."""

    code: str
    name: str
    services: tuple[ServiceLine, ...]


@dataclass(frozen=True)
class PlaceCounts:
    """How many services of each type a subdivision holds (``code`` empty: not said)."""

    code: str
    name: str
    counts: tuple[int, ...]  # in the order of ``ReportData.service_types``

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class DirectorySummary:
    """The directory when it is too long to print service by service."""

    services: int
    located: int
    places: tuple[PlaceCounts, ...]
    organisations: int  # with at least one service
    largest: tuple[tuple[str, int], ...]  # the organisations with the most services: (name, n)


@dataclass(frozen=True)
class PracticesSummary:
    """The compilation when it is too long to print practice by practice."""

    practices: int
    drafts: int
    categories: tuple[tuple[str, int, int], ...]  # (first category, practices, of them drafts)
    places: tuple[tuple[str, int], ...]  # (subdivision, or "national"; practices)


@dataclass(frozen=True)
class ChangesSummary:
    """What a long list of changes comes to, by kind of record; the report then lists only the
    newest changes to the plan's responsible entities (``ReportData.changes``)."""

    changes: int
    kinds: tuple[tuple[str, int, int, int], ...]  # (kind, added, deleted, otherwise changed)


@dataclass(frozen=True)
class MapMark:
    """A dot on the report's map: one service, or the services of one type close together."""

    service_type: str
    longitude: float
    latitude: float


@dataclass(frozen=True)
class ReportData:
    """Everything on the report's pages; nothing in it needs the database any more."""

    language: str
    country: str
    country_code: str
    officer: str
    officer_title: str
    institution: str
    made_on: date
    plan_code: str
    plan_version: str
    plan_title: str
    provisional: bool
    axes: tuple[AxisBlock, ...]
    changes: tuple[Change, ...] = field(default_factory=tuple)
    # The last submission to the Secretariat (number, when): the changes are those since it.
    since_submission: tuple[int, str] | None = None
    practices: tuple[PracticeGroup, ...] = field(default_factory=tuple)
    services: tuple[SubdivisionBlock, ...] = field(default_factory=tuple)
    service_types: tuple[ServiceType, ...] = field(default_factory=tuple)
    shape: CountryShape | None = None
    subdivision_names: dict[str, str] = field(default_factory=dict)  # code → name, for the map
    map_marks: tuple[MapMark, ...] = field(default_factory=tuple)
    # Set when a part is too long to print whole (its lists above are then empty).
    directory_summary: DirectorySummary | None = None
    practices_summary: PracticesSummary | None = None
    changes_summary: ChangesSummary | None = None

    @property
    def practice_count(self) -> int:
        if self.practices_summary is not None:
            return self.practices_summary.practices
        return sum(len(g.practices) for g in self.practices)

    @property
    def service_count(self) -> int:
        if self.directory_summary is not None:
            return self.directory_summary.services
        return sum(len(b.services) for b in self.services)

    @property
    def total(self) -> int:
        return sum(len(a.lines()) for a in self.axes)

    @property
    def assigned(self) -> int:
        return sum(a.assigned for a in self.axes)
