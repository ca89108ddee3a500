"""The national entity directory: add, edit, merge, retire, and the refusals."""

from __future__ import annotations

import pytest

from focalpoint.domain.errors import EntityInUse, InvalidInput, NotFound
from focalpoint.domain.records import EntityDraft
from focalpoint.domain.vocab import EntityType
from focalpoint.services.country.workspace import Workspace
from tests.conftest import entity_id


def test_add_and_edit_keep_every_field(ws: Workspace) -> None:
    e = ws.entities.add(
        EntityDraft(
            "  Ministerio de Relaciones Exteriores  ",
            "MRREE",
            EntityType.MINISTRY,
            contact_person="Luis Díaz",
            email="ldiaz@rree.gob.sv",
            phone="+503 2231 1000",
            address="Calle El Pedregal",
            notes="Punto focal titular",
        )
    )
    assert e.name == "Ministerio de Relaciones Exteriores"  # trimmed
    child = ws.entities.add(
        EntityDraft("Dirección de Atención al Migrante", "DAM", EntityType.CONSULAR, parent_id=e.id)
    )
    assert child.parent_id == e.id
    changed = ws.entities.update(
        e.id, EntityDraft("Ministerio de Relaciones Exteriores", "RREE", EntityType.MINISTRY)
    )
    assert changed.acronym == "RREE" and changed.email == ""
    history = ws.entities.history(e.id)
    assert [(h.field, h.old, h.new) for h in reversed(history) if h.field != "created"] == [
        ("acronym", "MRREE", "RREE"),
        ("contact_person", "Luis Díaz", ""),
        ("email", "ldiaz@rree.gob.sv", ""),
        ("phone", "+503 2231 1000", ""),
        ("address", "Calle El Pedregal", ""),
        ("notes", "Punto focal titular", ""),
    ]


@pytest.mark.parametrize("name", ["", "   "])
def test_empty_name_is_refused(ws: Workspace, name: str) -> None:
    before = ws.entities.all()
    with pytest.raises(InvalidInput, match="enter the entity's name"):
        ws.entities.add(EntityDraft(name))
    assert ws.entities.all() == before


def test_duplicate_name_is_refused_case_insensitively(ws: Workspace) -> None:
    with pytest.raises(InvalidInput, match="already in the directory"):
        ws.entities.add(EntityDraft("consejo nacional de la niñez y adolescencia"))


def test_bad_email_and_type_are_refused(ws: Workspace) -> None:
    with pytest.raises(InvalidInput, match="not an e-mail address"):
        ws.entities.add(EntityDraft("Fiscalía", email="fiscalia.gob"))
    with pytest.raises(InvalidInput, match="Unknown entity type"):
        ws.entities.add(EntityDraft("Fiscalía", type="police"))  # type: ignore[arg-type]


def test_merge_moves_assignments_and_keeps_a_tombstone(ws: Workspace) -> None:
    conna, dgme = entity_id(ws, "CONNA"), entity_id(ws, "DGME")
    dup = ws.entities.add(EntityDraft("CONNA El Salvador", "CONNA-SV"))
    ws.assignments.set_lead("1.1.1", dup.id)
    ws.assignments.set_lead("1.1.2", dgme)
    ws.assignments.set_supports("1.1.2", [dup.id, conna])
    ws.assignments.set_lead("1.1.3", conna)
    ws.assignments.set_supports("1.1.3", [dup.id])

    report = ws.entities.merge(conna, dup.id)

    assert set(report.moved_codes) == {"1.1.1", "1.1.2", "1.1.3"}
    assert ws.assignments.get("1.1.1").lead_id == conna
    assert ws.assignments.get("1.1.2").support_ids == (conna,)  # one row, not two
    assert ws.assignments.get("1.1.3").support_ids == ()  # the lead does not also support
    assert dup.id not in {e.id for e in ws.entities.all()}
    row = (
        ws.db.connection()
        .execute("SELECT merged_into FROM entity WHERE id = ?", (dup.id,))
        .fetchone()
    )
    assert row == (conna,)
    assert any(h.field == "merge" for h in ws.assignments.history("1.1.1"))


