"""The national entity directory from the command line: add, edit, merge, retire, restore."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.runner import Cli


def test_the_directory_from_the_command_line(cli: Cli, tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    cli.ok(ws, "setup", "--country", "CR", "--name", "Carla Solís")
    cli.ok(
        ws, "entity", "add", "Secretaría de Gobernación", "--acronym", "SEGOB", "--type", "ministry"
    )
    cli.ok(
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
    cli.ok(ws, "entity", "add", "INAMI", "--acronym", "INAMI")
    cli.ok(ws, "assign", "2.1.1", "INAMI")
    cli.ok(ws, "assign", "2.1.1", "SEGOB", "--support")
    cli.ok(ws, "entity", "edit", "INM", "--phone", "+52 55 0000 0000")

    merged = cli.ok(ws, "entity", "merge", "INM", "INAMI")
    assert "1" in merged
    plan = json.loads(cli.ok(ws, "plan", "show", "--json"))
    assert plan["assignments"]["2.1.1"]["lead"] == "Instituto Nacional de Migración"

    assert "--force" in cli.refused(ws, "entity", "retire", "INM")
    cli.ok(ws, "entity", "retire", "INM", "--force")
    cli.ok(ws, "entity", "edit", "INM", "--notes", "Absorbido en 2026")  # retired, still editable
    cli.ok(ws, "unassign", "2.1.1", "SEGOB")
    assert "No retired entity named 'SEGOB'" in cli.refused(ws, "entity", "restore", "SEGOB")
    cli.ok(ws, "entity", "restore", "INM")
    entities = {e["acronym"]: e for e in json.loads(cli.ok(ws, "entity", "list", "--json"))}
    assert set(entities) == {"SEGOB", "INM"}
    inm = entities["INM"]
    assert (inm["retired"], inm["phone"], inm["notes"]) == (
        False,
        "+52 55 0000 0000",
        "Absorbido en 2026",
    )
    assert inm["parent_id"] == entities["SEGOB"]["id"]
    plan = json.loads(cli.ok(ws, "plan", "show", "--json"))
    assert plan["assignments"]["2.1.1"]["supporting"] == []
    history = cli.ok(ws, "history", "2.1.1")
    assert "Entity merged: INAMI (INAMI) → Instituto Nacional de Migración (INM)" in history
