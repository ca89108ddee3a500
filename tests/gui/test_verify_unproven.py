"""The verify dialog calls a package's signer proven only with the fingerprint, or its own key."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from focalpoint.domain.records import Profile
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.submissions.verify_dialog import VerifyDialog
from focalpoint.ui.tasks import TaskRunner
from tests.gui.test_submission_ui import RIGHT, label_texts


def test_another_workspaces_package_is_intact_but_its_signer_unproven(
    ws: Workspace,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    other = Workspace.open(tmp_path / "gt")
    other.profile.save(Profile("en", "GT", "Luis Gómez"))
    other.keys.create(RIGHT)
    row = other.submissions.export(RIGHT, include_report=False)
    package, fingerprint = other.submissions.kept_file(row), row.fingerprint
    other.close()

    dialog = VerifyDialog(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.path.setText(str(package))
    with qtbot.waitSignal(dialog.checked, timeout=10000):
        dialog.verify_button.click()
    assert dialog.panel.heading.text() == "Intact, but the signer is not proven"
    assert "only what the package claims" in dialog.panel.reason.text()
    assert "Luis Gómez (as the package claims; not proven)" in label_texts(dialog)
    dialog.resize(760, 640)
    dialog.grab().save(str(tmp_path / "unproven.png"))

    dialog.expected.setText(fingerprint)
    with qtbot.waitSignal(dialog.checked, timeout=10000):
        dialog.verify_button.click()
    assert dialog.panel.heading.text() == "Intact and signed"
    shown = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
    assert "Luis Gómez" in shown and not any("not proven" in text for text in shown)
