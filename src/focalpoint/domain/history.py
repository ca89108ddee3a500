"""How a change of the audit log reads to a person, in the interface language."""

from __future__ import annotations

from focalpoint.domain.records import AuditEntry
from focalpoint.domain.vocab import ActionStatus, EntityType
from focalpoint.i18n import N_, Translator, _

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
    if field == "retired":
        return tr(_YES)
    return value


def change_text(entry: AuditEntry, limit: int | None = None, tr: Translator = _) -> str:
    """One change as a person reads it: "Status: Not started → In progress"."""
    old, new = value_label(entry.field, entry.old, tr), value_label(entry.field, entry.new, tr)
    if limit is not None:
        old, new = (v if len(v) <= limit else v[: limit - 1] + "…" for v in (old, new))
    return tr(_CHANGE).format(field=field_label(entry.field, tr), old=old, new=new)
