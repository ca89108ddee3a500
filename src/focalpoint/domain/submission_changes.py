"""What changed between two submissions of one country: the Secretariat's inbox shows it for each
package it receives, against that country's last accepted submission, and the consolidation uses
it to trace each record to the submission that last changed it.

Both submissions are the decoded ``data/submission.json`` of a package (see
``docs/submission-format.md``): every record is sent every time, keyed by a stable id
(assignments by their action code), and a deletion is a tombstone, never a missing record. So a
record that a later submission leaves out is reported as *missing* (something to ask the country
about), never taken as deleted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Record = Mapping[str, Any]
Submission = Mapping[str, Any]

# The kinds of record kept by id, and the fields that remove one (first one set wins).
RECORD_KINDS: dict[str, tuple[str, ...]] = {
    "entities": ("merged_into", "retired_at"),
    "practices": ("deleted_at",),
    "attachments": ("deleted_at",),
    "organisations": ("deleted_at",),
    "services": ("deleted_at",),
}
# When a record was written and by whom: they change with every save, so they say nothing about
# what the record holds (a record saved again unchanged is not a change).
_STAMPS = frozenset({"updated_at", "updated_by"})
# An action nobody has touched: no responsible entity, not started, no note.
_UNTOUCHED: Record = {"lead_id": None, "support_ids": [], "status": "not_started", "note": ""}
ACTION_FIELDS = ("lead_id", "support_ids", "status", "note")


@dataclass(frozen=True)
class ActionChange:
    """One action whose responsible entities, status or note changed: which of those fields."""

    action_code: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class KindChanges:
    """The ids of one kind of record that were added, changed, removed (deleted, retired or
    merged), restored, or left out of the later submission, each sorted."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    restored: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed or self.restored or self.missing)


@dataclass(frozen=True)
class SubmissionChanges:
    """Everything that changed from one submission to the next (the first against nothing)."""

    actions: tuple[ActionChange, ...] = ()
    missing_actions: tuple[str, ...] = ()
    kinds: Mapping[str, KindChanges] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return (
            not self.actions
            and not self.missing_actions
            and all(k.empty for k in self.kinds.values())
        )


def changes_between(previous: Submission | None, current: Submission) -> SubmissionChanges:
    """What ``current`` changes from ``previous`` (None: the country's first submission)."""
    before: Submission = previous or {}
    actions, missing_actions = _action_changes(
        _by_key(before.get("assignments", ()), "action_code"),
        _by_key(current.get("assignments", ()), "action_code"),
    )
    kinds = {
        kind: _kind_changes(
            _by_key(before.get(kind, ()), "id"), _by_key(current.get(kind, ()), "id"), tombstones
        )
        for kind, tombstones in RECORD_KINDS.items()
    }
    return SubmissionChanges(actions, missing_actions, kinds)


def set_by(accepted: Mapping[int, Submission]) -> dict[tuple[str, str], int]:
    """For each record of the newest accepted submission, the sequence of the submission that
    set it as it now stands: ``("assignments", action_code)`` or ``(kind, id)`` → sequence.

    Computed in sequence order whatever order the submissions were accepted in, so the answer
    depends only on which submissions were accepted.
    """
    origin: dict[tuple[str, str], int] = {}
    previous: Submission = {}
    for sequence in sorted(accepted):
        current = accepted[sequence]
        now: dict[tuple[str, str], int] = {}
        for kind, key in (("assignments", "action_code"), *((k, "id") for k in RECORD_KINDS)):
            before = _by_key(previous.get(kind, ()), key)
            for record_id, record in _by_key(current.get(kind, ()), key).items():
                old = before.get(record_id)
                unchanged = old is not None and _same(kind, old, record)
                now[(kind, record_id)] = origin[(kind, record_id)] if unchanged else sequence
        origin, previous = now, current  # a record left out has no origin any more
    return origin


def _by_key(records: Iterable[Record], key: str) -> dict[str, Record]:
    return {str(r[key]): r for r in records}


def _action_changes(
    before: Mapping[str, Record], after: Mapping[str, Record]
) -> tuple[tuple[ActionChange, ...], tuple[str, ...]]:
    changes = []
    for code in sorted(after):
        old = before.get(code, _UNTOUCHED)
        new = after[code]
        fields = _changed_fields(old, new)
        if fields:
            changes.append(ActionChange(code, fields))
    return tuple(changes), tuple(sorted(set(before) - set(after)))


def _changed_fields(old: Record, new: Record) -> tuple[str, ...]:
    return tuple(f for f in ACTION_FIELDS if _normal(f, old.get(f)) != _normal(f, new.get(f)))


def _same(kind: str, old: Record, new: Record) -> bool:
    if kind == "assignments":
        return not _changed_fields(old, new)
    return _content(old) == _content(new)


def _normal(name: str, value: Any) -> Any:
    """A field as it compares: supporting entities in any order, no note as an empty one."""
    if name == "support_ids":
        return frozenset(value or ())
    if name == "note":
        return value or ""
    return value


def _removed(record: Record, tombstones: Sequence[str]) -> bool:
    return any(record.get(t) for t in tombstones)


def _kind_changes(
    before: Mapping[str, Record], after: Mapping[str, Record], tombstones: Sequence[str]
) -> KindChanges:
    added, changed, removed, restored = [], [], [], []
    for record_id in sorted(after):
        new = after[record_id]
        old = before.get(record_id)
        if old is None:
            if not _removed(new, tombstones):  # made and deleted in between: never seen
                added.append(record_id)
            continue
        was, now = _removed(old, tombstones), _removed(new, tombstones)
        if now and not was:
            removed.append(record_id)
        elif was and not now:
            restored.append(record_id)
        elif _content(old) != _content(new):
            changed.append(record_id)
    missing = tuple(sorted(set(before) - set(after)))
    return KindChanges(tuple(added), tuple(changed), tuple(removed), tuple(restored), missing)


def _content(record: Record) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in _STAMPS}
