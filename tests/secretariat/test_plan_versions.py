"""The plan's round trip: the Secretariat publishes signed versions, countries take them in with
their assignments where they belong, and every bad version is refused with nothing changed."""

from __future__ import annotations

import copy
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from focalpoint.domain.errors import InvalidInput, PackageRefused, WrongPassphrase
from focalpoint.domain.plan_versions import Predecessor
from focalpoint.services.country.workspace import Workspace
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from tests.conftest import entity_id
from tests.plan_files import signed_plan_file
from tests.secretariat_side import Secretariat
from tests.services.test_plan_import import bundled

TS_PASSPHRASE = "una frase de paso larga"


@pytest.fixture
def ts(tmp_path: Path, database_url: str | None) -> Iterator[SecretariatWorkspace]:
    """The Secretariat's workspace on SQLite, and on PostgreSQL when a test server is given."""
    workspace = SecretariatWorkspace.open(tmp_path / "secretariat", database_url)
    workspace.profile.save("Secretaría Técnica de la CRM", "es")
    workspace.keys.create(TS_PASSPHRASE)
    yield workspace
    workspace.close()


def trusting(ws: Workspace, ts: SecretariatWorkspace, folder: Path) -> Workspace:
    """``ws`` trusts ``ts``'s key, as a focal point does after the phone call."""
    key = ts.keys.write_key_file(folder / "FocalPoint-Secretariat-key.json", TS_PASSPHRASE)
    ws.secretariat.trust(folder / "FocalPoint-Secretariat-key.json", key.fingerprint)
    return ws


def version_1_0() -> dict[str, Any]:
    """The bundled plan as the Secretariat edits it: 1.1.1 renamed, 1.1.2 moved to objective
    1.2 as 1.2.4, 1.1.3 removed."""
    data = bundled()
    first, second = data["axes"][0]["objectives"][:2]
    by_code = {a["code"]: a for a in first["actions"]}
    by_code["1.1.1"]["title"] = {"es": "Nuevo título", "en": "New title"}
    moved = {**by_code["1.1.2"], "code": "1.2.4", "formerly": ["1.1.2"]}
    first["actions"] = [by_code["1.1.1"]]
    second["actions"].append(moved)
    return data


def write_plan(folder: Path, data: dict[str, Any], name: str = "plan.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_published_versions_carry_their_lineage_and_countries_follow_them(
    ts: SecretariatWorkspace, ws: Workspace, tmp_path: Path
) -> None:
    conna, dgme = entity_id(ws, "CONNA"), entity_id(ws, "DGME")
    ws.assignments.set_lead("1.1.1", conna)
    ws.assignments.set_lead("1.1.2", dgme)
    ws.assignments.set_supports("1.1.2", [conna])
    ws.assignments.set_status("1.1.2", "in_progress")
    ws.assignments.set_lead("1.1.3", conna)
    trusting(ws, ts, tmp_path)
    assert ts.plans.current_document().info.version == "0.1"  # the bundled plan, at first

    preview = ts.plan_versions.preview(write_plan(tmp_path, version_1_0()), "1.0")
    changes = preview.changes
    assert [a.code for a in changes.added] == []
    assert [a.code for a in changes.removed] == ["1.1.3"]
    assert [r.code for r in changes.renamed] == ["1.1.1"]
    assert [(m.old_code, m.new_code, m.new_objective) for m in changes.moved] == [
        ("1.1.2", "1.2.4", "1.2")
    ]
    assert ts.plan_versions.versions() == []  # a preview records nothing

    signed = tmp_path / "FocalPoint-plan-1.0.json"
    first, _changes = ts.plan_versions.publish(
        write_plan(tmp_path, version_1_0()), "1.0", signed, TS_PASSPHRASE
    )
    assert (first.version, first.lineage, first.signed_file) == ("1.0", (), signed.read_bytes())
    assert ts.plans.knows("RCM-NNA-2017-2022", "1.0")  # packages on it are accepted
    assert ts.plans.current_document().info.version == "1.0"
    assert not ts.plans.current_document().info.provisional
    matrix_codes = [row.action.code for row in ts.matrix.build().rows]
    assert "1.2.4" in matrix_codes and "1.1.3" not in matrix_codes  # the matrix lists 1.0

    update = ws.plan.check_file(signed)  # what the country sees before applying
    assert update.moved == (("1.1.2", "1.2.4"),)
    assert update.unmatched == ("1.1.3",) and update.kept == ("1.1.1",)
    assert ws.plan.overview().info.version == "0.1"  # nothing applied yet
    report = ws.plan.import_file(signed, expected_sha256=update.sha256)
    assert report.moved_assignments == (("1.1.2", "1.2.4"),)
    overview = ws.plan.overview()
    assert not overview.info.provisional  # the banner goes
    moved = overview.assignments["1.2.4"]
    assert (moved.lead_id, moved.support_ids, moved.status.value) == (dgme, (conna,), "in_progress")
    assert "1.1.2" not in overview.assignments
    assert [a.action_code for a in overview.orphaned()] == ["1.1.3"]
    assert ws.plan.action("1.2.4").formerly == ("1.1.2",)
    row = ws.db.connection().execute("SELECT sha256, signed_by FROM plan").fetchone()
    assert row == (first.sha256, first.key_id)

    data = version_1_0()
    data["axes"][0]["objectives"][0]["actions"][0]["title"]["fr"] = "Nouveau titre"
    second, changes = ts.plan_versions.publish(
        write_plan(tmp_path, data), "1.1", tmp_path / "plan-1.1.json", TS_PASSPHRASE
    )
    assert second.lineage == (Predecessor("1.0", first.sha256),)
    assert [r.code for r in changes.renamed] == ["1.1.1"] and not changes.moved
    assert [v.version for v in ts.plan_versions.versions()] == ["1.0", "1.1"]
    ws.plan.import_file(tmp_path / "plan-1.1.json")
    assert ws.plan.info().version == "1.1"
    assert ws.plan.overview().assignments["1.2.4"].lead_id == dgme


