"""Taking in the Secretariat's signed plan file: assignments are kept, follow renamed or moved
actions, mismatches are listed; bad files are refused without changing anything."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from focalpoint.domain.errors import InvalidInput, NotFound
from focalpoint.paths import BUNDLED_PLAN
from focalpoint.services.country.workspace import Workspace
from tests.conftest import entity_id
from tests.plan_files import signed_plan_file


def bundled() -> dict[str, Any]:
    return json.loads(BUNDLED_PLAN.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: Any, name: str = "plan.json") -> Path:
    """An unsigned plan file (refused by every workspace, kept to show it is)."""
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def signed(ws: Workspace, tmp_path: Path, data: Any, name: str = "plan.json") -> Path:
    """``data`` as the trusted test Secretariat signs it, the successor of what ``ws`` has."""
    return signed_plan_file(ws, tmp_path / name, data)


def next_version(drop: str = "1.1.3", add: str = "1.1.4") -> dict[str, Any]:
    """The bundled plan as the Secretariat might publish it: official, one action swapped."""
    data = bundled()
    data["plan"].update(version="1.0", provisional=False)
    actions = data["axes"][0]["objectives"][0]["actions"]
    data["axes"][0]["objectives"][0]["actions"] = [a for a in actions if a["code"] != drop]
    data["axes"][0]["objectives"][0]["actions"].append(
        {"code": add, "title": {"es": "Nueva acción", "en": "New action"}}
    )
    return data


def test_newer_plan_keeps_matching_assignments_and_lists_the_rest(
    ws: Workspace, tmp_path: Path
) -> None:
    conna = entity_id(ws, "CONNA")
    ws.assignments.set_lead("1.1.1", conna)
    ws.assignments.set_lead("1.1.3", conna)
    ws.assignments.set_status("1.1.3", "in_progress")

    report = ws.plan.import_file(signed(ws, tmp_path, next_version()))

    assert (report.old_version, report.new_version) == ("0.1", "1.0")
    assert report.kept_assignments == ("1.1.1",)
    assert report.unmatched_assignments == ("1.1.3",)
    assert report.added_codes == ("1.1.4",)
    assert report.removed_codes == ("1.1.3",)
    overview = ws.plan.overview()
    assert not overview.info.provisional
    assert overview.assignments["1.1.1"].lead_id == conna
    orphans = overview.orphaned()
    assert [o.action_code for o in orphans] == ["1.1.3"]
    assert orphans[0].lead_id == conna and orphans[0].status.value == "in_progress"
    with pytest.raises(NotFound, match="no longer in the plan"):
        ws.assignments.set_status("1.1.3", "completed")


def test_an_action_that_comes_back_finds_its_assignment(ws: Workspace, tmp_path: Path) -> None:
    conna = entity_id(ws, "CONNA")
    ws.assignments.set_lead("1.1.3", conna)
    ws.plan.import_file(signed(ws, tmp_path, next_version()))
    data = bundled()
    data["plan"].update(version="1.1", provisional=False)
    report = ws.plan.import_file(signed(ws, tmp_path, data, "plan-1.1.json"))
    assert "1.1.3" in report.kept_assignments
    assert ws.plan.overview().orphaned() == []


def test_same_or_older_version_is_refused(ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"already has version 0\.1"):
        ws.plan.import_file(signed(ws, tmp_path, bundled()))
    ws.plan.import_file(signed(ws, tmp_path, next_version()))
    older = bundled()
    older["plan"]["version"] = "0.9"
    with pytest.raises(InvalidInput, match=r"already has version 1\.0"):
        ws.plan.import_file(signed(ws, tmp_path, older))


def test_another_plan_is_refused(ws: Workspace, tmp_path: Path) -> None:
    data = next_version()
    data["plan"]["code"] = "RCM-OTHER-2023"
    with pytest.raises(InvalidInput, match="holds the plan RCM-OTHER-2023"):
        ws.plan.import_file(signed(ws, tmp_path, data))


def _mutations() -> list[tuple[str, Any, str]]:
    good = next_version()

    def changed(edit: Any) -> dict[str, Any]:
        data = copy.deepcopy(good)
        edit(data)
        return data

    first_action = ("axes", 0, "objectives", 0, "actions", 0)

    def at(data: dict[str, Any], path: tuple[Any, ...]) -> Any:
        for step in path:
            data = data[step]
        return data

    return [
        ("not-json", "{ this is not json", "not a FocalPoint plan file"),
        ("a list", [], "not a FocalPoint plan file"),
        ("another format", {"format": "focalpoint.receipt"}, "not a FocalPoint plan file"),
        ("future format", changed(lambda d: d.update(format_version=2)), "format version 2"),
        ("no title", changed(lambda d: at(d, first_action).pop("title")), "title"),
        (
            "duplicate code",
            changed(lambda d: at(d, first_action).update(code="1.1.2")),
            "appears twice",
        ),
        (
            "misplaced code",
            changed(lambda d: at(d, first_action).update(code="2.1.9")),
            "not under its parent",
        ),
        ("bad version", changed(lambda d: d["plan"].update(version="v2")), "plan format"),
        ("unknown field", changed(lambda d: d["plan"].update(colour="red")), "plan format"),
        ("no actions", changed(lambda d: d.update(axes=[])), "plan format"),
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"), _mutations(), ids=[m[0] for m in _mutations()]
)
def test_malformed_plan_file_is_refused_and_nothing_changes(
    ws: Workspace, tmp_path: Path, name: str, content: Any, message: str
) -> None:
    if isinstance(content, dict):  # signed by the trusted key: the plan inside is at fault
        path = signed(ws, tmp_path, content, "bad.json")
    else:
        path = tmp_path / "bad.json"
        path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    before = ws.plan.overview()
    with pytest.raises(InvalidInput, match=message):
        ws.plan.import_file(path)
    after = ws.plan.overview()
    assert after.info == before.info
    assert after.document == before.document


def test_binary_and_missing_files_are_refused(ws: Workspace, tmp_path: Path) -> None:
    binary = tmp_path / "photo.json"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    with pytest.raises(InvalidInput, match="not a FocalPoint plan file"):
        ws.plan.import_file(binary)
    with pytest.raises(InvalidInput, match="does not exist"):
        ws.plan.import_file(tmp_path / "missing.json")
    with pytest.raises(InvalidInput, match="is not a file"):
        ws.plan.import_file(tmp_path)


def test_a_practice_keeps_its_link_to_an_action_the_new_plan_dropped(
    ws: Workspace, tmp_path: Path
) -> None:
    from focalpoint.domain.practices import Practice, PracticeState

    saved = ws.practices.save(Practice(title="Red de albergues", action_codes=("1.1.3", "1.1.1")))
    ws.plan.import_file(signed(ws, tmp_path, next_version()))  # 1.1.3 is not in 1.0
    again = ws.practices.set_state(saved.id, PracticeState.DRAFT)  # still saves
    assert set(again.action_codes) == {"1.1.1", "1.1.3"}
    with pytest.raises(InvalidInput, match=r"1\.9\.9"):
        ws.practices.save(Practice(**{**again.__dict__, "action_codes": ("1.1.3", "1.9.9")}))


def test_the_tree_reads_codes_and_titles_and_an_action_whole_when_chosen(
    ws: Workspace, tmp_path: Path
) -> None:
    ws.plan.import_file(signed(ws, tmp_path, next_version()))
    whole, outline = ws.plan.overview(), ws.plan.outline()
    assert outline.info == whole.info
    assert [(a.code, [(o.code, o.title) for o in a.objectives]) for a in outline.document.axes] == [
        (a.code, [(o.code, o.title) for o in a.objectives]) for a in whole.document.axes
    ]
    assert [(a.code, a.title) for a in outline.document.actions()] == [
        (a.code, a.title) for a in whole.document.actions()
    ]
    assert outline.coverage() == whole.coverage()
    for action in whole.document.actions():
        assert ws.plan.action(action.code) == action
    assert ws.plan.action("1.1.3") is None  # dropped by the new version
