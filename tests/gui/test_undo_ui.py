"""Edit → Undo / Redo in the window, and forms that ask before throwing away what was typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from focalpoint.domain.practices import Practice
from focalpoint.domain.vocab import ActionStatus
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.entities.entity_form import EntityForm
from focalpoint.ui.country.practices.practice_dialog import PracticeDialog
from focalpoint.ui.widgets.guarded_form import NOT_DATA
from tests.gui.conftest import answer_message_box


def test_ctrl_z_takes_back_the_note_then_the_status_and_ctrl_shift_z_redoes(
    ws: Workspace,
    open_window,  # type: ignore[no-untyped-def]
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    window = open_window(ws)
    undo, redo = window.undo_actions.undo, window.undo_actions.redo
    assert not undo.isEnabled() or undo.text().startswith("&Undo new entity")
    assert window.workbench.select_action("1.1.1")
    progress = window.workbench.panel.progress
    progress.status.setCurrentIndex(progress.status.findData(ActionStatus.IN_PROGRESS.value))
    progress.status.activated.emit(progress.status.currentIndex())
    progress.note.setPlainText("Mesa técnica instalada")  # not saved yet: waits for a pause
    assert undo.text() == "&Undo status of 1.1.1"

    window.activateWindow()
    window.workbench.tree.setFocus()
    qtbot.keyClick(window.workbench.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    # The typed note was saved first, so it is what Undo takes back.
    assert ws.assignments.get("1.1.1").note == ""
    assert progress.note.toPlainText() == ""
    assert window.statusBar().currentMessage() == "Undone: progress note of 1.1.1"
    undo.trigger()
    assert ws.assignments.get("1.1.1").status is ActionStatus.NOT_STARTED
    assert progress.status.currentData() == ActionStatus.NOT_STARTED.value
    assert redo.text() == "&Redo status of 1.1.1"
    # The tree shows the action's status as stored, too.
    assert window.workbench.model.entry("1.1.1").assignment.status is ActionStatus.NOT_STARTED

    qtbot.keyClick(
        window.workbench.tree,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert ws.assignments.get("1.1.1").status is ActionStatus.IN_PROGRESS
    assert progress.status.currentData() == ActionStatus.IN_PROGRESS.value
    # Each undo was itself recorded in the action's history.
    statuses = [e for e in ws.assignments.history("1.1.1") if e.field == "status"]
    assert len(statuses) == 3


def test_undoing_a_new_practice_removes_it_from_the_list(
    ws: Workspace,
    open_window,  # type: ignore[no-untyped-def]
) -> None:
    window = open_window(ws)
    view = window.practices
    saved = ws.practices.save(Practice(title="Protocolo de recepción en frontera"))
    view.reload()
    window.undo_actions.undo.trigger()
    assert saved.id not in {p.id for p in ws.practices.summaries()}
    listed = [view.model.index(r, 0).data() for r in range(view.model.rowCount())]
    assert "Protocolo de recepción en frontera" not in listed


def test_cancelling_a_changed_form_asks_first(ws: Workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    entity = ws.entities.resolve("CONNA")
    form = EntityForm(ws.entities, entity)
    qtbot.addWidget(form)
    form.show()
    form.reject()  # nothing changed: closes without a question
    assert not form.isVisible()

    form = EntityForm(ws.entities, entity)
    qtbot.addWidget(form)
    form.show()
    form.phone.setText("2231-0000")
    asked = answer_message_box("Cancel")
    form.reject()
    assert asked and "lose those changes" in asked[0]
    assert form.isVisible()  # kept open, the phone number still there
    answer_message_box("Discard changes")
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert not form.isVisible()
    assert ws.entities.get(entity.id).phone == ""


def test_a_filter_over_a_list_of_choices_is_not_a_change(ws: Workspace, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = PracticeDialog(ws, None)
    qtbot.addWidget(dialog)
    dialog.show()
    filters = [w for w in dialog.findChildren(QLineEdit) if w.property(NOT_DATA)]
    assert filters  # the lists of categories, populations and actions can be narrowed
    filters[0].setText("protección")
    assert not dialog.has_changes()
    dialog.description_tab.title.setText("Otra práctica")
    assert dialog.has_changes()


def test_the_profile_asks_before_cancel_drops_a_change_and_keeps_its_language_until_then(
    ws: Workspace,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    from focalpoint.i18n import current_language
    from focalpoint.ui.country.setup_dialog import SetupDialog

    dialog = SetupDialog(ws.profile, first_run=False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.language.setCurrentIndex(dialog.language.findData("es"))
    asked = answer_message_box("Cancelar")  # the question is asked in the language chosen
    dialog.reject()
    assert asked and dialog.isVisible() and current_language() == "es"
    answer_message_box("Descartar los cambios")
    dialog.reject()
    assert not dialog.isVisible() and current_language() == "en"  # nothing was saved
    assert ws.profile.get().language == "en"
