"""Naming responsible entities, status and notes: each edit saved, audited, and refused cleanly."""

from __future__ import annotations

import pytest

from focalpoint.domain.errors import InvalidInput, NotFound
from focalpoint.domain.records import EntityDraft
from focalpoint.domain.vocab import ActionStatus
from focalpoint.services.country.workspace import Workspace
from tests.conftest import entity_id


def test_bundled_plan_is_installed_on_first_open(blank: Workspace) -> None:
    overview = blank.plan.overview()
    assert overview.info.code == "RCM-NNA-2017-2022"
    assert overview.info.provisional
    assert [axis.code for axis in overview.document.axes] == ["1", "2", "3", "4", "5"]
    assert len(overview.document.actions()) >= 30
    assert overview.coverage() == (0, len(overview.document.actions()))


def test_assign_lead_and_supports_then_reopen(ws: Workspace, folder) -> None:
    conna, dgme = entity_id(ws, "CONNA"), entity_id(ws, "DGME")
    ws.assignments.set_lead("3.1.2", conna)
    ws.assignments.add_support("3.1.2", dgme)
    ws.assignments.set_status("3.1.2", ActionStatus.IN_PROGRESS)
    ws.assignments.set_note("3.1.2", "Protocolo BIA en revisión con ACNUR")
    ws.close()

    again = Workspace.open(folder)
    a = again.assignments.get("3.1.2")
    assert a.lead_id == conna
    assert a.support_ids == (dgme,)
    assert a.status is ActionStatus.IN_PROGRESS
    assert a.note == "Protocolo BIA en revisión con ACNUR"
    assert a.updated_by == "Ana Pérez"
    assigned, total = again.plan.overview().coverage()
    assert assigned == 1 and total >= 30
    again.close()


def test_history_records_who_what_old_and_new(ws: Workspace) -> None:
    conna, dgme = entity_id(ws, "CONNA"), entity_id(ws, "DGME")
    ws.assignments.set_lead("1.1.1", conna)
    ws.assignments.set_lead("1.1.1", dgme)
    ws.assignments.set_status("1.1.1", "completed")
    history = ws.assignments.history("1.1.1")
    assert [(h.field, h.old, h.new) for h in history] == [
        ("status", "not_started", "completed"),
        (
            "lead",
            "Consejo Nacional de la Niñez y Adolescencia (CONNA)",
            "Dirección General de Migración y Extranjería (DGME)",
        ),
        ("lead", "", "Consejo Nacional de la Niñez y Adolescencia (CONNA)"),
    ]
    assert {h.actor for h in history} == {"Ana Pérez"}


def test_note_typed_in_bursts_is_one_history_entry(ws: Workspace) -> None:
    for text in ("P", "Pr", "Progreso", "Progreso parcial"):
        ws.assignments.set_note("2.1.1", text)
    notes = [h for h in ws.assignments.history("2.1.1") if h.field == "note"]
    assert [(n.old, n.new) for n in notes] == [("", "Progreso parcial")]


def test_lead_cannot_also_support(ws: Workspace) -> None:
    conna = entity_id(ws, "CONNA")
    ws.assignments.set_lead("1.2.1", conna)
    with pytest.raises(InvalidInput, match="lead entity cannot also be a supporting"):
        ws.assignments.set_supports("1.2.1", [conna])
    assert ws.assignments.get("1.2.1").support_ids == ()


def test_choosing_a_supporter_as_lead_moves_it(ws: Workspace) -> None:
    conna = entity_id(ws, "CONNA")
    ws.assignments.add_support("1.2.2", conna)
    a = ws.assignments.set_lead("1.2.2", conna)
    assert a.lead_id == conna and a.support_ids == ()


@pytest.mark.parametrize("code", ["9.9.9", "1.1", "", "1"])
def test_unknown_action_is_refused(ws: Workspace, code: str) -> None:
    with pytest.raises(NotFound):
        ws.assignments.set_status(code, "completed")


def test_unknown_status_is_refused_and_nothing_changes(ws: Workspace) -> None:
    with pytest.raises(InvalidInput, match="Unknown status 'done'"):
        ws.assignments.set_status("1.1.1", "done")
    assert ws.assignments.history("1.1.1") == []


def test_retired_entity_cannot_take_new_actions(ws: Workspace) -> None:
    extra = ws.entities.add(EntityDraft("Procuraduría General", "PGR"))
    ws.entities.retire(extra.id)
    with pytest.raises(InvalidInput, match="retired"):
        ws.assignments.set_lead("4.1.1", extra.id)
