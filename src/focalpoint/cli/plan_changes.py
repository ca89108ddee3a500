"""How the command line prints what a plan version changes: both sides print it (the
Secretariat before it signs a version, a country before it takes one in)."""

from __future__ import annotations

from typing import Any

from focalpoint.domain.plan_changes import PlanChanges
from focalpoint.i18n import _, ngettext, pick

# A list longer than this is cut, saying how many more: a terminal is no report.
SHOWN = 40


def change_lines(changes: PlanChanges) -> list[str]:
    """What changed, action by action: added, removed, renamed, moved (none: one line)."""
    if changes.unchanged:
        return [_("No action was added, removed, renamed or moved.")]
    lines: list[str] = []
    sections = [
        (
            ngettext("{n} action added:", "{n} actions added:", len(changes.added)),
            [f"{a.code}  {pick(a.title)}" for a in changes.added],
        ),
        (
            ngettext("{n} action removed:", "{n} actions removed:", len(changes.removed)),
            [f"{a.code}  {pick(a.title)}" for a in changes.removed],
        ),
        (
            ngettext("{n} action renamed:", "{n} actions renamed:", len(changes.renamed)),
            [f"{r.code}  {' → '.join(r.titles(pick))}" for r in changes.renamed],
        ),
        (
            ngettext("{n} action moved:", "{n} actions moved:", len(changes.moved)),
            [
                _("{old} → {new} (objective {objective})  {title}").format(
                    old=m.old_code, new=m.new_code, objective=m.new_objective, title=pick(m.title)
                )
                for m in changes.moved
            ],
        ),
    ]
    for heading, items in sections:
        if not items:
            continue
        lines.append(heading.format(n=len(items)))
        lines.extend("  " + item for item in items[:SHOWN])
        if len(items) > SHOWN:
            more = len(items) - SHOWN
            lines.append("  " + ngettext("… and {n} more", "… and {n} more", more).format(n=more))
    return lines


def changes_json(changes: PlanChanges) -> dict[str, Any]:
    """The changes as ``--json`` prints them: codes, objectives and titles in every language."""
    return {
        "from_version": changes.old_version,
        "to_version": changes.new_version,
        "added": [
            {"code": a.code, "objective": a.objective, "title": dict(a.title)}
            for a in changes.added
        ],
        "removed": [
            {"code": a.code, "objective": a.objective, "title": dict(a.title)}
            for a in changes.removed
        ],
        "renamed": [
            {"code": r.code, "old_title": dict(r.old_title), "new_title": dict(r.new_title)}
            for r in changes.renamed
        ],
        "moved": [
            {
                "old_code": m.old_code,
                "new_code": m.new_code,
                "old_objective": m.old_objective,
                "new_objective": m.new_objective,
            }
            for m in changes.moved
        ],
    }
