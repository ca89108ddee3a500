"""``focalpoint key trust-secretariat`` and ``focalpoint receipt import`` as a script uses them."""

from __future__ import annotations

import json
from pathlib import Path

import pyrage

from tests.cli.conftest import PASSPHRASE
from tests.cli.runner import Cli
from tests.secretariat_side import Package, Secretariat


def _exported(cli: Cli, country: Path, passfile: Path, *options: str) -> dict[str, object]:
    cli.ok(country, "export", "--no-report", "--passphrase-file", str(passfile), *options)
    return json.loads(cli.ok(country, "submission", "list", "--json"))[0]


def _as_submission(row: dict[str, object]) -> Package:
    return Package(int(row["sequence"]), str(row["sha256"]))  # type: ignore[call-overload]


def test_trust_then_import_a_receipt_from_the_command_line(
    cli: Cli, country: Path, passfile: Path, tmp_path: Path
) -> None:
    ts = Secretariat()
    cli.ok(country, "key", "create", "--passphrase-file", str(passfile))
    key_file = ts.key_file(tmp_path)

    # No receipt before trust; a wrong fingerprint trusts nothing.
    first = _exported(cli, country, passfile)
    receipt = ts.receipt(tmp_path, _as_submission(first), "returned", "Falta el eje 3.")
    assert "does not trust a Secretariat key yet" in cli.refused(
        country, "receipt", "import", str(receipt)
    )
    wrong = cli.refused(
        country, "key", "trust-secretariat", str(key_file), "--fingerprint", "AAAA-BBBB-CCCC-DDDD"
    )
    assert "Nothing was trusted" in wrong and ts.fingerprint in wrong

    said = cli.ok(
        country, "key", "trust-secretariat", str(key_file), "--fingerprint", ts.fingerprint.lower()
    )
    assert ts.fingerprint in said and ts.name in said and ts.recipient in said

    imported = json.loads(cli.ok(country, "receipt", "import", str(receipt), "--json"))
    assert imported == {
        "submission": 1,
        "file": first["file"],
        "sha256": first["sha256"],
        "decision": "returned",
        "reason": "Falta el eje 3.",
        "decided_at": imported["decided_at"],
        "state": "returned",
        "already": False,
        "proposals_answered": [],
    }
    again = cli.ok(country, "receipt", "import", str(receipt))
    assert "returned submission 1" in again and "Reason: Falta el eje 3." in again
    assert "taken in before" in again
    listed = cli.ok(country, "submission", "list")
    assert "returned" in listed and "Reason: Falta el eje 3." in listed

    # The next package is encrypted to the trusted Secretariat with no key typed.
    second = _exported(cli, country, passfile, "--encrypt")
    sealed = country / "submissions" / str(second["encrypted_file"])
    plain = (country / "submissions" / str(second["file"])).read_bytes()
    assert pyrage.decrypt(sealed.read_bytes(), [ts.identity]) == plain
    accepted = ts.receipt(tmp_path, _as_submission(second))
    text = cli.ok(country, "receipt", "import", str(accepted), lang="es")
    assert "La Secretaría aceptó el envío 2" in text
    rows = json.loads(cli.ok(country, "submission", "list", "--json"))
    assert [(r["sequence"], r["state"], (r["receipt"] or {}).get("decision")) for r in rows] == [
        (2, "acknowledged", "accepted"),
        (1, "returned", "returned"),
    ]


def test_bad_receipts_and_key_files_are_refused_without_a_traceback(
    cli: Cli, country: Path, passfile: Path, tmp_path: Path
) -> None:
    ts = Secretariat()
    cli.ok(country, "key", "create", "--passphrase-file", str(passfile))
    row = _exported(cli, country, passfile)
    cli.ok(
        country, "key", "trust-secretariat", str(ts.key_file(tmp_path)),
        "--fingerprint", ts.fingerprint,
    )  # fmt: skip
    (tmp_path / "other").mkdir()
    forged = Secretariat().receipt(tmp_path / "other", _as_submission(row))
    for path, message in (
        (forged, "not signed by the Secretariat key"),
        (ts.receipt(tmp_path, _as_submission(row), country="GT"), "from GT"),
        (tmp_path / "nothing.json", "does not exist"),
        (Path(str(passfile)), "not a receipt from the Secretariat"),
    ):
        refused = cli.refused(country, "receipt", "import", str(path))
        assert message in refused and "Traceback" not in refused
    assert json.loads(cli.ok(country, "submission", "list", "--json"))[0]["receipt"] is None
    damaged = tmp_path / "damaged-key.json"
    damaged.write_bytes(
        ts.key_file(tmp_path).read_bytes().replace(b'"payload": "', b'"payload": "e')
    )
    refused = cli.refused(
        country, "key", "trust-secretariat", str(damaged), "--fingerprint", ts.fingerprint
    )
    assert "damaged" in refused
    assert cli.run(country, "key", "trust-secretariat", str(damaged)).code == 2
    assert PASSPHRASE  # the workspace key stays usable: nothing above asked for it
