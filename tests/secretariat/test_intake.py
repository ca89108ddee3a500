"""Intake with real packages from real country workspaces and keys, on SQLite and PostgreSQL:
received, refused with their reason (nothing stored, the batch goes on), accepted or returned,
consolidated whatever the order, and the regional matrix read back."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.records import EntityDraft, Profile
from focalpoint.domain.vocab import EntityType
from focalpoint.services.country.workspace import Workspace
from focalpoint.services.secretariat.intake import DUPLICATE, REFUSED, TAKEN_IN
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from tests.plan_files import signed_plan_file
from tests.services.test_plan_import import next_version

PASSPHRASE = "correct horse battery staple"
TS_PASSPHRASE = "una frase de paso larga"
LEADS = {"SV": "CONNA", "GT": "PGN", "HN": "DINAF", "CR": "PANI"}


def country_workspace(folder: Path, code: str) -> Workspace:
    """A country's real workspace with a key, a lead for action 1.1.1 and a supporting entity."""
    ws = Workspace.open(folder)
    ws.profile.save(Profile(language="es", country=code, name=f"Officer {code}", institution="MRE"))
    lead = ws.entities.add(EntityDraft(f"Lead of {code}", LEADS[code], EntityType.CHILD_PROTECTION))
    support = ws.entities.add(EntityDraft(f"Migración {code}", "DGM", EntityType.MIGRATION))
    ws.keys.create(PASSPHRASE)
    ws.assignments.set_lead("1.1.1", lead.id)
    ws.assignments.set_supports("1.1.1", [support.id])
    ws.assignments.set_status("1.1.1", "in_progress")
    return ws


def export(ws: Workspace, encrypt: bool = False) -> Path:
    row = ws.submissions.export(PASSPHRASE, include_report=False, encrypt=encrypt)
    return ws.submissions.kept_file(row, encrypted=encrypt)


def register(ts: SecretariatWorkspace, ws: Workspace, tmp_path: Path) -> None:
    info = ws.keys.current()
    assert info is not None
    code = ws.profile.get().country  # type: ignore[union-attr]
    pem = ws.keys.export_public(tmp_path / f"{code}.pem")
    ts.registry.register_file(pem, code, info.fingerprint)


@pytest.fixture
def countries(tmp_path: Path) -> Iterator[dict[str, Workspace]]:
    made = {code: country_workspace(tmp_path / code, code) for code in ("SV", "GT", "HN")}
    yield made
    for ws in made.values():
        ws.close()


@pytest.fixture
def keyed_ts(ts: SecretariatWorkspace) -> SecretariatWorkspace:
    ts.keys.create(TS_PASSPHRASE)
    return ts


def stored(ts: SecretariatWorkspace) -> tuple[int, list[str]]:
    received = ts.folder / "received"
    files = sorted(p.name for p in received.iterdir()) if received.exists() else []
    return ts.intake.count(), files


def test_three_countries_received_decided_and_the_matrix_read_back(
    keyed_ts: SecretariatWorkspace, countries: dict[str, Workspace], tmp_path: Path
) -> None:
    ts = keyed_ts
    for ws in countries.values():
        register(ts, ws, tmp_path)
    recipient = ts.keys.current().age_recipient  # type: ignore[union-attr]
    countries["HN"].submissions.set_secretariat_recipient(recipient)
    files = [export(countries["SV"]), export(countries["GT"]), export(countries["HN"], True)]
    with pytest.raises(InvalidInput, match="passphrase"):
        ts.intake.receive(files)  # an encrypted file needs the passphrase: nothing done
    assert stored(ts) == (0, [])
    results = ts.intake.receive(files, TS_PASSPHRASE)
    assert [r.outcome for r in results] == [TAKEN_IN] * 3, [r.reason for r in results]
    assert [r.country for r in results] == ["SV", "GT", "HN"]
    assert all(r.code == "next" and r.sequence == 1 for r in results)

    again = ts.intake.receive(files[:1])
    assert again[0].outcome == DUPLICATE and again[0].id == results[0].id
    assert stored(ts)[0] == 3 and len(stored(ts)[1]) == 3

    rows = ts.intake.page()
    assert {r.package.country for r in rows} == {"SV", "GT", "HN"}
    sv = next(r for r in rows if r.package.country == "SV")
    assert sv.fingerprint == countries["SV"].keys.current().fingerprint  # type: ignore[union-attr]
    assert sv.package.officer_name == "Officer SV" and sv.package.state == "pending"
    assert '"1.1.1"' in sv.package.changes
    assert [r.package.country for r in ts.intake.page(country="GT")] == ["GT"]

    ids = {r.country: r.id for r in results}
    assert ts.consolidation.accept(ids["SV"]).package.state == "accepted"
    assert ts.consolidation.accept(ids["HN"]).package.state == "accepted"
    with pytest.raises(InvalidInput, match="why"):
        ts.consolidation.return_(ids["GT"], "  ")
    returned = ts.consolidation.return_(ids["GT"], "Falta la entidad de apoyo — à revoir")
    assert returned.package.state == "returned"
    with pytest.raises(InvalidInput, match="returned"):
        ts.consolidation.accept(ids["GT"])
    assert ts.consolidation.head("GT") is None  # nothing of a returned package is merged
    assert [r.package.country for r in ts.intake.page(state="pending")] == []

    cells = {c.action_code: c for c in ts.consolidation.assignments("SV")}
    assert cells["1.1.1"].lead_name == "Lead of SV (CONNA)"
    assert cells["1.1.1"].support_names == ("Migración SV (DGM)",)
    assert cells["1.1.1"].set_by == ids["SV"]
    assert {i for i, _r, _b in ts.consolidation.records("SV", "entities")}

    out = tmp_path / "matrix.xlsx"
    ts.matrix.export(xlsx=out, csv=tmp_path / "matrix.csv")
    sheet = load_workbook(out).worksheets[0]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = values[0]
    row = next(r for r in values if r[0] == "1.1.1")
    by_country = dict(zip(header, row, strict=False))
    assert any("Lead of SV" in str(v) for k, v in by_country.items() if "Salvador" in str(k))
    assert any("Lead of HN" in str(v) for k, v in by_country.items() if "Honduras" in str(k))
    assert not any("Lead of GT" in str(v) for v in row)  # returned: not in the matrix
    assert "Lead of SV" in (tmp_path / "matrix.csv").read_text("utf-8-sig")