def test_a_country_that_skipped_a_version_takes_in_the_next(
    ts: SecretariatWorkspace, ws: Workspace, tmp_path: Path
) -> None:
    trusting(ws, ts, tmp_path)
    ts.plan_versions.publish(
        write_plan(tmp_path, version_1_0()), "1.0", tmp_path / "a", TS_PASSPHRASE
    )
    ws.plan.import_file(tmp_path / "a")
    ts.plan_versions.publish(
        write_plan(tmp_path, version_1_0()), "1.1", tmp_path / "b", TS_PASSPHRASE
    )
    ts.plan_versions.publish(
        write_plan(tmp_path, version_1_0()), "2.0", tmp_path / "c", TS_PASSPHRASE
    )
    assert ws.plan.import_file(tmp_path / "c").new_version == "2.0"  # 1.1 skipped
    with pytest.raises(InvalidInput, match=r"already has version 2\.0"):
        ws.plan.import_file(tmp_path / "b")


@pytest.mark.parametrize(
    ("version", "edit", "message"),
    [
        ("0.1", None, r"not higher than the current version 0\.1"),
        ("0.0.9", None, "not higher"),
        ("v2", None, "not a number such as 1.2"),
        ("1.0", lambda d: d["plan"].update(code="RCM-OTRO"), "publishes the plan RCM-NNA"),
        ("1.0", lambda d: d["axes"][0].pop("objectives"), "does not follow the plan format"),
        (
            "1.0",
            lambda d: d["axes"][0]["objectives"][0]["actions"][0].update(formerly=["1.1.2"]),
            "still a code of this plan",
        ),
    ],
)
def test_a_bad_version_is_not_published(
    ts: SecretariatWorkspace, tmp_path: Path, version: str, edit: Any, message: str
) -> None:
    data = bundled()
    if edit:
        edit(data)
    out = tmp_path / "signed.json"
    with pytest.raises(InvalidInput, match=message):
        ts.plan_versions.publish(write_plan(tmp_path, data), version, out, TS_PASSPHRASE)
    assert not out.exists() and ts.plan_versions.versions() == []


