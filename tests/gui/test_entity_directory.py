"""Keeping the entity directory through its dialog: add, refuse, merge, retire."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.entities.entity_dialog import EntityDirectoryDialog, _MergeChooser
from focalpoint.ui.country.entities.entity_form import EntityForm
from tests.gui.conftest import answer_message_box, discard, when_shown


def fill_next_form(**values: str) -> list[str]:
    """Fill the next entity form that opens, press Save; returns any error it showed."""
    errors: list[str] = []

    def fill(form: EntityForm) -> None:
        for field, value in values.items():
            getattr(form, field).setText(value)
        form.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
        if form.isVisible():  # refused: read the message, then give up
            errors.append(form.error.text())
            discard(form)

    when_shown(EntityForm, fill)
    return errors


def directory_names(dialog: EntityDirectoryDialog) -> list[str]:
    return [dialog.proxy.index(r, 0).data() for r in range(dialog.proxy.rowCount())]


def test_add_entity_through_the_form(ws: Workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = EntityDirectoryDialog(ws.entities)
    qtbot.addWidget(dialog)
    fill_next_form(
        name="Procuraduría General de la República", acronym="PGR", email="pgr@pgr.gob.sv"
    )
    dialog.add_button.click()
    assert "Procuraduría General de la República" in directory_names(dialog)
    assert ws.entities.resolve("PGR").email == "pgr@pgr.gob.sv"
    assert dialog.selected() is not None and dialog.selected().acronym == "PGR"


def test_duplicate_name_is_shown_in_the_form(ws: Workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = EntityDirectoryDialog(ws.entities)
    qtbot.addWidget(dialog)
    errors = fill_next_form(name="Consejo Nacional de la Niñez y Adolescencia")
    dialog.add_button.click()
    assert errors and "already in the directory" in errors[0]
    assert len(ws.entities.all()) == 2


def test_type_to_filter(ws: Workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = EntityDirectoryDialog(ws.entities)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.search, "migracion")
    assert directory_names(dialog) == ["Dirección General de Migración y Extranjería"]


def test_retire_in_use_asks_first_then_keeps_it_on_its_actions(ws: Workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    conna = ws.entities.resolve("CONNA")
    ws.assignments.set_lead("1.1.1", conna.id)
    dialog = EntityDirectoryDialog(ws.entities)
    qtbot.addWidget(dialog)
    dialog.select(conna.id)

    seen = answer_message_box("Cancel")
    dialog.retire_button.click()
    assert seen and "1.1.1" in seen[0]
    assert not ws.entities.get(conna.id).retired

    answer_message_box("Retire")
    dialog.retire_button.click()
    assert ws.entities.get(conna.id).retired
    assert conna.name not in directory_names(dialog)  # hidden unless asked for
    dialog.show_retired.setChecked(True)
    assert conna.name in directory_names(dialog)
    dialog.select(conna.id)
    assert dialog.retire_button.text() == "Restore"


def test_merge_duplicate_through_the_dialog(ws: Workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    from focalpoint.domain.records import EntityDraft

    dup = ws.entities.add(EntityDraft("CONNA (duplicado)", "CONNA2"))
    ws.assignments.set_lead("2.1.1", dup.id)
    dialog = EntityDirectoryDialog(ws.entities)
    qtbot.addWidget(dialog)
    dialog.select(dup.id)

    def pick_keep(chooser: _MergeChooser) -> None:
        chooser.keep.setCurrentIndex(
            chooser.keep.findText("Consejo Nacional de la Niñez y Adolescencia (CONNA)")
        )
        chooser.accept()

    when_shown(_MergeChooser, pick_keep)
    with qtbot.waitSignal(dialog.changed):
        dialog.merge_button.click()
    assert ws.assignments.get("2.1.1").lead_id == ws.entities.resolve("CONNA").id
    assert "CONNA (duplicado)" not in directory_names(dialog)


def test_editing_an_entity_keeps_its_retired_parent(ws: Workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    from focalpoint.domain.records import EntityDraft

    parent = ws.entities.add(EntityDraft("Dirección de Migración (antigua)", "DMA"))
    child = ws.entities.add(EntityDraft("Oficina de Fronteras", "OF", parent_id=parent.id))
    ws.entities.retire(parent.id)
    form = EntityForm(ws.entities, ws.entities.get(child.id))
    qtbot.addWidget(form)
    assert form.parent_entity.currentData() == parent.id
    form.phone.setText("+502 2411 2411")
    form.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    saved = ws.entities.get(child.id)
    assert (saved.parent_id, saved.phone) == (parent.id, "+502 2411 2411")
