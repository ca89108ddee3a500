"""The Strategic Plan as data: axes → objectives → actions, and the rules a plan file must meet."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.text import excerpt
from focalpoint.i18n import _

Text = Mapping[str, str]
PLAN_FORMAT = "focalpoint.plan"
PLAN_FORMAT_VERSION = 1
# Up to six parts of up to nine digits: comparable as integers, never absurdly long.
_VERSION_RE = re.compile(r"^\d{1,9}(\.\d{1,9}){0,5}$")


@dataclass(frozen=True)
class Action:
    """One action of the plan, the unit a country names a responsible entity for."""

    code: str
    title: Text
    description: Text = field(default_factory=dict)
    indicator: Text = field(default_factory=dict)
    timeframe: tuple[int, int] | None = None
    supporting_organisations: tuple[str, ...] = ()
    report_items: tuple[str, ...] = ()
    # Codes the action had in earlier versions: a country's assignment follows it from them.
    formerly: tuple[str, ...] = ()


@dataclass(frozen=True)
class Objective:
    code: str
    title: Text
    actions: tuple[Action, ...]


@dataclass(frozen=True)
class Axis:
    code: str
    title: Text
    objectives: tuple[Objective, ...]


@dataclass(frozen=True)
class PlanInfo:
    """What identifies one published version of a plan."""

    code: str
    version: str
    provisional: bool
    title: Text
    note: Text = field(default_factory=dict)
    published: str = ""

    @property
    def version_key(self) -> tuple[int, ...]:
        return version_key(self.version)


@dataclass(frozen=True)
class PlanDocument:
    """A whole plan: its identity and its tree."""

    info: PlanInfo
    axes: tuple[Axis, ...]

    def actions(self) -> list[Action]:
        return [a for axis in self.axes for obj in axis.objectives for a in obj.actions]

    def action_codes(self) -> list[str]:
        return [a.code for a in self.actions()]


def version_key(version: str) -> tuple[int, ...]:
    """Order plan versions numerically ("0.10" after "0.9")."""
    return tuple(int(part) for part in version.split("."))


def code_key(code: str) -> tuple[int, ...]:
    """Order codes like ``1.10.2`` numerically."""
    return tuple(int(part) if part.isdigit() else 0 for part in code.split("."))


def _text(value: Any, where: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise InvalidInput(
            _("{where}: a text must map language codes to text.").format(where=where)
        )
    return {k: v.strip() for k, v in value.items() if v.strip()}


def _require_title(value: Any, where: str) -> dict[str, str]:
    text = _text(value, where)
    if not text:
        raise InvalidInput(_("{where} has no title.").format(where=excerpt(where)))
    return text


def plan_from_dict(data: Any) -> PlanDocument:
    """Build a plan from parsed plan-file JSON, refusing anything that breaks the format's rules.

    The JSON Schema catches shape errors first; this checks what a schema cannot: unique codes,
    codes nested under their parents, a well-formed version.
    """
    if not isinstance(data, dict):
        raise InvalidInput(_("This is not a FocalPoint plan file."))
    if data.get("format") != PLAN_FORMAT:
        raise InvalidInput(_("This is not a FocalPoint plan file."))
    declared = data.get("format_version")
    if declared != PLAN_FORMAT_VERSION:
        if type(declared) is not int:  # a version is a whole number: this was never a plan file
            raise InvalidInput(_("This is not a FocalPoint plan file."))
        raise InvalidInput(
            _(
                "This plan file uses format version {version}, which this FocalPoint cannot read."
            ).format(version=excerpt(str(declared), 20, 5))
        )
    raw = data.get("plan")
    if not isinstance(raw, dict):
        raise InvalidInput(_("The plan file has no plan section."))
    code = str(raw.get("code", "")).strip()
    version = str(raw.get("version", "")).strip()
    if not code:
        raise InvalidInput(_("The plan file does not say which plan it holds."))
    if not _VERSION_RE.match(version):
        raise InvalidInput(
            _("The plan version '{version}' is not a number such as 1.2.").format(
                version=excerpt(version, 20, 5)
            )
        )
    info = PlanInfo(
        code=code,
        version=version,
        provisional=bool(raw.get("provisional", False)),
        title=_require_title(raw.get("title"), _("The plan")),
        note=_text(raw.get("note"), _("The plan note")),
        published=str(raw.get("published", "")),
    )
    seen: set[str] = set()

    def check_code(value: Any, parent: str | None) -> str:
        item_code = str(value or "").strip()
        if not item_code:
            raise InvalidInput(_("An item of the plan has no code."))
        if item_code in seen:
            raise InvalidInput(
                _("The code {code} appears twice in the plan.").format(code=excerpt(item_code))
            )
        if parent is not None and not item_code.startswith(parent + "."):
            raise InvalidInput(
                _("The code {code} is not under its parent {parent}.").format(
                    code=excerpt(item_code), parent=excerpt(parent)
                )
            )
        seen.add(item_code)
        return item_code

    axes: list[Axis] = []
    for raw_axis in _list(data.get("axes"), _("axes")):
        axis_code = check_code(raw_axis.get("code"), None)
        objectives: list[Objective] = []
        for raw_obj in _list(raw_axis.get("objectives"), axis_code):
            obj_code = check_code(raw_obj.get("code"), axis_code)
            actions: list[Action] = []
            for raw_action in _list(raw_obj.get("actions"), obj_code):
                actions.append(_action(raw_action, check_code(raw_action.get("code"), obj_code)))
            objectives.append(
                Objective(obj_code, _require_title(raw_obj.get("title"), obj_code), tuple(actions))
            )
        axes.append(
            Axis(axis_code, _require_title(raw_axis.get("title"), axis_code), tuple(objectives))
        )
    document = PlanDocument(info, tuple(axes))
    if not document.actions():
        raise InvalidInput(_("The plan file holds no actions."))
    _check_formerly(document, seen)
    return document


def _check_formerly(document: PlanDocument, codes: set[str]) -> None:
    """An earlier code names one action only, and no item of this version has it: otherwise a
    country's assignment to it would not know which action to follow."""
    claimed: dict[str, str] = {}
    for action in document.actions():
        for old in action.formerly:
            if old in codes:
                raise InvalidInput(
                    _(
                        "Action {code} was formerly {old}, but {old} is still a code of this "
                        "plan: an earlier code cannot be reused."
                    ).format(code=excerpt(action.code), old=excerpt(old))
                )
            if old in claimed:
                raise InvalidInput(
                    _("Actions {first} and {second} both say they were formerly {old}.").format(
                        first=excerpt(claimed[old]), second=excerpt(action.code), old=excerpt(old)
                    )
                )
            claimed[old] = action.code


