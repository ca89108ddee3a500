"""The regional matrix: every action of the plan against every country, each cell the country's
lead entity and status, with its supporting entities and note; completion per country and per
axis; and the actions no country has given a responsible entity yet.

Built from each country's newest accepted submission (``data/submission.json`` as decoded), so
it is the same whoever builds it and whenever: the Secretariat's window, its spreadsheet and its
regional report all read this one record.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from focalpoint.domain.vocab import ActionStatus


@dataclass(frozen=True)
class PlanAction:
    """An action of the plan as the matrix lists it."""

    code: str
    axis_code: str
    title: str


@dataclass(frozen=True)
class MatrixCell:
    """One country's part of one action."""

    lead: str  # the lead entity as the country names it ("" when none)
    supports: tuple[str, ...]
    status: ActionStatus
    note: str

    @property
    def has_lead(self) -> bool:
        return bool(self.lead)


@dataclass(frozen=True)
class MatrixRow:
    action: PlanAction
    cells: Mapping[str, MatrixCell | None]  # by country code; None: no accepted submission


@dataclass(frozen=True)
class Completion:
    """Actions completed out of those that apply (not "not applicable"), and how many have a
    responsible entity."""

    completed: int
    applicable: int
    with_lead: int
    actions: int

    @property
    def share(self) -> float:
        return self.completed / self.applicable if self.applicable else 0.0


@dataclass(frozen=True)
class RegionalMatrix:
    countries: tuple[str, ...]  # column order
    rows: tuple[MatrixRow, ...]

    def by_country(self) -> dict[str, Completion]:
        return {c: _completion([row.cells.get(c) for row in self.rows]) for c in self.countries}

    def by_axis(self) -> dict[str, Completion]:
        """All countries together, per axis of the plan (in the plan's order)."""
        axes: dict[str, list[MatrixCell | None]] = {}
        for row in self.rows:
            axes.setdefault(row.action.axis_code, []).extend(
                row.cells.get(c) for c in self.countries
            )
        return {axis: _completion(cells) for axis, cells in axes.items()}

    def without_lead_anywhere(self) -> tuple[PlanAction, ...]:
        """Actions that no country has given a responsible entity."""
        return tuple(
            row.action
            for row in self.rows
            if not any(cell is not None and cell.has_lead for cell in row.cells.values())
        )


def build_matrix(
    actions: Sequence[PlanAction], submissions: Mapping[str, Mapping[str, Any] | None]
) -> RegionalMatrix:
    """The matrix of ``actions`` (the plan's order) for each country of ``submissions`` (the
    column order): its newest accepted submission's records, or None when it has none yet."""
    return matrix_of(
        actions,
        {country: None if data is None else _cells(data) for country, data in submissions.items()},
    )


def matrix_of(
    actions: Sequence[PlanAction], columns: Mapping[str, Mapping[str, MatrixCell] | None]
) -> RegionalMatrix:
    """The matrix of ``actions`` from each country's cells by action code (the column order),
    None for a country with no accepted submission; an action a country left out is "not
    started" there."""
    rows = tuple(
        MatrixRow(
            action,
            {
                country: None if cells is None else cells.get(action.code, _UNTOUCHED)
                for country, cells in columns.items()
            },
        )
        for action in actions
    )
    return RegionalMatrix(tuple(columns), rows)


def matrix_cell(lead: str, supports: Sequence[str], status: Any, note: str) -> MatrixCell:
    """A cell as the matrix shows it: supporting entities by name, an unknown status as not
    started."""
    return MatrixCell(lead, tuple(sorted(s for s in supports if s)), _status(status), note)


_UNTOUCHED = MatrixCell("", (), ActionStatus.NOT_STARTED, "")


def _cells(data: Mapping[str, Any]) -> dict[str, MatrixCell]:
    names = {e["id"]: entity_name(e) for e in data.get("entities", ())}
    return {
        a["action_code"]: matrix_cell(
            names.get(a.get("lead_id") or "", ""),
            [names[i] for i in a.get("support_ids") or () if i in names],
            a.get("status"),
            a.get("note") or "",
        )
        for a in data.get("assignments", ())
    }


def entity_name(entity: Mapping[str, Any]) -> str:
    name, acronym = entity.get("name") or "", entity.get("acronym") or ""
    return f"{name} ({acronym})" if acronym and acronym not in name else name


def _status(value: Any) -> ActionStatus:
    try:
        return ActionStatus(value)
    except ValueError:  # a status a later FocalPoint adds: shown as not started, never lost
        return ActionStatus.NOT_STARTED


def _completion(cells: Sequence[MatrixCell | None]) -> Completion:
    present = [c for c in cells if c is not None]
    applicable = [c for c in present if c.status is not ActionStatus.NOT_APPLICABLE]
    return Completion(
        completed=sum(c.status is ActionStatus.COMPLETED for c in applicable),
        applicable=len(applicable),
        with_lead=sum(c.has_lead for c in present),
        actions=len(cells),
    )