def test_a_newer_accepted_submission_is_never_overwritten_and_order_does_not_matter(
    keyed_ts: SecretariatWorkspace, countries: dict[str, Workspace], tmp_path: Path
) -> None:
    ws = countries["SV"]
    register(keyed_ts, ws, tmp_path)
    first = export(ws)
    ws.assignments.set_status("1.1.1", "completed")
    ws.assignments.set_note("1.1.2", "Protocolo en revisión")
    second = export(ws)
    ws.assignments.set_note("1.1.1", "Hecho")
    third = export(ws)
    files = [first, second, third]
    states = []
    for order in itertools.permutations(range(3)):
        fresh = SecretariatWorkspace.open(tmp_path / ("ts-" + "".join(map(str, order))))
        try:
            fresh.profile.save("ST", "es")
            register(fresh, ws, tmp_path)
            ids = [r.id for r in fresh.intake.receive(files)]
            for index in order:
                fresh.consolidation.accept(ids[index])
            before = consolidated(fresh)
            for index in order:  # accepting twice changes nothing
                assert not fresh.consolidation.accept(ids[index]).changed
            assert consolidated(fresh) == before
            states.append((before[0], before[1], {k: ids.index(v) for k, v in before[2].items()}))
            if order == (2, 0, 1):
                assert {r.package.sequence: r.package.state for r in fresh.intake.page()} == {
                    1: "superseded",
                    2: "superseded",
                    3: "accepted",
                }
        finally:
            fresh.close()
    assert all(s == states[0] for s in states)
    assert states[0][2]["1.1.1"] == 2 and states[0][2]["1.1.2"] == 1


def consolidated(ts: SecretariatWorkspace) -> tuple[object, ...]:
    head = ts.consolidation.head("SV")
    assert head is not None
    cells = ts.consolidation.assignments("SV")
    return (
        head.sequence,
        [(c.action_code, c.lead_name, c.status, c.note) for c in cells],
        {c.action_code: c.set_by for c in cells},
        [(i, r) for i, r, _b in ts.consolidation.records("SV", "entities")],
    )


