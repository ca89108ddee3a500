"""The plan file's rules that a JSON Schema cannot state, and the text fallbacks."""

from __future__ import annotations

import json

import pytest

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.plan import code_key, plan_from_dict, plan_to_dict, version_key
from focalpoint.i18n import pick
from focalpoint.paths import BUNDLED_PLAN


def test_bundled_plan_round_trips() -> None:
    data = json.loads(BUNDLED_PLAN.read_text(encoding="utf-8"))
    document = plan_from_dict(data)
    assert plan_from_dict(plan_to_dict(document)) == document


def test_bundled_plan_matches_the_brief() -> None:
    document = plan_from_dict(json.loads(BUNDLED_PLAN.read_text(encoding="utf-8")))
    assert document.info.provisional
    assert len(document.axes) == 5
    actions = document.actions()
    assert len(actions) >= 30
    for action in actions:
        assert action.title.get("es") and action.title.get("en"), action.code
    items = {i for a in actions for i in a.report_items}
    assert {"9a", "9b", "7", "8", "4"} <= items


def test_versions_and_codes_order_numerically() -> None:
    assert version_key("0.10") > version_key("0.9")
    assert sorted(["1.10.1", "1.2.1", "1.1.10", "1.1.2"], key=code_key) == [
        "1.1.2",
        "1.1.10",
        "1.2.1",
        "1.10.1",
    ]


def test_text_falls_back_to_spanish_then_english() -> None:
    assert pick({"es": "Eje", "en": "Axis", "fr": "Axe"}, "fr") == "Axe"
    assert pick({"es": "Eje", "en": "Axis"}, "fr") == "Eje"
    assert pick({"en": "Axis"}, "fr") == "Axis"
    assert pick({"pt": "Eixo"}, "fr") == "Eixo"
    assert pick({}, "fr") == ""


def test_plan_without_actions_is_refused() -> None:
    data = json.loads(BUNDLED_PLAN.read_text(encoding="utf-8"))
    for axis in data["axes"]:
        for obj in axis["objectives"]:
            obj["actions"] = []
    with pytest.raises(InvalidInput, match="no actions"):
        plan_from_dict(data)
