"""A workspace folder is one kind for good; the Secretariat's profile and its own key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from focalpoint.domain.errors import InvalidInput, StorageError, WrongPassphrase
from focalpoint.i18n import set_language
from focalpoint.package.keys import fingerprint_of
from focalpoint.services.country.workspace import Workspace
from focalpoint.services.secretariat.workspace import SecretariatWorkspace

PASSPHRASE = "correct horse battery staple"


def test_a_secretariat_folder_is_refused_as_a_country_and_left_as_it_was(
    ts: SecretariatWorkspace,
) -> None:
    before = sorted(p.name for p in ts.folder.iterdir())
    with pytest.raises(StorageError, match="Technical Secretariat's workspace, not a country's"):
        Workspace.open(ts.folder)
    assert sorted(p.name for p in ts.folder.iterdir()) == before
    assert "focalpoint.db" not in before


def test_a_country_folder_is_refused_as_the_secretariat(tmp_path: Path) -> None:
    Workspace.open(tmp_path / "country").close()
    set_language("fr")
    with pytest.raises(StorageError, match="pas celui du Secrétariat technique"):
        SecretariatWorkspace.open(tmp_path / "country")
    assert not (tmp_path / "country" / "secretariat.json").exists()


def test_the_marker_says_where_the_data_is(
    ts: SecretariatWorkspace, database_url: str | None
) -> None:
    marker = json.loads((ts.folder / "secretariat.json").read_text())
    assert marker["database"] == ("server" if database_url else "sqlite")
    assert (ts.folder / "secretariat.db").exists() is (database_url is None)
    assert database_url is None or "password" not in json.dumps(marker)


def test_a_workspace_opens_only_where_its_data_is(tmp_path: Path, postgres_url: str) -> None:
    SecretariatWorkspace.open(tmp_path / "server", postgres_url).close()
    with pytest.raises(StorageError, match="keeps its data on a database server"):
        SecretariatWorkspace.open(tmp_path / "server")
    SecretariatWorkspace.open(tmp_path / "folder").close()
    with pytest.raises(StorageError, match="keeps its data in its folder"):
        SecretariatWorkspace.open(tmp_path / "folder", postgres_url)


def test_an_unreachable_server_is_said_and_leaves_no_workspace(tmp_path: Path) -> None:
    url = "postgresql://someone:secret@127.0.0.1:1/nothing"
    with pytest.raises(StorageError) as refused:
        SecretariatWorkspace.open(tmp_path / "ts", url)
    assert "could not be read or written" in str(refused.value)
    assert "secret" not in str(refused.value)
    assert not (tmp_path / "ts" / "secretariat.json").exists()


@pytest.mark.parametrize("url", ["mysql://ana:secret@db/ts", "postgresql+asyncpg://db/ts", "::"])
def test_a_database_other_than_postgresql_is_refused(tmp_path: Path, url: str) -> None:
    with pytest.raises(StorageError) as refused:
        SecretariatWorkspace.open(tmp_path / "ts", url)
    assert "secret" not in str(refused.value)
    assert not (tmp_path / "ts" / "secretariat.json").exists()


def test_the_profile_and_the_key(ts: SecretariatWorkspace) -> None:
    profile = ts.profile.get()
    assert profile is not None and profile.language == "en"
    with pytest.raises(InvalidInput, match="at least 10 characters"):
        ts.keys.create("short")
    key = ts.keys.create(PASSPHRASE)
    assert key.fingerprint == fingerprint_of(key.public_key)
    assert key.age_recipient.startswith("age1")
    with pytest.raises(InvalidInput, match="already has a signing key"):
        ts.keys.create(PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        ts.keys.unlock("not the passphrase")
    unlocked = ts.keys.unlock(PASSPHRASE)
    assert str(unlocked.age.to_public()) == key.age_recipient
    from focalpoint.package.keys import public_of

    assert public_of(unlocked.signing).raw == key.public_key


def test_nothing_is_changed_before_set_up(ts_folder: Path, database_url: str | None) -> None:
    workspace = SecretariatWorkspace.open(ts_folder, database_url)
    try:
        with pytest.raises(InvalidInput, match="Set up the Secretariat's workspace first"):
            workspace.keys.create(PASSPHRASE)
    finally:
        workspace.close()


def test_a_damaged_store_is_said_and_left_untouched(tmp_path: Path) -> None:
    SecretariatWorkspace.open(tmp_path / "ts").close()
    store = tmp_path / "ts" / "secretariat.db"
    for leftover in tmp_path.glob("ts/secretariat.db-*"):
        leftover.unlink()
    store.write_bytes(b"half a file" * 500)
    with pytest.raises(StorageError, match="could not be read or written"):
        SecretariatWorkspace.open(tmp_path / "ts")
    assert store.read_bytes() == b"half a file" * 500


def test_working_files_a_killed_intake_left_are_removed_at_the_next_open(tmp_path: Path) -> None:
    folder = tmp_path / "secretariat"
    SecretariatWorkspace.open(folder).close()
    received = folder / "received"
    received.mkdir(exist_ok=True)
    left = [
        received / ".FocalPoint-SV-001-2026-12-01.zip.0123456789ab.part",
        folder / "reports" / ".regional-preview-1f.pdf.0123456789ab.part",
        folder / ".FocalPoint-Secretariat-key.json.0123456789ab.part",
    ]
    kept = [received / "FocalPoint-SV-001-2026-12-01.zip", received / "notes.part"]
    for path in left + kept:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"half")

    SecretariatWorkspace.open(folder, create=False).close()

    assert [p for p in left if p.exists()] == []
    assert all(p.exists() for p in kept)  # only FocalPoint's own working names
