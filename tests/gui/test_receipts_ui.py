"""File → Trust the Secretariat's key and File → Import a receipt, and the answer in the list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QMessageBox

from focalpoint.i18n import set_language
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.submissions.receipt_import import result_box
from focalpoint.ui.country.submissions.secretariat_dialog import TrustSecretariatDialog
from focalpoint.ui.country.submissions.submissions_dialog import SubmissionsDialog
from focalpoint.ui.tasks import TaskRunner
from tests.gui.conftest import when_shown
from tests.secretariat_side import Secretariat

PASSPHRASE = "correct horse battery staple"


def signed(ws: Workspace):  # type: ignore[no-untyped-def]
    ws.keys.create(PASSPHRASE)
    return ws.submissions.export(PASSPHRASE, include_report=False)


def close_next_box() -> list[str]:
    """Close the next message box with its only button, whatever Qt's catalogue calls it (a
    test before may have left Qt's own French or Spanish installed); returns its text."""
    seen: list[str] = []

    def close(box: QMessageBox) -> None:
        seen.append(box.text())
        box.buttons()[0].click()

    when_shown(QMessageBox, close)
    return seen


def texts(widget) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def test_the_dialog_shows_the_key_and_trusts_it_only_with_its_fingerprint(
    ws: Workspace, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    ts = Secretariat()
    dialog = TrustSecretariatDialog(ws, path=ts.key_file(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show()
    shown = texts(dialog)
    assert ts.name in shown and ts.fingerprint in shown and ts.recipient in shown
    assert "does not trust a Secretariat key yet" in shown
    assert not dialog.trust_button.isEnabled()  # nothing typed yet
    # In French the key's explanation wraps, and the dialog grows for it: no line cut in half.
    set_language("fr")
    french = TrustSecretariatDialog(ws)
    qtbot.addWidget(french)
    french.show()
    french.load(ts.key_file(tmp_path))
    qtbot.wait(50)
    for label in french.recipient_box.findChildren(QLabel):
        if label.isVisible() and label.wordWrap():
            assert label.height() >= label.heightForWidth(label.width()), label.text()
    french.close()
    set_language("en")

    qtbot.keyClicks(dialog.typed, Secretariat().fingerprint)
    assert dialog.trust_button.isEnabled()
    dialog.trust_button.click()
    assert dialog.isVisible() and "Nothing was trusted" in dialog.error.text()
    assert ws.secretariat.trusted() is None

    dialog.typed.setText(ts.fingerprint.lower())
    with qtbot.waitSignal(dialog.trusted):
        dialog.trust_button.click()
    assert not dialog.isVisible()
    assert ws.secretariat.trusted().fingerprint == ts.fingerprint  # type: ignore[union-attr]
    again = TrustSecretariatDialog(ws)
    qtbot.addWidget(again)
    assert "Trusted now: " + ts.name in texts(again)


def test_a_damaged_key_file_is_refused_in_the_dialog(ws: Workspace, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ts = Secretariat()
    path = ts.key_file(tmp_path)
    path.write_bytes(path.read_bytes().replace(b'"sig": "', b'"sig": "AA'))
    dialog = TrustSecretariatDialog(ws, path=path)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "damaged" in dialog.error.text() and dialog.error.isVisible()
    dialog.typed.setText(ts.fingerprint)
    assert not dialog.trust_button.isEnabled()


def test_the_file_menu_imports_a_receipt_and_the_list_shows_the_answer(
    ws: Workspace, open_window, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    ts = Secretariat()
    first = signed(ws)
    second = ws.submissions.export(PASSPHRASE, include_report=False)
    ws.secretariat.trust(ts.key_file(tmp_path), ts.fingerprint)
    window = open_window(ws)
    labels = [a.text().replace("&", "") for a in window.menuBar().actions()[0].menu().actions()]
    assert "Import a receipt…" in labels and "Trust the Secretariat's key…" in labels

    reason = "Faltan las entidades responsables de las acciones del eje 3 y del eje 4."
    seen = close_next_box()
    done = window.import_receipt(ts.receipt(tmp_path, first, "returned", reason))
    assert done is not None and done.submission.state == "returned"
    assert "returned submission 1" in seen[0] and reason in seen[0]

    dialog = SubmissionsDialog(ws, TaskRunner(synchronous=True), window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.state_text(1) == "returned"
    assert dialog.answer_shown(1).startswith("returned: Faltan las entidades")
    assert dialog.answer_shown(2) == "no receipt yet"
    seen = close_next_box()
    dialog.import_receipt(ts.receipt(tmp_path, second))
    assert "accepted submission 2" in seen[0]
    assert dialog.state_text(2) == "acknowledged"
    assert dialog.answer_shown(2).startswith("accepted on ")


def test_a_refused_receipt_says_why_and_changes_nothing(
    ws: Workspace, open_window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    first = signed(ws)
    window = open_window(ws)
    seen = close_next_box()
    assert window.import_receipt(Secretariat().receipt(tmp_path, first)) is None
    assert "does not trust a Secretariat key yet" in seen[0]
    assert ws.submissions.get(first.id).state == "signed"


def test_the_result_box_in_spanish(ws: Workspace, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from focalpoint.i18n import set_language

    ts = Secretariat()
    first = signed(ws)
    ws.secretariat.trust(ts.key_file(tmp_path), ts.fingerprint)
    done = ws.secretariat.import_receipt(ts.receipt(tmp_path, first, "returned", "Falta el eje 3."))
    set_language("es")
    box = result_box(done, None)
    qtbot.addWidget(box)
    assert "La Secretaría devolvió el envío 1" in box.text()
    assert box.button(QMessageBox.StandardButton.Ok).text() == "Cerrar"


def test_the_send_wizard_encrypts_to_the_trusted_secretariat_by_default(
    ws: Workspace, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from tests.gui.test_submission_ui import open_wizard

    ts = Secretariat()
    ws.keys.create(PASSPHRASE)
    ws.secretariat.trust(ts.key_file(tmp_path), ts.fingerprint)
    wizard = open_wizard(ws, qtbot, tmp_path)
    wizard.next()
    options = wizard.options_page
    assert options.recipient.text() == ts.recipient
    assert options.encrypt.isEnabled() and options.encrypt.isChecked()
    assert ts.fingerprint in options.encrypt_note.text()


def test_the_details_show_the_secretariat_s_answer(ws: Workspace, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ts = Secretariat()
    first = signed(ws)
    ws.secretariat.trust(ts.key_file(tmp_path), ts.fingerprint)
    ws.secretariat.import_receipt(ts.receipt(tmp_path, first, "returned", "Falta el eje 3."))
    dialog = SubmissionsDialog(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    details = dialog.show_details()
    assert details is not None
    qtbot.addWidget(details)
    shown = texts(details)
    assert "Returned by the Secretariat on" in shown and "Falta el eje 3." in shown
