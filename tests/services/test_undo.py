"""Undo and redo: every edit since the workspace was opened goes back through its own service."""

from __future__ import annotations

import pytest

from focalpoint.domain.errors import NotFound
from focalpoint.domain.practices import PracticeState
from focalpoint.domain.records import EntityDraft
from focalpoint.domain.vocab import ActionStatus, EntityType
from focalpoint.services.country.workspace import Workspace
from tests.conftest import entity_id
from tests.services.test_directory import a_service, an_organisation
from tests.services.test_practices import a_practice

CODE = "1.1.1"


def test_assignment_edits_undo_and_redo_one_by_one_in_reverse_order(ws: Workspace) -> None:
    conna, dgme = entity_id(ws, "CONNA"), entity_id(ws, "DGME")
    ws.assignments.set_lead(CODE, conna)
    ws.assignments.add_support(CODE, dgme)
    ws.assignments.set_status(CODE, ActionStatus.IN_PROGRESS)
    ws.assignments.set_note(CODE, "Mesa técnica instalada")

    assert ws.edits.undo_label == "progress note of 1.1.1"
    ws.edits.undo()
    assert ws.assignments.get(CODE).note == ""
    assert ws.edits.undo_label == "status of 1.1.1"
    ws.edits.undo()
    ws.edits.undo()
    current = ws.assignments.get(CODE)
    assert (current.lead_id, current.support_ids, current.status) == (
        conna,
        (),
        ActionStatus.NOT_STARTED,
    )
    assert ws.edits.redo_label == "supporting entities of 1.1.1"
    ws.edits.redo()
    ws.edits.redo()
    ws.edits.redo()
    again = ws.assignments.get(CODE)
    assert (again.support_ids, again.status, again.note) == (
        (dgme,),
        ActionStatus.IN_PROGRESS,
        "Mesa técnica instalada",
    )
    assert not ws.edits.can_redo


def test_a_note_saved_at_every_pause_undoes_as_one_edit(ws: Workspace) -> None:
    ws.assignments.set_status(CODE, ActionStatus.IN_PROGRESS)
    for typed in ("Mesa", "Mesa técnica", "Mesa técnica instalada"):
        ws.assignments.set_note(CODE, typed)
    ws.edits.undo()
    assert ws.assignments.get(CODE).note == ""
    assert ws.edits.undo_label == "status of 1.1.1"
    ws.edits.redo()
    assert ws.assignments.get(CODE).note == "Mesa técnica instalada"


def test_an_undo_is_itself_a_recorded_change(ws: Workspace) -> None:
    ws.assignments.set_status(CODE, ActionStatus.COMPLETED)
    ws.edits.undo()
    statuses = [(e.old, e.new) for e in ws.assignments.history(CODE) if e.field == "status"]
    assert statuses[:2] == [("completed", "not_started"), ("not_started", "completed")]


def test_undo_puts_back_only_what_the_edit_changed(ws: Workspace, folder: object) -> None:
    ws.assignments.set_note(CODE, "Primera reunión")
    # Someone else (the command line, another edit path) changes the status meanwhile.
    other = Workspace.open(ws.folder)
    try:
        other.assignments.set_status(CODE, ActionStatus.IN_PROGRESS)
    finally:
        other.close()
    ws.edits.undo()
    current = ws.assignments.get(CODE)
    assert (current.note, current.status) == ("", ActionStatus.IN_PROGRESS)


def test_a_new_edit_after_an_undo_drops_what_could_be_redone(ws: Workspace) -> None:
    ws.assignments.set_status(CODE, ActionStatus.COMPLETED)
    ws.edits.undo()
    assert ws.edits.can_redo
    ws.assignments.set_note(CODE, "Otra cosa")
    assert not ws.edits.can_redo
    assert ws.edits.undo_label == "progress note of 1.1.1"


