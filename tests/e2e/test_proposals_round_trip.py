"""Item 3 of the 2017 report, end to end as real processes, as a focal point and the Secretariat
would type it: El Salvador proposes, its signed package carries the proposals, the Secretariat
receives, accepts and answers them, writes the receipt, and El Salvador reads the answers."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.e2e.processes import environment, focalpoint_command

PASSPHRASE = "correct horse battery staple"


def run(*args: str, data: Path, lang: str = "en") -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        focalpoint_command(*args, "--data-dir", str(data)),
        capture_output=True,
        text=True,
        env=environment(FOCALPOINT_LANG=lang, FOCALPOINT_PASSPHRASE=PASSPHRASE),
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


def ok(*args: str, data: Path) -> str:
    done = run(*args, data=data)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_proposal_goes_to_the_secretariat_and_its_answer_comes_back(tmp_path: Path) -> None:
    sv, ts = tmp_path / "sv", tmp_path / "secretariat"
    ok("setup", "--country", "SV", "--name", "Ana Pérez", "--lang", "es", data=sv)
    ok("key", "create", data=sv)
    wording = json.loads(
        ok(
            "proposal",
            "add",
            "1.1.1",
            "--text",
            "Nueva redacción armonizada con la Cumbre",
            "--why",
            "Acta de 2017, punto 3",
            "--json",
            data=sv,
        )
    )
    refused = run("proposal", "add", "7.7.7", "--text", "T", "--why", "W", data=sv)
    assert refused.returncode == 1 and "7.7.7" in refused.stderr
    ok("export", "--out", str(tmp_path), "--no-report", data=sv)
    package = next(tmp_path.glob("FocalPoint-SV-001-*.zip"))

    ok("ts", "setup", "--name", "Secretaría Técnica de la CRM", data=ts)
    pem = tmp_path / "sv.pem"
    ok("key", "export", "-o", str(pem), data=sv)
    fingerprint = json.loads(ok("key", "show", "--json", data=sv))[0]["fingerprint"]
    ok("ts", "key", "register", str(pem), "--country", "SV", "--fingerprint", fingerprint, data=ts)
    [received] = json.loads(ok("ts", "receive", str(package), "--json", data=ts))
    ok("ts", "accept", received["id"], data=ts)
    marked = ok(
        "ts", "proposal", "mark", wording["short_id"], "incorporated", "--version", "1.1", data=ts
    )
    assert "incorporated in version 1.1" in marked
    wrong = run("ts", "proposal", "mark", wording["short_id"], "declined", data=ts)
    assert wrong.returncode == 1 and "--reason" in wrong.stderr
    receipt = tmp_path / "receipt.json"
    ok("ts", "receipt", received["id"], "-o", str(receipt), data=ts)
    key_file = tmp_path / "ts-key.json"
    said = ok("ts", "key", "file", "-o", str(key_file), data=ts)
    typed = next(w.strip(".:,") for w in said.split() if w.count("-") == 3 and len(w) >= 19)

    ok("key", "trust-secretariat", str(key_file), "--fingerprint", typed, data=sv)
    imported = ok("receipt", "import", str(receipt), data=sv)
    assert "It answers 1 of your proposals" in imported
    [mine] = json.loads(ok("proposal", "list", "--json", data=sv))
    assert (mine["state"], mine["version"]) == ("incorporated", "1.1")
    assert mine["answered_at"]
