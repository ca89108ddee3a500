"""Help → User guide (F1) on both sides, in the window's language; its contents, its links and
its find field; and the dialogs' ways into it where people stumble: sending, the signing key's
fingerprint, the Secretariat's key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence, QTextCursor, QTextDocument
from PySide6.QtWidgets import QLabel, QMainWindow, QWizard

from focalpoint.i18n import set_language
from focalpoint.services.country.workspace import Workspace
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from focalpoint.ui.country.submissions.key_dialog import KeyDialog
from focalpoint.ui.country.submissions.secretariat_dialog import TrustSecretariatDialog
from focalpoint.ui.country.submissions.send_wizard.wizard import SubmissionWizard
from focalpoint.ui.help.context_help import help_link
from focalpoint.ui.help.guide_text import guide_markdown, heading_lines
from focalpoint.ui.help.guide_window import GuideWindow, guide_window, show_guide
from focalpoint.ui.secretariat.main_window import SecretariatWindow
from focalpoint.ui.secretariat.register_dialog import RegisterKeyDialog
from focalpoint.ui.tasks import TaskRunner
from tests.secretariat_side import Secretariat

TITLES = {
    "en": "FocalPoint user guide",
    "es": "Guía del usuario de FocalPoint",
    "fr": "Guide de l’utilisateur de FocalPoint",
}


def opened(qtbot) -> GuideWindow:  # type: ignore[no-untyped-def]
    window = guide_window()
    assert window is not None and window.isVisible()
    qtbot.addWidget(window)
    return window


def first_line(guide: GuideWindow) -> str:
    return guide.browser.document().begin().text()


def guide_action(window: QMainWindow) -> QAction:
    """The Help menu's User guide, found by its key (F1) whatever the menus around it."""
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        for action in menu.actions() if menu is not None else ():
            if action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents):
                return action
    raise AssertionError("no User guide in the menus")


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_help_opens_the_guide_in_the_windows_language(
    language: str,
    ws: Workspace,
    open_window,  # type: ignore[no-untyped-def]
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    set_language(language)
    window = open_window(ws)
    guide_action(window).trigger()
    guide = opened(qtbot)
    assert first_line(guide) == TITLES[language]
    assert guide.windowTitle() != ""
    sections = [guide.contents.topLevelItem(i) for i in range(guide.contents.topLevelItemCount())]
    # Every ## of the guide, its parts (###) under them.
    levels = [level for level, _text in heading_lines(guide_markdown(language))]
    assert len(sections) == levels.count(2) >= 12
    assert sum(item.childCount() for item in sections if item is not None) == levels.count(3)
    # Fits its screen, text at a readable width.
    screen = guide.screen().availableGeometry()
    assert guide.width() <= screen.width() and guide.height() <= screen.height()


def test_f1_opens_the_guide(ws: Workspace, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(ws)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = opened(qtbot)
    assert first_line(guide) == TITLES["en"]
    # Asked again, the same window comes forward: not a second one.
    guide_action(window).trigger()
    assert guide_window() is guide


def test_a_link_in_the_guide_scrolls_to_its_section(qtbot) -> None:  # type: ignore[no-untyped-def]
    guide = show_guide()
    qtbot.addWidget(guide)
    qtbot.waitExposed(guide)
    assert guide.top_line() == TITLES["en"]
    # "… (see For the Technical Secretariat at the end)", in the first section: clicked.
    found = guide.browser.document().find(
        "For the Technical Secretariat", 0, QTextDocument.FindFlag.FindCaseSensitively
    )
    assert found.charFormat().isAnchor()
    middle = QTextCursor(found)
    middle.setPosition(found.selectionStart() + 3)
    point = guide.browser.cursorRect(middle).center()
    qtbot.mouseClick(guide.browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: guide.top_line() == "For the Technical Secretariat")
    assert guide.contents.currentItem().text(0) == "For the Technical Secretariat"


def test_the_contents_and_the_find_field_move_through_the_guide(qtbot) -> None:  # type: ignore[no-untyped-def]
    set_language("es")
    guide = show_guide()
    qtbot.addWidget(guide)
    qtbot.waitExposed(guide)
    (verifying,) = guide.contents.findItems(
        "Verificar un paquete", Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
    )
    guide.contents.scrollToItem(verifying)
    rect = guide.contents.visualItemRect(verifying)
    qtbot.mouseClick(guide.contents.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert guide.top_line() == "Verificar un paquete"

    guide.activateWindow()
    qtbot.waitUntil(guide.isActiveWindow)
    qtbot.keySequence(guide, QKeySequence.StandardKey.Find)
    assert guide.find_field.hasFocus()
    qtbot.keyClicks(guide.find_field, "huella")
    qtbot.keyClick(guide.find_field, Qt.Key.Key_Return)
    assert guide.browser.textCursor().selectedText().lower() == "huella"
    guide.find_field.setText("palabra que no está")
    assert not guide.find_next()
    assert "no está" in guide.notice.text() and guide.notice.isVisible()


def test_a_link_out_of_the_guide_is_shown_not_followed(qtbot) -> None:  # type: ignore[no-untyped-def]
    guide = show_guide()
    qtbot.addWidget(guide)
    guide.browser.anchorClicked.emit(QUrl("https://example.org/elsewhere"))
    assert "https://example.org/elsewhere" in guide.notice.text()
    assert first_line(guide) == TITLES["en"]  # still the guide


def test_the_guide_follows_a_change_of_language(qtbot) -> None:  # type: ignore[no-untyped-def]
    guide = show_guide()
    qtbot.addWidget(guide)
    set_language("fr")
    assert show_guide() is guide and first_line(guide) == TITLES["fr"]


@pytest.fixture
def secretariat(folder: Path) -> Iterator[SecretariatWorkspace]:
    workspace = SecretariatWorkspace.open(folder)
    workspace.profile.save("Secretaría Técnica de la CRM", "es")
    workspace.keys.create("una frase de paso larga")
    yield workspace
    workspace.close()


def test_the_secretariat_opens_the_guide_at_its_part(
    secretariat: SecretariatWorkspace,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    set_language("es")
    window = SecretariatWindow(secretariat)
    qtbot.addWidget(window)
    window.show()
    guide_action(window).trigger()
    guide = opened(qtbot)
    qtbot.waitExposed(guide)
    assert first_line(guide) == TITLES["es"]
    assert guide.top_line() == "Para la Secretaría Técnica"

    dialog = RegisterKeyDialog(secretariat.registry, window)
    qtbot.addWidget(dialog)
    dialog.help.click()
    assert guide.top_line() == "Registrar la clave de un país"


def test_the_send_wizard_has_help_for_each_page(ws: Workspace, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard = SubmissionWizard(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(wizard)
    wizard.show()
    help_button = wizard.button(QWizard.WizardButton.HelpButton)
    assert help_button.isVisible() and help_button.text() == "Help"
    help_button.click()
    guide = opened(qtbot)
    qtbot.waitExposed(guide)
    assert guide.top_line() == "Sending a package"

    wizard.next()
    options = wizard.options_page
    assert "age1" in options.encrypt_note.text()
    assert options.encryption_help.isVisible()
    options.encryption_help.click()
    assert guide.top_line() == "Encrypting for the Secretariat"

    options.destination.setText(str(tmp_path))
    wizard.next()
    help_button.click()
    assert guide.top_line() == "Your signing key"


def test_the_key_dialog_explains_the_fingerprint(ws: Workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    ws.keys.create("correct horse battery staple")
    dialog = KeyDialog(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    dialog.show()
    link = dialog.fingerprint_help
    assert link.isVisible() and "fingerprint" in link.text()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    link.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(link, Qt.Key.Key_Space)  # reached with Tab, pressed with Space
    guide = opened(qtbot)
    qtbot.waitExposed(guide)
    assert guide.top_line() == "Your signing key"
    assert "read it aloud on the phone" in guide.browser.toPlainText()


def test_the_secretariats_key_is_said_in_words_before_its_raw_text(
    ws: Workspace,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    ts = Secretariat()
    dialog = TrustSecretariatDialog(ws)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.recipient_box.isVisible()  # no file, no key to speak of
    dialog.load(ts.key_file(tmp_path))
    assert dialog.recipient_box.isVisible()
    assert dialog.recipient.text() == ts.recipient  # the raw key, still there to compare
    assert dialog.recipient.font().pointSize() < dialog.font().pointSize()
    assert "Only the Secretariat can open" in dialog.recipient_note.text()
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Encryption key (for the Secretariat only):" in labels
    dialog.fingerprint_help.click()
    guide = opened(qtbot)
    qtbot.waitExposed(guide)
    assert guide.top_line() == "Trusting the Secretariat"
    dialog.encryption_help.click()
    assert guide.top_line() == "Encrypting for the Secretariat"


def test_a_help_link_to_a_section_the_guide_lacks_opens_its_top(qtbot) -> None:  # type: ignore[no-untyped-def]
    link = help_link("?", "no-such-part")
    qtbot.addWidget(link)
    link.click()
    guide = opened(qtbot)
    qtbot.waitExposed(guide)
    assert guide.top_line() == TITLES["en"]