def test_each_attack_is_refused_with_its_reason_and_the_batch_goes_on(
    keyed_ts: SecretariatWorkspace, countries: dict[str, Workspace], tmp_path: Path
) -> None:
    ts = keyed_ts
    sv, gt, hn = countries["SV"], countries["GT"], countries["HN"]
    register(ts, sv, tmp_path)
    register(ts, hn, tmp_path)  # GT's key is never registered
    good = export(sv)
    ts.intake.receive([good])

    bad: dict[str, Path] = {}
    bad["unknown_key"] = export(gt)
    # HN's key revoked from today: what it signs now is refused.
    ts.registry.revoke("HN", datetime.now(UTC).date())
    bad["revoked"] = export(hn)
    # A package that says it comes from HN, signed with a key registered for GT.
    impostor = country_workspace(tmp_path / "impostor", "HN")
    ts.registry.register_file(
        impostor.keys.export_public(tmp_path / "imp.pem"),
        "GT",
        impostor.keys.current().fingerprint,  # type: ignore[union-attr]
    )
    bad["other_country"] = export(impostor)
    impostor.close()
    data = bytearray(good.read_bytes())
    data[len(data) // 3] ^= 0x01
    bad["tampered"] = tmp_path / "tampered.zip"
    bad["tampered"].write_bytes(bytes(data))
    bad["half_copied"] = tmp_path / "half.zip"
    bad["half_copied"].write_bytes(good.read_bytes()[: len(data) // 2])
    bad["not_a_package"] = tmp_path / "notes.zip"
    bad["not_a_package"].write_text("not a package")
    # SV's workspace copied after submission 1: the copy's 2 and 3 never reach the Secretariat
    # in order. Its 2 arrives after the real 2 (a replay); its 3 names its own 2 (a fork).
    shutil.copytree(sv.folder, tmp_path / "sv-copy")
    second = export(sv)
    clone = Workspace.open(tmp_path / "sv-copy")
    clone.assignments.set_note("1.1.1", "another state")
    bad["replay"] = export(clone)
    clone.assignments.set_note("1.1.1", "yet another state")
    bad["fork"] = export(clone)
    clone.close()
    import pyrage

    other = pyrage.x25519.Identity.generate()
    sv.submissions.set_secretariat_recipient(str(other.to_public()))
    bad["encrypted_for_another"] = export(sv, encrypt=True)
    # Unknown plan version: a country installs a plan the Secretariat does not know.
    cr = country_workspace(tmp_path / "cr", "CR")
    cr.plan.import_file(signed_plan_file(cr, tmp_path / "plan.json", next_version()))
    register(ts, cr, tmp_path)
    bad["unknown_plan"] = export(cr)
    cr.close()

    before = stored(ts)
    files = list(bad.values())
    order = [*files[:4], second, *files[4:]]
    results = ts.intake.receive(order, TS_PASSPHRASE)
    by_file = {r.file: r for r in results}
    reasons = {name: by_file[path] for name, path in bad.items()}
    for name, result in reasons.items():
        assert result.outcome == REFUSED, (name, result)
        assert result.reason, name
    assert reasons["unknown_key"].code == "unknown_key"
    assert reasons["revoked"].code == "revoked"
    assert reasons["unknown_plan"].code == "unknown_plan"
    assert "1.0" in reasons["unknown_plan"].reason
    assert reasons["encrypted_for_another"].code == "encrypted"
    assert reasons["other_country"].code == "other_country"
    assert reasons["replay"].code == "replay" and "received already" in reasons["replay"].reason
    assert reasons["fork"].code == "fork"
    # The good one after them all was taken in: the batch went on.
    assert by_file[second].outcome == TAKEN_IN, by_file[second]
    count, names = stored(ts)
    assert count == before[0] + 1 and len(names) == len(before[1]) + 1


def test_a_gap_and_a_late_package_are_taken_in_and_flagged_and_a_changed_kept_copy_is_refused(
    keyed_ts: SecretariatWorkspace, countries: dict[str, Workspace], tmp_path: Path
) -> None:
    ts, sv = keyed_ts, countries["SV"]
    register(ts, sv, tmp_path)
    first, second, third = export(sv), export(sv), export(sv)
    gap = ts.intake.receive([first, third])
    assert [r.code for r in gap] == ["next", "gap"]
    assert "2" in gap[1].reason
    late = ts.intake.receive([second])[0]
    assert late.outcome == TAKEN_IN and late.code == "late"
    assert {r.package.sequence: r.package.missing for r in ts.intake.page()}[3] == "2"
    # A kept copy changed on the disk is named, and the decision leaves everything as it was.
    kept = next((ts.folder / "received").glob("SV-00003-*.zip"))
    data = bytearray(kept.read_bytes())
    data[len(data) // 2] ^= 0x01
    kept.write_bytes(bytes(data))
    with pytest.raises(InvalidInput, match="damaged"):
        ts.consolidation.accept(gap[1].id)
    assert ts.consolidation.head("SV") is None
    assert ts.intake.get(gap[1].id).state == "pending"
    assert ts.consolidation.accept(late.id).changed
    assert ts.consolidation.head("SV").sequence == 2  # type: ignore[union-attr]


def test_two_analysts_taking_in_the_same_files_at_once_keep_each_once(
    keyed_ts: SecretariatWorkspace,
    countries: dict[str, Workspace],
    tmp_path: Path,
    database_url: str | None,
) -> None:
    import threading

    ts, sv = keyed_ts, countries["SV"]
    register(ts, sv, tmp_path)
    files = [export(sv), export(sv), export(sv)]
    other = SecretariatWorkspace.open(ts.folder, database_url)
    results: dict[str, list[str]] = {}
    start = threading.Barrier(2)

    def take_in(name: str, workspace: SecretariatWorkspace) -> None:
        start.wait()
        results[name] = [f"{r.outcome} {r.reason}" for r in workspace.intake.receive(files)]

    try:
        threads = [
            threading.Thread(target=take_in, args=(name, w))
            for name, w in (("a", ts), ("b", other))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    finally:
        other.close()
    outcomes = [said.split()[0] for said in results["a"] + results["b"]]
    assert outcomes.count(TAKEN_IN) == 3 and outcomes.count(DUPLICATE) == 3, results
    count, names = stored(ts)
    assert count == 3 and len(names) == 3