def test_entity_in_use_cannot_silently_be_retired(ws: Workspace) -> None:
    conna = entity_id(ws, "CONNA")
    ws.assignments.set_lead("5.1.1", conna)
    with pytest.raises(EntityInUse) as refused:
        ws.entities.retire(conna)
    assert refused.value.action_codes == ("5.1.1",)
    assert not ws.entities.get(conna).retired
    ws.entities.retire(conna, force=True)
    assert ws.entities.get(conna).retired
    assert ws.assignments.get("5.1.1").lead_id == conna  # the assignment keeps it
    ws.entities.restore(conna)
    assert not ws.entities.get(conna).retired


def test_resolve_by_name_acronym_or_id(ws: Workspace) -> None:
    conna = entity_id(ws, "conna")
    assert ws.entities.resolve("Consejo Nacional de la Niñez y Adolescencia").id == conna
    assert ws.entities.resolve(conna[:8]).id == conna


def test_resolve_a_retired_entity_to_bring_back(ws: Workspace) -> None:
    conna = entity_id(ws, "CONNA")
    with pytest.raises(NotFound, match="No retired entity named 'CONNA'"):
        ws.entities.resolve("CONNA", retired=True)
    ws.entities.retire(conna)
    assert ws.entities.resolve("conna", retired=True).id == conna
    assert ws.entities.resolve(conna, retired=True).id == conna
    with pytest.raises(NotFound, match="No retired entity named 'DGME'"):
        ws.entities.resolve("DGME", retired=True)


def test_names_that_differ_only_in_case_are_duplicates_in_any_script(ws: Workspace) -> None:
    ws.entities.add(EntityDraft("Ministerio de Educación"))
    with pytest.raises(InvalidInput, match="already in the directory"):
        ws.entities.add(EntityDraft("MINISTERIO DE  EDUCACIÓN"))


def test_merging_into_a_sub_unit_never_makes_it_its_own_parent(ws: Workspace) -> None:
    segob = ws.entities.add(EntityDraft("Secretaría de Gobernación", "SEGOB"))
    inm = ws.entities.add(EntityDraft("Instituto Nacional de Migración", "INM", parent_id=segob.id))
    ws.entities.merge(inm.id, segob.id)
    assert ws.entities.get(inm.id).parent_id is None


def test_parent_cycles_are_refused(ws: Workspace) -> None:
    a = ws.entities.add(EntityDraft("Ministerio A"))
    b = ws.entities.add(EntityDraft("Dirección B", parent_id=a.id))
    c = ws.entities.add(EntityDraft("Unidad C", parent_id=b.id))
    with pytest.raises(InvalidInput, match="own sub-units"):
        ws.entities.update(a.id, EntityDraft("Ministerio A", parent_id=c.id))
    assert ws.entities.get(a.id).parent_id is None


def test_merge_stamps_the_moved_assignments(ws: Workspace) -> None:
    conna = entity_id(ws, "CONNA")
    dup = ws.entities.add(EntityDraft("CONNA bis", "CB"))
    ws.assignments.set_lead("4.1.1", dup.id)
    with ws.db.transaction() as conn:  # as if a colleague had set it long ago
        conn.execute(
            "UPDATE assignment SET updated_at = '2020-01-01T00:00:00.000+00:00',"
            " updated_by = 'Luis' WHERE action_code = '4.1.1'"
        )
    ws.entities.merge(conna, dup.id)
    after = ws.assignments.get("4.1.1")
    assert after.lead_id == conna
    assert after.updated_at > "2020-01-01T00:00:00.000+00:00"
    assert after.updated_by == "Ana Pérez"


def test_history_names_the_parent_institution(ws: Workspace) -> None:
    parent = ws.entities.add(EntityDraft("Ministerio de Justicia", "MJ"))
    child = ws.entities.add(EntityDraft("Defensoría Pública", "DP"))
    ws.entities.update(child.id, EntityDraft("Defensoría Pública", "DP", parent_id=parent.id))
    changes = [(h.field, h.old, h.new) for h in ws.entities.history(child.id)]
    assert ("parent", "", "Ministerio de Justicia (MJ)") in changes
