"""The Secretariat's side of the window: the first-run choice, its set-up (name, language, key),
and its registry of country keys, registered through the dialog after the fingerprint is typed
back, and revoked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog

from focalpoint.package.keys import public_of
from focalpoint.paths import COUNTRY, SECRETARIAT
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from focalpoint.ui.first_run import WorkspaceKindDialog
from focalpoint.ui.secretariat.main_window import SecretariatWindow
from focalpoint.ui.secretariat.register_dialog import RegisterKeyDialog
from focalpoint.ui.secretariat.setup_dialog import SecretariatSetupDialog
from tests.gui.conftest import answer_message_box, when_shown

PASSPHRASE = "una frase de paso larga"


@pytest.fixture
def secretariat(folder: Path) -> Iterator[SecretariatWorkspace]:
    workspace = SecretariatWorkspace.open(folder)
    yield workspace
    workspace.close()


def test_the_first_run_asks_which_kind_of_workspace(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = WorkspaceKindDialog()
    qtbot.addWidget(dialog)
    assert dialog.kind() == COUNTRY  # the common case is the one ticked
    dialog.secretariat.click()
    assert dialog.kind() == SECRETARIAT


def test_set_up_names_the_secretariat_and_makes_its_key(
    secretariat: SecretariatWorkspace,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    dialog = SecretariatSetupDialog(secretariat)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # no name, no passphrase yet
    dialog.name.setText("Secretaría Técnica de la CRM")
    assert dialog.passphrase.new is not None and dialog.passphrase.repeat is not None
    dialog.passphrase.new.setText(PASSPHRASE)
    dialog.passphrase.repeat.setText(PASSPHRASE[:-1])
    assert not ok.isEnabled() and "not the same" in dialog.error.text()
    dialog.passphrase.repeat.setText(PASSPHRASE)
    assert ok.isEnabled()
    ok.click()
    profile, key = secretariat.profile.get(), secretariat.keys.current()
    assert profile is not None and profile.name == "Secretaría Técnica de la CRM"
    assert key is not None and key.age_recipient.startswith("age1")


def test_a_key_is_registered_only_with_its_fingerprint_then_revoked(
    secretariat: SecretariatWorkspace,
    tmp_path: Path,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    secretariat.profile.save("Secretaría Técnica de la CRM", "en")
    secretariat.keys.create(PASSPHRASE)
    window = SecretariatWindow(secretariat)
    qtbot.addWidget(window)
    window.show()
    tab = window.keys
    assert tab.model.rowCount() == 0 and tab.count.text() == "0 keys"
    guatemala = public_of(Ed25519PrivateKey.generate())
    pem = tmp_path / "GT.pem"
    pem.write_text(guatemala.pem())

    dialog = RegisterKeyDialog(secretariat.registry, window)
    qtbot.addWidget(dialog)
    dialog.file.setText(str(pem))
    dialog.fingerprint.setText(guatemala.fingerprint)
    seen = answer_message_box("OK")
    dialog._register()  # no country chosen for the user
    assert seen == ["Choose the country whose key this is."] and not dialog.result()
    dialog.country.setCurrentIndex(dialog.country.findData("GT"))
    dialog.fingerprint.setText("AAAA-BBBB-CCCC-DDDD")
    seen = answer_message_box("OK")
    dialog._register()
    assert seen and "not this key" in seen[0] and not dialog.result()
    assert secretariat.registry.page() == []  # nothing registered
    dialog.fingerprint.setText(guatemala.fingerprint.lower().replace("-", " "))
    dialog._register()
    assert dialog.result()
    tab.reload()
    assert tab.count.text() == "1 key"
    assert tab.model.index(0, 0).data() == "Guatemala (GT)"
    assert tab.model.index(0, 1).data() == guatemala.fingerprint
    assert tab.model.index(0, 2).data() == "current"

    tab.table.selectRow(0)
    assert tab.revoke_button.isEnabled()
    when_shown(QInputDialog, lambda box: (box.setTextValue("2027-01-31"), box.accept()))
    answer_message_box("Revoke")
    tab.revoke_button.click()
    assert tab.model.index(0, 2).data() == "revoked from 2027-01-31"
    window.grab().save(str(tmp_path / "secretariat-window.png"))


def test_a_new_secretariat_folder_opens_on_its_set_up_then_its_window(
    folder: Path,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtWidgets import QWidget

    from focalpoint.app import open_secretariat

    def fill(dialog: SecretariatSetupDialog) -> None:
        dialog.name.setText("Secretaría Técnica de la CRM")
        assert dialog.passphrase.new is not None and dialog.passphrase.repeat is not None
        dialog.passphrase.new.setText(PASSPHRASE)
        dialog.passphrase.repeat.setText(PASSPHRASE)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    frame = QWidget()
    qtbot.addWidget(frame)
    when_shown(SecretariatSetupDialog, fill)
    opened = open_secretariat(folder, frame)
    assert opened is not None
    qtbot.addWidget(opened)
    assert "Secretaría Técnica de la CRM" in opened.windowTitle()
    assert (folder / "secretariat.json").exists() and not (folder / "focalpoint.db").exists()
    opened.workspace.close()


def test_packages_dropped_in_the_inbox_are_received_accepted_and_returned(
    secretariat: SecretariatWorkspace,
    tmp_path: Path,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    """Real packages from two real country workspaces, received through the inbox (as a drop
    does), one accepted, one returned with its reason; a file that is no package is refused
    and the others go on."""
    from focalpoint.services.country.workspace import Workspace
    from tests.services.test_submissions import PASSPHRASE as COUNTRY_PASSPHRASE
    from tests.services.test_submissions import export

    secretariat.profile.save("Secretaría Técnica de la CRM", "en")
    secretariat.keys.create(PASSPHRASE)
    packages = []
    for code in ("SV", "GT"):
        from focalpoint.domain.records import Profile

        country = Workspace.open(tmp_path / code)
        country.profile.save(Profile("en", code, f"Officer {code}"))
        key = country.keys.create(COUNTRY_PASSPHRASE)
        secretariat.registry.register(key.pem(), code, key.fingerprint)
        packages.append(export(country, include_report=False))
        country.close()
    not_a_package = tmp_path / "notes.zip"
    not_a_package.write_bytes(b"PK\x03\x04 not really")

    window = SecretariatWindow(secretariat)
    qtbot.addWidget(window)
    window.show()
    from tests.gui.test_screen_fit import fits

    assert fits(window), window.size()  # no larger than the screen (see test_screen_fit)
    inbox = window.inbox
    seen = answer_message_box("OK")
    inbox.receive([*packages, not_a_package])
    qtbot.waitUntil(lambda: bool(seen), timeout=30_000)
    assert "1 file refused" in seen[0]
    assert inbox.model.rowCount() == 2 and inbox.count.text() == "2 packages received"
    by_country = {row.package.country: r for r, row in enumerate(inbox.model.rows)}

    inbox.table.selectRow(by_country["SV"])
    assert inbox.accept_button.isEnabled()
    with qtbot.waitSignal(inbox.decided, timeout=30_000):  # merged in the background
        inbox.accept_button.click()
    inbox.table.selectRow(by_country["GT"])
    when_shown(QInputDialog, lambda box: (box.setTextValue("Falta el eje 3"), box.accept()))
    inbox.return_button.click()
    states = {
        inbox.model.record(r).package.country: inbox.model.index(r, 2).data() for r in range(2)
    }  # type: ignore[union-attr]
    assert states == {"SV": "accepted", "GT": "returned"}
    assert secretariat.consolidation.head("SV") is not None
    assert secretariat.consolidation.head("GT") is None
    window.grab().save(str(tmp_path / "inbox.png"))

    matrix = window.matrix  # it followed the acceptance
    header = [matrix.model.headerData(c, Qt.Orientation.Horizontal) for c in range(2, 4)]
    assert {"El Salvador", "Guatemala"} == set(header)
    sv, gt = 2 + header.index("El Salvador"), 2 + header.index("Guatemala")
    first = matrix.model.index(0, sv)
    assert first.data() == "No responsible entity · Not started"
    assert matrix.model.index(0, gt).data() == "No submission yet"  # returned: not merged
    assert "completed" in matrix.completion.text()
    matrix.axis.setCurrentIndex(2)  # the second axis alone
    codes = {matrix.model.index(r, 0).data().split(".")[0] for r in range(matrix.model.rowCount())}
    assert codes == {matrix.axis.currentData()}
    window.tabs.setCurrentWidget(matrix)
    window.grab().save(str(tmp_path / "matrix.png"))
    window.close()


def drop(window: SecretariatWindow, paths: list[Path]) -> None:
    """Drop ``paths`` on the window as a file manager does: enter, then drop."""
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    where = window.rect().center()
    enter = QDragEnterEvent(
        where,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    event = QDropEvent(
        QPointF(where),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, event)
    assert event.isAccepted()


def test_a_drop_decided_in_the_window_traced_in_the_matrix_and_answered_with_a_receipt(
    secretariat: SecretariatWorkspace,
    tmp_path: Path,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    """Three real countries' packages dropped on the window and received in the background; El
    Salvador's second submission (a new lead for 1.1.1) accepted and Guatemala's first returned
    through the buttons; the details panel and the matrix's side panel say what changed and which
    package set the cell; the receipt written from the window reads back with the package
    module, and a wrong passphrase writes nothing."""
    from PySide6.QtWidgets import QFileDialog

    from focalpoint.domain.records import EntityDraft
    from focalpoint.domain.vocab import EntityType
    from focalpoint.package.keys import PublicKey
    from focalpoint.package.receipt import read_receipt
    from focalpoint.ui.widgets.passphrase import PassphraseDialog
    from tests.secretariat.test_intake import country_workspace, export, register

    secretariat.profile.save("Secretaría Técnica de la CRM", "en")
    key = secretariat.keys.create(PASSPHRASE)
    countries = {code: country_workspace(tmp_path / code, code) for code in ("SV", "GT", "HN")}
    for ws in countries.values():
        register(secretariat, ws, tmp_path)
    sv = countries["SV"]
    first = secretariat.intake.receive([export(sv)])[0]
    secretariat.consolidation.accept(first.id)  # El Salvador's first, accepted earlier
    minsal = sv.entities.add(EntityDraft("Ministerio de Salud", "MINSAL", EntityType.MINISTRY))
    sv.assignments.set_lead("1.1.1", minsal.id)
    packages = [export(countries[code]) for code in ("SV", "GT", "HN")]
    for ws in countries.values():
        ws.close()

    window = SecretariatWindow(secretariat)
    qtbot.addWidget(window)
    window.show()
    inbox = window.inbox
    seen = answer_message_box("OK")
    drop(window, packages)
    qtbot.waitUntil(lambda: bool(seen), timeout=30_000)
    assert seen == ["Every file was taken in."]
    assert inbox.model.rowCount() == 4
    rows = {(r.package.country, r.package.sequence): n for n, r in enumerate(inbox.model.rows)}

    # El Salvador's second, in full: what it changes against its first.
    inbox.table.selectRow(rows[("SV", 2)])
    sv2 = inbox.table.chosen()
    assert sv2 is not None
    qtbot.waitUntil(lambda: inbox.details_for == sv2.id, timeout=10_000)
    text = inbox.details.toPlainText()
    assert "El Salvador: submission 2" in text and "Officer SV" in text
    assert "in sequence" in text and "pending" in text
    assert "Changes since submission 1" in text
    assert "Lead entity: Lead of SV (CONNA) → Ministerio de Salud (MINSAL)" in text
    assert "1 added: Ministerio de Salud (MINSAL)" in text
    assert not inbox.receipt_button.isEnabled()  # pending: nothing to answer yet
    with qtbot.waitSignal(inbox.decided, timeout=30_000):
        inbox.accept_button.click()
    assert inbox.table.chosen() is not None and inbox.table.chosen().id == sv2.id  # type: ignore[union-attr]
    assert inbox.receipt_button.isEnabled()

    inbox.table.selectRow(rows[("GT", 1)])
    gt = inbox.table.chosen()
    assert gt is not None
    qtbot.waitUntil(lambda: inbox.details_for == gt.id, timeout=10_000)
    assert "nothing was accepted from this country before it" in inbox.details.toPlainText()
    when_shown(QInputDialog, lambda box: (box.setTextValue("Falta el eje 3"), box.accept()))
    inbox.return_button.click()
    qtbot.waitUntil(lambda: inbox.details_for == gt.id, timeout=10_000)
    assert "Reason" in inbox.details.toPlainText()
    assert "Falta el eje 3" in inbox.details.toPlainText()
    assert secretariat.intake.get(gt.id).state == "returned"

    # The matrix followed: El Salvador's cell changed, Guatemala's stays empty.
    matrix = window.matrix
    window.tabs.setCurrentWidget(matrix)
    countries_shown = list(matrix.model.countries)
    sv_column, gt_column = 2 + countries_shown.index("SV"), 2 + countries_shown.index("GT")
    row = next(
        r for r in range(matrix.model.rowCount()) if matrix.model.index(r, 0).data() == "1.1.1"
    )
    assert matrix.model.index(row, sv_column).data() == "Ministerio de Salud (MINSAL) · In progress"
    assert matrix.model.index(row, gt_column).data() == "No submission yet"
    matrix.table.setCurrentIndex(matrix.model.index(row, sv_column))
    panel = matrix.panel.toPlainText()
    assert "1.1.1" in panel and "El Salvador" in panel
    assert "Ministerio de Salud (MINSAL)" in panel and "Migración SV (DGM)" in panel
    assert "In progress" in panel and "Submission 2, made" in panel and sv2.id in panel
    matrix.table.setCurrentIndex(matrix.model.index(row, gt_column))
    assert "No submission accepted from this country yet." in matrix.panel.toPlainText()
    matrix.table.setCurrentIndex(matrix.model.index(row, 1))
    assert "Guatemala: No submission yet" in matrix.panel.toPlainText()
    assert "El Salvador: 0 of" in matrix.completion.text()
    assert "Axis 1: 0 of" in matrix.axis_completion.text()

    # The receipt of El Salvador's second, written from the window.
    window.tabs.setCurrentWidget(inbox)
    inbox.table.choose(sv2.id)
    offered: list[str] = []
    refusals: list[str] = []

    def passphrase(form: PassphraseDialog) -> None:
        assert form.fields.old is not None and form.fields.new is None  # one field: to sign
        form.fields.old.setText("not the passphrase")
        shown = answer_message_box("OK")
        form.ok.click()
        qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
        refusals.extend(shown)
        assert form.isVisible() and not list(tmp_path.glob("out/*"))  # nothing written
        form.fields.old.setText(PASSPHRASE)
        form.ok.click()

    def where(chooser: QFileDialog) -> None:
        offered.append(Path(chooser.selectedFiles()[0]).name)
        (tmp_path / "out").mkdir()
        chooser.setDirectory(str(tmp_path / "out"))
        chooser.selectFile(offered[0])
        when_shown(PassphraseDialog, passphrase)
        chooser.accept()

    when_shown(QFileDialog, where)
    inbox.menu_actions[inbox.receipt_button].trigger()  # from the context menu
    assert offered == ["FocalPoint-receipt-SV-002-accepted.json"]
    assert refusals == ["That passphrase does not unlock the signing key. Nothing was changed."]
    written = tmp_path / "out" / offered[0]
    assert str(written) in window.statusBar().currentMessage()
    receipt = read_receipt(written.read_bytes(), PublicKey(key.public_key))
    assert (receipt.country, receipt.sequence, receipt.sha256) == ("SV", 2, sv2.package.sha256)
    assert receipt.accepted
    window.grab().save(str(tmp_path / "inbox-details.png"))
    window.close()


def test_several_packages_chosen_in_the_inbox_are_accepted_at_once(
    secretariat: SecretariatWorkspace,
    tmp_path: Path,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    """Ctrl+A on the inbox and Accept: every pending package chosen is accepted (a returned
    one is left as it is); a reason, and a receipt, are one package's at a time."""
    from focalpoint.domain.records import Profile
    from focalpoint.services.country.workspace import Workspace
    from tests.services.test_submissions import PASSPHRASE as COUNTRY_PASSPHRASE
    from tests.services.test_submissions import export

    secretariat.profile.save("Secretaría Técnica de la CRM", "en")
    secretariat.keys.create(PASSPHRASE)
    packages = []
    for code in ("SV", "GT", "HN"):
        country = Workspace.open(tmp_path / code)
        country.profile.save(Profile("en", code, f"Officer {code}"))
        key = country.keys.create(COUNTRY_PASSPHRASE)
        secretariat.registry.register(key.pem(), code, key.fingerprint)
        packages.append(export(country, include_report=False))
        country.close()
    received = secretariat.intake.receive(packages)
    secretariat.consolidation.return_(received[1].id, "Falta el eje 3")  # GT's

    window = SecretariatWindow(secretariat)
    qtbot.addWidget(window)
    window.show()
    inbox = window.inbox
    inbox.table.setFocus()
    qtbot.keyClick(inbox.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(inbox.table.chosen_all()) == 3
    assert inbox.accept_button.isEnabled()
    assert not inbox.return_button.isEnabled() and not inbox.receipt_button.isEnabled()
    panel = inbox.details.toPlainText()
    assert "3 packages chosen" in panel and "Accept accepts the 2 pending ones" in panel
    assert "Guatemala, submission 1: returned" in panel
    said: list[str] = []
    inbox.said.connect(said.append)
    with qtbot.waitSignal(inbox.decided, timeout=60_000):
        inbox.accept_button.click()
    states = {row.package.country: row.package.state for row in inbox.model.rows}
    assert states == {"SV": "accepted", "GT": "returned", "HN": "accepted"}
    assert said[0] == "Accepting 2 submissions…" and said[-1] == "2 submissions accepted."
    assert secretariat.consolidation.head("HN") is not None

    # All three are decided now: their receipts, in one folder, with one passphrase.
    qtbot.keyClick(inbox.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert inbox.receipt_button.isEnabled()
    folder = tmp_path / "receipts"
    folder.mkdir()
    from PySide6.QtWidgets import QFileDialog

    from focalpoint.ui.widgets.passphrase import PassphraseDialog

    def sign(form: PassphraseDialog) -> None:
        form.fields.old.setText(PASSPHRASE)
        form.ok.click()

    def where(chooser: QFileDialog) -> None:
        chooser.setDirectory(str(folder))
        when_shown(PassphraseDialog, sign)
        chooser.accept()

    when_shown(QFileDialog, where)
    with qtbot.waitSignal(inbox.said, timeout=30_000) as written:
        inbox.receipt_button.click()
    assert written.args == [f"3 receipts written in {folder}"]
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "FocalPoint-receipt-GT-001-returned.json",
        "FocalPoint-receipt-HN-001-accepted.json",
        "FocalPoint-receipt-SV-001-accepted.json",
    ]
    window.close()
