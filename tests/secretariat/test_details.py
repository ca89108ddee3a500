"""What the Secretariat's window shows of one package and one matrix cell, from real packages of a
real country workspace: the full list of changes with old and new values and names, the package
that set a cell, and the receipt's file name."""

from __future__ import annotations

from pathlib import Path

import pytest

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.practices import Practice
from focalpoint.domain.records import EntityDraft
from focalpoint.domain.vocab import EntityType
from focalpoint.services.secretariat.change_details import FieldChange, RecordsDetail
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from tests.secretariat.test_intake import country_workspace, export, register


def test_the_details_name_every_change_against_the_accepted_submission_before(
    ts: SecretariatWorkspace, tmp_path: Path
) -> None:
    sv = country_workspace(tmp_path / "SV", "SV")
    register(ts, sv, tmp_path)
    first = ts.intake.receive([export(sv)])[0]
    details = ts.intake.details(first.id)
    assert details.since is None  # the country's first: everything is new
    assert [a.code for a in details.actions] == ["1.1.1"]
    lead = details.actions[0].fields[0]
    assert lead == FieldChange("lead", "", "Lead of SV (CONNA)")
    assert details.actions[0].title  # the plan's title of the action
    assert RecordsDetail("entities", "added", ("Lead of SV (CONNA)", "Migración SV (DGM)")) in (
        details.records
    )
    ts.consolidation.accept(first.id)

    other = sv.entities.add(EntityDraft("Ministerio de Salud", "MINSAL", EntityType.MINISTRY))
    sv.assignments.set_lead("1.1.1", other.id)
    sv.assignments.set_status("1.1.1", "completed")
    sv.assignments.set_note("1.1.1", "Protocolo firmado")
    sv.practices.save(Practice(title="Protocolo de recepción"))
    second = ts.intake.receive([export(sv)])[0]
    sv.close()
    details = ts.intake.details(second.id)
    assert details.since is not None and details.since.sequence == 1
    (action,) = details.actions
    assert action.code == "1.1.1"
    assert {f.name: (f.old, f.new) for f in action.fields} == {
        "lead": ("Lead of SV (CONNA)", "Ministerio de Salud (MINSAL)"),
        "status": ("In progress", "Completed"),
        "note": ("", "Protocolo firmado"),
    }
    assert set(details.records) == {
        RecordsDetail("entities", "added", ("Ministerio de Salud (MINSAL)",)),
        RecordsDetail("practices", "added", ("Protocolo de recepción",)),
    }
    # The inbox's summary and the full list agree.
    assert ts.intake.changes(second.id).actions[0].action_code == "1.1.1"

    # Accepted, the package is still compared with the one before it, not with itself.
    ts.consolidation.accept(second.id)
    assert ts.intake.details(second.id).actions == details.actions
    origin = ts.consolidation.set_by("SV", "1.1.1")
    assert origin is not None and origin.id == second.id and origin.sequence == 2
    assert ts.consolidation.set_by("SV", "9.9.9") is None
    assert ts.receipts.file_name(second.id) == "FocalPoint-receipt-SV-002-accepted.json"


def test_a_pending_package_has_no_receipt_name(ts: SecretariatWorkspace, tmp_path: Path) -> None:
    sv = country_workspace(tmp_path / "SV", "SV")
    register(ts, sv, tmp_path)
    received = ts.intake.receive([export(sv)])[0]
    sv.close()
    with pytest.raises(InvalidInput, match="not decided yet"):
        ts.receipts.file_name(received.id)


def test_the_details_show_the_proposals_a_package_brings(
    ts: SecretariatWorkspace, tmp_path: Path
) -> None:
    from focalpoint.services.secretariat.change_details import ProposalDetail
    from focalpoint.ui.secretariat.inbox_details import changes_html

    sv = country_workspace(tmp_path / "SV", "SV")
    register(ts, sv, tmp_path)
    sv.proposals.add("1.1.1", "Fortalecer la coordinación consular " * 10, "Porque", "es")
    first = ts.intake.receive([export(sv)])[0]
    sv.assignments.set_status("1.1.1", "completed")
    second = ts.intake.receive([export(sv)])[0]  # nothing proposed since the first
    sv.close()

    details = ts.intake.details(first.id)
    assert details.proposals == (
        ProposalDetail("1.1.1", "wording", ("Fortalecer la coordinación consular " * 10).strip()),
    )
    shown = changes_html(details)
    assert "Amendment proposals" in shown and "<b>1.1.1</b> New wording: Fortalecer" in shown
    assert "…" in shown  # a long text is cut: the Proposals tab has it whole
    assert ts.intake.details(second.id).proposals == ()
