"""File → Import plan file…: a signed version's changes are shown before anything is applied;
Cancel changes nothing, Apply takes it in and the provisional banner goes."""

from __future__ import annotations

from pathlib import Path

from focalpoint.services.country.workspace import Workspace
from tests.conftest import entity_id
from tests.gui.conftest import answer_message_box
from tests.plan_files import official_plan_file
from tests.secretariat.test_plan_versions import official


def test_the_changes_are_shown_then_applied(ws: Workspace, tmp_path: Path, open_window) -> None:  # type: ignore[no-untyped-def]
    ws.assignments.set_lead("1.1.2", entity_id(ws, "DGME"))
    ws.assignments.set_lead("1.1.3", entity_id(ws, "CONNA"))
    window = open_window(ws)
    assert window.workbench.banner.isVisible()  # the bundled plan is provisional
    path = official_plan_file(ws, tmp_path)

    window.import_plan_file(path)
    dialog = window.plan_update_dialog
    assert dialog.isVisible()
    assert dialog.changes.group_texts() == [
        "1 action removed",
        "1 action renamed",
        "1 action moved",
        "1 of your assignments follows its action",
        "1 of your assignments no longer matches an action",
    ]
    assert "0 of your assignments stay as they are" in dialog.summary.text()
    dialog.grab().save(str(tmp_path / "plan-update.png"))
    dialog.reject()
    assert ws.plan.overview().info.version == "0.1"  # Cancel: nothing changed
    assert window.import_action.isEnabled()

    window.import_plan_file(path)
    window.plan_update_dialog.apply_button.click()
    assert ws.plan.overview().info.version == "1.0"
    assert "1.1.2 → 1.2.4" in window.last_import_message
    assert not window.workbench.banner.isVisible()  # official and signed: no longer provisional
    assert ws.plan.overview().assignments["1.2.4"].lead_id == entity_id(ws, "DGME")


def test_an_unsigned_file_is_refused_before_any_dialog(
    ws: Workspace, tmp_path: Path, open_window
) -> None:  # type: ignore[no-untyped-def]
    import json

    window = open_window(ws)
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(official()), encoding="utf-8")
    seen = answer_message_box("OK")
    window.import_plan_file(path)
    assert seen and "not signed by the Secretariat" in seen[0]
    assert window.workbench.banner.isVisible()
    assert window.import_action.isEnabled()
