"""The countries' amendment proposals at the Secretariat, with real packages, keys and receipts,
on SQLite and PostgreSQL: taken in with the package, side by side per action, answered, refused
answers changing nothing, and the answers back in the country's own workspace."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from focalpoint.domain.errors import InvalidInput, NotFound
from focalpoint.domain.records import EntityDraft, Profile
from focalpoint.domain.vocab import EntityType
from focalpoint.services.country.workspace import Workspace
from focalpoint.services.secretariat.intake import TAKEN_IN
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from focalpoint.storage.secretariat import proposal_store

PASSPHRASE = "correct horse battery staple"
TS_PASSPHRASE = "una frase de paso larga"


def country(folder: Path, code: str) -> Workspace:
    """A country's real workspace with a signing key and a lead for action 1.1.1."""
    ws = Workspace.open(folder)
    ws.profile.save(Profile(language="es", country=code, name=f"Officer {code}", institution="MRE"))
    lead = ws.entities.add(EntityDraft(f"Lead of {code}", "LEAD", EntityType.CHILD_PROTECTION))
    ws.keys.create(PASSPHRASE)
    ws.assignments.set_lead("1.1.1", lead.id)
    return ws


def send(ws: Workspace, ts: SecretariatWorkspace) -> str:
    """The country's next package, received by the Secretariat: its id there."""
    row = ws.submissions.export(PASSPHRASE, include_report=False)
    [result] = ts.intake.receive([ws.submissions.kept_file(row)])
    assert result.outcome == TAKEN_IN, result.reason
    return result.id


@pytest.fixture
def region(
    ts: SecretariatWorkspace, tmp_path: Path
) -> Iterator[tuple[SecretariatWorkspace, dict[str, Workspace]]]:
    """The Secretariat with its key, and El Salvador and Mexico registered with it."""
    ts.keys.create(TS_PASSPHRASE)
    made = {code: country(tmp_path / code, code) for code in ("SV", "MX")}
    for code, ws in made.items():
        info = ws.keys.current()
        assert info is not None
        pem = ws.keys.export_public(tmp_path / f"{code}.pem")
        ts.registry.register_file(pem, code, info.fingerprint)
    key_file = tmp_path / "ts-key.json"
    ts.keys.write_key_file(key_file, TS_PASSPHRASE)
    fingerprint = ts.keys.current().fingerprint
    for ws in made.values():
        ws.secretariat.trust(key_file, fingerprint)
    yield ts, made
    for ws in made.values():
        ws.close()


def answered(ts: SecretariatWorkspace) -> dict[str, tuple[str, str, str, str, str]]:
    return {
        p.proposal_id: (p.country, p.target_code, p.state, p.state_reason, p.state_version)
        for p in ts.proposals.all()
    }


def test_proposals_travel_are_answered_and_the_answers_come_back(
    region: tuple[SecretariatWorkspace, dict[str, Workspace]], tmp_path: Path
) -> None:
    ts, made = region
    sv, mx = made["SV"], made["MX"]
    sv_wording = sv.proposals.add("1.1.1", "Nueva redacción", "Armonizar con la Cumbre", "es")
    sv_action = sv.proposals.add("1.1", "Nueva acción: alternativas a la detención", "Punto 7")
    mx_paragraph = mx.proposals.add(
        "1.1", "Párrafo que se añadirá al Plan", "Acta de 2017, punto 3", "es", "paragraph"
    )
    mx_comment = mx.proposals.add("1.1.1", "A comment on 1.1.1", "Clarity", "en", "comment")
    sv_package = send(sv, ts)
    mx_package = send(mx, ts)

    # Taken in with the package, before any decision: side by side per target, in plan order.
    groups = ts.proposals.by_target()
    assert [(g.target_code, g.countries) for g in groups] == [
        ("1.1", ("MX", "SV")),
        ("1.1.1", ("MX", "SV")),
    ]
    assert groups[1].target_title  # the action's title, from the plan
    row = next(p for p in groups[0].proposals if p.country == "MX")
    assert (row.kind, row.text, row.proposed_by, row.package_id) == (
        "paragraph",
        "Párrafo que se añadirá al Plan",
        "Officer MX",
        mx_package,
    )
    assert {p.state for p in ts.proposals.all()} == {"submitted"}

    ts.consolidation.accept(sv_package)
    ts.consolidation.return_(mx_package, "Falta la entidad de apoyo")  # its proposals stay
    marked, changed = ts.proposals.mark(f"SV-{sv_wording.id[:8]}", "incorporated", version="1.1")
    assert changed and (marked.state, marked.state_version) == ("incorporated", "1.1")
    assert marked.state_by == "Secretaría Técnica de la CRM" and marked.state_at
    ts.proposals.mark(f"sv-{sv_action.id[:4]}", "discussion", reason="Next meeting")
    ts.proposals.mark(mx_paragraph.id, "declined", reason="Ya lo cubre la acción 1.1.2")
    again, changed = ts.proposals.mark(f"SV-{sv_wording.id[:8]}", "incorporated", version="1.1")
    assert not changed and again == marked

    # The receipts carry every answer of their country; each country sees its own.
    for (
        code,
        package,
    ) in (("SV", sv_package), ("MX", mx_package)):
        receipt = ts.receipts.write(package, tmp_path / f"{code}.json", TS_PASSPHRASE)
        done = made[code].secretariat.import_receipt(receipt)
        assert {p.state for p in done.answered} <= {"incorporated", "discussion", "declined"}
    assert {p.id: (p.state, p.state_version, p.state_reason) for p in sv.proposals.all()} == {
        sv_wording.id: ("incorporated", "1.1", ""),
        sv_action.id: ("discussion", "", "Next meeting"),
    }
    assert {p.id: (p.state, p.state_reason) for p in mx.proposals.all()} == {
        mx_paragraph.id: ("declined", "Ya lo cubre la acción 1.1.2"),
        mx_comment.id: ("submitted", ""),  # sent, not answered yet
    }
    assert next(p for p in mx.proposals.all() if p.id == mx_paragraph.id).answered_at

    # Answered later: the same receipt written again brings the new answer.
    ts.proposals.mark(f"MX-{mx_comment.id[:8]}", "incorporated", version="1.1")
    receipt = ts.receipts.write(mx_package, tmp_path / "MX-again.json", TS_PASSPHRASE)
    later = mx.secretariat.import_receipt(receipt)
    assert later.already and [p.id for p in later.answered] == [mx_comment.id]
    assert mx.proposals.get(mx_comment.id).state == "incorporated"


