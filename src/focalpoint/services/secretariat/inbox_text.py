"""The inbox in words: a package's placement and its changes, as the command line and the window
both say them."""

from __future__ import annotations

from typing import Any

from focalpoint.i18n import N_, _

PLACEMENTS = {"next": N_("in sequence"), "gap": N_("after a gap"), "late": N_("late")}
KINDS = {
    "entities": N_("entities"),
    "practices": N_("practices"),
    "attachments": N_("attachments"),
    "organisations": N_("organisations"),
    "services": N_("services"),
}
COUNTS = {
    "added": N_("{n} added"),
    "changed": N_("{n} changed"),
    "removed": N_("{n} removed"),
    "restored": N_("{n} restored"),
    "missing": N_("{n} left out"),
}


def changes_line(changes: dict[str, Any]) -> str:
    """The inbox's line of changes: the actions, then counts per kind of record."""
    actions = changes.get("actions") or []
    parts = [
        _("actions changed: {codes}").format(codes=", ".join(actions))
        if actions
        else _("no action changed")
    ]
    for kind, counts in sorted((changes.get("kinds") or {}).items()):
        said = ", ".join(_(COUNTS[k]).format(n=n) for k, n in counts.items() if k in COUNTS)
        parts.append(_("{kind}: {counts}").format(kind=_(KINDS.get(kind, kind)), counts=said))
    return "; ".join(parts)


def placement_label(placement: str) -> str:
    return _(PLACEMENTS.get(placement, placement))
