"""A package double-clicked, given as `focalpoint FILE`, or handed over by a second launch: the
country's window shows its verification beside it (and stays usable); the Secretariat's takes it
into its inbox. A file that is not there is said so in words."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from focalpoint.app import Application
from focalpoint.domain.records import Profile
from focalpoint.i18n import set_language
from focalpoint.services.country.workspace import Workspace
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from focalpoint.ui.country.main_window import MainWindow
from focalpoint.ui.country.submissions.verify_dialog import VerifyDialog
from focalpoint.ui.secretariat.main_window import SecretariatWindow
from focalpoint.ui.tasks import TaskRunner
from tests.gui.conftest import answer_message_box
from tests.services.test_submissions import PASSPHRASE, export


@pytest.fixture
def package(ws: Workspace) -> Path:
    """Submission 1 of El Salvador, signed with the workspace's own key."""
    ws.keys.create(PASSPHRASE)
    return export(ws, include_report=False)


def tampered(package: Path, folder: Path) -> Path:
    """A copy of ``package`` with one byte changed in the middle of its data."""
    copy = folder / package.name
    shutil.copyfile(package, copy)
    data = bytearray(copy.read_bytes())
    data[len(data) // 2] ^= 0x01
    copy.write_bytes(bytes(data))
    return copy


def shown(window: MainWindow, path: Path, qtbot) -> tuple[VerifyDialog, list[str]]:  # type: ignore[no-untyped-def]
    lines: list[str] = []
    dialog = window.show_file(path, lines.append)
    assert dialog is not None
    qtbot.waitUntil(lambda: bool(lines), timeout=10_000)
    return dialog, lines


def test_the_window_shows_a_package_verified_beside_it_and_stays_usable(
    ws: Workspace,
    package: Path,
    tmp_path: Path,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    # Given at start: asked before the plan is on show, shown once it is.
    app = Application(ws, TaskRunner(synchronous=True))
    window = app.show()
    qtbot.addWidget(window)
    lines: list[str] = []
    with qtbot.waitSignal(window.plan_loaded, timeout=5000):
        assert window.show_file(package, lines.append) is None  # not yet: the plan first
    dialog = window.findChild(VerifyDialog)
    assert isinstance(dialog, VerifyDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: bool(lines), timeout=10_000)
    assert lines == [f"{package}: valid, submission 1 from SV"]
    assert dialog.path.text() == str(package)
    assert dialog.panel.heading.text() == "Intact and signed"
    # Beside the window, not over it: no modal dialog holds the window back.
    assert not dialog.isModal() and QApplication.activeModalWidget() is None
    window.workbench.select_action("1.1.1")  # the plan is still in reach
    assert window.workbench.selected_code() == "1.1.1"
    window.resize(1100, 700)
    window.grab().save(str(tmp_path / "window.png"))
    dialog.grab().save(str(tmp_path / "verification.png"))
    window.close()


def test_a_tampered_package_is_refused_in_words(
    ws: Workspace,
    package: Path,
    tmp_path: Path,
    open_window: Callable[[Workspace], MainWindow],
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    changed = tampered(package, tmp_path)
    dialog, lines = shown(open_window(ws), changed, qtbot)
    assert dialog.panel.heading.text() == "Refused: do not trust this package"
    assert dialog.refusal and dialog.refusal in lines[0]
    assert lines[0].startswith(f"{changed}: refused: ")


def test_a_tampered_package_is_refused_in_spanish(
    ws: Workspace,
    package: Path,
    tmp_path: Path,
    open_window: Callable[[Workspace], MainWindow],
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    ws.profile.save(Profile("es", "SV", "Ana Pérez"))
    set_language("es")
    dialog, _lines = shown(open_window(ws), tampered(package, tmp_path), qtbot)
    assert dialog.windowTitle() == "Verificar un paquete"
    assert dialog.panel.heading.text() == "Rechazado: no confíe en este paquete"
    assert "Traceback" not in dialog.refusal and dialog.refusal


def test_a_file_that_is_not_there_is_said_in_words(
    ws: Workspace,
    tmp_path: Path,
    open_window: Callable[[Workspace], MainWindow],
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    window = open_window(ws)
    missing = tmp_path / "FocalPoint-SV-001-2026-11-28.zip"
    lines: list[str] = []
    seen = answer_message_box("OK")
    assert window.show_file(missing, lines.append) is None
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen[0].startswith(f"There is no file {missing}.")
    assert "Nothing was opened." in seen[0]
    assert lines == [f"{missing}: no such file"]
    assert window.findChild(VerifyDialog) is None


def test_the_secretariat_receives_a_package_given_at_start(
    folder: Path,
    tmp_path: Path,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    country = Workspace.open(tmp_path / "sv")
    country.profile.save(Profile("en", "SV", "Ana Pérez"))
    key = country.keys.create(PASSPHRASE)
    package = export(country, include_report=False)
    country.close()
    secretariat = SecretariatWorkspace.open(folder)
    secretariat.profile.save("Secretaría Técnica de la CRM", "en")
    secretariat.keys.create("una frase de paso larga")
    secretariat.registry.register(key.pem(), "SV", key.fingerprint)
    window = SecretariatWindow(secretariat)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.keys)
    lines: list[str] = []
    seen = answer_message_box("OK")
    window.show_file(package, lines.append)
    qtbot.waitUntil(lambda: bool(seen), timeout=30_000)
    assert seen == ["Every file was taken in."]
    assert lines == [f"{package}: received, submission 1 from SV"]
    assert window.tabs.currentWidget() is window.inbox  # where it went is on show
    assert window.inbox.count.text() == "1 package received"
    chosen = window.inbox.table.chosen()  # and chosen, to be read in full
    assert chosen is not None and (chosen.package.country, chosen.package.sequence) == ("SV", 1)
    # The same file again: a duplicate, said so, not taken in twice.
    seen = answer_message_box("OK")
    window.show_file(package, lines.append)
    qtbot.waitUntil(lambda: bool(seen), timeout=30_000)
    assert lines[1] == f"{package}: received already, submission 1 from SV"
    assert window.inbox.count.text() == "1 package received"
    window.close()
    secretariat.close()
