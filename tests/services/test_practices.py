"""Recording practices: fields checked, links to actions and entities, search, delete, restore."""

from __future__ import annotations

import pytest

from focalpoint.domain.errors import InvalidInput, NeedsConfirmation, NotFound
from focalpoint.domain.practices import Practice, PracticeState
from focalpoint.services.country.workspace import Workspace
from tests.conftest import entity_id


def a_practice(ws: Workspace, **changes: object) -> Practice:
    values: dict[str, object] = {
        "title": "Casas de acogida familiar para niñez retornada",
        "summary": "Familias de acogida temporal en lugar de albergues cerrados.",
        "description": "Una red de familias capacitadas recibe a niñas y niños retornados.",
        "categories": ("alternative_care", "return_reintegration"),
        "populations": ("returned", "unaccompanied"),
        "phases": ("return",),
        "entity_ids": (entity_id(ws, "CONNA"),),
        "partners": ("UNICEF",),
        "period_start": "2021",
        "period_end": "2023-06",
        "action_codes": ("2.2.1",),
    }
    values.update(changes)
    return Practice(**values)  # type: ignore[arg-type]


def test_a_practice_is_saved_whole_and_shows_under_its_action(ws: Workspace) -> None:
    saved = ws.practices.save(a_practice(ws))
    assert saved.id
    again = ws.practices.get(saved.id)
    assert again.title == "Casas de acogida familiar para niñez retornada"
    assert again.categories == ("alternative_care", "return_reintegration")
    assert again.entity_ids == (entity_id(ws, "CONNA"),)
    assert again.action_codes == ("2.2.1",)
    assert again.state is PracticeState.DRAFT
    assert [p[1] for p in ws.practices.for_action("2.2.1")] == [saved.title]
    assert ws.practices.for_action("1.1.1") == []
    assert ws.practices.history(saved.id)[0].field == "created"


def test_every_wrong_field_is_refused_and_nothing_is_saved(ws: Workspace) -> None:
    for changes, words in (
        ({"title": "  "}, "title"),
        ({"categories": ("flying",)}, "flying"),
        ({"populations": ("adults",)}, "adults"),
        ({"action_codes": ("9.9.9",)}, "9.9.9"),
        ({"entity_ids": ("nope",)}, "entity"),
        ({"period_start": "last year"}, "year"),
        ({"period_start": "2024", "period_end": "2022"}, "ends before"),
        ({"national": False, "subdivisions": ()}, "subdivisions"),
        ({"national": False, "subdivisions": ("GT-01",)}, "GT-01"),
        ({"title": "x" * 301}, "too long"),
        ({"title": "Red\x00de apoyo"}, "control characters"),
    ):
        with pytest.raises((InvalidInput, NotFound), match=words):
            ws.practices.save(a_practice(ws, **changes))
    assert ws.practices.summaries() == []


def test_local_scope_keeps_the_countrys_subdivisions(ws: Workspace) -> None:
    saved = ws.practices.save(a_practice(ws, national=False, subdivisions=("sv-ss", "SV-LI")))
    assert not saved.national
    assert saved.subdivisions == ("SV-LI", "SV-SS")


def test_ready_for_submission_needs_summary_category_and_action(ws: Workspace) -> None:
    with pytest.raises(InvalidInput, match=r"summary.*category.*action"):
        ws.practices.save(
            Practice(title="Sin terminar", state=PracticeState.READY)  # nothing else filled in
        )
    saved = ws.practices.save(a_practice(ws))
    ready = ws.practices.set_state(saved.id, PracticeState.READY)
    assert ready.state is PracticeState.READY
    assert any(e.field == "state" and e.new == "ready" for e in ws.practices.history(saved.id))


def test_search_finds_words_as_typed_without_accents(ws: Workspace) -> None:
    saved = ws.practices.save(a_practice(ws))
    other = ws.practices.save(a_practice(ws, title="Defensoría jurídica gratuita", summary=""))
    assert ws.practices.search("acogida fam") == {saved.id}
    assert ws.practices.search("juridica") == {other.id}
    assert ws.practices.search("CONNA") == {saved.id, other.id}  # the implementing entity
    assert ws.practices.search('"NEAR AND (') == set()  # operators are only words
    assert ws.practices.search("  ") is None


def test_deleting_a_practice_that_serves_actions_asks_then_can_be_undone(ws: Workspace) -> None:
    saved = ws.practices.save(a_practice(ws))
    with pytest.raises(NeedsConfirmation, match=r"2\.2\.1"):
        ws.practices.delete(saved.id)
    assert ws.practices.for_action("2.2.1")  # still there after the question
    ws.practices.delete(saved.id, force=True)
    assert ws.practices.summaries() == []
    assert ws.practices.for_action("2.2.1") == []
    assert ws.practices.search("acogida") == set()
    assert [s.id for s in ws.practices.summaries(include_deleted=True)] == [saved.id]
    with pytest.raises(InvalidInput, match="Restore"):
        ws.practices.save(saved)
    restored = ws.practices.restore(saved.id)
    assert not restored.deleted
    assert ws.practices.search("acogida") == {saved.id}
    assert [e.field for e in ws.practices.history(saved.id)][:2] == ["deleted", "deleted"]


def test_editing_records_each_changed_field(ws: Workspace) -> None:
    saved = ws.practices.save(a_practice(ws))
    ws.practices.save(
        Practice(**{**saved.__dict__, "results": "120 niños en familias", "entity_ids": ()})
    )
    changes = {e.field: (e.old, e.new) for e in ws.practices.history(saved.id)}
    assert changes["results"] == ("", "120 niños en familias")
    assert changes["entity_ids"][0].startswith("Consejo Nacional")


def test_edits_need_a_set_up_workspace(blank: Workspace) -> None:
    with pytest.raises(InvalidInput, match="Set up"):
        blank.practices.save(Practice(title="Algo"))


def test_history_names_categories_by_their_labels(ws: Workspace) -> None:
    saved = ws.practices.save(a_practice(ws))
    ws.practices.save(Practice(**{**saved.__dict__, "categories": ("education",)}))
    change = next(e for e in ws.practices.history(saved.id) if e.field == "categories")
    assert (
        change.old
        == "Reception and alternative care (alternatives to detention); Return and reintegration"
    )
    assert change.new == "Education"


def test_merging_entities_moves_practices_to_the_kept_one(ws: Workspace) -> None:
    conna, dgme = entity_id(ws, "CONNA"), entity_id(ws, "DGME")
    saved = ws.practices.save(a_practice(ws, entity_ids=(dgme,)))
    ws.entities.merge(conna, dgme)
    after = ws.practices.get(saved.id)
    assert after.entity_ids == (conna,)
    assert ws.practices.set_state(saved.id, PracticeState.DRAFT).entity_ids == (conna,)
    assert ws.practices.search("CONNA") == {saved.id}
    assert any(e.field == "merge" for e in ws.practices.history(saved.id))


def test_search_knows_categories_places_and_actions(ws: Workspace) -> None:
    saved = ws.practices.save(a_practice(ws, national=False, subdivisions=("SV-AH",)))
    for words in ("Ahuachapan", "cuidado alternativo", "alternative care", "2.2.1", "retornados"):
        assert ws.practices.search(words) == {saved.id}, words
