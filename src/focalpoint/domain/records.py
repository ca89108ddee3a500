"""Records that services hand to the faces (GUI, CLI): frozen, so they cross threads safely."""

from __future__ import annotations

from dataclasses import dataclass

from focalpoint.domain.vocab import ActionStatus, EntityType


@dataclass(frozen=True)
class Profile:
    """The officer using this workspace and the country they report for."""

    language: str
    country: str
    name: str
    title: str = ""
    institution: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Entity:
    """A national institution that can be responsible for actions of the plan."""

    id: str
    name: str
    acronym: str = ""
    type: EntityType = EntityType.OTHER
    parent_id: str | None = None
    contact_person: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    notes: str = ""
    retired: bool = False
    updated_at: str = ""

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


@dataclass(frozen=True)
class EntityDraft:
    """What a user types to add or change an entity."""

    name: str
    acronym: str = ""
    type: EntityType = EntityType.OTHER
    parent_id: str | None = None
    contact_person: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Assignment:
    """A country's answer for one action: who leads, who supports, how far it has got."""

    action_code: str
    lead_id: str | None = None
    support_ids: tuple[str, ...] = ()
    status: ActionStatus = ActionStatus.NOT_STARTED
    note: str = ""
    updated_at: str = ""
    updated_by: str = ""


@dataclass(frozen=True)
class AuditEntry:
    """One change: who made it, when, to what, and the value before and after."""

    at: str
    actor: str
    record_kind: str
    record_key: str
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class PlanImportReport:
    """What importing a plan file did: versions, and what happened to every assignment."""

    plan_code: str
    old_version: str
    new_version: str
    added_codes: tuple[str, ...]
    removed_codes: tuple[str, ...]
    kept_assignments: tuple[str, ...]
    unmatched_assignments: tuple[str, ...]
    # Assignments that followed their renamed or moved action: (old code, new code).
    moved_assignments: tuple[tuple[str, str], ...] = ()
    # Actions whose practice links and unsent proposals followed them: (old code, new code).
    moved_links: tuple[tuple[str, str], ...] = ()
