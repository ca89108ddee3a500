"""What a received package changes, in full: each action's changed fields with their old and new
values, and the names of the records added, changed, removed, restored or left out.

The inbox keeps only a summary (``intake.change_summary``); this is recomputed from the kept
files when someone looks at one package (``Intake.details``), against the country's accepted
submission before it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from focalpoint.domain.plan import PlanDocument
from focalpoint.domain.regional_matrix import entity_name
from focalpoint.domain.submission_changes import SubmissionChanges
from focalpoint.domain.vocab import ActionStatus
from focalpoint.i18n import pick
from focalpoint.services.secretariat.plans import bundled_plan
from focalpoint.storage.secretariat.inbox_store import ReceivedRow

# The order a reader meets the kinds of record and what happened to them.
KIND_ORDER = ("entities", "practices", "services", "organisations", "attachments")
CHANGE_ORDER = ("added", "changed", "removed", "restored", "missing")


@dataclass(frozen=True)
class FieldChange:
    """One field of an action: ``lead``, ``supports``, ``status`` or ``note``, as it was and is
    now (entity names, the status in the reader's language; "" for none)."""

    name: str
    old: str
    new: str


@dataclass(frozen=True)
class ActionDetail:
    code: str
    title: str  # in the reader's language ("" for an action the plan does not list)
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class RecordsDetail:
    """The records of one kind that one thing happened to (``added``…), by name."""

    kind: str
    change: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class ProposalDetail:
    """An amendment proposal the package brings: about which action or objective, of which
    kind (``wording``, ``new_action``, ``paragraph``, ``comment``), and its text."""

    code: str
    kind: str
    text: str


@dataclass(frozen=True)
class SubmissionDetails:
    package: ReceivedRow
    since: ReceivedRow | None  # the accepted submission compared against (None: the first)
    actions: tuple[ActionDetail, ...]
    missing_actions: tuple[str, ...]
    records: tuple[RecordsDetail, ...]
    # A package carries the proposals made since the last one sent: each is new in it.
    proposals: tuple[ProposalDetail, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.actions or self.missing_actions or self.records or self.proposals)


_FIELDS = {"lead_id": "lead", "support_ids": "supports", "status": "status", "note": "note"}


def describe(
    package: ReceivedRow,
    since: ReceivedRow | None,
    changes: SubmissionChanges,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any],
    plan: PlanDocument | None = None,
) -> SubmissionDetails:
    """The details of ``changes`` from ``before`` (the records of ``since``) to ``after``, its
    actions titled as ``plan`` (the newest published version) titles them."""
    previous: Mapping[str, Any] = before or {}
    old_names = _entity_names(previous)
    new_names = _entity_names(after)
    old_cells = {a["action_code"]: a for a in previous.get("assignments", ())}
    new_cells = {a["action_code"]: a for a in after.get("assignments", ())}
    titles = _titles(plan or bundled_plan())
    actions = tuple(
        ActionDetail(
            change.action_code,
            titles.get(change.action_code, ""),
            tuple(
                FieldChange(
                    _FIELDS[name],
                    _value(name, old_cells.get(change.action_code, {}), old_names),
                    _value(name, new_cells.get(change.action_code, {}), new_names),
                )
                for name in change.fields
            ),
        )
        for change in changes.actions
    )
    records = []
    for kind in sorted(changes.kinds, key=_kind_order):
        found = changes.kinds[kind]
        old_records = {str(r["id"]): r for r in previous.get(kind, ())}
        new_records = {str(r["id"]): r for r in after.get(kind, ())}
        for change in CHANGE_ORDER:
            ids = getattr(found, change)
            if ids:
                names = tuple(
                    sorted(
                        (
                            _record_name(kind, new_records.get(i) or old_records.get(i) or {}, i)
                            for i in ids
                        ),
                        key=str.casefold,
                    )
                )
                records.append(RecordsDetail(kind, change, names))
    proposals = tuple(
        ProposalDetail(str(p["target_code"]), str(p["kind"]), str(p["text"]))
        for p in after.get("proposals", ())
    )
    return SubmissionDetails(
        package, since, actions, changes.missing_actions, tuple(records), proposals
    )


def _kind_order(kind: str) -> tuple[int, str]:
    return (KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER), kind)


def _entity_names(data: Mapping[str, Any]) -> dict[str, str]:
    return {str(e["id"]): entity_name(e) for e in data.get("entities", ())}


def _value(name: str, cell: Mapping[str, Any], names: Mapping[str, str]) -> str:
    if name == "lead_id":
        lead = cell.get("lead_id")
        return names.get(lead, lead) if lead else ""
    if name == "support_ids":
        return "; ".join(sorted(names.get(i, i) for i in cell.get("support_ids") or ()))
    if name == "status":
        try:
            return ActionStatus(cell.get("status") or "not_started").label
        except ValueError:  # a status a later FocalPoint adds: shown as it is written
            return str(cell.get("status"))
    return str(cell.get("note") or "")


def _record_name(kind: str, record: Mapping[str, Any], record_id: str) -> str:
    if kind in ("entities", "organisations"):
        name = entity_name(record)
    elif kind == "practices":
        name = record.get("title") or ""
    elif kind == "attachments":
        name = record.get("file_name") or ""
    else:
        name = record.get("name") or ""
    return str(name).strip() or record_id


def _titles(plan: PlanDocument) -> dict[str, str]:
    return {
        action.code: pick(action.title)
        for axis in plan.axes
        for objective in axis.objectives
        for action in objective.actions
    }
