"""Recording a practice through the window: form, evidence, search, and its action."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox

from focalpoint.domain.practices import Practice
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.practices.practice_dialog import PracticeDialog
from tests.gui.conftest import answer_message_box, discard, records, when_shown

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\nstartxref\n9\n%%EOF\n"


def save_button(dialog: PracticeDialog):  # type: ignore[no-untyped-def]
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)


def test_add_a_practice_with_evidence_find_it_and_see_it_under_its_action(
    ws: Workspace, open_window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    evidence = tmp_path / "Protocolo de acogida.pdf"
    evidence.write_bytes(PDF)
    window = open_window(ws)
    view = window.practices
    assert view.model.rowCount() == 0
    seen: list[str] = []

    def fill(dialog: PracticeDialog) -> None:
        seen.append(dialog.findChild(type(dialog.error), "reminder").text())
        dialog.description_tab.title.setText("Acogida familiar para niñez retornada")
        dialog.description_tab.summary.setPlainText(
            "Familias capacitadas en lugar de albergues cerrados."
        )
        dialog.classification_tab.categories.set_checked("alternative_care")
        dialog.classification_tab.populations.set_checked("returned")
        dialog.scope_tab.entities.set_checked(ws.entities.resolve("CONNA").id)
        dialog.actions_tab.plan_actions.set_checked("2.2.1")
        assert dialog.evidence_tab.attach(evidence)  # queued: the practice is not saved yet
        save_button(dialog).click()

    when_shown(PracticeDialog, fill)
    view.open_practice(None)
    assert "personal data" in seen[0]
    (summary,) = ws.practices.summaries()
    (attachment,) = ws.attachments.list(summary.id)
    assert attachment.file_name == "Protocolo de acogida.pdf" and attachment.size == len(PDF)
    assert view.model.rowCount() == 1

    view.search.setText("retornada")
    assert [r.title for r in records(view.model)] == ["Acogida familiar para niñez retornada"]
    view.search.setText("albergue cerrado")  # words of the summary, as typed
    assert view.model.rowCount() == 1
    view.search.setText("inexistente")
    assert view.model.rowCount() == 0
    view.search.clear()
    view.category.setCurrentIndex(view.category.findData("education"))
    assert view.model.rowCount() == 0
    view.category.setCurrentIndex(view.category.findData("alternative_care"))
    assert view.model.rowCount() == 1

    window.tabs.setCurrentIndex(0)
    assert window.workbench.select_action("2.2.1")
    links = window.workbench.panel.practices.text()
    assert "Acogida familiar para niñez retornada" in links and summary.id in links
    window.workbench.select_action("1.1.1")
    assert "No practice recorded yet" in window.workbench.panel.practices.text()


def test_a_refused_practice_keeps_the_form_open_with_the_reason(ws: Workspace, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window(ws)
    errors: list[str] = []

    def fill(dialog: PracticeDialog) -> None:
        dialog.description_tab.title.setText("Sin resumen")
        dialog.state.setCurrentIndex(dialog.state.findData("ready"))
        save_button(dialog).click()
        errors.append(dialog.error.text() if dialog.isVisible() else "")
        discard(dialog)

    when_shown(PracticeDialog, fill)
    window.practices.open_practice(None)
    assert "needs a summary" in errors[0]
    assert ws.practices.summaries() == []


def test_delete_asks_and_restore_brings_it_back(ws: Workspace, open_window) -> None:  # type: ignore[no-untyped-def]
    saved = ws.practices.save(Practice(title="Red consular", action_codes=("1.1.1",)))
    window = open_window(ws)
    view = window.practices
    view.select(saved.id)
    seen = answer_message_box("Delete")
    view.delete_button.click()
    assert "1.1.1" in seen[0]
    assert view.model.rowCount() == 0 and ws.practices.summaries() == []
    view.show_deleted.setChecked(True)
    view.select(saved.id)
    assert view.restore_button.isEnabled()
    view.restore_button.click()
    assert [p.id for p in ws.practices.summaries()] == [saved.id]


def test_a_practice_link_in_the_action_panel_opens_it(ws: Workspace, open_window) -> None:  # type: ignore[no-untyped-def]
    saved = ws.practices.save(Practice(title="Red consular de acogida", action_codes=("1.1.1",)))
    window = open_window(ws)
    assert window.workbench.select_action("1.1.1")
    opened: list[str] = []

    def look(dialog: PracticeDialog) -> None:
        opened.append(dialog.description_tab.title.text())
        dialog.reject()

    when_shown(PracticeDialog, look)
    window.workbench.panel.practices.linkActivated.emit(saved.id)
    assert opened == ["Red consular de acogida"]
    assert window.tabs.currentIndex() == 1  # the practices tab, with the practice chosen
    assert window.practices.selected_id() == saved.id

    def fill(dialog: PracticeDialog) -> None:
        opened.append(",".join(dialog.actions_tab.plan_actions.checked()))
        dialog.reject()

    when_shown(PracticeDialog, fill)
    window.tabs.setCurrentIndex(0)
    window.workbench.panel.new_practice.click()  # "Record a practice…"
    assert opened[-1] == "1.1.1"
