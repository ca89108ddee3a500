"""File → Publish a plan version… on the Secretariat's window: the changes are shown before the
passphrase is asked; signing records the version and saves the signed file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from focalpoint.ui.secretariat.main_window import SecretariatWindow
from focalpoint.ui.secretariat.plan_publish_dialog import next_version
from focalpoint.ui.widgets.passphrase import PassphraseDialog
from tests.gui.conftest import answer_message_box, when_shown
from tests.secretariat.test_plan_versions import version_1_0

PASSPHRASE = "una frase de paso larga"


@pytest.fixture
def ts(tmp_path: Path) -> Iterator[SecretariatWorkspace]:
    workspace = SecretariatWorkspace.open(tmp_path / "secretariat")
    workspace.profile.save("Secretaría Técnica de la CRM", "en")
    workspace.keys.create(PASSPHRASE)
    yield workspace
    workspace.close()


def test_the_changes_are_shown_then_the_version_signed(
    ts: SecretariatWorkspace,
    tmp_path: Path,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    window = SecretariatWindow(ts)
    window.tasks = type(window.tasks)(synchronous=True)
    qtbot.addWidget(window)
    dialog = window.open_plan_publish()
    assert dialog.version.text() == "1.0"  # after the bundled 0.1
    assert not dialog.sign.isEnabled()
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(version_1_0(), ensure_ascii=False), encoding="utf-8")
    dialog.set_file(plan)
    assert dialog.changes.group_texts() == [
        "1 action removed",
        "1 action renamed",
        "1 action moved",
    ]
    assert dialog.sign.isEnabled()
    dialog.grab().save(str(tmp_path / "publish.png"))

    dialog.version.setText("0.1")
    dialog.refresh()
    assert "not higher than the current version 0.1" in dialog.status.text()
    assert not dialog.sign.isEnabled()
    dialog.version.setText("1.0")
    dialog.refresh()

    out = tmp_path / "FocalPoint-plan-1.0.json"

    def sign(ask: PassphraseDialog) -> None:
        assert ask.fields.old is not None
        ask.fields.old.setText(PASSPHRASE)
        ask.ok.click()

    when_shown(PassphraseDialog, sign)
    seen = answer_message_box("OK")
    dialog.sign_to(out)
    qtbot.waitUntil(lambda: dialog.published == out, timeout=5000)
    assert out.exists() and [v.version for v in ts.plan_versions.versions()] == ["1.0"]
    assert window.matrix.model.rowCount() == 29  # 1.0's actions: one fewer than 0.1's
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert "Version 1.0 is signed and saved" in seen[0]
    assert next_version("1.0", True) == "1.1" and next_version("2.0.3", True) == "2.0.4"


def test_with_text_twice_as_large_the_changes_and_the_sign_button_stay_in_reach(
    ts: SecretariatWorkspace,
    tmp_path: Path,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    from focalpoint.ui.secretariat.plan_publish_dialog import PlanPublishDialog
    from focalpoint.ui.tasks import TaskRunner
    from tests.gui.test_screen_fit import LARGE_TEXT_SCREEN, text_twice_as_large, unreachable

    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(version_1_0(), ensure_ascii=False), encoding="utf-8")
    with text_twice_as_large():
        dialog = PlanPublishDialog(ts, TaskRunner(synchronous=True))
        qtbot.addWidget(dialog)
        dialog.show()
        problems = unreachable(dialog, LARGE_TEXT_SCREEN)
        dialog.set_file(plan)  # the list of changes fills the dialog
        problems += unreachable(dialog, LARGE_TEXT_SCREEN)
        dialog.grab().save(str(tmp_path / "publish-200.png"))
        dialog.hide()
    assert problems == []


def test_a_published_version_s_signed_file_is_saved_again_as_it_was_signed(
    ts: SecretariatWorkspace,
    tmp_path: Path,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtWidgets import QInputDialog

    window = SecretariatWindow(ts)
    qtbot.addWidget(window)
    seen = answer_message_box("OK")
    window.save_published_plan()  # nothing published yet: it says so
    assert seen and "No plan version has been published yet" in seen[0]

    signed = tmp_path / "FocalPoint-plan-1.0.json"
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(version_1_0(), ensure_ascii=False), encoding="utf-8")
    ts.plan_versions.publish(plan, "1.0", signed, PASSPHRASE)

    def choose(ask: QInputDialog) -> None:
        assert ask.comboBoxItems() == ["1.0"]
        ask.accept()

    again = tmp_path / "again.json"
    when_shown(QInputDialog, choose)
    window.save_published_plan(target=again)
    assert again.read_bytes() == signed.read_bytes()
    assert str(again) in window.statusBar().currentMessage()


def test_the_current_plan_is_saved_to_edit_then_chosen_as_the_next_version(
    ts: SecretariatWorkspace,
    tmp_path: Path,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    from focalpoint.ui.secretariat.plan_publish_dialog import PlanPublishDialog
    from focalpoint.ui.tasks import TaskRunner

    dialog = PlanPublishDialog(ts, TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    source = dialog.save_current(tmp_path / "plan-1.0.json")
    assert source is not None and "was saved as" in dialog.status.text()
    data = json.loads(source.read_text("utf-8"))
    data["axes"][0]["objectives"][0]["actions"][0]["title"]["es"] = "Nuevo título"  # edited
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    dialog.set_file(source)
    assert dialog.changes.group_texts() == ["1 action renamed"]
    assert dialog.sign.isEnabled()