def test_entities_added_changed_and_retired_come_back(ws: Workspace) -> None:
    added = ws.entities.add(EntityDraft("Procuraduría General", "PGR", EntityType.JUDICIARY))
    assert ws.edits.undo_label == "new entity Procuraduría General (PGR)"
    ws.entities.update(added.id, EntityDraft("Procuraduría General de la República", "PGR"))
    ws.entities.retire(added.id)

    ws.edits.undo()
    assert not ws.entities.get(added.id).retired
    ws.edits.undo()
    assert ws.entities.get(added.id).name == "Procuraduría General"
    assert ws.entities.get(added.id).type is EntityType.JUDICIARY
    ws.edits.undo()  # the addition: the entity is retired, out of every list of choices
    assert added.id not in {e.id for e in ws.entities.all(include_retired=False)}
    ws.edits.redo()
    assert added.id in {e.id for e in ws.entities.all(include_retired=False)}


def test_practices_come_back_through_save_delete_and_restore(ws: Workspace) -> None:
    saved = ws.practices.save(a_practice(ws))
    ws.practices.set_state(saved.id, PracticeState.READY)
    ws.practices.delete(saved.id, force=True)
    assert ws.edits.undo_label.startswith("deleting practice “Casas de acogida")

    ws.edits.undo()
    assert ws.practices.get(saved.id).state is PracticeState.READY
    ws.edits.undo()
    assert ws.practices.get(saved.id).state is PracticeState.DRAFT
    ws.edits.undo()
    assert saved.id not in {p.id for p in ws.practices.summaries()}
    ws.edits.redo()
    assert saved.id in {p.id for p in ws.practices.summaries()}


def test_services_and_organisations_come_back(ws: Workspace) -> None:
    org_id = an_organisation(ws)
    service = ws.directory.save_service(a_service(org_id))
    ws.directory.save_service(a_service(org_id, id=service.id, name="Acogida de emergencia"))
    ws.directory.delete_organisation(org_id, force=True)

    ws.edits.undo()  # the organisation and its service are back together
    assert ws.directory.service(service.id).name == "Acogida de emergencia"
    ws.edits.undo()
    assert ws.directory.service(service.id).name == "Acogimiento familiar temporal"
    ws.edits.undo()
    assert service.id not in {s.id for s in ws.directory.summaries()}
    ws.edits.undo()
    assert org_id not in {o.id for o in ws.directory.organisations()}
    # What is left to undo is from before: the entities the workspace was set up with.
    assert ws.edits.undo_label.startswith("new entity Dirección General de Migración")


def test_an_edit_that_can_no_longer_be_undone_says_why_and_leaves_the_history(
    ws: Workspace,
) -> None:
    conna, dgme = entity_id(ws, "CONNA"), entity_id(ws, "DGME")
    ws.assignments.set_lead(CODE, dgme)
    ws.assignments.set_lead(CODE, conna)
    ws.entities.merge(conna, dgme)  # DGME folded into CONNA: the first lead no longer exists
    with pytest.raises(NotFound):
        ws.edits.undo()
    assert ws.assignments.get(CODE).lead_id == conna  # nothing changed
    assert not ws.edits.can_redo
    ws.edits.undo()  # the edit before it still goes back
    assert ws.assignments.get(CODE).lead_id is None


def test_a_directory_import_forgets_the_directorys_edits_only(ws: Workspace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    org_id = an_organisation(ws)
    ws.assignments.set_status(CODE, ActionStatus.COMPLETED)
    ws.directory.save_service(a_service(org_id))
    exported = tmp_path / "directory.csv"
    ws.exchange.export_csv(exported)
    ws.exchange.import_csv(exported)
    assert ws.edits.undo_label == "status of 1.1.1"


def test_the_history_listens_and_is_bounded() -> None:
    from focalpoint.services.common.edit_history import Area, Edit, EditHistory

    heard: list[bool] = []
    history = EditHistory(limit=3)
    history.subscribe(lambda: heard.append(history.can_undo))
    for n in range(5):
        history.record(Edit(str(n), Area.ACTIONS, "x", lambda: None, lambda: None))
    assert history.undo_label == "4"
    for _ in range(3):
        history.undo()
    assert not history.can_undo
    assert len(heard) == 8