def test_bad_marks_are_refused_in_words_and_change_nothing(
    region: tuple[SecretariatWorkspace, dict[str, Workspace]],
) -> None:
    ts, made = region
    one = made["SV"].proposals.add("1.1.1", "Texto", "Porque")
    package = send(made["SV"], ts)
    # Two proposals whose ids start alike (as two of a thousand may): typed short, ambiguous.
    twins = [f"abcd{n}000-0000-4000-8000-000000000000" for n in (1, 2)]
    with ts.db.transaction() as conn:
        proposal_store.take_in(
            conn,
            "SV",
            package,
            [
                {
                    "id": i,
                    "target_code": "1.1",
                    "kind": "comment",
                    "language": "es",
                    "text": "T",
                    "justification": "J",
                    "created_at": "2026-01-01",
                    "created_by": "Officer SV",
                }
                for i in twins
            ],
        )
    before = answered(ts)
    refusals: list[tuple[type[Exception], str, tuple[str, ...]]] = [
        (NotFound, "No proposal has the id", ("SV-ffffffff", "discussion")),
        (NotFound, "No proposal has the id", (f"MX-{one.id[:8]}", "discussion")),
        (InvalidInput, "at least 4", ("SV-1", "discussion")),
        (InvalidInput, "why the proposal is declined", (one.id, "declined")),
        (InvalidInput, "which plan version", (one.id, "incorporated")),
        (InvalidInput, "Unknown answer", (one.id, "accepted")),
    ]
    for error, said, args in refusals:
        with pytest.raises(error, match=said):
            ts.proposals.mark(*args)
    with pytest.raises(InvalidInput, match="Several proposals match SV-abcd"):
        ts.proposals.mark("SV-abcd", "discussion")
    ts.proposals.mark("SV-abcd1", "discussion")  # one more character tells them apart
    before[twins[0]] = ("SV", "1.1", "discussion", "", "")
    with pytest.raises(InvalidInput, match="too long"):
        ts.proposals.mark(one.id, "declined", reason="x" * 4001)
    assert answered(ts) == before


def test_a_proposal_sent_again_keeps_its_answer(
    region: tuple[SecretariatWorkspace, dict[str, Workspace]],
) -> None:
    ts, made = region
    sv = made["SV"]
    proposal = sv.proposals.add("1.1.1", "Texto", "Porque")
    send(sv, ts)
    ts.proposals.mark(f"SV-{proposal.id[:8]}", "declined", reason="No")
    # The workspace restored from a copy made before the package: the proposal is a draft again.
    with sv.db.transaction() as conn:
        conn.execute("UPDATE proposal SET state = 'draft', submission_id = NULL")
    second = send(sv, ts)
    [row] = ts.proposals.all()
    assert (row.state, row.state_reason) == ("declined", "No")
    assert row.package_id != second  # the package that first carried it
