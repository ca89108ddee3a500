"""What the country report shows, gathered in one read and already in the report's language."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.records import AuditEntry
from focalpoint.domain.vocab import COUNTRIES, ActionStatus
from focalpoint.i18n import N_, Translator, _, pick
from focalpoint.services.plan import PlanService
from focalpoint.services.profile import ProfileService
from focalpoint.storage import audit_store, entity_store
from focalpoint.storage.database import Database

SECTIONS: dict[str, str] = {
    "summary": N_("Summary"),
    "plan": N_("Responsible entities by action"),
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
    changes: tuple[tuple[AuditEntry, str], ...] = field(default_factory=tuple)

    @property
    def total(self) -> int:
        return sum(len(a.lines()) for a in self.axes)

    @property
    def assigned(self) -> int:
        return sum(a.assigned for a in self.axes)


def collect(
    db: Database, plan: PlanService, profile: ProfileService, language: str, tr: Translator
) -> ReportData:
    """Read the workspace once and put the report's content into ``language``."""
    who = profile.get()
    if who is None:
        raise InvalidInput(
            _(
                "Set up this workspace first (country and officer): in the window, "
                "or with `focalpoint setup --country CODE --name NAME`."
            )
        )
    overview = plan.overview()
    with db.reading() as conn:
        changes = audit_store.changes_since(conn)
        names = {e.id: e.display_name for e in entity_store.list_all(conn)}
    axes = []
    for axis in overview.document.axes:
        objectives = []
        for obj in axis.objectives:
            lines = []
            for action in obj.actions:
                a = overview.assignments.get(action.code)
                lines.append(
                    ActionLine(
                        code=action.code,
                        title=pick(action.title, language),
                        lead=names.get(a.lead_id or "", "") if a else "",
                        supporting=tuple(names.get(s, "") for s in a.support_ids) if a else (),
                        status=a.status if a else ActionStatus.NOT_STARTED,
                        note=a.note if a else "",
                    )
                )
            objectives.append(ObjectiveBlock(obj.code, pick(obj.title, language), tuple(lines)))
        axes.append(AxisBlock(axis.code, pick(axis.title, language), tuple(objectives)))
    entity_names = {key: names.get(key, key) for key in {c.record_key for c in changes}}
    info = overview.info
    return ReportData(
        language=language,
        country=pick(COUNTRIES[who.country], language),
        country_code=who.country,
        officer=who.name,
        officer_title=who.title,
        institution=who.institution,
        made_on=date.today(),
        plan_code=info.code,
        plan_version=info.version,
        plan_title=pick(info.title, language),
        provisional=info.provisional,
        axes=tuple(axes),
        changes=tuple(
            (c, c.record_key if c.record_kind == "action" else entity_names[c.record_key])
            for c in changes
        ),
    )
