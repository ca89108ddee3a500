"""Keys, export and verify from the command line, as an unattended script runs them."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PASSPHRASE = "correct horse battery staple"


def run(
    folder: Path, *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "FOCALPOINT_LANG": "en", **(env or {})}
    environment.pop("FOCALPOINT_DATA_DIR", None)
    if env is None:
        environment.pop("FOCALPOINT_PASSPHRASE", None)
    return subprocess.run(
        [sys.executable, "-m", "focalpoint", *args, "--data-dir", str(folder)],
        capture_output=True,
        text=True,
        env=environment,
        input=stdin,
        timeout=120,
    )


@pytest.fixture
def country(tmp_path: Path) -> Path:
    folder = tmp_path / "sv"
    setup = run(folder, "setup", "--country", "SV", "--name", "Ana Pérez")
    assert setup.returncode == 0, setup.stderr
    return folder


@pytest.fixture
def passfile(tmp_path: Path) -> Path:
    path = tmp_path / "passphrase.txt"
    path.write_text(PASSPHRASE + "\n")
    return path


def test_key_export_verify_round_trip(country: Path, passfile: Path, tmp_path: Path) -> None:
    created = run(country, "key", "create", "--passphrase-file", str(passfile))
    assert created.returncode == 0, created.stderr
    fingerprint = created.stdout.split("Fingerprint: ")[1].split()[0]
    shown = json.loads(run(country, "key", "show", "--json").stdout)
    assert (
        shown[0]["fingerprint"] == fingerprint and "BEGIN PUBLIC KEY" in shown[0]["public_key_pem"]
    )

    out = tmp_path / "usb"
    out.mkdir()
    exported = run(
        country,
        "export",
        "--out",
        str(out),
        "--no-report",
        env={"FOCALPOINT_PASSPHRASE": PASSPHRASE},
    )
    assert exported.returncode == 0, exported.stderr
    assert "30 actions of the plan have no responsible entity" in exported.stderr
    package = next(out.glob("FocalPoint-SV-001-*.zip"))

    verified = run(country, "verify", str(package), "--key", fingerprint.lower(), "--json")
    assert verified.returncode == 0, verified.stderr
    report = json.loads(verified.stdout)
    assert report["valid"] and report["sequence"] == 1 and report["signer"] == "Ana Pérez"
    assert report["sha256"] in exported.stdout

    listed = json.loads(run(country, "submission", "list", "--json").stdout)
    assert [(s["sequence"], s["state"]) for s in listed] == [(1, "signed")]
    assert run(country, "submission", "mark", "1", "sent").returncode == 0
    assert json.loads(run(country, "submission", "list", "--json").stdout)[0]["state"] == "sent"


def test_refusals_exit_1_with_the_reason_and_no_traceback(
    country: Path, passfile: Path, tmp_path: Path
) -> None:
    assert run(country, "key", "create", "--passphrase-file", str(passfile)).returncode == 0
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n")
    refused = run(country, "export", "--no-report", "--passphrase-file", str(wrong))
    assert refused.returncode == 1
    assert "does not unlock the signing key" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert json.loads(run(country, "submission", "list", "--json").stdout) == []

    no_passphrase = run(country, "export", "--no-report", stdin="")
    assert no_passphrase.returncode == 1 and "--passphrase-file" in no_passphrase.stderr

    assert run(country, "export", "--no-report", "--passphrase-file", str(passfile)).returncode == 0
    kept = next((country / "submissions").glob("*.zip"))
    damaged = tmp_path / "damaged.zip"
    data = bytearray(kept.read_bytes())
    data[len(data) // 2] ^= 0x20
    damaged.write_bytes(bytes(data))
    checked = run(country, "verify", str(damaged))
    assert checked.returncode == 1 and "NOT VALID" in checked.stderr
    assert "Traceback" not in checked.stderr
    stranger = run(country, "verify", str(kept), "--key", "AAAA-BBBB-CCCC-DDDD", "--json")
    assert stranger.returncode == 1 and json.loads(stranger.stdout)["reason"] == "wrong_key"


def test_verify_on_a_machine_without_a_workspace_creates_none(
    country: Path, passfile: Path, tmp_path: Path
) -> None:
    assert run(country, "key", "create", "--passphrase-file", str(passfile)).returncode == 0
    assert run(country, "export", "--no-report", "--passphrase-file", str(passfile)).returncode == 0
    package = next((country / "submissions").glob("*.zip"))
    elsewhere = tmp_path / "secretariat"  # no workspace was ever set up here
    verified = run(elsewhere, "verify", str(package), "--json")
    assert verified.returncode == 0, verified.stderr
    report = json.loads(verified.stdout)
    assert report["valid"] and report["sequence"] == 1
    assert report["gap"] is None  # no --previous: nothing is known about missing submissions
    assert not elsewhere.exists()

    missing = run(elsewhere, "verify", str(tmp_path / "nothing.zip"), "--json")
    assert missing.returncode == 1
    answer = json.loads(missing.stdout)
    assert answer["valid"] is False and answer["reason"] == "unusable"
    assert "cannot be read" in answer["message"]

    garbage = run(elsewhere, "verify", str(package), "--key", "K3ZQ-7RTA-M2PX-QW40")
    assert garbage.returncode == 2 and "never 0, 1, 8 or 9" in garbage.stderr
    assert "Traceback" not in garbage.stderr and not elsewhere.exists()

    # Output cut short by a reader that stops early (`| head`) is not an error.
    piped = subprocess.run(
        f"{sys.executable} -m focalpoint verify --json {package} --data-dir {elsewhere} | true",
        shell=True,
        capture_output=True,
        text=True,
        env={**os.environ, "FOCALPOINT_LANG": "en"},
        timeout=120,
    )
    assert "Traceback" not in piped.stderr


def test_an_unusable_data_folder_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    for command in (("plan", "show"), ("verify", str(tmp_path / "x.zip"))):
        result = subprocess.run(
            [sys.executable, "-m", "focalpoint", *command, "--data-dir", ""],
            capture_output=True,
            text=True,
            env={**os.environ, "FOCALPOINT_LANG": "en"},
            timeout=120,
        )
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert result.stderr.startswith("focalpoint: The workspace folder given is empty")


def test_encrypting_to_the_secretariat_from_a_script(
    country: Path, passfile: Path, tmp_path: Path
) -> None:
    import pyrage

    identity = pyrage.x25519.Identity.generate()
    identity_file = tmp_path / "secretariat-identity.txt"
    identity_file.write_text(f"# created by the Secretariat\n{identity}\n")
    assert run(country, "key", "create", "--passphrase-file", str(passfile)).returncode == 0
    pasted = run(country, "key", "secretariat", str(identity))
    assert pasted.returncode == 1 and "secret identity, not a public key" in pasted.stderr
    assert str(identity)[15:] not in pasted.stdout + pasted.stderr
    assert run(country, "key", "secretariat", str(identity.to_public())).returncode == 0

    out = tmp_path / "usb"
    out.mkdir()
    exported = run(
        country, "export", "--encrypt", "--no-report", "--out", str(out),
        "--passphrase-file", str(passfile),
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    sealed = next(out.glob("FocalPoint-SV-001-*.zip.age"))
    listed = json.loads(run(country, "submission", "list", "--json").stdout)[0]
    assert listed["encrypted_file"] == sealed.name
    assert listed["encrypted_sha256"] == hashlib.sha256(sealed.read_bytes()).hexdigest()
    text = run(country, "submission", "list").stdout
    assert listed["encrypted_sha256"][:16] in text and sealed.name in text

    # The Secretariat, with no FocalPoint workspace of its own, opens and checks it.
    elsewhere = tmp_path / "secretariat"
    closed = run(elsewhere, "verify", str(sealed), "--json")
    assert closed.returncode == 1 and json.loads(closed.stdout)["reason"] == "encrypted"
    opened = run(elsewhere, "verify", str(sealed), "--identity", str(identity_file), "--json")
    assert opened.returncode == 0, opened.stderr
    assert json.loads(opened.stdout)["sha256"] == listed["sha256"]
    assert not elsewhere.exists()


def test_changing_the_passphrase_needs_a_new_one(
    country: Path, passfile: Path, tmp_path: Path
) -> None:
    assert run(country, "key", "create", "--passphrase-file", str(passfile)).returncode == 0
    old_only = run(country, "key", "passphrase", env={"FOCALPOINT_PASSPHRASE": PASSPHRASE})
    assert old_only.returncode == 1 and "--new-passphrase-file" in old_only.stderr
    same = run(
        country, "key", "passphrase", "--passphrase-file", str(passfile),
        "--new-passphrase-file", str(passfile),
    )  # fmt: skip
    assert same.returncode == 1 and "same as the old one" in same.stderr
    notepad = tmp_path / "new.txt"  # Notepad starts its UTF-8 files with a byte-order mark
    notepad.write_bytes("\ufeffotra frase más larga\r\n".encode())
    changed = run(
        country, "key", "passphrase", "--passphrase-file", str(passfile),
        "--new-passphrase-file", str(notepad),
    )  # fmt: skip
    assert changed.returncode == 0, changed.stderr
    new = {"FOCALPOINT_PASSPHRASE": "otra frase más larga"}
    assert run(country, "export", "--no-report", "--passphrase-file", str(passfile)).returncode == 1
    assert run(country, "export", "--no-report", env=new).returncode == 0
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xffsecret\n")
    unreadable = run(country, "export", "--no-report", "--passphrase-file", str(binary))
    assert unreadable.returncode == 1 and "not UTF-8 text" in unreadable.stderr
    assert "xff" not in unreadable.stderr


def test_an_export_to_a_missing_folder_signs_nothing(country: Path, passfile: Path) -> None:
    assert run(country, "key", "create", "--passphrase-file", str(passfile)).returncode == 0
    nowhere = country.parent / "no-such-usb"
    missing = run(
        country, "export", "--no-report", "--out", str(nowhere),
        "--passphrase-file", str(passfile),
    )  # fmt: skip
    assert missing.returncode == 1 and "is not a folder" in missing.stderr
    assert json.loads(run(country, "submission", "list", "--json").stdout) == []


def test_messages_follow_the_language(country: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a package")
    checked = run(country, "--lang", "es", "verify", str(junk))
    assert checked.returncode == 1
    assert "no es un paquete" in checked.stderr