def test_a_wrong_passphrase_or_an_older_version_publishes_nothing(
    ts: SecretariatWorkspace, tmp_path: Path
) -> None:
    path, out = write_plan(tmp_path, bundled()), tmp_path / "signed.json"
    with pytest.raises(WrongPassphrase):
        ts.plan_versions.publish(path, "1.0", out, "not the passphrase at all")
    assert not out.exists() and ts.plan_versions.versions() == []
    ts.plan_versions.publish(path, "1.0", out, TS_PASSPHRASE)
    with pytest.raises(InvalidInput, match=r"not higher than the current version 1\.0"):
        ts.plan_versions.publish(path, "1.0", tmp_path / "again.json", TS_PASSPHRASE)
    assert not (tmp_path / "again.json").exists()
    assert [v.version for v in ts.plan_versions.versions()] == ["1.0"]


# ----- what a country refuses, with nothing changed


def state(ws: Workspace) -> list[tuple[object, ...]]:
    conn: sqlite3.Connection = ws.db.connection()
    return [
        *conn.execute("SELECT * FROM plan"),
        *conn.execute("SELECT * FROM plan_item ORDER BY code"),
        *conn.execute("SELECT * FROM assignment ORDER BY action_code"),
        *conn.execute("SELECT * FROM assignment_support ORDER BY action_code, entity_id"),
        *conn.execute("SELECT count(*) FROM audit_log"),
    ]


def official(version: str = "1.0") -> dict[str, Any]:
    data = bundled()
    data["plan"].update(version=version, provisional=False)
    return data


def test_an_unsigned_plan_file_is_refused(ws: Workspace, tmp_path: Path) -> None:
    before = state(ws)
    with pytest.raises(InvalidInput, match="not signed by the Secretariat"):
        ws.plan.import_file(write_plan(tmp_path, official()))
    assert state(ws) == before


def test_a_signed_plan_without_a_trusted_key_is_refused(ws: Workspace, tmp_path: Path) -> None:
    from tests.plan_files import signed_plan_bytes

    path = tmp_path / "plan.json"
    path.write_bytes(signed_plan_bytes(official()))
    before = state(ws)
    with pytest.raises(InvalidInput, match="does not trust a Secretariat key yet"):
        ws.plan.import_file(path)
    assert state(ws) == before


def test_a_plan_signed_by_another_key_is_refused(ws: Workspace, tmp_path: Path) -> None:
    signed_plan_file(ws, tmp_path / "trusted.json", official())  # trusts the test key
    impostor = signed_plan_file(ws, tmp_path / "other.json", official(), secretariat=Secretariat())
    before = state(ws)
    with pytest.raises(PackageRefused, match="not signed by the Secretariat key this workspace"):
        ws.plan.check_file(impostor)
    with pytest.raises(PackageRefused, match="not signed by the Secretariat key this workspace"):
        ws.plan.import_file(impostor)
    assert state(ws) == before


def test_an_altered_signed_plan_is_refused(ws: Workspace, tmp_path: Path) -> None:
    import base64

    path = signed_plan_file(ws, tmp_path / "plan.json", official())
    envelope = json.loads(path.read_bytes())
    payload = base64.b64decode(envelope["payload"]).replace(b"1.1.1", b"1.1.9", 1)
    envelope["payload"] = base64.b64encode(payload).decode()
    path.write_text(json.dumps(envelope, indent=2) + "\n")
    before = state(ws)
    with pytest.raises(PackageRefused, match="altered since the Secretariat signed it"):
        ws.plan.import_file(path)
    assert state(ws) == before


def test_a_fork_older_or_equal_versions_and_another_plan_are_refused(
    ws: Workspace, tmp_path: Path
) -> None:
    ws.plan.import_file(signed_plan_file(ws, tmp_path / "1.0.json", official("1.0")))
    before = state(ws)
    fork = signed_plan_file(
        ws, tmp_path / "fork.json", official("1.1"), lineage=[Predecessor("1.0", "ab" * 32)]
    )
    with pytest.raises(InvalidInput, match="forks from another predecessor"):
        ws.plan.import_file(fork)
    no_lineage = signed_plan_file(ws, tmp_path / "bare.json", official("1.1"), lineage=[])
    with pytest.raises(InvalidInput, match="forks from another predecessor"):
        ws.plan.import_file(no_lineage)
    for version in ("1.0", "0.9"):
        with pytest.raises(InvalidInput, match=r"already has version 1\.0"):
            ws.plan.import_file(signed_plan_file(ws, tmp_path / "old.json", official(version)))
    other = official("2.0")
    other["plan"]["code"] = "RCM-OTRO-2030"
    with pytest.raises(InvalidInput, match="holds the plan RCM-OTRO-2030"):
        ws.plan.import_file(signed_plan_file(ws, tmp_path / "other.json", other))
    assert state(ws) == before


