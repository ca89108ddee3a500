"""``ts receive|inbox|accept|return|matrix`` as real processes, with real packages from real
country workspaces: exit codes, --json, messages, and never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook

from focalpoint.services.country.workspace import Workspace
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from tests.secretariat.test_cli_process import PASSPHRASE as TS_PASSPHRASE
from tests.secretariat.test_cli_process import Cli
from tests.secretariat.test_intake import country_workspace, export

__all__ = ["country_workspace"]


def test_receive_inbox_decide_and_matrix_from_the_command_line(
    tmp_path: Path, database_url: str | None
) -> None:
    cli = Cli(tmp_path / "secretariat", database_url)
    assert cli("setup", "--name", "Secretaría Técnica de la CRM").returncode == 0
    ts = SecretariatWorkspace.open(tmp_path / "secretariat", database_url)
    recipient = ts.keys.current().age_recipient  # type: ignore[union-attr]
    secretariat_fingerprint = ts.keys.current().fingerprint  # type: ignore[union-attr]
    ts.close()
    countries: dict[str, Workspace] = {
        code: country_workspace(tmp_path / code, code) for code in ("SV", "GT", "HN")
    }
    try:
        for code, ws in countries.items():
            pem = ws.keys.export_public(tmp_path / f"{code}.pem")
            fingerprint = ws.keys.current().fingerprint  # type: ignore[union-attr]
            done = cli("key", "register", str(pem), "--country", code, "--fingerprint", fingerprint)
            assert done.returncode == 0, done.stderr
        countries["HN"].submissions.set_secretariat_recipient(recipient)
        files = [
            export(countries["SV"]),
            export(countries["GT"]),
            export(countries["HN"], encrypt=True),
        ]
    finally:
        for ws in countries.values():
            ws.close()
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04 not really")

    wrong = tmp_path / "wrong-passphrase.txt"
    wrong.write_text("not the Secretariat's passphrase\n")
    refused = cli("receive", *map(str, files), "--passphrase-file", str(wrong))
    assert refused.returncode == 1 and "passphrase" in refused.stderr.lower(), refused.stderr
    assert json.loads(cli("inbox", "--json").stdout) == []  # a wrong passphrase takes in nothing

    received = cli("receive", *map(str, files), str(junk), "--json")
    assert received.returncode == 1, received.stderr  # one refused, the others taken in
    results = json.loads(received.stdout)
    assert [r["outcome"] for r in results] == ["received"] * 3 + ["refused"]
    ids = {r["country"]: r["id"] for r in results[:3]}

    again = cli("receive", str(files[0]), lang="es")
    assert again.returncode == 0 and "ya recibido" in again.stdout, again.stdout

    inbox = json.loads(cli("inbox", "--json").stdout)
    assert {r["country"] for r in inbox} == {"SV", "GT", "HN"}
    assert all(r["state"] == "pending" and r["placement"] == "next" for r in inbox)
    assert all(r["changes"]["actions"] == ["1.1.1"] for r in inbox)
    text = cli("inbox", "--country", "GT", lang="fr")
    assert text.returncode == 0 and "GT #1" in text.stdout
    # only Guatemala's package is listed (a bare "SV" could turn up inside a key's fingerprint)
    assert "SV #" not in text.stdout and "HN #" not in text.stdout, text.stdout

    both = cli("accept", ids["SV"], ids["HN"])  # several at once, as the inbox's selection
    assert both.returncode == 0 and both.stdout.count("accepted into the regional store") == 2
    assert cli("return", ids["GT"]).returncode == 2  # --reason is required
    back = cli("return", ids["GT"], "--reason", "Falta la entidad de apoyo")
    assert back.returncode == 0 and "Falta la entidad de apoyo" in back.stdout
    refused = cli("accept", ids["GT"])
    assert refused.returncode == 1 and "returned" in refused.stderr
    mixed = cli("accept", ids["SV"], "no-such-id")  # the one found is answered all the same
    assert mixed.returncode == 1 and "no-such-id" in mixed.stderr
    assert "accepted already" in mixed.stdout
    pending = json.loads(cli("inbox", "--state", "pending", "--json").stdout)
    assert pending == []

    out = tmp_path / "matrix.xlsx"
    made = cli("matrix", "--xlsx", str(out), "--csv", str(tmp_path / "matrix.csv"))
    assert made.returncode == 0, made.stderr
    row = next(
        [c.value for c in r]
        for r in load_workbook(out).worksheets[0].iter_rows()
        if r[0].value == "1.1.1"
    )
    assert any("Lead of SV" in str(v) for v in row) and any("Lead of HN" in str(v) for v in row)
    assert not any("Lead of GT" in str(v) for v in row)
    assert cli("matrix").returncode == 2

    # The answers: signed receipts that the countries' own workspaces take in.
    key_file = tmp_path / "ts-key.json"
    assert cli("key", "file", "-o", str(key_file)).returncode == 0
    assert cli("receipt", "no-such-id", "-o", str(tmp_path / "r.json")).returncode == 1
    for code, decision in (("SV", "accepted"), ("GT", "returned")):
        receipt = tmp_path / f"{code}-receipt.json"
        done = cli("receipt", ids[code], "-o", str(receipt))
        assert done.returncode == 0, done.stderr
        ws = Workspace.open(tmp_path / code)
        try:
            ws.secretariat.trust(key_file, secretariat_fingerprint)
            imported = ws.secretariat.import_receipt(receipt)
            assert imported.receipt.decision == decision
            if decision == "returned":
                assert imported.receipt.reason == "Falta la entidad de apoyo"
        finally:
            ws.close()


def test_an_encrypted_package_asks_for_the_passphrase_only_then(
    tmp_path: Path, database_url: str | None
) -> None:
    cli = Cli(tmp_path / "secretariat", database_url)
    assert cli("setup", "--name", "ST").returncode == 0
    assert TS_PASSPHRASE
    plain = tmp_path / "plain.zip"
    plain.write_text("not a package")
    # No encrypted file: the passphrase is never asked (the refusal is the file's own).
    done = cli("receive", str(plain))
    assert done.returncode == 1 and "plain.zip" in done.stderr
