"""The plan, assignments, history and the report from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.runner import Cli


def set_up(cli: Cli, folder: Path) -> Path:
    cli.ok(folder, "setup", "--country", "CR", "--name", "Carla Solís")
    return folder


def test_a_whole_session_from_the_command_line(cli: Cli, tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    cli.ok(ws, "setup", "--country", "GT", "--name", "Lucía Méndez", "--lang", "es")
    cli.ok(
        ws,
        "entity",
        "add",
        "Secretaría de Bienestar Social",
        "--acronym",
        "SBS",
        "--type",
        "child_protection_agency",
    )
    cli.ok(
        ws,
        "entity",
        "add",
        "Instituto Guatemalteco de Migración",
        "--acronym",
        "IGM",
        "--type",
        "migration_authority",
    )
    cli.ok(ws, "assign", "3.2.1", "SBS")
    cli.ok(ws, "assign", "3.2.1", "IGM", "--support")
    cli.ok(ws, "status", "3.2.1", "in_progress")
    cli.ok(ws, "note", "3.2.1", "Mapeo iniciado con OIM")

    plan = json.loads(cli.ok(ws, "plan", "show", "--json"))
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
    entities = json.loads(cli.ok(ws, "entity", "list", "--json"))
    assert {(e["acronym"], e["actions"]) for e in entities} == {("SBS", 1), ("IGM", 1)}
    history = json.loads(cli.ok(ws, "history", "3.2.1", "--json"))
    assert {h["field"] for h in history} == {"lead", "support", "status", "note"}
    text = cli.ok(ws, "plan", "show", lang=None)
    assert "Acciones con entidad responsable: 1 de 30" in text  # set up in Spanish


def test_plan_import_from_the_command_line(cli: Cli, tmp_path: Path) -> None:
    from tests.plan_files import signed_plan_for
    from tests.services.test_plan_import import next_version

    ws = set_up(cli, tmp_path / "ws")
    cli.ok(ws, "entity", "add", "Cancillería", "--acronym", "MINREX")
    cli.ok(ws, "assign", "1.1.3", "MINREX")
    path = signed_plan_for(ws, tmp_path / "plan-1.0.json", next_version())
    out = cli.ok(ws, "plan", "import", str(path))
    assert "updated from version 0.1 to 1.0" in out
    assert "1.1.3" in out
    assert "1.1.3" in cli.ok(ws, "plan", "show")
    plan = json.loads(cli.ok(ws, "plan", "show", "--json"))
    assert plan["assignments"]["1.1.3"]["in_plan"] is False


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
    cli: Cli, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    assert message in cli.refused(set_up(cli, tmp_path / "ws"), *args)


def test_malformed_plan_file_is_refused(cli: Cli, tmp_path: Path) -> None:
    from tests.plan_files import signed_plan_for

    ws = set_up(cli, tmp_path / "ws")
    malformed = {"format": "focalpoint.plan", "format_version": 1, "plan": {}}
    path = signed_plan_for(ws, tmp_path / "plan.json", malformed)
    assert "does not follow the plan format" in cli.refused(ws, "plan", "import", str(path))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[" * 100_000, "not a FocalPoint plan file"),
        ('{"format": "focalpoint.plan", "n": 1' + "0" * 5000 + "}", "not a FocalPoint plan file"),
    ],
    ids=["deep-nesting", "huge-number"],
)
def test_hostile_plan_files_are_refused_without_traceback(
    cli: Cli, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "plan.json"
    path.write_text(content)
    assert message in cli.refused(set_up(cli, tmp_path / "ws"), "plan", "import", str(path))


def test_a_device_is_not_read_as_a_plan(cli: Cli, tmp_path: Path) -> None:
    ws = set_up(cli, tmp_path / "ws")
    assert "is not a file" in cli.refused(ws, "plan", "import", "/dev/zero")


def test_report_from_the_command_line(cli: Cli, tmp_path: Path) -> None:
    from pypdf import PdfReader

    ws = set_up(cli, tmp_path / "ws")
    out = cli.ok(ws, "report", "--lang", "fr", "-o", str(tmp_path / "rapport.pdf"))
    assert "rapport.pdf" in out
    assert "Rapport de pays" in PdfReader(tmp_path / "rapport.pdf").pages[0].extract_text()
    assert "cannot be written" in cli.refused(ws, "report", "-o", str(tmp_path / "no" / "x.pdf"))
