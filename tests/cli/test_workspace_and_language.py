"""Which workspace a command works in, refusals of unusable ones, and the language it speaks."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from focalpoint.services.country.workspace_folder import workspace_exists
from tests.cli.runner import Cli

DB_NAME = "focalpoint.db"


def test_data_dir_from_the_environment(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "env-ws"
    cli.ok(None, "setup", "--country", "PA", "--name", "Ana", FOCALPOINT_DATA_DIR=str(folder))
    assert workspace_exists(folder)


def test_an_empty_data_dir_is_refused_not_taken_for_the_real_one(cli: Cli, tmp_path: Path) -> None:
    result = cli.run(None, "--data-dir", "", "entity", "list", env={"HOME": str(tmp_path)})
    assert result.code == 1 and "workspace folder given is empty" in result.err
    assert not any(tmp_path.rglob(DB_NAME))


def test_edits_wait_for_the_set_up(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    assert "Set up this workspace first" in cli.refused(
        set_up_empty(cli, folder), "status", "1.1.1", "completed"
    )


def set_up_empty(cli: Cli, folder: Path) -> Path:
    """A workspace made, but whose set-up was refused (an unknown country)."""
    cli.refused(folder, "setup", "--country", "XX", "--name", "Ana")
    assert (folder / DB_NAME).exists()
    return folder


def test_commands_other_than_setup_create_no_workspace(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "typo"
    for command in (("plan", "show"), ("status", "1.1.1", "completed"), ("entity", "list")):
        message = cli.refused(folder, *command)
        assert f"There is no workspace in {folder}" in message
        assert "focalpoint setup" in message
    assert not folder.exists()


def test_setup_makes_only_the_last_folder(cli: Cli, tmp_path: Path) -> None:
    deep = tmp_path / "nonexistent" / "deep" / "x"
    message = cli.refused(deep, "setup", "--country", "SV", "--name", "Ana Pérez")
    assert f"The folder {deep.parent} does not exist" in message
    assert not (tmp_path / "nonexistent").exists()
    assert "There is no workspace" in cli.refused(deep, "plan", "show")
    assert not (tmp_path / "nonexistent").exists()
    cli.ok(tmp_path / "new", "setup", "--country", "SV", "--name", "Ana Pérez")
    assert (tmp_path / "new" / DB_NAME).is_file()


def test_an_empty_database_beside_evidence_is_damaged_not_new(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "sv"
    cli.ok(folder, "setup", "--country", "SV", "--name", "Ana Pérez")
    (folder / "submissions").mkdir()
    (folder / "submissions" / "FocalPoint-SV-001-2026-01-01.zip").write_bytes(b"PK")
    (folder / DB_NAME).write_bytes(b"")
    for name in (DB_NAME + "-wal", DB_NAME + "-shm"):
        (folder / name).unlink(missing_ok=True)
    message = cli.refused(folder, "plan", "show")
    assert "damaged, not new" in message
    assert (folder / DB_NAME).stat().st_size == 0  # not replaced by a fresh workspace
    (folder / DB_NAME).unlink()
    assert "damaged, not new" in cli.refused(folder, "setup", "--country", "SV", "--name", "A")
    assert not (folder / DB_NAME).exists()
    # A 0-byte file in a folder that never held anything is only a workspace not made yet.
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / DB_NAME).write_bytes(b"")
    cli.ok(fresh, "setup", "--country", "SV", "--name", "Ana Pérez")
    assert (fresh / DB_NAME).stat().st_size > 0


def test_a_file_where_the_folder_should_be_is_named_as_such(cli: Cli, tmp_path: Path) -> None:
    plain = tmp_path / "notes.txt"
    plain.write_text("not a folder")
    message = cli.refused(plain, "setup", "--country", "SV", "--name", "Ana Pérez")
    assert "is a file, not a folder" in message
    assert "damaged" not in message
    assert plain.read_text() == "not a folder"


def test_damaged_and_newer_workspaces_are_refused_without_traceback(
    cli: Cli, tmp_path: Path
) -> None:
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / DB_NAME).write_bytes(b"\x00garbage" * 500)
    assert "damaged" in cli.refused(damaged, "plan", "show")
    assert (damaged / DB_NAME).read_bytes() == b"\x00garbage" * 500

    newer = tmp_path / "newer"
    cli.ok(newer, "setup", "--country", "CR", "--name", "Carla Solís")
    with sqlite3.connect(newer / DB_NAME) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0077_future'")
    conn.close()
    assert "newer version of FocalPoint" in cli.refused(newer, "plan", "show")


def test_messages_come_in_the_users_language(cli: Cli, tmp_path: Path) -> None:
    stderr = cli.refused(tmp_path / "ws", "setup", "--country", "XX", "--name", "Ana", lang="es")
    assert stderr.startswith("focalpoint: ")
    assert "'XX'" in stderr and "Unknown country" not in stderr
    from focalpoint.i18n import _, set_language

    set_language("es")
    expected = _("Unknown country code '{code}'. Use one of: {codes}.")
    assert expected.split("'")[0] in stderr  # the Spanish sentence, not the English one


def test_help_and_usage_errors_are_translated_and_exit_0_and_2(cli: Cli, tmp_path: Path) -> None:
    helped = cli.run(tmp_path / "ws", "entity", "add", "--help", lang="fr")
    assert helped.code == 0 and helped.out.startswith("utilisation : focalpoint entity add")
    misused = cli.run(tmp_path / "ws", "status", "1.1.1", "finished", lang="es")
    assert misused.code == 2 and misused.out == ""
    assert "uso: focalpoint status" in misused.err and "opción no válida" in misused.err
    assert not (tmp_path / "ws").exists()  # nothing was opened, so nothing was created


def test_the_secretariats_commands_make_no_folder_either(cli: Cli, tmp_path: Path) -> None:
    deep = tmp_path / "nonexistent" / "deep" / "ts"
    for command in (("ts", "inbox"), ("ts", "keys")):
        assert "There is no Secretariat workspace in" in cli.refused(deep, *command)
    message = cli.refused(deep, "ts", "setup", "--name", "Secretaría Técnica")
    assert f"The folder {deep.parent} does not exist" in message
    assert not (tmp_path / "nonexistent").exists()


def test_the_default_place_is_made_with_its_parents_on_a_new_account(
    cli: Cli, tmp_path: Path
) -> None:
    # A new account: its data folder (Windows: AppData\Roaming\RCM) does not exist yet.
    share = tmp_path / "new-account" / ".local" / "share"
    cli.ok(None, "setup", "--country", "SV", "--name", "Ana Pérez", XDG_DATA_HOME=str(share))
    assert (share / "FocalPoint" / DB_NAME).is_file()
    assert "El Salvador" in cli.ok(None, "setup", "--country", "SV", "--name", "Ana Pérez",
                                   XDG_DATA_HOME=str(share))  # fmt: skip
