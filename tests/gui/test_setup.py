"""First run: choose language, country and profile; the dialog refuses what cannot be saved."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from focalpoint.i18n import current_language
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.setup_dialog import SetupDialog


def press_ok(dialog: SetupDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_first_run_saves_the_profile(blank: Workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = SetupDialog(blank.profile, first_run=True)
    qtbot.addWidget(dialog)
    dialog.country.setCurrentIndex(dialog.country.findData("HN"))
    dialog.name.insert("José Ramírez")  # QTest cannot type non-ASCII keys
    qtbot.keyClicks(dialog.institution, "DINAF")
    press_ok(dialog)
    assert dialog.result() == SetupDialog.DialogCode.Accepted
    profile = blank.profile.get()
    assert profile is not None
    assert (profile.country, profile.name, profile.institution) == ("HN", "José Ramírez", "DINAF")


def test_missing_country_or_name_keeps_the_dialog_open(blank: Workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = SetupDialog(blank.profile, first_run=True)
    qtbot.addWidget(dialog)
    dialog.show()
    press_ok(dialog)
    assert dialog.isVisible() and "choose the country" in dialog.error.text()
    dialog.country.setCurrentIndex(dialog.country.findData("PA"))
    press_ok(dialog)
    assert dialog.isVisible() and "officer's name" in dialog.error.text()
    assert blank.profile.get() is None


def test_choosing_a_language_translates_the_dialog_at_once(blank: Workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = SetupDialog(blank.profile, first_run=True)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    assert current_language() == "fr"
    assert dialog.country.itemText(dialog.country.findData("MX")) == "Mexique"
    dialog.language.setCurrentIndex(dialog.language.findData("es"))
    assert dialog.country.itemText(dialog.country.findData("MX")) == "México"
    dialog.reject()  # nothing saved: the language goes back
    assert current_language() == "en"


def test_qt_own_buttons_follow_the_language(blank: Workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    dialog = SetupDialog(blank.profile, first_run=True)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    box = QMessageBox(
        QMessageBox.Icon.Warning, "FocalPoint", "…", QMessageBox.StandardButton.Cancel
    )
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Cancel).text().replace("&", "") == "Annuler"
    dialog.reject()


def test_first_run_buttons_keep_their_words_when_qt_changes_language(
    blank: Workspace, qtbot
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from focalpoint.ui.qt_translations import use_qt_language

    dialog = SetupDialog(blank.profile, first_run=True)
    qtbot.addWidget(dialog)
    use_qt_language("fr")  # as at start-up: Qt's catalogue arrives after the dialog exists
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.waitUntil(lambda: QApplication.processEvents() or ok.text() == "Start", timeout=2000)
    QApplication.processEvents()
    assert ok.text() == "Start"
    use_qt_language("en")


def test_the_reason_ok_did_not_save_goes_once_the_field_is_fixed(
    blank: Workspace,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtCore import Qt

    dialog = SetupDialog(blank.profile, first_run=True)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.country.setCurrentIndex(dialog.country.findData("PA"))
    press_ok(dialog)
    assert dialog.error.isVisible() and "officer's name" in dialog.error.text()
    qtbot.keyClicks(dialog.name, "Ana Perez")  # fixed: the reason no longer stands
    assert not dialog.error.isVisible()
    dialog.name.clear()
    press_ok(dialog)
    assert dialog.error.isVisible()
    dialog.country.setFocus()
    qtbot.keyClick(dialog.country, Qt.Key.Key_Down)  # any field the user changes
    assert not dialog.error.isVisible()
