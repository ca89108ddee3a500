"""What the regional report shows, already in the report's language: the data
``services/secretariat/regional_report`` prepares from the consolidated store and the renderer
lays out; nothing in it needs the database any more."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from focalpoint.domain.geography import CountryShape
from focalpoint.domain.vocab import ActionStatus
from focalpoint.i18n import N_
from focalpoint.render.country_report.content import MapMark, ServiceType

SECTIONS: dict[str, str] = {
    "completion": N_("Completion by country and axis"),
    "matrix": N_("Responsible entities by action and country"),
    "unassigned": N_("Actions without a responsible entity in any country"),
    "practices": N_("Regional compilation of practices"),
    "detention": N_("Alternatives to detention"),
    "services": N_("Regional map of services"),
    "proposals": N_("Amendment proposals"),
}


@dataclass(frozen=True)
class CountryProgress:
    """One country's column: its name and, when it has an accepted submission, its counts."""

    code: str
    name: str
    reported: bool  # an accepted submission is consolidated
    sequence: int | None  # the submission that is its state
    assigned: int = 0  # actions with a lead entity
    by_status: tuple[int, ...] = ()  # in the order of ActionStatus
    # Per axis of the plan, in the plan's order: (actions completed, actions).
    completed_by_axis: tuple[tuple[int, int], ...] = ()

    def count(self, status: ActionStatus) -> int:
        return self.by_status[list(ActionStatus).index(status)] if self.by_status else 0


@dataclass(frozen=True)
class MatrixCell:
    """One country's answer for one action: its lead entity (its acronym when it has one),
    how many entities support it, and its status."""

    lead: str
    supporting: int
    status: ActionStatus


@dataclass(frozen=True)
class MatrixLine:
    code: str
    title: str
    cells: tuple[MatrixCell | None, ...]  # per country of ``RegionalReportData.countries``;
    # None: the country has not reported (or its submission has no cell for the action)


@dataclass(frozen=True)
class AxisMatrix:
    code: str
    title: str
    lines: tuple[MatrixLine, ...]


@dataclass(frozen=True)
class Acronym:
    countries: str  # their names, the countries whose entity it is
    acronym: str
    name: str


@dataclass(frozen=True)
class OpenAction:
    """An action no reporting country has given a lead entity."""

    code: str
    title: str
    axis: str  # code


@dataclass(frozen=True)
class PracticeLine:
    country: str  # name
    title: str
    draft: bool


@dataclass(frozen=True)
class CategoryBlock:
    """The practices of one category (a practice counts under each of its categories)."""

    code: str
    label: str
    counts: tuple[int, ...]  # per country of ``RegionalReportData.countries``
    listed: tuple[PracticeLine, ...]
    more: int  # practices of the category not listed

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class DetentionPractice:
    """A practice on alternatives to detention, as the compilation of items 7-8 reads it."""

    country: str  # name
    title: str
    draft: bool
    summary: str
    populations: tuple[str, ...]
    period: str
    results: str
    lessons: str
    action_codes: tuple[str, ...]


@dataclass(frozen=True)
class Detention:
    category: str  # the category's label
    counts: tuple[int, ...]  # per country
    practices: tuple[DetentionPractice, ...]
    more: int  # practices of the category not listed
    listed_per_country: int = 0  # at most this many printed per country

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class ServiceCounts:
    """One country's live services, per type (in the order of ``service_types``)."""

    country: str  # name
    counts: tuple[int, ...]
    located: int

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class ProposalLine:
    country: str  # name
    target: str  # the action's or objective's code
    target_title: str  # its title in the plan, or "" when the plan no longer has it
    kind: str  # label
    language: str  # the language's name
    text: str
    justification: str
    proposed: str  # the date, in the report's language
    state: str  # label
    state_code: str
    answer: str  # the reason or the version it went into, in words; "" when not answered


@dataclass(frozen=True)
class RegionalReportData:
    """Everything on the regional report's pages."""

    language: str
    secretariat: str
    made_on: date
    plan_code: str
    plan_version: str
    plan_title: str
    provisional: bool
    countries: tuple[CountryProgress, ...]
    axes: tuple[tuple[str, str, int], ...]  # (code, title, actions) of the plan, in order
    actions: int
    open_only: bool
    matrix: tuple[AxisMatrix, ...]  # every action, or the open ones only
    acronyms: tuple[Acronym, ...]
    unassigned: tuple[OpenAction, ...]
    categories: tuple[CategoryBlock, ...]
    detention: Detention
    service_types: tuple[ServiceType, ...]
    service_counts: tuple[ServiceCounts, ...]
    shape: CountryShape | None
    country_names: dict[str, str]  # code → name, for the map
    map_marks: tuple[MapMark, ...]
    proposals: tuple[ProposalLine, ...]
    open_actions: int = 0  # how many actions are open (whatever ``open_only``)
    practices: int = 0  # live practices in the region
    listed_per_category: int = 0  # practices named per country under each category
    services: int = field(default=0)

    @property
    def reported(self) -> tuple[CountryProgress, ...]:
        return tuple(c for c in self.countries if c.reported)
