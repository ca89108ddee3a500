"""The command line as a script uses it: real processes, exit codes, messages, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from focalpoint.storage.database import DB_NAME


def run(folder: Path, *args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FOCALPOINT_LANG": lang}
    env.pop("FOCALPOINT_DATA_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "focalpoint", *args, "--data-dir", str(folder)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def ok(folder: Path, *args: str) -> str:
    result = run(folder, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def refused(folder: Path, *args: str, lang: str = "en") -> str:
    result = run(folder, *args, lang=lang)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    return result.stderr


def test_a_whole_session_from_the_command_line(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ok(ws, "setup", "--country", "GT", "--name", "Lucía Méndez", "--lang", "es")
    ok(
        ws,
        "entity",
        "add",
        "Secretaría de Bienestar Social",
        "--acronym",
        "SBS",
        "--type",
        "child_protection_agency",
    )
    ok(
        ws,
        "entity",
        "add",
        "Instituto Guatemalteco de Migración",
        "--acronym",
        "IGM",
        "--type",
        "migration_authority",
    )
    ok(ws, "assign", "3.2.1", "SBS")
    ok(ws, "assign", "3.2.1", "IGM", "--support")
    ok(ws, "status", "3.2.1", "in_progress")
    ok(ws, "note", "3.2.1", "Mapeo iniciado con OIM")

    plan = json.loads(ok(ws, "plan", "show", "--json"))
    assert plan["plan"]["code"] == "RCM-NNA-2017-2022"
    assert plan["assignments"]["3.2.1"] == {
        "lead": "Secretaría de Bienestar Social",
        "supporting": ["Instituto Guatemalteco de Migración"],
        "status": "in_progress",
        "note": "Mapeo iniciado con OIM",
        "updated_at": plan["assignments"]["3.2.1"]["updated_at"],
        "updated_by": "Lucía Méndez",
        "in_plan": True,
    }
    entities = json.loads(ok(ws, "entity", "list", "--json"))
    assert {(e["acronym"], e["actions"]) for e in entities} == {("SBS", 1), ("IGM", 1)}
    history = json.loads(ok(ws, "history", "3.2.1", "--json"))
    assert {h["field"] for h in history} == {"lead", "support", "status", "note"}
    text = ok(ws, "plan", "show")
    assert "1 of 30" in text or "1 de 30" in text


def test_data_dir_from_the_environment(tmp_path: Path) -> None:
    env = {**os.environ, "FOCALPOINT_DATA_DIR": str(tmp_path / "env-ws"), "FOCALPOINT_LANG": "en"}
    subprocess.run(
        [sys.executable, "-m", "focalpoint", "setup", "--country", "PA", "--name", "Ana"],
        check=True,
        env=env,
        capture_output=True,
        timeout=60,
    )
    assert (tmp_path / "env-ws" / DB_NAME).exists()


def test_an_empty_data_dir_is_refused_not_taken_for_the_real_one(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "focalpoint", "--data-dir", "", "entity", "list"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "FOCALPOINT_LANG": "en", "HOME": str(tmp_path)},
    )
    assert result.returncode == 1 and "workspace folder given is empty" in result.stderr
    assert not any(tmp_path.rglob("focalpoint.db"))


def set_up(folder: Path) -> Path:
    ok(folder, "setup", "--country", "CR", "--name", "Carla Solís")
    return folder


def test_edits_wait_for_the_set_up(tmp_path: Path) -> None:
    assert "Set up this workspace first" in refused(tmp_path / "ws", "status", "1.1.1", "completed")


def test_plan_import_from_the_command_line(tmp_path: Path) -> None:
    from tests.services.test_plan_import import next_version

    ws = set_up(tmp_path / "ws")
    ok(ws, "entity", "add", "Cancillería", "--acronym", "MINREX")
    ok(ws, "assign", "1.1.3", "MINREX")
    path = tmp_path / "plan-1.0.json"
    path.write_text(json.dumps(next_version()), encoding="utf-8")
    out = ok(ws, "plan", "import", str(path))
    assert "updated from version 0.1 to 1.0" in out
    assert "1.1.3" in out
    assert "1.1.3" in ok(ws, "plan", "show")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("setup", "--country", "XX", "--name", "Ana"), "Unknown country code 'XX'"),
        (("entity", "add", "  "), "enter the entity's name"),
        (("assign", "1.1.1", "Nobody"), "No entity named 'Nobody'"),
        (("status", "7.7.7", "completed"), "no action 7.7.7"),
    ],
)
def test_bad_input_exits_non_zero_with_the_reason(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    assert message in refused(set_up(tmp_path / "ws"), *args)


def test_malformed_plan_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_text('{"format": "focalpoint.plan", "format_version": 1, "plan": {}}')
    assert "does not follow the plan format" in refused(
        tmp_path / "ws", "plan", "import", str(path)
    )


def test_damaged_and_newer_workspaces_are_refused_without_traceback(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / DB_NAME).write_bytes(b"\x00garbage" * 500)
    assert "damaged" in refused(damaged, "plan", "show")
    assert (damaged / DB_NAME).read_bytes() == b"\x00garbage" * 500


def test_messages_come_in_the_users_language(tmp_path: Path) -> None:
    stderr = refused(tmp_path / "ws", "setup", "--country", "XX", "--name", "Ana", lang="es")
    assert stderr.startswith("focalpoint: ")
    assert "'XX'" in stderr and "Unknown country" not in stderr
    from focalpoint.i18n import _, set_language

    set_language("es")
    expected = _("Unknown country code '{code}'. Use one of: {codes}.")
    assert expected.split("'")[0] in stderr  # the Spanish sentence, not the English one
