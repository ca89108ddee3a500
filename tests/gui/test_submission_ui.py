"""Signing key, the export wizard, the history of submissions and verifying a package."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget, QWizard

from focalpoint.domain.directory import Organisation, Service
from focalpoint.domain.errors import PackageRefused
from focalpoint.domain.practices import Practice
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.submissions.key_dialog import KeyDialog
from focalpoint.ui.country.submissions.send_wizard.wizard import (
    OPTIONS,
    PASSPHRASE,
    PROGRESS,
    SubmissionWizard,
)
from focalpoint.ui.country.submissions.submissions_dialog import SHA256, SubmissionsDialog
from focalpoint.ui.country.submissions.verify_dialog import VerifyDialog
from focalpoint.ui.tasks import TaskRunner
from focalpoint.ui.widgets.passphrase import PassphraseDialog
from tests.gui.conftest import when_shown

RIGHT = "correct horse battery"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\nstartxref\n9\n%%EOF\n"


def some_data(ws: Workspace, tmp_path: Path) -> tuple[Practice, Service]:
    """An assignment, a practice with its evidence, an organisation and a placed service."""
    ws.assignments.set_lead("1.2.3", ws.entities.resolve("CONNA").id)
    practice = ws.practices.save(Practice(title="Protocolo de recepción"))
    evidence = tmp_path / "acta.pdf"
    evidence.write_bytes(PDF)
    ws.attachments.add(practice.id, evidence)
    org = ws.directory.save_organisation(
        Organisation(name="Aldeas Infantiles SOS", acronym="SOS", provider_type="ngo")
    )
    service = ws.directory.save_service(
        Service(
            organisation_id=org.id,
            name="Acogimiento familiar temporal",
            service_type="family_care",
            latitude=13.69,
            longitude=-89.19,
        )
    )
    return practice, service


def open_wizard(ws: Workspace, qtbot, tmp_path: Path) -> SubmissionWizard:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    wizard = SubmissionWizard(ws, TaskRunner(synchronous=True), settings=settings)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.summary.look is not None, timeout=5000)
    return wizard


def to_passphrase_page(wizard: SubmissionWizard, destination: Path) -> None:
    wizard.next()
    assert wizard.currentId() == OPTIONS
    wizard.options_page.destination.setText(str(destination))
    wizard.next()
    assert wizard.currentId() == PASSPHRASE


def sign(wizard: SubmissionWizard, qtbot) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(wizard.progress_page.finished, timeout=20000):
        wizard.button(QWizard.WizardButton.CommitButton).click()
        assert wizard.currentId() == PROGRESS


def answer_box(parent: QWidget, button_text: str) -> list[str]:
    """Click ``button_text`` on the next message box opened over ``parent`` (not one another
    test may have left behind); returns the texts it showed."""
    seen: list[str] = []

    def look() -> None:
        boxes = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible() and w.parent() is parent
        ]
        if not boxes:
            QTimer.singleShot(20, look)
            return
        seen.append(boxes[0].text())
        for button in boxes[0].buttons():
            if button.text().replace("&", "") == button_text:
                button.click()
                return
        boxes[0].reject()

    QTimer.singleShot(20, look)
    return seen


def label_texts(widget) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


# -- the signing key ---------------------------------------------------------------------------


def test_a_key_is_created_through_the_dialog(ws: Workspace, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = KeyDialog(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    dialog.show()
    assert "no signing key yet" in dialog.state.text()
    assert dialog.create_button.isVisible() and not dialog.export_button.isVisible()
    refusals: list[str] = []

    def answer(form: PassphraseDialog) -> None:
        assert form.fields.rule is not None and "10 characters" in form.fields.rule.text()
        assert form.fields.new is not None and form.fields.repeat is not None
        form.fields.new.setText("short")
        form.fields.repeat.setText("short")
        form.ok.click()
        refusals.append(form.error.text())
        form.fields.new.setText(RIGHT)
        form.fields.repeat.setText(RIGHT + "!")
        form.ok.click()
        refusals.append(form.error.text())
        form.fields.show_box.setChecked(True)
        assert form.fields.new.echoMode() == form.fields.new.EchoMode.Normal
        form.fields.repeat.setText(RIGHT)
        form.ok.click()

    when_shown(PassphraseDialog, answer)
    dialog.create_button.click()
    assert refusals == [
        "Choose a passphrase of at least 10 characters.",
        "The two passphrases are not the same. Type them again.",
    ]
    key = ws.keys.current()
    assert key is not None
    assert dialog.fingerprint.text() == key.fingerprint
    assert dialog.export_button.isVisible() and not dialog.create_button.isVisible()
    # The fingerprint that appeared is shown whole, not cut at the dialog's old edge.
    label = dialog.fingerprint
    assert label.width() >= label.sizeHint().width()
    assert label.mapTo(dialog, label.rect().bottomRight()).y() < dialog.height()
    assert dialog.suggested_key_name() == f"FocalPoint-SV-key-{key.fingerprint[:9]}.pem"
    exported = dialog.export_public(tmp_path / "key")
    assert exported == tmp_path / "key.pem"
    assert exported.read_text("ascii") == key.pem()


def test_a_wrong_current_passphrase_changes_nothing(ws: Workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    ws.keys.create(RIGHT)
    dialog = KeyDialog(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    seen: list[str] = []

    def answer(form: PassphraseDialog) -> None:
        assert form.fields.old is not None and form.fields.new and form.fields.repeat
        form.fields.old.setText("not the passphrase")
        form.fields.new.setText("another long passphrase")
        form.fields.repeat.setText("another long passphrase")
        shown = answer_box(form, "OK")
        form.ok.click()
        qtbot.waitUntil(lambda: bool(shown), timeout=5000)
        seen.extend(shown)
        assert form.isVisible()  # still open, to try again
        form.reject()

    when_shown(PassphraseDialog, answer)
    assert dialog.change_passphrase() is False
    assert seen == ["That passphrase does not unlock the signing key. Nothing was changed."]
    ws.keys.unlock(RIGHT)  # the old passphrase still works


def test_replacing_the_key_keeps_the_old_fingerprint_on_record(ws: Workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    old = ws.keys.create(RIGHT)
    dialog = KeyDialog(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    question = answer_box(dialog, "Replace key")

    def answer(form: PassphraseDialog) -> None:
        assert form.fields.new is not None and form.fields.repeat is not None
        form.fields.new.setText("a brand new passphrase")
        form.fields.repeat.setText("a brand new passphrase")
        form.ok.click()

    when_shown(PassphraseDialog, answer)
    new = dialog.replace_key()
    assert new is not None and new.fingerprint != old.fingerprint
    assert "Secretariat must register the new key" in question[0]
    assert old.fingerprint in question[0]
    assert dialog.fingerprint.text() == new.fingerprint
    assert old.fingerprint in dialog.earlier.text() and dialog.earlier.isVisibleTo(dialog)


# -- the export wizard -------------------------------------------------------------------------


def test_the_wizard_shows_what_will_be_sent(ws: Workspace, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    some_data(ws, tmp_path)
    wizard = open_wizard(ws, qtbot, tmp_path)
    page = wizard.summary
    assert "Submission 1 " in page.subTitle()
    shown = label_texts(page)
    for text in (
        "with a responsible entity: 1 of 30",
        "1 (1 still a draft)",  # practices
        "1 (1 KB)",  # evidence files
        "This is the first submission",
        "29 actions of the plan have no responsible entity.",
        "1 practice is still a draft; it is sent marked as a draft.",
        "no signing key yet",
    ):
        assert text in shown, text
    assert "1 action, 2 entities, 1 practice, 1 organisation, 1 service" in page.since.text()
    sentences = [page.changes.item(i).text() for i in range(page.changes.count())]
    assert (
        "Action 1.2.3 — Lead entity: — → Consejo Nacional de la Niñez y Adolescencia (CONNA)"
        in (sentences)
    )
    assert "Practice “Protocolo de recepción” — Attachment: — → acta.pdf" in sentences
    assert not page.changes.isVisible()
    page.toggle.click()
    assert page.changes.isVisible()
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_the_wizard_lists_pass_the_model_tester(
    ws: Workspace, qtbot, tmp_path: Path, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    some_data(ws, tmp_path)
    wizard = open_wizard(ws, qtbot, tmp_path)
    qtmodeltester.check(wizard.options_page.language.model())
    page = wizard.summary
    qtmodeltester.check(page.changes.model())
    listed = page.changes.count()
    assert listed >= 2
    page.load()  # read again: the list is emptied and filled under the tester's eye
    assert page.changes.count() == listed


def test_missing_evidence_blocks_the_submission(ws: Workspace, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    some_data(ws, tmp_path)
    for stored in ws.attachments.folder.iterdir():
        stored.unlink()
    wizard = open_wizard(ws, qtbot, tmp_path)
    assert "Evidence files are missing" in label_texts(wizard.summary)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_wrong_passphrase_writes_nothing(ws: Workspace, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws.keys.create(RIGHT)
    wizard = open_wizard(ws, qtbot, tmp_path)
    to_passphrase_page(wizard, tmp_path)
    page = wizard.passphrase_page
    assert page.unlock_fields.old is not None
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    page.unlock_fields.old.setText("not the passphrase")
    sign(wizard, qtbot)
    qtbot.waitUntil(lambda: wizard.currentId() == PASSPHRASE, timeout=5000)
    assert page.error.text() == (
        "That passphrase does not unlock the signing key. Nothing was changed."
    )
    assert page.error.isVisible() and page.unlock_fields.old.text() == ""
    assert ws.submissions.history() == []
    folder = ws.submissions.folder
    assert not folder.exists() or list(folder.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir() if p.suffix in (".zip", ".part")] == []


def test_the_right_passphrase_signs_saves_and_shows_the_package(
    ws: Workspace, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    some_data(ws, tmp_path)
    key = ws.keys.create(RIGHT)
    usb = tmp_path / "usb"
    usb.mkdir()
    wizard = open_wizard(ws, qtbot, tmp_path)
    signed: list[object] = []
    wizard.submitted.connect(signed.append)
    to_passphrase_page(wizard, usb)
    wizard.options_page.include_report.setChecked(False)
    assert not wizard.options_page.encrypt.isEnabled()  # no Secretariat key set
    assert wizard.passphrase_page.unlock_fields.old is not None
    wizard.passphrase_page.unlock_fields.old.setText(RIGHT)
    page = wizard.progress_page
    seen: list[tuple[int, str, bool]] = []
    page.progress.valueChanged.connect(
        lambda value: seen.append((value, page.state.text(), page.cancel_button.isEnabled()))
    )
    sign(wizard, qtbot)
    assert page.outcome is not None and page.outcome.copy_error == ""
    # Signing fills the bar to 80 %; the copy to the stick fills the rest, and says so.
    copying = [(state, cancel) for value, state, cancel in seen if value > 80]
    assert copying and all(
        state.startswith("Submission 1 is signed. Copying it to") and not cancel
        for state, cancel in copying
    )
    assert max(value for value, _state, _cancel in seen if value <= 80) == 80
    row = ws.submissions.history()[0]
    assert signed == [row]
    copy = usb / row.file_name
    assert copy.read_bytes() == ws.submissions.kept_file(row).read_bytes()
    assert page.sha256.text() == row.sha256
    assert page.fingerprint.text() == key.fingerprint
    assert page.saved.text() == str(usb)
    assert "Submission 1 is signed." in page.state.text()
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isEnabled() and finish.hasFocus()  # Enter finishes
    result = ws.submissions.verify(copy)
    assert result.sequence == 1 and result.on_record is True
    assert not any(name.startswith("report/") for name, _size in result.members)

    # The next time, the wizard remembers the folder and counts from this submission.
    again = open_wizard(ws, qtbot, tmp_path)
    assert again.options_page.destination.text() == str(usb)
    assert "Submission 2 " in again.summary.subTitle()
    assert "Nothing has changed since submission 1" in again.summary.since.text()


def test_a_namesake_on_the_stick_is_kept_and_the_new_name_shown(
    ws: Workspace, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    ws.keys.create(RIGHT)
    usb = tmp_path / "usb"
    usb.mkdir()
    namesake = usb / f"FocalPoint-SV-001-{datetime.now(UTC):%Y-%m-%d}.zip"
    namesake.write_bytes(b"a package from before the laptop was reinstalled")
    wizard = open_wizard(ws, qtbot, tmp_path)
    to_passphrase_page(wizard, usb)
    wizard.options_page.include_report.setChecked(False)
    assert wizard.passphrase_page.unlock_fields.old is not None
    wizard.passphrase_page.unlock_fields.old.setText(RIGHT)
    sign(wizard, qtbot)
    page = wizard.progress_page
    assert namesake.read_bytes() == b"a package from before the laptop was reinstalled"
    assert page.file_name.text() == namesake.name.replace(".zip", " (2).zip")
    assert (usb / page.file_name.text()).exists()


def test_without_a_key_the_wizard_creates_one_and_signs(
    ws: Workspace, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    wizard = open_wizard(ws, qtbot, tmp_path)
    to_passphrase_page(wizard, tmp_path)
    page = wizard.passphrase_page
    assert page.new_fields.isVisible() and not page.unlock_fields.isVisible()
    assert page.new_fields.new is not None and page.new_fields.repeat is not None
    page.new_fields.new.setText(RIGHT)
    page.new_fields.repeat.setText(RIGHT)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    key = ws.keys.current()
    assert key is not None
    assert wizard.currentId() == PASSPHRASE  # the fingerprint is shown before signing
    assert page.fingerprint.text() == key.fingerprint and page.made.isVisible()
    assert "registration sheet" in page.made_reminder.text()
    # Enter now signs: the focus is on the button, not on the passphrase fields now hidden.
    assert wizard.focusWidget() is wizard.button(QWizard.WizardButton.CommitButton)
    sign(wizard, qtbot)
    assert wizard.progress_page.outcome is not None
    assert len(ws.submissions.history()) == 1


def ready_to_sign_to_a_stick(ws: Workspace, qtbot, tmp_path: Path) -> tuple[SubmissionWizard, Path]:  # type: ignore[no-untyped-def]
    """A key, a stick in the machine, the wizard on its passphrase page with the right one."""
    ws.keys.create(RIGHT)
    usb = tmp_path / "usb"
    usb.mkdir()
    wizard = open_wizard(ws, qtbot, tmp_path)
    to_passphrase_page(wizard, usb)
    wizard.options_page.include_report.setChecked(False)
    assert wizard.passphrase_page.unlock_fields.old is not None
    wizard.passphrase_page.unlock_fields.old.setText(RIGHT)
    return wizard, usb


def test_a_failed_copy_says_the_package_is_kept(ws: Workspace, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard, usb = ready_to_sign_to_a_stick(ws, qtbot, tmp_path)

    def pull_the_stick(value: int) -> None:  # while the package is being signed
        if value and usb.exists():
            usb.rmdir()

    wizard.progress_page.progress.valueChanged.connect(pull_the_stick)
    sign(wizard, qtbot)
    page = wizard.progress_page
    assert page.outcome is not None and page.outcome.saved is None
    assert "signed and kept in the workspace" in page.copy_problem.text()
    assert "File → Submissions" in page.copy_problem.text()
    assert page.kept.isHidden()  # no empty line where "a copy is kept" would be
    row = ws.submissions.history()[0]
    assert ws.submissions.kept_file(row).exists()


def test_a_stick_pulled_out_before_signing_signs_nothing(
    ws: Workspace, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    wizard, usb = ready_to_sign_to_a_stick(ws, qtbot, tmp_path)
    usb.rmdir()  # between choosing the folder and signing
    seen = answer_box(wizard.progress_page, "OK")
    sign(wizard, qtbot)
    assert seen == [f"{usb} is not a folder."]
    assert wizard.progress_page.outcome is None
    assert "Nothing was written" in wizard.progress_page.state.text()
    assert ws.submissions.history() == []  # the number is not taken


# -- the history and verifying -----------------------------------------------------------------


def signed_submission(ws: Workspace) -> None:
    ws.keys.create(RIGHT)
    ws.submissions.export(RIGHT, include_report=False)


def test_the_history_lists_saves_and_marks(ws: Workspace, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    empty = SubmissionsDialog(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(empty)
    assert empty.stack.currentWidget() is empty.empty
    assert "No submission has been signed" in empty.empty.text()

    signed_submission(ws)
    row = ws.submissions.history()[0]
    dialog = SubmissionsDialog(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() == 1
    assert dialog.selected() == row
    sha_cell = dialog.model.item(0, SHA256)
    assert sha_cell.toolTip() == row.sha256 and len(sha_cell.text()) < 20
    assert dialog.state_text(1) == "signed"
    assert not dialog.acknowledged_button.isEnabled()

    copies = tmp_path / "copies"
    copies.mkdir()
    dialog.save_copy(copies)
    saved = copies / row.file_name
    assert saved.read_bytes() == ws.submissions.kept_file(row).read_bytes()
    assert str(saved) in dialog.message.text()

    dialog.sent_button.click()
    assert dialog.state_text(1) == "sent"
    assert ws.submissions.history()[0].state == "sent"
    assert dialog.returned_button.isEnabled() and not dialog.sent_button.isEnabled()
    dialog.mark("returned", note="Falta el informe")
    assert dialog.state_text(1) == "returned"
    assert "Falta el informe" in dialog.model.item(0, 2).toolTip()

    details = dialog.show_details()
    assert details is not None and row.sha256 in label_texts(details)
    details.reject()


def test_the_history_model_passes_the_model_tester(ws: Workspace, qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    signed_submission(ws)
    ws.submissions.export(RIGHT, include_report=False)
    dialog = SubmissionsDialog(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 2
    row = dialog.selected()
    assert row is not None
    dialog.sent_button.click()  # the model is emptied and filled again under the tester's eye
    assert dialog.state_text(row.sequence) == "sent"


def test_verifying_from_the_history(ws: Workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    signed_submission(ws)
    dialog = SubmissionsDialog(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    check = dialog.verify()
    assert isinstance(check, VerifyDialog)
    qtbot.waitUntil(lambda: check.verification is not None, timeout=10000)
    assert check.panel.heading.text() == "Intact and signed"
    text = label_texts(check)
    assert "Identical to submission 1 in this workspace's history." in text
    assert "This workspace's signing key." in text
    check.reject()


def test_the_files_in_a_package_pass_the_model_tester(ws: Workspace, qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    signed_submission(ws)
    row = ws.submissions.history()[0]
    dialog = VerifyDialog(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    members = dialog.panel.members
    qtmodeltester.check(members.model())
    dialog.path.setText(str(ws.submissions.kept_file(row)))
    with qtbot.waitSignal(dialog.checked, timeout=10000):
        dialog.start()  # the files inside fill the table under the tester's eye
    assert dialog.verification is not None
    assert members.rowCount() == len(dialog.verification.members) > 0


def test_a_tampered_package_is_refused_with_its_reason(
    ws: Workspace, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    signed_submission(ws)
    row = ws.submissions.history()[0]
    tampered = tmp_path / "tampered.zip"
    shutil.copyfile(ws.submissions.kept_file(row), tampered)
    data = bytearray(tampered.read_bytes())
    data[len(data) // 3] ^= 0x01
    tampered.write_bytes(bytes(data))
    with pytest.raises(PackageRefused) as refused:
        ws.submissions.verify(tampered)

    dialog = VerifyDialog(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.verify_button.isEnabled()
    dialog.path.setText(str(tampered))
    with qtbot.waitSignal(dialog.checked, timeout=10000):
        dialog.verify_button.click()
    assert dialog.verification is None
    assert dialog.refusal == refused.value.message
    assert dialog.panel.reason.text() == refused.value.message
    assert dialog.panel.heading.text().startswith("Refused")
    assert not dialog.panel.members.isVisible()
    assert "tampered.zip" in label_texts(dialog)  # which file the verdict is about
    # Another file typed in: the old verdict goes, so it is never read as this file's.
    dialog.path.setText(str(ws.submissions.kept_file(row)))
    assert not dialog.panel.isVisible() and dialog.refusal == ""
    assert dialog.state.text() == "Press Verify to check it."
    with qtbot.waitSignal(dialog.checked, timeout=10000):
        dialog.verify_button.click()
    assert dialog.panel.heading.text() == "Intact and signed"
    assert row.file_name in label_texts(dialog)
    dialog.expected.setText("AAAA")
    assert not dialog.panel.isVisible() and dialog.verification is None


def test_a_package_signed_by_another_key_than_expected_is_refused(ws: Workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    signed_submission(ws)
    row = ws.submissions.history()[0]
    dialog = VerifyDialog(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    dialog.path.setText(str(ws.submissions.kept_file(row)))
    dialog.expected.setText("AAAA-BBBB-CCCC-DDDD")
    with qtbot.waitSignal(dialog.checked, timeout=10000):
        dialog.start()
    assert dialog.refusal and "AAAA-BBBB-CCCC-DDDD" in dialog.refusal


def test_the_menus_open_the_dialogs(ws: Workspace, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window(ws)
    labels = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    for label in ("&Send to the Secretariat…", "Su&bmissions…", "&Verify a package…"):
        assert label in labels
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    assert list(menus) == ["&File", "&Edit", "&Directory", "&Settings", "&Help"]
    settings = [a.text() for a in menus["&Settings"].actions()]
    assert "Signing &key…" in settings
    for dialog in (
        window.open_key(),
        window.open_submissions(),
        window.open_verify(),
        window.open_submission_wizard(),
    ):
        assert dialog.isVisible()
        dialog.reject()


def test_encrypted_for_the_secretariat(ws: Workspace, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import pyrage

    secretariat = pyrage.x25519.Identity.generate()
    ws.keys.create(RIGHT)
    wizard = open_wizard(ws, qtbot, tmp_path)
    wizard.next()
    options = wizard.options_page
    assert not options.encrypt.isEnabled()
    assert "age1" in options.encrypt_note.text()
    assert options.set_recipient("not a key") is False
    assert options.error.isVisible() and "is not an age public key" in options.error.text()
    assert options.set_recipient(str(secretariat.to_public())) is True
    assert options.encrypt.isEnabled() and options.encrypt.isChecked()
    assert ws.submissions.secretariat_recipient() == str(secretariat.to_public())
    options.include_report.setChecked(False)
    options.destination.setText(str(tmp_path))
    wizard.next()
    assert wizard.passphrase_page.unlock_fields.old is not None
    wizard.passphrase_page.unlock_fields.old.setText(RIGHT)
    sign(wizard, qtbot)
    row = ws.submissions.history()[0]
    assert row.encrypted_name and (tmp_path / row.encrypted_name).exists()
    assert wizard.progress_page.encrypted_name.text() == row.encrypted_name

    check = VerifyDialog(ws, TaskRunner(synchronous=True), path=tmp_path / row.encrypted_name)
    qtbot.addWidget(check)
    qtbot.waitUntil(lambda: bool(check.refusal), timeout=5000)
    assert "encrypted for the Secretariat" in check.refusal
    assert check.panel.heading.text() == "Encrypted for the Secretariat"  # not "Refused": no fault


def test_cancelling_while_signing_leaves_nothing(ws: Workspace, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws.keys.create(RIGHT)
    tasks = TaskRunner()  # a real pool thread, as in the app
    tasks.after_each = ws.db.release_thread
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    wizard = SubmissionWizard(ws, tasks, settings=settings)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.summary.look is not None, timeout=10000)
    to_passphrase_page(wizard, tmp_path)
    assert wizard.passphrase_page.unlock_fields.old is not None
    wizard.passphrase_page.unlock_fields.old.setText(RIGHT)
    page = wizard.progress_page
    with qtbot.waitSignal(page.finished, timeout=30000):
        wizard.button(QWizard.WizardButton.CommitButton).click()
        qtbot.waitUntil(lambda: page.running and page.cancel_button.isVisible(), timeout=5000)
        page.cancel_button.click()
    tasks.wait()
    assert page.state.text() == "Cancelled. Nothing was written."
    assert page.again_button.isVisible() and page.outcome is None
    assert ws.submissions.history() == []
    folder = ws.submissions.folder  # stopped early, the folder may not even have been made
    assert not folder.exists() or list(folder.iterdir()) == []


def test_the_registration_sheet_is_saved_from_the_key_dialog(
    ws: Workspace, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    key = ws.keys.create(RIGHT)
    dialog = KeyDialog(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    assert dialog.suggested_sheet_name().endswith(f"-{key.fingerprint[:9]}.pdf")
    sheet = dialog.save_sheet(tmp_path / "sheet")
    assert sheet == tmp_path / "sheet.pdf"
    assert key.fingerprint in PdfReader(sheet).pages[0].extract_text()
