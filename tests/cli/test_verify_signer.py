"""`verify` says who signed only when it is proven, and refuses records of another country."""

from __future__ import annotations

import json
from pathlib import Path

from focalpoint.package import keys
from tests.cli.runner import Cli
from tests.package import zipcraft
from tests.package.test_submission_contents import a_document


def exported(cli: Cli, country: Path, passfile: Path) -> tuple[Path, str]:
    cli.ok(country, "key", "create", "--passphrase-file", str(passfile))
    cli.ok(country, "export", "--no-report", "--passphrase-file", str(passfile))
    fingerprint = json.loads(cli.ok(country, "key", "show", "--json"))[0]["fingerprint"]
    return next((country / "submissions").glob("*.zip")), fingerprint


def forged(path: Path, document: dict[str, object]) -> Path:
    """A package signed with a stranger's perfectly good key, its manifest saying Ana Pérez."""
    pem, _public = keys.new_key("a stranger's passphrase")
    members = (("data/submission.json", "application/json", json.dumps(document).encode()),)
    zipcraft.write(path, keys.unlock(pem, "a stranger's passphrase"), members)
    return path


def test_without_a_trusted_key_the_signer_is_called_unproven(
    cli: Cli, country: Path, passfile: Path, tmp_path: Path
) -> None:
    package, fingerprint = exported(cli, country, passfile)
    elsewhere = tmp_path / "reviewer"
    text = cli.ok(elsewhere, "verify", str(package))
    assert "Valid" not in text and "signer is not proven" in text
    assert "“Ana Pérez” is only what the package claims" in text
    answer = json.loads(cli.ok(elsewhere, "verify", str(package), "--json"))
    assert answer["valid"] is True and answer["signer_proven"] is False

    # Proven by the fingerprint given, or by the workspace whose key signed it.
    given = cli.ok(elsewhere, "verify", str(package), "--key", fingerprint)
    assert given.startswith("Valid: submission 1 from SV, signed by Ana Pérez")
    assert json.loads(cli.ok(country, "verify", str(package), "--json"))["signer_proven"] is True


def test_a_strangers_key_claiming_a_name_proves_nothing(
    cli: Cli, country: Path, passfile: Path, tmp_path: Path
) -> None:
    _package, fingerprint = exported(cli, country, passfile)
    fake = forged(tmp_path / "FocalPoint-SV-007.zip", a_document())
    for folder in (tmp_path / "reviewer", country):  # nor does the country's own workspace
        answer = json.loads(cli.ok(folder, "verify", str(fake), "--json"))
        assert answer["signer"] == "Ana Pérez" and answer["signer_proven"] is False
    refused = cli.refused(tmp_path / "reviewer", "verify", str(fake), "--key", fingerprint)
    assert "NOT VALID" in refused


def test_records_of_another_country_than_the_manifest_says_are_refused(
    cli: Cli, tmp_path: Path
) -> None:
    fake = forged(tmp_path / "FocalPoint-SV-007.zip", a_document(country="GT"))
    result = cli.run(tmp_path / "reviewer", "verify", str(fake), "--json")
    assert result.code == 1
    answer = json.loads(result.out)
    assert answer["valid"] is False and answer["reason"] == "data"
    assert "from GT" in answer["message"] and "from SV" in answer["message"]
