"""Counts of records in words: what changed, what a submission carried."""

from __future__ import annotations

from focalpoint.i18n import ngettext


def kinds_text(by_kind: dict[str, int]) -> str:
    """“3 actions, 1 entity, 2 practices” — the kinds of record that changed."""
    forms = (
        ("action", lambda n: ngettext("{n} action", "{n} actions", n)),
        ("entity", lambda n: ngettext("{n} entity", "{n} entities", n)),
        ("practice", lambda n: ngettext("{n} practice", "{n} practices", n)),
        ("attachment", lambda n: ngettext("{n} evidence file", "{n} evidence files", n)),
        ("organisation", lambda n: ngettext("{n} organisation", "{n} organisations", n)),
        ("service", lambda n: ngettext("{n} service", "{n} services", n)),
        ("proposal", lambda n: ngettext("{n} amendment proposal", "{n} amendment proposals", n)),
    )
    parts = [
        form(by_kind[kind]).format(n=by_kind[kind]) for kind, form in forms if by_kind.get(kind)
    ]
    return ", ".join(parts)


def contents_text(counts: dict[str, int]) -> str:
    """What a submission carried: “30 actions, 2 entities, 1 practice…”."""
    by_kind = {
        "action": counts.get("actions", 0),
        "entity": counts.get("entities", 0),
        "practice": counts.get("practices", 0),
        "attachment": counts.get("attachments", 0),
        "organisation": counts.get("organisations", 0),
        "service": counts.get("services", 0),
        "proposal": counts.get("proposals", 0),
    }
    return kinds_text(by_kind) or "—"