def test_a_file_changed_after_it_was_shown_is_not_applied(ws: Workspace, tmp_path: Path) -> None:
    path = signed_plan_file(ws, tmp_path / "plan.json", official("1.0"))
    shown = ws.plan.check_file(path)
    signed_plan_file(ws, path, official("1.1"))
    before = state(ws)
    with pytest.raises(InvalidInput, match="changed since its changes were shown"):
        ws.plan.import_file(path, expected_sha256=shown.sha256)
    assert state(ws) == before


def test_a_moved_action_does_not_take_over_an_assignment_of_its_own(
    ws: Workspace, tmp_path: Path
) -> None:
    conna, dgme = entity_id(ws, "CONNA"), entity_id(ws, "DGME")
    ws.assignments.set_lead("1.1.1", conna)
    ws.assignments.set_lead("1.1.2", dgme)
    data = copy.deepcopy(official())
    actions = data["axes"][0]["objectives"][0]["actions"]
    data["axes"][0]["objectives"][0]["actions"] = [a for a in actions if a["code"] != "1.1.1"]
    data["axes"][0]["objectives"][0]["actions"][0]["formerly"] = ["1.1.1"]  # 1.1.2 was 1.1.1
    report = ws.plan.import_file(signed_plan_file(ws, tmp_path / "plan.json", data))
    assert report.moved_assignments == () and report.unmatched_assignments == ("1.1.1",)
    assert ws.plan.overview().assignments["1.1.2"].lead_id == dgme


def test_practice_links_and_unsent_proposals_follow_a_moved_action(
    ts: SecretariatWorkspace, ws: Workspace, tmp_path: Path
) -> None:
    from focalpoint.domain.practices import Practice

    practice = ws.practices.save(Practice(title="Red consular", action_codes=("1.1.1", "1.1.2")))
    draft = ws.proposals.add("1.1.2", "Nueva redacción", "Porque", "es")
    trusting(ws, ts, tmp_path)
    signed = tmp_path / "FocalPoint-plan-1.0.json"
    ts.plan_versions.publish(write_plan(tmp_path, version_1_0()), "1.0", signed, TS_PASSPHRASE)

    report = ws.plan.import_file(signed)

    assert report.moved_links == (("1.1.2", "1.2.4"),)
    assert ws.practices.get(practice.id).action_codes == ("1.1.1", "1.2.4")
    assert [p[0] for p in ws.practices.for_action("1.2.4")] == [practice.id]
    assert ws.practices.for_action("1.1.2") == []
    assert ws.practices.search("1.2.4") == {practice.id}  # found by its action's new code
    assert ws.proposals.get(draft.id).target_code == "1.2.4"


def test_a_sent_proposal_keeps_the_code_the_secretariat_received(
    ts: SecretariatWorkspace, ws: Workspace, tmp_path: Path
) -> None:
    sent = ws.proposals.add("1.1.2", "Nueva redacción", "Porque", "es")
    ws.keys.create("una frase de paso larga")
    ws.submissions.export("una frase de paso larga", include_report=False)
    assert ws.proposals.get(sent.id).state != "draft"
    trusting(ws, ts, tmp_path)
    signed = tmp_path / "FocalPoint-plan-1.0.json"
    ts.plan_versions.publish(write_plan(tmp_path, version_1_0()), "1.0", signed, TS_PASSPHRASE)

    report = ws.plan.import_file(signed)

    assert report.moved_links == ()
    assert ws.proposals.get(sent.id).target_code == "1.1.2"


