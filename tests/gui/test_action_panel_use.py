"""The action panel as people use it: ticking supporting entities with Down and Space ticks
the entity under the cursor, each time; a filter typed for one action does not hide another's
entities; Tab leaves the progress note; "New entity…" beside the lead makes the lead."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from focalpoint.domain.records import EntityDraft
from focalpoint.domain.vocab import EntityType
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.plan.responsible_entities import ENTITY_ROLE


def listed(panel) -> list[str]:  # type: ignore[no-untyped-def]
    view = panel.responsible.supports
    model = view.model()
    return [model.index(r, 0).data(ENTITY_ROLE) for r in range(model.rowCount())]


def test_down_and_space_tick_the_entity_under_the_cursor_each_time(
    ws: Workspace,
    open_window,  # type: ignore[no-untyped-def]
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    for name, acronym in (("Procuraduría General", "PGR"), ("Ministerio de Educación", "MINED")):
        ws.entities.add(EntityDraft(name, acronym, EntityType.OTHER))
    ticked = [ws.entities.resolve(a).id for a in ("CONNA", "PGR")]
    ws.assignments.set_supports("2.1.1", ticked)
    window = open_window(ws)
    assert window.workbench.select_action("2.1.1")
    panel = window.workbench.panel
    supports = panel.responsible.supports
    before = listed(panel)
    assert before[:2] == ticked  # the ticked ones first: CONNA, PGR, then the others
    supports.setFocus()
    supports.setCurrentIndex(supports.model().index(0, 0))
    for _n in range(2):  # untick CONNA, then the entity below it: PGR
        for key in (Qt.Key.Key_Space, Qt.Key.Key_Down):
            qtbot.keyClick(supports, key)
            qtbot.wait(20)  # as between a person's keystrokes: the window catches up
    assert ws.assignments.get("2.1.1").support_ids == ()
    assert listed(panel) == before  # nothing moved under the cursor
    qtbot.keyClick(supports, Qt.Key.Key_Space)  # the third row: ticked
    qtbot.wait(20)
    assert ws.assignments.get("2.1.1").support_ids == (before[2],)

    panel.responsible.support_filter.setText("Procuraduría")
    assert window.workbench.select_action("2.1.2")
    assert panel.responsible.support_filter.text() == ""  # the other action's list, whole
    assert window.workbench.select_action("2.1.1")
    assert listed(panel)[0] == before[2]  # shown again: the ticked one first


def test_tab_leaves_the_progress_note(
    ws: Workspace,
    open_window,  # type: ignore[no-untyped-def]
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    window = open_window(ws)
    assert window.workbench.select_action("1.1.1")
    note = window.workbench.panel.progress.note
    window.activateWindow()
    note.setFocus()
    qtbot.keyClicks(note, "Protocolo firmado")
    qtbot.keyClick(note, Qt.Key.Key_Tab)
    assert note.toPlainText() == "Protocolo firmado"  # no tab typed into it
    assert QApplication.focusWidget() is not note


def test_new_entity_beside_the_lead_becomes_the_lead(
    ws: Workspace,
    open_window,  # type: ignore[no-untyped-def]
) -> None:
    from tests.gui.test_entity_directory import fill_next_form

    window = open_window(ws)
    assert window.workbench.select_action("3.1.2")
    panel = window.workbench.panel
    errors = fill_next_form(name="Instituto Salvadoreño para el Desarrollo de la Niñez")
    panel.responsible.new_entity.click()
    assert errors == []
    made = ws.entities.resolve("Instituto Salvadoreño para el Desarrollo de la Niñez")
    assert ws.assignments.get("3.1.2").lead_id == made.id
    assert panel.responsible.lead.currentData() == made.id


def test_another_action_opens_at_its_title_and_a_narrow_panel_scrolls_rather_than_cuts(
    ws: Workspace,
    open_window,  # type: ignore[no-untyped-def]
) -> None:
    lead = ws.entities.add(
        EntityDraft(
            "Dirección General de Protección al Hondureño Migrante (DGPHM)",
            "DGPHM",
            EntityType.MIGRATION,
        )
    )
    ws.assignments.set_lead("2.1.1", lead.id)
    window = open_window(ws)
    workbench = window.workbench
    workbench.splitter.setSizes([900, 380])  # the panel dragged narrow
    assert workbench.select_action("2.1.1")
    panel = workbench.panel
    QApplication.processEvents()
    body = panel.widget()
    assert body.width() >= body.minimumSizeHint().width()  # nothing cut off on the right
    if body.width() > panel.viewport().width():
        assert panel.horizontalScrollBar().isVisible()  # what does not fit is reached
    panel.verticalScrollBar().setValue(panel.verticalScrollBar().maximum())
    assert panel.verticalScrollBar().value() > 0
    assert workbench.select_action("2.1.2")
    assert panel.verticalScrollBar().value() == 0  # its title in view
