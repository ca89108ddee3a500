"""``focalpoint verify``: with a workspace, and on a machine that has none (which it leaves so)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.runner import Cli


def test_verify_on_a_machine_without_a_workspace_creates_none(
    cli: Cli, country: Path, passfile: Path, tmp_path: Path
) -> None:
    cli.ok(country, "key", "create", "--passphrase-file", str(passfile))
    cli.ok(country, "export", "--no-report", "--passphrase-file", str(passfile))
    package = next((country / "submissions").glob("*.zip"))
    elsewhere = tmp_path / "secretariat"  # no workspace was ever set up here
    verified = cli.run(elsewhere, "verify", str(package), "--json")
    assert verified.code == 0, verified.err
    report = json.loads(verified.out)
    assert report["valid"] and report["sequence"] == 1
    assert report["gap"] is None  # no --previous: nothing is known about missing submissions
    assert not elsewhere.exists()

    text = cli.ok(elsewhere, "verify", str(package))
    assert text.startswith("Intact, but the signer is not proven: submission 1 from SV")
    assert "--key FINGERPRINT" in text and not elsewhere.exists()

    missing = cli.run(elsewhere, "verify", str(tmp_path / "nothing.zip"), "--json")
    assert missing.code == 1
    answer = json.loads(missing.out)
    assert answer["valid"] is False and answer["reason"] == "unusable"
    assert "cannot be read" in answer["message"]

    garbage = cli.run(elsewhere, "verify", str(package), "--key", "K3ZQ-7RTA-M2PX-QW40")
    assert garbage.code == 2 and "never 0, 1, 8 or 9" in garbage.err
    assert not elsewhere.exists()


def test_an_unusable_data_folder_is_a_message(cli: Cli, tmp_path: Path) -> None:
    for command in (("plan", "show"), ("verify", str(tmp_path / "x.zip"))):
        err = cli.refused(None, *command, "--data-dir", "")
        assert err.startswith("focalpoint: The workspace folder given is empty")


def test_messages_follow_the_language(cli: Cli, country: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a package")
    checked = cli.run(country, "--lang", "es", "verify", str(junk))
    assert checked.code == 1
    assert "no es un paquete" in checked.err
