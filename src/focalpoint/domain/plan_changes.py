"""What changed between two versions of the plan, action by action.

An action of the new version is the same action as one of the old when it has the same code,
or when its ``formerly`` names an old code that the new version no longer uses. A matched
action whose title changed (in any language) was *renamed*; one whose code changed was *moved*
(to another objective, or renumbered within its own). The old actions left unmatched were
*removed*, the new ones *added*. Pure: two plan documents in, one record out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from focalpoint.domain.plan import Action, PlanDocument, Text, code_key


@dataclass(frozen=True)
class PlacedAction:
    """An action as a list of changes names it: its code, title and objective."""

    code: str
    title: Text
    objective: str


@dataclass(frozen=True)
class Renamed:
    code: str  # in the new version
    old_title: Text
    new_title: Text

    def titles(self, pick: Callable[[Text], str]) -> tuple[str, str]:
        """The old and new title as ``pick`` reads them; where the reader's language did not
        change (the French title alone did), the language that did, named: "[fr] …"."""
        old, new = pick(self.old_title), pick(self.new_title)
        if old != new:
            return old, new
        for language in sorted(set(self.old_title) | set(self.new_title)):
            before, after = self.old_title.get(language, ""), self.new_title.get(language, "")
            if before != after:
                return f"[{language}] {before or '—'}", f"[{language}] {after or '—'}"
        return old, new


@dataclass(frozen=True)
class Moved:
    old_code: str
    new_code: str
    old_objective: str
    new_objective: str
    title: Text  # in the new version


@dataclass(frozen=True)
class PlanChanges:
    old_version: str
    new_version: str
    added: tuple[PlacedAction, ...]
    removed: tuple[PlacedAction, ...]
    renamed: tuple[Renamed, ...]
    moved: tuple[Moved, ...]
    # Every action of the old version that is still in the new: old code → new code.
    followed: dict[str, str]

    @property
    def unchanged(self) -> bool:
        """Whether no action was added, removed, renamed or moved."""
        return not (self.added or self.removed or self.renamed or self.moved)

    def counts(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "removed": len(self.removed),
            "renamed": len(self.renamed),
            "moved": len(self.moved),
        }


def plan_changes(old: PlanDocument, new: PlanDocument) -> PlanChanges:
    """The actions ``new`` adds, removes, renames and moves, compared with ``old``."""
    before = _placed(old)
    after = _placed(new)
    followed: dict[str, str] = {}
    for code, (action, _objective) in after.items():
        if code in before:
            followed[code] = code
            continue
        # The most recent earlier code the old version had: the last one it names.
        for former in reversed(action.formerly):
            if former in before and former not in after:
                followed[former] = code
                break
    renamed: list[Renamed] = []
    moved: list[Moved] = []
    for old_code, new_code in followed.items():
        old_action, old_objective = before[old_code]
        new_action, new_objective = after[new_code]
        if dict(old_action.title) != dict(new_action.title):
            renamed.append(Renamed(new_code, old_action.title, new_action.title))
        if old_code != new_code:
            moved.append(Moved(old_code, new_code, old_objective, new_objective, new_action.title))
    kept = set(followed.values())
    added = [_ref(code, after[code]) for code in after if code not in kept]
    removed = [_ref(code, before[code]) for code in before if code not in followed]
    return PlanChanges(
        old.info.version,
        new.info.version,
        added=tuple(sorted(added, key=lambda a: code_key(a.code))),
        removed=tuple(sorted(removed, key=lambda a: code_key(a.code))),
        renamed=tuple(sorted(renamed, key=lambda r: code_key(r.code))),
        moved=tuple(sorted(moved, key=lambda m: code_key(m.new_code))),
        followed=followed,
    )


def follow_codes(document: PlanDocument, codes: Iterable[str]) -> dict[str, str]:
    """Where each of ``codes`` (a country's assignments) goes in ``document``: to the action of
    that code, or to the action whose ``formerly`` names it. Codes that match neither are left
    out (they no longer match an action of the plan)."""
    current = set(document.action_codes())
    formerly = {old: a.code for a in document.actions() for old in a.formerly}
    out: dict[str, str] = {}
    for code in codes:
        if code in current:
            out[code] = code
        elif code in formerly:
            out[code] = formerly[code]
    return out


def _placed(document: PlanDocument) -> dict[str, tuple[Action, str]]:
    return {
        action.code: (action, objective.code)
        for axis in document.axes
        for objective in axis.objectives
        for action in objective.actions
    }


def _ref(code: str, placed: tuple[Action, str]) -> PlacedAction:
    action, objective = placed
    return PlacedAction(code, action.title, objective)
