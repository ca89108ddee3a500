"""Keys, export and the submission history from the command line, as an unattended script runs
them."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.cli.conftest import PASSPHRASE
from tests.cli.runner import Cli


def test_key_export_verify_round_trip(
    cli: Cli, country: Path, passfile: Path, tmp_path: Path
) -> None:
    created = cli.run(country, "key", "create", "--passphrase-file", str(passfile))
    assert created.code == 0, created.err
    fingerprint = created.out.split("Fingerprint: ")[1].split()[0]
    shown = json.loads(cli.ok(country, "key", "show", "--json"))
    assert (
        shown[0]["fingerprint"] == fingerprint and "BEGIN PUBLIC KEY" in shown[0]["public_key_pem"]
    )

    out = tmp_path / "usb"
    out.mkdir()
    exported = cli.run(
        country,
        "export",
        "--out",
        str(out),
        "--no-report",
        env={"FOCALPOINT_PASSPHRASE": PASSPHRASE},
    )
    assert exported.code == 0, exported.err
    assert "30 actions of the plan have no responsible entity" in exported.err
    package = next(out.glob("FocalPoint-SV-001-*.zip"))

    verified = cli.run(country, "verify", str(package), "--key", fingerprint.lower(), "--json")
    assert verified.code == 0, verified.err
    report = json.loads(verified.out)
    assert report["valid"] and report["sequence"] == 1 and report["signer"] == "Ana Pérez"
    assert report["sha256"] in exported.out

    listed = json.loads(cli.ok(country, "submission", "list", "--json"))
    assert [(s["sequence"], s["state"]) for s in listed] == [(1, "signed")]
    assert cli.run(country, "submission", "mark", "1", "sent").code == 0
    assert json.loads(cli.ok(country, "submission", "list", "--json"))[0]["state"] == "sent"


def test_refusals_exit_1_with_the_reason(
    cli: Cli, country: Path, passfile: Path, tmp_path: Path
) -> None:
    cli.ok(country, "key", "create", "--passphrase-file", str(passfile))
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n")
    refused = cli.refused(country, "export", "--no-report", "--passphrase-file", str(wrong))
    assert "does not unlock the signing key" in refused
    assert json.loads(cli.ok(country, "submission", "list", "--json")) == []

    cli.ok(country, "export", "--no-report", "--passphrase-file", str(passfile))
    kept = next((country / "submissions").glob("*.zip"))
    damaged = tmp_path / "damaged.zip"
    data = bytearray(kept.read_bytes())
    data[len(data) // 2] ^= 0x20
    damaged.write_bytes(bytes(data))
    assert "NOT VALID" in cli.refused(country, "verify", str(damaged))
    stranger = cli.run(country, "verify", str(kept), "--key", "AAAA-BBBB-CCCC-DDDD", "--json")
    assert stranger.code == 1 and json.loads(stranger.out)["reason"] == "wrong_key"


def test_encrypting_to_the_secretariat_from_a_script(
    cli: Cli, country: Path, passfile: Path, tmp_path: Path
) -> None:
    import pyrage

    identity = pyrage.x25519.Identity.generate()
    identity_file = tmp_path / "secretariat-identity.txt"
    identity_file.write_text(f"# created by the Secretariat\n{identity}\n")
    cli.ok(country, "key", "create", "--passphrase-file", str(passfile))
    pasted = cli.run(country, "key", "secretariat", str(identity))
    assert pasted.code == 1 and "secret identity, not a public key" in pasted.err
    assert str(identity)[15:] not in pasted.out + pasted.err
    cli.ok(country, "key", "secretariat", str(identity.to_public()))

    out = tmp_path / "usb"
    out.mkdir()
    exported = cli.run(
        country, "export", "--encrypt", "--no-report", "--out", str(out),
        "--passphrase-file", str(passfile),
    )  # fmt: skip
    assert exported.code == 0, exported.err
    sealed = next(out.glob("FocalPoint-SV-001-*.zip.age"))
    listed = json.loads(cli.ok(country, "submission", "list", "--json"))[0]
    assert listed["encrypted_file"] == sealed.name
    assert listed["encrypted_sha256"] == hashlib.sha256(sealed.read_bytes()).hexdigest()
    text = cli.ok(country, "submission", "list")
    assert listed["encrypted_sha256"][:16] in text and sealed.name in text

    # The Secretariat, with no FocalPoint workspace of its own, opens and checks it.
    elsewhere = tmp_path / "secretariat"
    closed = cli.run(elsewhere, "verify", str(sealed), "--json")
    assert closed.code == 1 and json.loads(closed.out)["reason"] == "encrypted"
    opened = cli.run(elsewhere, "verify", str(sealed), "--identity", str(identity_file), "--json")
    assert opened.code == 0, opened.err
    assert json.loads(opened.out)["sha256"] == listed["sha256"]
    assert not elsewhere.exists()


def test_changing_the_passphrase_needs_a_new_one(
    cli: Cli, country: Path, passfile: Path, tmp_path: Path
) -> None:
    cli.ok(country, "key", "create", "--passphrase-file", str(passfile))
    old_only = cli.refused(country, "key", "passphrase", FOCALPOINT_PASSPHRASE=PASSPHRASE)
    assert "--new-passphrase-file" in old_only
    same = cli.refused(
        country, "key", "passphrase", "--passphrase-file", str(passfile),
        "--new-passphrase-file", str(passfile),
    )  # fmt: skip
    assert "same as the old one" in same
    notepad = tmp_path / "new.txt"  # Notepad starts its UTF-8 files with a byte-order mark
    notepad.write_bytes("\ufeffotra frase más larga\r\n".encode())
    cli.ok(
        country, "key", "passphrase", "--passphrase-file", str(passfile),
        "--new-passphrase-file", str(notepad),
    )  # fmt: skip
    cli.refused(country, "export", "--no-report", "--passphrase-file", str(passfile))
    cli.ok(country, "export", "--no-report", FOCALPOINT_PASSPHRASE="otra frase más larga")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xffsecret\n")
    unreadable = cli.refused(country, "export", "--no-report", "--passphrase-file", str(binary))
    assert "not UTF-8 text" in unreadable
    assert "xff" not in unreadable


def test_an_export_to_a_missing_folder_signs_nothing(
    cli: Cli, country: Path, passfile: Path
) -> None:
    cli.ok(country, "key", "create", "--passphrase-file", str(passfile))
    nowhere = country.parent / "no-such-usb"
    missing = cli.refused(
        country, "export", "--no-report", "--out", str(nowhere),
        "--passphrase-file", str(passfile),
    )  # fmt: skip
    assert "is not a folder" in missing
    assert json.loads(cli.ok(country, "submission", "list", "--json")) == []


def test_what_stops_an_export_is_said_before_the_passphrase_is_asked(
    cli: Cli, country: Path, passfile: Path, tmp_path: Path
) -> None:
    # No passphrase is given in any of these: the reason must come first, not "give the
    # passphrase with --passphrase-file".
    no_key = cli.refused(country, "export", "--no-report")
    assert "no signing key yet" in no_key and "passphrase" not in no_key.lower()
    cli.ok(country, "key", "create", "--passphrase-file", str(passfile))
    unencryptable = cli.refused(country, "export", "--no-report", "--encrypt")
    assert "focalpoint key secretariat age1" in unencryptable
    assert "--passphrase-file" not in unencryptable
    gone = cli.refused(country, "export", "--no-report", "--out", str(tmp_path / "no-stick"))
    assert "is not a folder" in gone and "--passphrase-file" not in gone
    assert "Warning" not in gone  # refused before the warnings, as before signing
    assert json.loads(cli.ok(country, "submission", "list", "--json")) == []
