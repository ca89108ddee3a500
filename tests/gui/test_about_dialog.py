"""Help → About on both windows: the version (pyproject's), the build, the workspace folder,
what ships with its licences (Qt's LGPL notice among them), in English and in Spanish, usable
with the keyboard and within the screen with text at 200%."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from importlib.metadata import distribution
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow, QPushButton

from focalpoint.i18n import _, current_language, set_language
from focalpoint.services.country.workspace import Workspace
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from focalpoint.ui.secretariat.main_window import SecretariatWindow
from focalpoint.ui.widgets.about_dialog import AboutDialog
from tests.gui.keyboard import Key, focused, press
from tests.gui.test_screen_fit import LARGE_TEXT_SCREEN, SMALL, text_twice_as_large, unreachable
from tests.secretariat import conftest as secretariat_side

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"
# A new, empty database on the test server (skipped without one), as the Secretariat's tests have.
postgres_url = secretariat_side.postgres_url


def pyproject_version() -> str:
    return str(tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["version"])


def about_from_menu(window: QMainWindow) -> AboutDialog:
    """Help → About FocalPoint, as a user opens it."""
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    help_menu = menus[_("&Help").replace("&", "")]
    about = next(
        a
        for a in help_menu.actions()
        if a.text() == _("&About FocalPoint")  # type: ignore[union-attr]
    )
    about.trigger()
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, AboutDialog)]
    shown = [w for w in shown if w.isVisible()]
    assert len(shown) == 1
    return shown[0]


def licence_file(package: str) -> str:
    dist = distribution(package)
    first = (dist.metadata.get_all("License-File") or [])[0]
    return dist.read_text(f"licenses/{first}") or dist.read_text(first) or ""


@pytest.fixture
def secretariat(tmp_path: Path) -> Iterator[SecretariatWorkspace]:
    workspace = SecretariatWorkspace.open(tmp_path / "secretariat")
    workspace.profile.save("Secretaría Técnica de la CRM", "en")
    yield workspace
    workspace.close()


@pytest.fixture
def spanish() -> Iterator[None]:
    before = current_language()
    set_language("es")
    yield
    set_language(before)


def check_dialog(dialog: AboutDialog, folder: Path) -> None:
    """What the user reads: the version, the build, the folder, and the licences."""
    assert dialog.version.text() == pyproject_version()
    assert dialog.build.text() == _("Run from source")  # no build.json in a checkout
    assert "Qt 6." in dialog.platform.text() and "Python 3.11" in dialog.platform.text()
    assert dialog.workspace.text() == str(folder)
    assert dialog.workspace.isReadOnly()
    assert dialog.tabs.count() == 2
    dialog.tabs.setCurrentIndex(1)
    rows = range(dialog.parts.topLevelItemCount())
    items = [dialog.parts.topLevelItem(row) for row in rows]
    names = [item.text(0) for item in items if item is not None]
    for name in ("Qt", "Python", "Natural Earth", "iso-codes", "DejaVu Sans", "cryptography"):
        assert name in names
    dialog.choose("Qt")
    text = dialog.text.toPlainText()
    assert "PySide6" in text and "LGPL v3" in text and "https://download.qt.io/" in text
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text
    dialog.choose("jsonschema")
    assert dialog.text.toPlainText().strip() == licence_file("jsonschema").strip()
    assert "https://github.com/python-jsonschema/jsonschema" in dialog.described.text()
    assert dialog.text.isReadOnly()


def test_about_from_the_country_window(
    ws: Workspace,
    open_window,  # type: ignore[no-untyped-def]
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    window = open_window(ws)
    dialog = about_from_menu(window)
    check_dialog(dialog, Path(ws.folder))
    assert dialog.server.text() == ""
    assert dialog.listing_seconds < 1.0
    dialog.tabs.setCurrentIndex(0)
    dialog.copy.click()  # for a support request
    copied = QGuiApplication.clipboard().text()
    assert pyproject_version() in copied and str(ws.folder) in copied
    assert "Qt 6." in copied and "Python 3.11" in copied
    dialog.reject()


def test_about_from_the_secretariat_window(
    secretariat: SecretariatWorkspace,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    window = SecretariatWindow(secretariat)
    qtbot.addWidget(window)
    window.show()
    dialog = about_from_menu(window)
    check_dialog(dialog, secretariat.folder)
    assert dialog.server.text() == ""  # its data is in its folder
    dialog.reject()
    window.close()


def test_on_a_server_the_secretariat_names_it_without_its_password(
    postgres_url: str,
    tmp_path: Path,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    from sqlalchemy.engine import make_url

    url = make_url(postgres_url)
    # A server that trusts local connections ignores a password: give one to look for.
    url = url.set(password=url.password or "never-shown-4711")
    secretariat = SecretariatWorkspace.open(
        tmp_path / "secretariat", url.render_as_string(hide_password=False)
    )
    try:
        secretariat.profile.save("Secretaría Técnica de la CRM", "en")
        window = SecretariatWindow(secretariat)
        qtbot.addWidget(window)
        dialog = window.open_about()
        shown = dialog.server.text()
        assert shown.startswith("postgresql+psycopg://") and str(url.database) in shown
        assert str(url.password) not in shown + dialog.details()
        assert dialog.workspace.text() == str(tmp_path / "secretariat")
        dialog.reject()
        window.close()
    finally:
        secretariat.close()


def test_about_in_spanish(
    ws: Workspace,
    secretariat: SecretariatWorkspace,
    open_window,  # type: ignore[no-untyped-def]
    qtbot,  # type: ignore[no-untyped-def]
    spanish: None,
) -> None:
    """The same facts; its words come from the catalogue (the lead translates them)."""
    window = open_window(ws)
    dialog = about_from_menu(window)
    assert dialog.windowTitle() == _("About FocalPoint")
    assert [dialog.tabs.tabText(i) for i in range(2)] == [_("FocalPoint"), _("Licences")]
    check_dialog(dialog, Path(ws.folder))
    dialog.reject()
    other = SecretariatWindow(secretariat)
    qtbot.addWidget(other)
    dialog = other.open_about()
    check_dialog(dialog, secretariat.folder)
    dialog.reject()
    other.close()


def test_the_keyboard_reads_the_licences_and_escape_closes(
    ws: Workspace,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    dialog = AboutDialog(Path(ws.folder))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    close = next(b for b in dialog.findChildren(QPushButton) if b.text() == _("Close"))
    assert close.isDefault()  # Enter closes it
    dialog.tabs.setCurrentIndex(1)
    dialog.parts.setFocus()
    first = dialog.text.toPlainText()
    press(Key.Key_Down)
    assert dialog.text.toPlainText() != first  # the next part's licence
    press(Key.Key_Tab)
    assert focused() is dialog.text  # the text, which the arrows and Page Down scroll
    press(Key.Key_Tab)
    assert focused() is close  # and Tab leaves it again
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        press(Key.Key_Escape)


def test_with_text_twice_as_large_about_fits_with_its_buttons_in_reach(
    ws: Workspace,
    qtbot,  # type: ignore[no-untyped-def]
    focus_style: None,
) -> None:
    long_server = "postgresql+psycopg://analista:***@servidor-de-datos.secretaria.example:5432/crm"
    with text_twice_as_large():
        dialog = AboutDialog(Path(ws.folder) / ("una carpeta de nombre largo " * 4), long_server)
        qtbot.addWidget(dialog)
        dialog.show()
        problems = []
        for size in (LARGE_TEXT_SCREEN, SMALL):
            for tab in range(dialog.tabs.count()):
                dialog.tabs.setCurrentIndex(tab)
                problems += unreachable(dialog, size)
        assert problems == []
        dialog.tabs.setCurrentIndex(0)
        dialog.resize(LARGE_TEXT_SCREEN)
        QApplication.processEvents()
        # With room enough (1520 × 950), the first tab shows all of it without scrolling.
        assert dialog.facts_area.verticalScrollBar().maximum() == 0
        assert dialog.facts_area.horizontalScrollBar().maximum() == 0
