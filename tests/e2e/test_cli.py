"""The command line as a script uses it: real processes, exit codes, messages, no tracebacks."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from focalpoint.storage.sqlite import DB_NAME


def run(folder: Path, *args: str, lang: str | None = "en") -> subprocess.CompletedProcess[str]:
    """``lang=None``: no language forced, so the workspace's own language applies."""
    env = {**os.environ, "FOCALPOINT_LANG": lang or ""}
    env.pop("FOCALPOINT_DATA_DIR", None)
    if lang is None:
        env.pop("FOCALPOINT_LANG")
    return subprocess.run(
        [sys.executable, "-m", "focalpoint", *args, "--data-dir", str(folder)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def ok(folder: Path, *args: str, lang: str | None = "en") -> str:
    result = run(folder, *args, lang=lang)
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
    text = ok(ws, "plan", "show", lang=None)
    assert "1 de 30 acciones tienen entidad responsable" in text  # set up in Spanish


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

    newer = set_up(tmp_path / "newer")
    with sqlite3.connect(newer / DB_NAME) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0077_future'")
    conn.close()
    assert "newer version of FocalPoint" in refused(newer, "plan", "show")


def test_the_directory_from_the_command_line(tmp_path: Path) -> None:
    ws = set_up(tmp_path / "ws")
    ok(ws, "entity", "add", "Secretaría de Gobernación", "--acronym", "SEGOB", "--type", "ministry")
    ok(
        ws,
        "entity",
        "add",
        "Instituto Nacional de Migración",
        "--acronym",
        "INM",
        "--type",
        "migration_authority",
        "--parent",
        "SEGOB",
    )
    ok(ws, "entity", "add", "INAMI", "--acronym", "INAMI")
    ok(ws, "assign", "2.1.1", "INAMI")
    ok(ws, "assign", "2.1.1", "SEGOB", "--support")
    ok(ws, "entity", "edit", "INM", "--phone", "+52 55 0000 0000")

    merged = ok(ws, "entity", "merge", "INM", "INAMI")
    assert "1" in merged
    plan = json.loads(ok(ws, "plan", "show", "--json"))
    assert plan["assignments"]["2.1.1"]["lead"] == "Instituto Nacional de Migración"

    assert "--force" in refused(ws, "entity", "retire", "INM")
    ok(ws, "entity", "retire", "INM", "--force")
    ok(ws, "entity", "edit", "INM", "--notes", "Absorbido en 2026")  # retired, still editable
    ok(ws, "unassign", "2.1.1", "SEGOB")
    ok(ws, "entity", "restore", "INM")
    entities = {e["acronym"]: e for e in json.loads(ok(ws, "entity", "list", "--json"))}
    assert set(entities) == {"SEGOB", "INM"}
    inm = entities["INM"]
    assert (inm["retired"], inm["phone"], inm["notes"]) == (
        False,
        "+52 55 0000 0000",
        "Absorbido en 2026",
    )
    assert inm["parent_id"] == entities["SEGOB"]["id"]
    plan = json.loads(ok(ws, "plan", "show", "--json"))
    assert plan["assignments"]["2.1.1"]["supporting"] == []
    history = ok(ws, "history", "2.1.1")
    assert "Entity merged: INAMI (INAMI) → Instituto Nacional de Migración (INM)" in history


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[" * 100_000, "not a FocalPoint plan file"),
        ('{"format": "focalpoint.plan", "n": 1' + "0" * 5000 + "}", "not a FocalPoint plan file"),
    ],
    ids=["deep-nesting", "huge-number"],
)
def test_hostile_plan_files_are_refused_without_traceback(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "plan.json"
    path.write_text(content)
    assert message in refused(set_up(tmp_path / "ws"), "plan", "import", str(path))


def test_a_device_is_not_read_as_a_plan(tmp_path: Path) -> None:
    assert "is not a file" in refused(set_up(tmp_path / "ws"), "plan", "import", "/dev/zero")


def test_messages_come_in_the_users_language(tmp_path: Path) -> None:
    stderr = refused(tmp_path / "ws", "setup", "--country", "XX", "--name", "Ana", lang="es")
    assert stderr.startswith("focalpoint: ")
    assert "'XX'" in stderr and "Unknown country" not in stderr
    from focalpoint.i18n import _, set_language

    set_language("es")
    expected = _("Unknown country code '{code}'. Use one of: {codes}.")
    assert expected.split("'")[0] in stderr  # the Spanish sentence, not the English one


def test_report_from_the_command_line(tmp_path: Path) -> None:
    from pypdf import PdfReader

    ws = set_up(tmp_path / "ws")
    out = ok(ws, "report", "--lang", "fr", "-o", str(tmp_path / "rapport.pdf"))
    assert "rapport.pdf" in out
    assert "Rapport de pays" in PdfReader(tmp_path / "rapport.pdf").pages[0].extract_text()
    assert "cannot be written" in refused(ws, "report", "-o", str(tmp_path / "no" / "x.pdf"))