def test_an_action_s_history_follows_it_to_its_new_code(
    ts: SecretariatWorkspace, ws: Workspace, tmp_path: Path
) -> None:
    ws.assignments.set_lead("1.1.2", entity_id(ws, "DGME"))
    ws.assignments.set_status("1.1.2", "in_progress")
    trusting(ws, ts, tmp_path)
    signed = tmp_path / "FocalPoint-plan-1.0.json"
    ts.plan_versions.publish(write_plan(tmp_path, version_1_0()), "1.0", signed, TS_PASSPHRASE)
    ws.plan.import_file(signed)
    ws.assignments.set_status("1.2.4", "completed")

    moved = [(e.field, e.old, e.new) for e in ws.assignments.history("1.2.4")]
    assert moved == [
        ("status", "in_progress", "completed"),  # under its new code
        ("code", "1.1.2", "1.2.4"),  # the move itself
        ("status", "not_started", "in_progress"),  # under the code it had before
        ("lead", "", "Dirección General de Migración y Extranjería (DGME)"),
    ]

    # A later version gives 1.1.2 to a new action: it starts with no history of its own.
    data = version_1_0()
    first, second = data["axes"][0]["objectives"][:2]
    second["actions"][-1]["formerly"] = []  # 1.2.4 moved in 1.0: its old code is free again
    first["actions"].append({**first["actions"][0], "code": "1.1.2", "formerly": []})
    first["actions"][-1]["title"] = {"es": "Otra acción", "en": "Another action"}
    again = tmp_path / "FocalPoint-plan-1.1.json"
    ts.plan_versions.publish(write_plan(tmp_path, data, "p11.json"), "1.1", again, TS_PASSPHRASE)
    ws.plan.import_file(again)
    assert ws.assignments.history("1.1.2") == []
    ws.assignments.set_status("1.1.2", "in_progress")
    assert [e.new for e in ws.assignments.history("1.1.2")] == ["in_progress"]
    assert len(ws.assignments.history("1.2.4")) == 4  # the new 1.1.2's change is not 1.2.4's


def test_a_published_file_is_what_its_json_schema_says(
    ts: SecretariatWorkspace, tmp_path: Path
) -> None:
    import base64

    import jsonschema
    from referencing import Registry, Resource

    schemas = Path(__file__).parents[2] / "src/focalpoint/resources/schemas"
    plan_schema, signed_schema = (
        json.loads((schemas / name).read_text("utf-8"))
        for name in ("plan.schema.json", "signed-plan.schema.json")
    )
    registry = Registry().with_resource(plan_schema["$id"], Resource.from_contents(plan_schema))
    validator = jsonschema.Draft202012Validator(signed_schema, registry=registry)
    first = tmp_path / "1.0.json"
    ts.plan_versions.publish(write_plan(tmp_path, version_1_0()), "1.0", first, TS_PASSPHRASE)
    second = tmp_path / "1.1.json"
    ts.plan_versions.publish(
        write_plan(tmp_path, version_1_0(), "b.json"), "1.1", second, TS_PASSPHRASE
    )
    for signed in (first, second):
        payload = json.loads(base64.b64decode(json.loads(signed.read_bytes())["payload"]))
        validator.validate(payload)
    assert [p["version"] for p in payload["lineage"]] == ["1.0"]
    payload["plan_file"]["axes"] = "none"  # the plan inside is held to the plan's schema
    assert not validator.is_valid(payload)


def test_an_action_moved_with_its_assignment_and_its_practice_reads_the_move_once(
    ts: SecretariatWorkspace, ws: Workspace, tmp_path: Path
) -> None:
    from focalpoint.domain.practices import Practice

    ws.assignments.set_lead("1.1.2", entity_id(ws, "DGME"))
    ws.practices.save(Practice(title="Red consular", action_codes=("1.1.2",)))
    trusting(ws, ts, tmp_path)
    signed = tmp_path / "FocalPoint-plan-1.0.json"
    ts.plan_versions.publish(write_plan(tmp_path, version_1_0()), "1.0", signed, TS_PASSPHRASE)
    ws.plan.import_file(signed)
    moves = [e for e in ws.assignments.history("1.2.4") if e.field == "code"]
    assert [(e.old, e.new) for e in moves] == [("1.1.2", "1.2.4")]
    assert len(ws.assignments.history("1.2.4")) == 2  # the lead, then the move
