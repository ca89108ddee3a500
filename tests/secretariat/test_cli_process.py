"""``focalpoint ts …`` as a real process, on SQLite and on PostgreSQL: what a user types and
reads, the exit codes a shell sees, and never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from focalpoint.domain.errors import InvalidInput
from focalpoint.package.keys import PublicKey, public_of
from focalpoint.package.registration import registration_payload
from focalpoint.services.country.workspace import Workspace
from tests.e2e.processes import environment

PASSPHRASE = "una frase de paso larga"


def new_public() -> PublicKey:
    return public_of(Ed25519PrivateKey.generate())


class Cli:
    """Runs ``python -m focalpoint ts …`` in one workspace folder, on one database."""

    def __init__(self, folder: Path, database_url: str | None, as_option: bool = False) -> None:
        self.folder = folder
        self.database_url = database_url
        self.as_option = as_option  # --database-url URL, else $FOCALPOINT_DATABASE_URL

    def __call__(self, *args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
        options = ["--data-dir", str(self.folder)]
        variables = {"FOCALPOINT_LANG": lang, "FOCALPOINT_PASSPHRASE": PASSPHRASE}
        if self.database_url and self.as_option:
            options += ["--database-url", self.database_url]
        elif self.database_url:
            variables["FOCALPOINT_DATABASE_URL"] = self.database_url
        done = subprocess.run(
            [sys.executable, "-m", "focalpoint", "ts", *args, *options],
            capture_output=True,
            text=True,
            env=environment(**variables),
            stdin=subprocess.DEVNULL,
            timeout=120,
        )
        assert "Traceback" not in done.stderr, done.stderr
        return done


@pytest.fixture
def cli(tmp_path: Path, database_url: str | None) -> Cli:
    return Cli(tmp_path / "secretariat", database_url)


def test_set_up_register_revoke_and_list(tmp_path: Path, database_url: str | None) -> None:
    cli = Cli(tmp_path / "secretariat", database_url, as_option=True)
    setup = cli("setup", "--name", "Secretaría Técnica de la CRM", lang="es")
    assert setup.returncode == 0, setup.stderr
    assert "Huella:" in setup.stdout and "age1" in setup.stdout

    guatemala, el_salvador = new_public(), new_public()
    pem = tmp_path / "GT.pem"
    pem.write_text(guatemala.pem())
    heard = guatemala.fingerprint.replace("-", " ").lower()
    done = cli("key", "register", str(pem), "--country", "GT", "--fingerprint", heard)
    assert done.returncode == 0, done.stderr
    assert f"Key {guatemala.fingerprint} registered for GT." in done.stdout

    qr = tmp_path / "sv-sheet.txt"
    qr.write_text(
        registration_payload("SV", el_salvador.pem(), el_salvador.fingerprint, el_salvador.key_id)
    )
    sv = el_salvador.fingerprint
    assert cli("key", "register", str(qr), "--country", "SV", "--fingerprint", sv).returncode == 0

    revoked = cli("key", "revoke", "GT", "--from", "2027-01-31")
    assert revoked.returncode == 0, revoked.stderr
    assert "from 2027-01-31 on will be refused" in revoked.stdout

    listed = cli("keys", "--json")
    assert listed.returncode == 0, listed.stderr
    keys = {k["country"]: k for k in json.loads(listed.stdout)}
    assert keys["GT"]["state"] == "revoked" and keys["GT"]["revoked_from"] == "2027-01-31"
    assert keys["SV"]["state"] == "current" and keys["SV"]["fingerprint"] == sv
    assert keys["GT"]["registered_by"] == "Secretaría Técnica de la CRM"
    only = json.loads(cli("keys", "--country", "sv", "--json").stdout)
    assert [k["country"] for k in only] == ["SV"]
    text = cli("keys", lang="fr")
    assert f"GT  {guatemala.fingerprint}  révoquée" in text.stdout


def test_refusals_exit_1_in_the_users_language(cli: Cli, tmp_path: Path) -> None:
    assert cli("setup", "--name", "TS").returncode == 0
    key = new_public()
    pem = tmp_path / "GT.pem"
    pem.write_text(key.pem())
    wrong = cli("key", "register", str(pem), "--country", "GT", "--fingerprint", "AAAA-BBBB")
    assert wrong.returncode == 1
    assert "is not this key's" in wrong.stderr
    assert key.fingerprint not in wrong.stderr  # read from the sheet, never copied from here
    unknown = cli(
        "key", "register", str(pem), "--country", "ZZ", "--fingerprint", key.fingerprint, lang="es"
    )
    assert unknown.returncode == 1
    assert "Código de país desconocido" in unknown.stderr
    not_a_key = tmp_path / "notes.txt"
    not_a_key.write_text("hello")
    refused = cli("key", "register", str(not_a_key), "--country", "GT", "--fingerprint", "x")
    assert (refused.returncode, refused.stderr.count("\n")) == (1, 1)
    assert json.loads(cli("keys", "--json").stdout) == []
    assert cli("key", "revoke", "GT").returncode == 2  # --from is required: a usage error


def test_a_country_folder_is_refused_and_left_alone(tmp_path: Path) -> None:
    country = tmp_path / "country"
    made = subprocess.run(
        [sys.executable, "-m", "focalpoint", "setup", "--country", "GT", "--name", "Ana"],
        capture_output=True,
        text=True,
        env=environment(FOCALPOINT_LANG="en", FOCALPOINT_DATA_DIR=str(country)),
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    before = sorted(p.name for p in country.iterdir())
    refused = Cli(country, None)("keys")
    assert refused.returncode == 1
    assert "holds a country's workspace, not the Technical Secretariat's" in refused.stderr
    assert sorted(p.name for p in country.iterdir()) == before


def test_set_up_without_a_passphrase_changes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "secretariat"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "focalpoint",
            "ts",
            "setup",
            "--name",
            "TS",
            "--data-dir",
            str(folder),
        ],
        capture_output=True,
        text=True,
        env=environment(FOCALPOINT_LANG="en"),
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert done.returncode == 1
    assert "--passphrase-file" in done.stderr and "Traceback" not in done.stderr
    again = Cli(folder, None)("keys")
    assert again.returncode == 0 and "No country key" in again.stdout
    from focalpoint.services.secretariat.workspace import SecretariatWorkspace

    workspace = SecretariatWorkspace.open(folder)
    try:
        assert workspace.profile.get() is None and workspace.keys.current() is None
    finally:
        workspace.close()


def test_the_key_file_written_by_ts_is_what_a_country_trusts(
    cli: Cli, tmp_path: Path, ws: Workspace
) -> None:
    """The Secretariat writes its key file; a real country workspace imports it once the
    fingerprint read over the phone is typed back, and then encrypts to its age key."""
    setup = cli("setup", "--name", "Secretaría Técnica de la CRM")
    assert setup.returncode == 0, setup.stderr
    key_file = tmp_path / "FocalPoint-Secretariat-key.json"
    written = cli("key", "file", "-o", str(key_file), lang="es")
    assert written.returncode == 0, written.stderr
    heard = written.stdout.split("huella es ")[1].split(":")[0]
    assert len(heard) == 19 and "Archivo de clave escrito" in written.stdout

    trusted = ws.secretariat.trust(key_file, heard.lower().replace("-", " "))
    assert trusted.name == "Secretaría Técnica de la CRM" and trusted.fingerprint == heard
    assert trusted.age_recipient.startswith("age1")
    with pytest.raises(InvalidInput):  # another key's fingerprint trusts nothing
        ws.secretariat.trust(key_file, new_public().fingerprint)

    wrong = cli("key", "file", "-o", str(tmp_path / "x.json"), "--passphrase-file", str(key_file))
    assert wrong.returncode == 1 and not (tmp_path / "x.json").exists()
