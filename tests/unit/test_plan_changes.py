"""What changed between two plan versions: added, removed, renamed, moved; and where a
country's assignments go."""

from __future__ import annotations

from typing import Any

import pytest

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.plan import PlanDocument, plan_from_dict
from focalpoint.domain.plan_changes import follow_codes, plan_changes


def plan(version: str, objectives: dict[str, list[dict[str, Any]]]) -> PlanDocument:
    axes: dict[str, list[dict[str, Any]]] = {}
    for code, actions in objectives.items():
        axes.setdefault(code.split(".")[0], []).append(
            {"code": code, "title": {"es": f"Objetivo {code}"}, "actions": actions}
        )
    return plan_from_dict(
        {
            "format": "focalpoint.plan",
            "format_version": 1,
            "plan": {"code": "P", "version": version, "provisional": False, "title": {"es": "P"}},
            "axes": [
                {"code": axis, "title": {"es": f"Eje {axis}"}, "objectives": objs}
                for axis, objs in axes.items()
            ],
        }
    )


def act(code: str, title: str, *formerly: str) -> dict[str, Any]:
    data: dict[str, Any] = {"code": code, "title": {"es": title}}
    if formerly:
        data["formerly"] = list(formerly)
    return data


OLD = plan("1.0", {"1.1": [act("1.1.1", "A"), act("1.1.2", "B"), act("1.1.3", "C")], "1.2": []})


def test_the_four_kinds_of_change_are_told_apart() -> None:
    new = plan(
        "1.1",
        {
            "1.1": [act("1.1.1", "A, reworded"), act("1.1.4", "D")],
            "1.2": [act("1.2.1", "B", "1.1.2")],
        },
    )
    changes = plan_changes(OLD, new)
    assert [a.code for a in changes.added] == ["1.1.4"]
    assert [a.code for a in changes.removed] == ["1.1.3"]
    assert [(r.code, r.old_title["es"], r.new_title["es"]) for r in changes.renamed] == [
        ("1.1.1", "A", "A, reworded")
    ]
    assert [(m.old_code, m.new_code, m.old_objective, m.new_objective) for m in changes.moved] == [
        ("1.1.2", "1.2.1", "1.1", "1.2")
    ]
    assert changes.followed == {"1.1.1": "1.1.1", "1.1.2": "1.2.1"}
    assert changes.counts() == {"added": 1, "removed": 1, "renamed": 1, "moved": 1}
    assert not changes.unchanged


def test_the_same_plan_changes_nothing_and_a_moved_action_may_be_renamed_too() -> None:
    assert plan_changes(OLD, OLD).unchanged
    new = plan(
        "2", {"1.1": [act("1.1.1", "A"), act("1.1.3", "C")], "1.2": [act("1.2.7", "B2", "1.1.2")]}
    )
    changes = plan_changes(OLD, new)
    assert [m.new_code for m in changes.moved] == ["1.2.7"]
    assert [r.code for r in changes.renamed] == ["1.2.7"]


def test_an_action_renumbered_twice_is_followed_from_any_earlier_code() -> None:
    new = plan(
        "3",
        {
            "1.1": [act("1.1.1", "A"), act("1.1.3", "C")],
            "1.2": [act("1.2.9", "B", "1.1.2", "1.2.5")],
        },
    )
    assert follow_codes(new, ["1.1.2", "1.2.5", "1.1.1", "9.9.9"]) == {
        "1.1.2": "1.2.9",
        "1.2.5": "1.2.9",
        "1.1.1": "1.1.1",
    }


@pytest.mark.parametrize(
    ("objectives", "message"),
    [
        ({"1.1": [act("1.1.1", "A"), act("1.1.2", "B", "1.1.1")]}, "still a code of this plan"),
        ({"1.1": [act("1.1.1", "A", "1.1.9"), act("1.1.2", "B", "1.1.9")]}, "both say"),
        ({"1.1": [act("1.1.1", "A", "1.1.1")]}, "still a code of this plan"),
    ],
)
def test_an_earlier_code_names_one_action_and_is_not_reused(
    objectives: dict[str, list[dict[str, Any]]], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        plan("1", objectives)


def test_a_title_changed_in_one_language_says_which_to_a_reader_of_another() -> None:
    from focalpoint.domain.plan_changes import Renamed

    def english(text: dict[str, str]) -> str:
        return text.get("en") or text.get("es", "")

    french_only = Renamed(
        "3.1.2", {"en": "Train", "fr": "Former"}, {"en": "Train", "fr": "Instruire"}
    )
    assert french_only.titles(english) == ("[fr] Former", "[fr] Instruire")
    both = Renamed("3.1.2", {"en": "Train", "fr": "Former"}, {"en": "Teach", "fr": "Instruire"})
    assert both.titles(english) == ("Train", "Teach")
    added = Renamed("3.1.2", {"en": "Train"}, {"en": "Train", "fr": "Former"})
    assert added.titles(english) == ("[fr] —", "[fr] Former")
