"""The Secretariat's Proposals tab with real packages from two countries: their proposals side
by side per action, the chosen one in full, answered through the buttons; a decline without a
reason or an incorporation without a version is refused in words, the dialog stays open and
nothing changes."""

from __future__ import annotations

from pathlib import Path

from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from focalpoint.ui.secretariat.main_window import SecretariatWindow
from tests.gui.conftest import answer_message_box
from tests.secretariat.test_proposals import TS_PASSPHRASE, country, send


def test_proposals_side_by_side_answered_from_the_tab(
    tmp_path: Path,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    ts = SecretariatWorkspace.open(tmp_path / "secretariat")
    ts.profile.save("Secretaría Técnica de la CRM", "en")
    ts.keys.create(TS_PASSPHRASE)
    made = {code: country(tmp_path / code, code) for code in ("SV", "MX")}
    try:
        for code, ws in made.items():
            pem = ws.keys.export_public(tmp_path / f"{code}.pem")
            ts.registry.register_file(pem, code, ws.keys.current().fingerprint)  # type: ignore[union-attr]
        made["SV"].proposals.add("1.1.1", "Nueva redacción de la acción", "Armonizar con la Cumbre")
        made["MX"].proposals.add(
            "1.1.1", "Incluir a los pueblos indígenas", "Acta de 2017, punto 3", "es", "comment"
        )
        made["MX"].proposals.add(
            "1.1", "Párrafo que se añadirá al Plan", "Punto 3", "es", "paragraph"
        )
        for ws in made.values():
            send(ws, ts)
    finally:
        for ws in made.values():
            ws.close()

    window = SecretariatWindow(ts)
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    window.tabs.setCurrentWidget(window.proposals)
    tab = window.proposals
    model = tab.model
    assert model.rowCount() == 3
    shown = [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(3)]
    assert shown[0][0].startswith("1.1  ") and shown[1][0].startswith("1.1.1  ")
    assert shown[2][0] == ""  # the second country's proposal for 1.1.1, under the first
    assert {shown[1][1], shown[2][1]} == {"El Salvador", "Mexico"}
    assert tab.count.text() == "3 proposals from the countries, 3 not answered yet."
    tab.table.selectRow(1)
    assert "Proposed text" in tab.details.toHtml()
    window.grab().save(str(tmp_path / "proposals-tab.png"))

    # Declined without a reason: refused in words, the dialog stays open, nothing changes.
    dialog = tab.ask("declined")
    assert dialog is not None
    seen = answer_message_box("OK")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: bool(seen))
    assert "why the proposal is declined" in seen[0] and dialog.isVisible()
    assert {p.state for p in ts.proposals.all()} == {"submitted"}
    dialog.reason.setPlainText("Ya lo cubre la acción 1.1.2")
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    chosen = tab.chosen()
    assert chosen is not None and chosen.state == "declined"
    assert model.index(tab.table.currentIndex().row(), 4).data().startswith("Declined: Ya lo")

    tab.table.selectRow(0)
    dialog = tab.ask("incorporated")
    assert dialog is not None
    seen = answer_message_box("OK")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: bool(seen))
    assert "plan version" in seen[0]
    dialog.version.setText("1.1")
    dialog.buttons.accepted.emit()
    assert [p.state_version for p in ts.proposals.all() if p.state == "incorporated"] == ["1.1"]
    assert tab.count.text().endswith("1 not answered yet.")

    tab.filter.setCurrentIndex(tab.filter.findData("submitted"))
    assert model.rowCount() == 1 and model.index(0, 4).data() == "Not answered yet"
    assert model.index(0, 0).data().startswith("1.1.1  ")  # its action named on its own row
    tab.filter.setCurrentIndex(0)
    window.grab().save(str(tmp_path / "proposals-tab-answered.png"))
    window.close()
    ts.close()


def test_with_text_twice_as_large_the_tab_and_its_answer_dialog_stay_in_reach(
    tmp_path: Path,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtWidgets import QApplication

    from focalpoint.ui.accessibility import name_inputs_on_show
    from focalpoint.ui.secretariat.proposals_tab import AnswerDialog
    from tests.gui.test_accessible_names import unnamed
    from tests.gui.test_screen_fit import LARGE_TEXT_SCREEN, text_twice_as_large, unreachable

    ts = SecretariatWorkspace.open(tmp_path / "secretariat")
    ts.profile.save("Secretaría Técnica de la CRM", "en")
    ts.keys.create(TS_PASSPHRASE)
    sv = country(tmp_path / "SV", "SV")
    try:
        pem = sv.keys.export_public(tmp_path / "SV.pem")
        ts.registry.register_file(pem, "SV", sv.keys.current().fingerprint)  # type: ignore[union-attr]
        sv.proposals.add("1.1.1", "Nueva redacción " * 20, "Porque " * 30)
        send(sv, ts)
    finally:
        sv.close()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    namer = name_inputs_on_show(app)  # as the application names inputs, when a window shows
    with text_twice_as_large():
        window = SecretariatWindow(ts)
        qtbot.addWidget(window)
        window.show()
        window.tabs.setCurrentWidget(window.proposals)
        problems = unreachable(window, LARGE_TEXT_SCREEN)
        [row] = ts.proposals.all()
        for state in ("incorporated", "declined", "discussion"):
            dialog = AnswerDialog(window.proposals, row, state)
            qtbot.addWidget(dialog)
            dialog.show()
            problems += unreachable(dialog, LARGE_TEXT_SCREEN)
            problems += unnamed(dialog)  # and a screen reader names each of its inputs
            dialog.close()
        window.close()
    app.removeEventFilter(namer)
    ts.close()
    assert problems == []
