"""What changed between two real submissions of a country, as the Secretariat's inbox will show
it, and the submission that set each record, whatever order submissions were accepted in."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from focalpoint.domain.submission_changes import changes_between, set_by
from focalpoint.services.country.workspace import Workspace
from tests.conftest import entity_id
from tests.services.test_directory import a_service, an_organisation
from tests.services.test_submissions import export, keyed, read_member

__all__ = ["keyed"]


def data_of(ws: Workspace) -> dict[str, Any]:
    package = export(ws, include_report=False)
    return dict(json.loads(read_member(package, "data/submission.json")))


def test_the_first_submission_adds_everything_it_holds(keyed: Workspace) -> None:
    first = data_of(keyed)
    changes = changes_between(None, first)
    assert [(c.action_code, c.fields) for c in changes.actions] == [
        ("1.1.1", ("lead_id", "support_ids", "status"))
    ]
    assert len(changes.kinds["entities"].added) == len(first["entities"]) > 0
    assert not changes.missing_actions and not changes.kinds["services"].missing


def test_the_next_submission_shows_only_what_changed_since(keyed: Workspace) -> None:
    org = an_organisation(keyed)
    kept = keyed.directory.save_service(a_service(org, name="Albergue Nuevo Amanecer"))
    gone = keyed.directory.save_service(a_service(org, name="Línea 123"))
    first = data_of(keyed)

    keyed.assignments.set_supports("1.1.1", [entity_id(keyed, "DGME")])  # the same, saved again
    keyed.assignments.set_note("1.1.1", "Mesa técnica instalada")
    keyed.assignments.set_lead("2.1.1", entity_id(keyed, "CONNA"))
    keyed.directory.delete_service(gone.id)
    added = keyed.directory.save_service(a_service(org, name="Consulado móvil"))
    second = data_of(keyed)

    changes = changes_between(first, second)
    assert [(c.action_code, c.fields) for c in changes.actions] == [
        ("1.1.1", ("note",)),
        ("2.1.1", ("lead_id",)),
    ]
    services = changes.kinds["services"]
    assert services.added == (added.id,) and services.removed == (gone.id,)
    assert kept.id not in services.changed and not services.missing
    assert changes.kinds["entities"].empty and not changes.empty
    assert changes_between(second, second).empty  # the same package twice changes nothing

    origin = set_by({1: first, 2: second})
    assert origin[("services", kept.id)] == 1 and origin[("services", added.id)] == 2
    assert origin[("assignments", "1.1.1")] == 2 and origin[("services", gone.id)] == 2


def test_a_record_a_later_submission_leaves_out_is_missing_never_deleted() -> None:
    service = {"id": "s1", "name": "Albergue", "deleted_at": None, "updated_at": "2026-01-01"}
    first = {"services": [service], "assignments": [{"action_code": "1.1.1", "status": "done"}]}
    changes = changes_between(first, {"services": [], "assignments": []})
    assert changes.kinds["services"].missing == ("s1",) and changes.missing_actions == ("1.1.1",)
    assert not changes.kinds["services"].removed
    restored = changes_between(
        {"services": [{**service, "deleted_at": "2026-02-01"}]}, {"services": [service]}
    )
    assert restored.kinds["services"].restored == ("s1",)
    saved_again = changes_between(
        {"services": [service]}, {"services": [{**service, "updated_at": "x"}]}
    )
    assert saved_again.empty


# A country's history of submissions: each one a small state of a few services and actions.
_states = st.fixed_dictionaries(
    {
        "services": st.lists(
            st.fixed_dictionaries(
                {
                    "id": st.sampled_from(["a", "b", "c", "d"]),
                    "name": st.sampled_from(["Albergue", "Línea", "Consulado"]),
                    "deleted_at": st.sampled_from([None, "2026-03-01"]),
                }
            ),
            unique_by=lambda r: r["id"],
        ),
        "assignments": st.lists(
            st.fixed_dictionaries(
                {
                    "action_code": st.sampled_from(["1.1.1", "1.1.2", "2.1.1"]),
                    "lead_id": st.sampled_from([None, "e1", "e2"]),
                    "support_ids": st.lists(st.sampled_from(["e1", "e2", "e3"]), unique=True),
                    "status": st.sampled_from(["not_started", "in_progress", "done"]),
                    "note": st.sampled_from(["", "Mesa técnica"]),
                }
            ),
            unique_by=lambda r: r["action_code"],
        ),
    }
)


@settings(max_examples=60, deadline=None)
@given(history=st.lists(_states, min_size=1, max_size=5), order=st.randoms(use_true_random=False))
def test_any_order_of_acceptance_traces_the_same_origins(history, order) -> None:  # type: ignore[no-untyped-def]
    accepted = {sequence: state for sequence, state in enumerate(history, start=1)}
    shuffled = list(accepted.items())
    order.shuffle(shuffled)
    assert set_by(dict(shuffled)) == set_by(accepted)
    newest = history[-1]
    assert set(set_by(accepted)) == {("services", s["id"]) for s in newest["services"]} | {
        ("assignments", a["action_code"]) for a in newest["assignments"]
    }
    for state in history:  # a package taken in twice changes nothing
        assert changes_between(state, state).empty
