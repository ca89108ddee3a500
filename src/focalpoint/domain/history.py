"""How a change of the audit log reads to a person, in the interface language."""

from __future__ import annotations

from typing import NamedTuple

from focalpoint.domain.practices import STATE_LABELS
from focalpoint.domain.records import AuditEntry
from focalpoint.domain.vocab import ActionStatus, EntityType
from focalpoint.i18n import N_, Translator, _

# The kinds of record a submission carries: a change to any of them is a change since the last
# submission, listed before sending and in the report's appendix. (Evidence files are recorded
# as changes to their practice.)
SUBMITTED_KINDS: tuple[str, ...] = ("action", "entity", "practice", "organisation", "service")


class Change(NamedTuple):
    """A change of the audit log and what its record is called now (a title, a name, a code)."""

    entry: AuditEntry
    subject: str


_YES = N_("yes")
# A format, not glued strings: French puts a space before the colon.
_CHANGE = N_("{field}: {old} → {new}")
_FIELD_LABELS = {
    "lead": N_("Lead entity"),
    "support": N_("Supporting entities"),
    "status": N_("Status"),
    "note": N_("Progress note"),
    "merge": N_("Entity merged"),
    "created": N_("Created"),
    "name": N_("Name"),
    "acronym": N_("Acronym"),
    "type": N_("Type"),
    "parent": N_("Parent institution"),
    "contact_person": N_("Contact person"),
    "email": N_("E-mail"),
    "phone": N_("Phone"),
    "address": N_("Address"),
    "notes": N_("Notes"),
    "retired": N_("Retired"),
    "merged_into": N_("Merged into"),
    "merged_from": N_("Merged from"),
    "version": N_("Plan version"),
    "code": N_("Code"),  # a plan version renamed or moved the action
    # Practices
    "title": N_("Title"),
    "summary": N_("Summary"),
    "description": N_("Description"),
    "categories": N_("Categories"),
    "populations": N_("Populations"),
    "phases": N_("Migration phases"),
    "national": N_("National scope"),
    "subdivisions": N_("Subdivisions"),
    "entity_ids": N_("Implementing entities"),
    "partners": N_("Partner organisations"),
    "period_start": N_("Start date"),
    "period_end": N_("End date"),
    "results": N_("Results"),
    "lessons": N_("Lessons learned"),
    "contact": N_("Contact"),
    "action_codes": N_("Plan actions"),
    "state": N_("State"),
    "attachment": N_("Attachment"),
    "deleted": N_("Deleted"),
    # Organisations and services
    "provider_type": N_("Provider type"),
    "website": N_("Website"),
    "contact_name": N_("Contact person"),
    "organisation": N_("Organisation"),
    "service_type": N_("Service type"),
    "age_min": N_("Youngest age"),
    "age_max": N_("Oldest age"),
    "languages": N_("Languages"),
    "cost": N_("Cost"),
    "hours": N_("Opening hours"),
    "referral": N_("How to refer"),
    "referral_contact": N_("Refer to"),
    "subdivision": N_("Subdivision"),
    "municipality": N_("Municipality"),
    "latitude": N_("Latitude"),
    "longitude": N_("Longitude"),
}


def field_label(field: str, tr: Translator = _) -> str:
    """The name of a changed field as the user knows it."""
    return tr(_FIELD_LABELS[field]) if field in _FIELD_LABELS else field


def value_label(field: str, value: str, tr: Translator = _) -> str:
    """A stored value as the user reads it (status codes become their labels)."""
    if not value:
        return "—"
    if field == "status":
        try:
            return ActionStatus(value).label_in(tr)
        except ValueError:
            return value
    if field == "type":
        try:
            return tr(EntityType(value).untranslated)
        except ValueError:
            return value
    if field in ("retired", "national"):
        return tr(_YES)
    if field == "state":
        return tr(STATE_LABELS[value]) if value in STATE_LABELS else value
    return value


def change_text(entry: AuditEntry, limit: int | None = None, tr: Translator = _) -> str:
    """One change as a person reads it: "Status: Not started → In progress"."""
    old, new = value_label(entry.field, entry.old, tr), value_label(entry.field, entry.new, tr)
    if limit is not None:
        old, new = (v if len(v) <= limit else v[: limit - 1] + "…" for v in (old, new))
    return tr(_CHANGE).format(field=field_label(entry.field, tr), old=old, new=new)


_SUBJECTS = {
    "action": N_("Action {code}"),
    "entity": N_("Entity {name}"),
    "practice": N_("Practice “{name}”"),
    "organisation": N_("Organisation {name}"),
    "service": N_("Service “{name}”"),
}


def change_sentence(change: Change, tr: Translator = _) -> str:
    """A change as a sentence that names its record: "Service “Albergue” deleted"."""
    entry = change.entry
    subject = _SUBJECTS.get(entry.record_kind)
    name = change.subject
    what = tr(subject).format(code=name, name=name) if subject else name
    if entry.field == "created":
        return tr(N_("{subject} added")).format(subject=what)
    if entry.field == "deleted":
        if entry.new:
            return tr(N_("{subject} deleted")).format(subject=what)
        return tr(N_("{subject} restored")).format(subject=what)
    return tr(N_("{subject} — {change}")).format(subject=what, change=change_text(entry, 120, tr))
