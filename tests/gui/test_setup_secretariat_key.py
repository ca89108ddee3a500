"""First run: the Secretariat's key file, given in the set-up dialog, is pinned at once (no
fingerprint typed: no key is trusted yet); a bad file is refused before anything is saved."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox

from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.setup_dialog import SetupDialog
from tests.secretariat_side import Secretariat


def test_the_key_file_given_at_first_run_is_pinned(
    blank: Workspace,
    tmp_path: Path,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    ts = Secretariat()
    dialog = SetupDialog(blank.profile, first_run=True, secretariat=blank.secretariat)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.country.setCurrentIndex(dialog.country.findData("HN"))
    dialog.name.insert("José Ramírez")
    broken = tmp_path / "broken.json"
    broken.write_text("{}")
    dialog.key_file.setText(str(broken))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and "Secretariat" in dialog.error.text()
    assert blank.profile.get() is None and blank.secretariat.trusted() is None

    dialog.key_file.setText(str(ts.key_file(tmp_path)))
    dialog.key_file.editingFinished.emit()
    assert ts.fingerprint in dialog.key_shown.text()
    qtbot.wait(50)  # the layout takes the new lines in
    dialog.grab().save(str(tmp_path / "setup-key.png"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() == SetupDialog.DialogCode.Accepted
    trusted = blank.secretariat.trusted()
    assert trusted is not None and trusted.fingerprint == ts.fingerprint


def test_settings_and_a_trusted_key_ask_for_no_key_file(ws: Workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = SetupDialog(ws.profile, first_run=False, secretariat=ws.secretariat)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.key_file.isVisible()
