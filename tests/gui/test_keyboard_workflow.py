"""The main workflow with the keyboard alone, in each language: choose an action, name its lead
and a supporting entity, set its status and note; record a practice; add a service; make and
save the report; send a package. Every key goes where the focus is, as for a person, and every
place Tab stops on shows the focus."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QPushButton,
    QWidget,
    QWizard,
)

from focalpoint.domain.directory import Organisation
from focalpoint.domain.vocab import ActionStatus
from focalpoint.i18n import set_language
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.directory.service_form import ServiceForm
from focalpoint.ui.country.practices.practice_dialog import PracticeDialog
from focalpoint.ui.country.reports.report_dialog import ReportDialog
from focalpoint.ui.country.submissions.send_wizard.wizard import PASSPHRASE, SubmissionWizard
from tests.gui.conftest import when_shown
from tests.gui.keyboard import Key, focused, press, tab_to, type_text

CTRL = Qt.KeyboardModifier.ControlModifier
SECRET = "correct horse battery"


def arrive(dialog: QWidget) -> None:
    """The dialog has come up in front (a window manager would make it the active window)."""
    dialog.activateWindow()
    for _n in range(100):
        if dialog.isActiveWindow():
            return
        QTest.qWait(10)


def save_button(dialog: QDialog) -> QPushButton:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    return next(
        b for b in box.buttons() if box.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole
    )


@pytest.mark.parametrize("language", ["es", "en", "fr"])
def test_the_main_workflow_with_the_keyboard_alone(
    language: str,
    ws: Workspace,
    open_window,  # type: ignore[no-untyped-def]
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    focus_style: None,
) -> None:
    set_language(language)
    ws.keys.create(SECRET)
    ws.directory.save_organisation(Organisation(name="Aldeas Infantiles SOS", provider_type="ngo"))
    window = open_window(ws)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    unseen: list[str] = []
    refused: list[str] = []
    bench = window.workbench

    # Choose action 2.1.1: find it, then go down the tree to it.
    press(Key.Key_F, CTRL)
    assert focused() is bench.search
    type_text("2.1.1")
    unseen += tab_to(bench.tree)
    for _n in range(6):
        if bench.selected_code() == "2.1.1":
            break
        press(Key.Key_Down)
    assert bench.selected_code() == "2.1.1"

    # Its lead, a supporting entity, its status and its note.
    panel = bench.panel
    unseen += tab_to(panel.responsible.lead)
    press(Key.Key_Down)
    lead = ws.assignments.get("2.1.1").lead_id
    assert lead is not None
    unseen += tab_to(panel.responsible.supports)
    press(Key.Key_Down)
    press(Key.Key_Space)
    assert len(ws.assignments.get("2.1.1").support_ids) == 1
    unseen += tab_to(panel.progress.status)
    press(Key.Key_Down)
    assert ws.assignments.get("2.1.1").status is not ActionStatus.NOT_STARTED
    unseen += tab_to(panel.progress.note)
    type_text("Mesa tecnica instalada")
    press(Key.Key_Tab)  # out of the note, which saves itself at the pause
    qtbot.waitUntil(lambda: ws.assignments.get("2.1.1").note == "Mesa tecnica instalada")

    # A practice for this action, from the panel's button.
    def record_practice(dialog: PracticeDialog) -> None:
        # Failures are noted, not raised: an exception cannot leave a modal dialog's loop.
        try:
            arrive(dialog)
            if focused() is not dialog.description_tab.title:
                refused.append(f"the form opens on {focused()!r}, not its title")
            type_text("Protocolo de recepcion")
            unseen.extend(tab_to(save_button(dialog)))
            press(Key.Key_Space)
        except Exception as error:  # said after the dialog, not lost in it
            refused.append(str(error))
        if dialog.isVisible():  # refused: say why, and let the test go on
            refused.append(dialog.error.text() or "still open")
            dialog.done(0)

    unseen += tab_to(panel.new_practice)
    when_shown(PracticeDialog, record_practice)
    press(Key.Key_Space)
    assert not refused, refused
    practices = [p for p in ws.practices.summaries() if p.title == "Protocolo de recepcion"]
    assert practices

    # A service, from the services tab.
    def add_service(form: ServiceForm) -> None:
        try:
            arrive(form)
            unseen.extend(tab_to(form.organisation))
            press(Key.Key_Down)  # the one organisation
            unseen.extend(tab_to(form.name))
            type_text("Casa de acogida")
            unseen.extend(tab_to(form.service_type))
            press(Key.Key_Down)  # the first type of service
            unseen.extend(tab_to(save_button(form)))
            press(Key.Key_Space)
        except Exception as error:  # said after the dialog, not lost in it
            refused.append(str(error))
        if form.isVisible():
            refused.append(form.error.text() or "still open")
            form.done(0)

    arrive(window)  # back in front once the form has closed
    press(Key.Key_3, CTRL)
    services = window.services
    qtbot.waitUntil(lambda: services.buttons.new.isVisible())
    unseen += tab_to(services.buttons.new)
    when_shown(ServiceForm, add_service)
    press(Key.Key_Space)
    assert not refused, refused
    assert [s.name for s in ws.directory.summaries()] == ["Casa de acogida"]

    arrive(window)

    # The country report: made, then saved as PDF through the file dialog.
    report_file = tmp_path / "informe.pdf"

    def save_report(dialog: QFileDialog) -> None:
        arrive(dialog)
        press(Key.Key_A, CTRL)
        type_text(str(report_file))
        press(Key.Key_Return)

    press(Key.Key_P, CTRL)
    report = window.findChild(ReportDialog)
    assert report is not None
    arrive(report)
    qtbot.waitUntil(report.save_button.isEnabled, timeout=20000)
    unseen += tab_to(report.save_button)
    when_shown(QFileDialog, save_report)
    press(Key.Key_Space)
    qtbot.waitUntil(report_file.exists, timeout=10000)
    assert report_file.read_bytes().startswith(b"%PDF")
    arrive(report)  # in front again once the file dialog has closed
    press(Key.Key_Escape)
    qtbot.waitUntil(lambda: not report.isVisible())
    arrive(window)

    # The package: through the Send wizard to a folder (a USB stick), signed.
    stick = tmp_path / "usb"
    stick.mkdir()
    press(Key.Key_E, CTRL | Qt.KeyboardModifier.ShiftModifier)
    wizard = window.findChild(SubmissionWizard)
    assert wizard is not None
    arrive(wizard)
    qtbot.waitUntil(lambda: wizard.summary.look is not None, timeout=10000)
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    unseen += tab_to(next_button)
    press(Key.Key_Space)
    unseen += tab_to(wizard.options_page.destination)
    press(Key.Key_A, CTRL)
    type_text(str(stick))
    unseen += tab_to(next_button)
    press(Key.Key_Space)
    assert wizard.currentId() == PASSPHRASE
    fields = wizard.passphrase_page.unlock_fields
    assert fields.old is not None
    unseen += tab_to(fields.old)
    type_text(SECRET)
    with qtbot.waitSignal(wizard.progress_page.finished, timeout=30000):
        unseen += tab_to(wizard.button(QWizard.WizardButton.CommitButton))
        press(Key.Key_Space)
    packages = list(stick.glob("*.zip"))
    assert len(packages) == 1
    key = ws.keys.current()
    assert key is not None
    ws.submissions.verify(packages[0], key.fingerprint)  # refuses anything but a sound package

    assert not unseen, unseen
