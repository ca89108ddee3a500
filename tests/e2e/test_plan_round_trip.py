"""The plan's round trip end to end, as real processes typed by a focal point and the
Secretariat: the Secretariat publishes version 1.0 of the plan; El Salvador (assignments to an
action renamed and one moved) and Guatemala (an assignment to an action removed) take it in;
El Salvador proposes new wording, the Secretariat incorporates it into 1.1 and publishes 1.1;
both countries end on 1.1 with their assignments where they belong."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.e2e.processes import environment, focalpoint_command
from tests.secretariat.test_plan_versions import version_1_0, write_plan

PASSPHRASE = "correct horse battery staple"


def run(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        focalpoint_command(*args, "--data-dir", str(data)),
        capture_output=True,
        text=True,
        env=environment(FOCALPOINT_LANG="en", FOCALPOINT_PASSPHRASE=PASSPHRASE),
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


def ok(*args: str, data: Path) -> str:
    done = run(*args, data=data)
    assert done.returncode == 0, done.stderr
    return done.stdout


def assignments(data: Path) -> dict[str, tuple[str | None, bool]]:
    shown = json.loads(ok("plan", "show", "--json", data=data))
    return {code: (a["lead"], a["in_plan"]) for code, a in shown["assignments"].items()}


def test_two_countries_follow_the_plan_from_1_0_to_1_1(tmp_path: Path) -> None:
    ts, sv, gt = tmp_path / "secretariat", tmp_path / "sv", tmp_path / "gt"
    ok("ts", "setup", "--name", "Secretaría Técnica de la CRM", data=ts)
    key_file = tmp_path / "FocalPoint-Secretariat-key.json"
    ok("ts", "key", "file", "-o", str(key_file), data=ts)
    for folder, country in ((sv, "SV"), (gt, "GT")):  # first run: the key file pinned
        ok(
            "setup",
            "--country",
            country,
            "--name",
            "Punto focal",
            "--secretariat-key",
            str(key_file),
            data=folder,
        )
        ok("entity", "add", "Cancillería", "--acronym", "MINREX", data=folder)
    ok("assign", "1.1.1", "MINREX", data=sv)  # renamed in 1.0
    ok("assign", "1.1.2", "MINREX", data=sv)  # moved to 1.2.4 in 1.0
    ok("assign", "1.1.3", "MINREX", data=gt)  # removed in 1.0

    plan = version_1_0()
    signed_1_0 = tmp_path / "FocalPoint-plan-1.0.json"
    ok(
        "ts",
        "plan",
        "publish",
        str(write_plan(tmp_path, plan)),
        "--version",
        "1.0",
        "-o",
        str(signed_1_0),
        data=ts,
    )
    assert "forks" not in ok("plan", "import", str(signed_1_0), "--check", data=sv)
    for folder in (sv, gt):
        ok("plan", "import", str(signed_1_0), data=folder)
    assert assignments(sv) == {"1.1.1": ("Cancillería", True), "1.2.4": ("Cancillería", True)}
    assert assignments(gt) == {"1.1.3": ("Cancillería", False)}  # kept, listed apart

    # El Salvador proposes new wording for 1.1.1; it travels in its next package.
    ok("key", "create", data=sv)
    proposal = json.loads(
        ok(
            "proposal",
            "add",
            "1.1.1",
            "--text",
            "Guías de migración segura armonizadas",
            "--why",
            "Acta de 2017, punto 3",
            "--json",
            data=sv,
        )
    )
    ok("export", "--out", str(tmp_path), "--no-report", data=sv)
    package = next(tmp_path.glob("FocalPoint-SV-001-*.zip"))
    pem = tmp_path / "sv.pem"
    ok("key", "export", "-o", str(pem), data=sv)
    fingerprint = json.loads(ok("key", "show", "--json", data=sv))[0]["fingerprint"]
    ok("ts", "key", "register", str(pem), "--country", "SV", "--fingerprint", fingerprint, data=ts)
    [received] = json.loads(ok("ts", "receive", str(package), "--json", data=ts))
    assert received["outcome"] == "received"  # a package on the published 1.0 is known
    ok("ts", "accept", received["id"], data=ts)
    ok("ts", "proposal", "mark", proposal["short_id"], "incorporated", "--version", "1.1", data=ts)

    plan["axes"][0]["objectives"][0]["actions"][0]["title"]["es"] = (
        "Guías de migración segura armonizadas"
    )
    signed_1_1 = tmp_path / "FocalPoint-plan-1.1.json"
    published = ok(
        "ts",
        "plan",
        "publish",
        str(write_plan(tmp_path, plan)),
        "--version",
        "1.1",
        "-o",
        str(signed_1_1),
        data=ts,
    )
    assert "1 action renamed:" in published
    receipt = tmp_path / "receipt.json"
    ok("ts", "receipt", received["id"], "-o", str(receipt), data=ts)
    ok("receipt", "import", str(receipt), data=sv)
    [mine] = json.loads(ok("proposal", "list", "--json", data=sv))
    assert (mine["state"], mine["version"]) == ("incorporated", "1.1")

    for folder in (sv, gt):
        ok("plan", "import", str(signed_1_1), data=folder)
        assert "version 1.1" in ok("plan", "show", data=folder)
    assert assignments(sv) == {"1.1.1": ("Cancillería", True), "1.2.4": ("Cancillería", True)}
    assert assignments(gt) == {"1.1.3": ("Cancillería", False)}
    versions = json.loads(ok("ts", "plan", "list", "--json", data=ts))
    assert [v["version"] for v in versions] == ["1.0", "1.1"]
    assert versions[1]["lineage"] == [{"version": "1.0", "sha256": versions[0]["sha256"]}]
    refused = run("plan", "import", str(signed_1_0), data=gt)
    assert refused.returncode == 1 and "already has version 1.1" in refused.stderr