def _list(value: Any, where: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise InvalidInput(_("{where}: expected a list of items.").format(where=excerpt(where)))
    return value


def _action(raw: dict[str, Any], code: str) -> Action:
    timeframe = raw.get("timeframe")
    span: tuple[int, int] | None = None
    if isinstance(timeframe, dict):
        start, end = timeframe.get("start"), timeframe.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and start <= end):
            raise InvalidInput(_("Action {code} has an invalid timeframe.").format(code=code))
        span = (start, end)
    orgs = raw.get("supporting_organisations", [])
    items = raw.get("report_items", [])
    formerly = raw.get("formerly", [])
    if not all(isinstance(value, list) for value in (orgs, items, formerly)):
        raise InvalidInput(_("Action {code}: expected a list of items.").format(code=code))
    return Action(
        code=code,
        title=_require_title(raw.get("title"), code),
        description=_text(raw.get("description"), code),
        indicator=_text(raw.get("indicator"), code),
        timeframe=span,
        supporting_organisations=tuple(str(o) for o in orgs),
        report_items=tuple(str(i) for i in items),
        formerly=tuple(str(f).strip() for f in formerly),
    )


def plan_to_dict(document: PlanDocument) -> dict[str, Any]:
    """The plan-file JSON of a plan (the inverse of :func:`plan_from_dict`)."""
    info = document.info

    def action(a: Action) -> dict[str, Any]:
        out: dict[str, Any] = {"code": a.code, "title": dict(a.title)}
        if a.description:
            out["description"] = dict(a.description)
        if a.indicator:
            out["indicator"] = dict(a.indicator)
        if a.timeframe:
            out["timeframe"] = {"start": a.timeframe[0], "end": a.timeframe[1]}
        out["supporting_organisations"] = list(a.supporting_organisations)
        if a.report_items:
            out["report_items"] = list(a.report_items)
        if a.formerly:
            out["formerly"] = list(a.formerly)
        return out

    plan: dict[str, Any] = {
        "code": info.code,
        "version": info.version,
        "provisional": info.provisional,
        "title": dict(info.title),
    }
    if info.published:
        plan["published"] = info.published
    if info.note:
        plan["note"] = dict(info.note)
    return {
        "format": PLAN_FORMAT,
        "format_version": PLAN_FORMAT_VERSION,
        "plan": plan,
        "axes": [
            {
                "code": axis.code,
                "title": dict(axis.title),
                "objectives": [
                    {
                        "code": o.code,
                        "title": dict(o.title),
                        "actions": [action(a) for a in o.actions],
                    }
                    for o in axis.objectives
                ],
            }
            for axis in document.axes
        ],
    }
