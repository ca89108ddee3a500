"""SIGKILL at random moments: nothing confirmed is lost, nothing half-made is left.

A child process (``tests/e2e/crash_driver.py``) edits one country workspace through the
services the window and the CLI use: entities added, leads assigned, statuses and notes set,
practices and services added, a directory CSV of 2,000 rows imported, submissions signed and
copied. It says ``done`` after each call has returned. This test kills it with SIGKILL at a
moment drawn from a seeded generator, the kills taking turns to land among the small edits,
inside an import, inside an export, and then, as a user would after a crash:

- ``PRAGMA integrity_check`` answers ``ok``;
- the next start (``focalpoint submission list --json``, a real process) works, lists every
  confirmed submission, and leaves no hidden ``.<name>.<id>.part`` file in the workspace;
- every edit confirmed before the kill is there, read back through the services; the one edit
  under way may be there or not, and an import is there for all 2,000 rows or for none.

Then the next child carries on in the same workspace. ``FOCALPOINT_CRASH_KILLS`` (default 20)
and ``FOCALPOINT_CRASH_SEED`` (default 15) set how many kills and which moments, for a longer
run by hand; the figures are printed (``pytest -s``). Twenty kills take ≈30 s on two idle
cores (≈35 s of processor time, most of it Python starting the child and the next start).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from focalpoint.domain.records import EntityDraft, Profile
from focalpoint.domain.vocab import EntityType
from focalpoint.services.country.workspace import Workspace
from tests.e2e.crash_driver import IMPORTED, PASSPHRASE
from tests.e2e.processes import SOURCES, environment, focalpoint_command

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL as in POSIX")

REPO = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("FOCALPOINT_CRASH_KILLS", "20"))
SEED = int(os.environ.get("FOCALPOINT_CRASH_SEED", "15"))
EDITS = ("entity", "assign", "status", "note", "practice", "service")
# How long after an import's or an export's start the kill may land: up to a little longer
# than the last one took (exports grow with the workspace), so mostly inside it.
FIRST_GUESS = {"import": 0.5, "export": 0.5}


@dataclass
class Figures:
    kills: int = 0
    confirmed: int = 0  # edits, imports and exports the child said were done
    checked: int = 0  # confirmed ones found in the workspace after the kill that followed
    lost: list[str] = field(default_factory=list)
    in_flight: dict[str, int] = field(default_factory=dict)  # kind of the edit cut short
    left_by_kill: int = 0  # working files found after a kill, before the next start


@dataclass
class Model:
    """What the workspace must hold: the last confirmed value of everything edited."""

    values: dict[tuple[str, ...], Any] = field(default_factory=dict)
    present: set[tuple[str, str]] = field(default_factory=set)  # entities, practices, services
    submissions: dict[int, str] = field(default_factory=dict)  # sequence → sha256


def _changes(event: dict[str, Any]) -> Iterator[tuple[tuple[str, ...], Any]]:
    kind = event["kind"]
    if kind in ("assign", "status", "note"):
        yield (kind, event["code"]), event["value"]
    elif kind == "import":
        yield ("import",), event["prefix"]


def _present(event: dict[str, Any]) -> tuple[str, str] | None:
    kind = event["kind"]
    if kind == "entity":
        return kind, event["acronym"]
    if kind == "practice":
        return kind, event["title"]
    if kind == "service":
        return kind, event["name"]
    return None


def _set_up(folder: Path) -> None:
    ws = Workspace.open(folder)
    ws.profile.save(Profile("en", "SV", "Ana Pérez"))
    ws.entities.add(
        EntityDraft("Consejo Nacional de la Niñez", "CONNA", EntityType.CHILD_PROTECTION)
    )
    ws.keys.create(PASSPHRASE)
    ws.close()


def _run_and_kill(
    folder: Path, run: int, target: str, rng: random.Random, spans: dict[str, float]
) -> list[dict]:
    """One child, killed at a moment of ``target`` kind; every line it wrote before.

    ``spans``: how long the last import and export took, updated from this child's lines."""
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.e2e.crash_driver",
            str(folder),
            str(SEED * 1000 + run),
            str(run),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=environment(PYTHONPATH=os.pathsep.join((SOURCES, str(REPO)))),
    )
    # A child that never reaches its moment (it should not happen) is killed all the same.
    guard = threading.Timer(30, child.kill)
    guard.start()
    assert child.stdout is not None and child.stderr is not None
    lines: list[dict] = []
    began: dict[str, float] = {}
    edits_before = rng.randint(1, 40)
    try:
        for raw in child.stdout:
            event = json.loads(raw)
            lines.append(event)
            if event["event"] == "begin":
                began[event["tag"]] = time.monotonic()
            elif event["event"] == "done" and event["kind"] in spans:
                spans[event["kind"]] = time.monotonic() - began[event["tag"]]
            if target == "edit":
                if event["event"] == "done" and event["kind"] in EDITS:
                    edits_before -= 1
                    if edits_before <= 0:
                        time.sleep(rng.uniform(0, 0.01))
                        break
            elif event["event"] == "begin" and event["kind"] == target:
                time.sleep(rng.uniform(0, 1.2 * spans[target]))
                break
        child.send_signal(signal.SIGKILL)
        # What it wrote before dying is still in the pipe: confirmed is confirmed.
        lines.extend(json.loads(raw) for raw in child.stdout)
        child.wait(timeout=10)
    finally:
        guard.cancel()
        if child.poll() is None:
            child.kill()
            child.wait()
    errors = child.stderr.read().decode()
    assert child.returncode == -signal.SIGKILL, f"the child ended by itself:\n{errors}"
    assert not errors, errors
    return lines


def _integrity(folder: Path) -> str:
    with closing(sqlite3.connect(folder / "focalpoint.db")) as conn:
        return ", ".join(row[0] for row in conn.execute("PRAGMA integrity_check"))


def _part_files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*.part"))


def _check(folder: Path, events: list[dict], model: Model, figures: Figures) -> None:
    done = [e for e in events if e["event"] == "done"]
    finished = {e["tag"] for e in done}
    cut = [e for e in events if e["event"] == "begin" and e["tag"] not in finished]
    assert len(cut) <= 1, cut
    if cut:
        figures.in_flight[cut[0]["kind"]] = figures.in_flight.get(cut[0]["kind"], 0) + 1
    for event in done:
        for key, value in _changes(event):
            model.values[key] = value
        if (item := _present(event)) is not None:
            model.present.add(item)
        if event["kind"] == "export":
            model.submissions[event["sequence"]] = event["sha256"]
    figures.confirmed += len(done)
    run_lost: list[str] = []

    integrity = _integrity(folder)
    if integrity != "ok":
        run_lost.append(f"integrity_check: {integrity}")

    figures.left_by_kill += len(_part_files(folder))
    # The next start, as a user makes it: the CLI, in its own process.
    started = subprocess.run(
        focalpoint_command("--data-dir", str(folder), "submission", "list", "--json"),
        capture_output=True,
        text=True,
        env=environment(),
        timeout=60,
    )
    assert started.returncode == 0, started.stderr
    listed = {s["sequence"]: s for s in json.loads(started.stdout)}
    for sequence, sha256 in model.submissions.items():
        row = listed.get(sequence)
        if row is None or row["sha256"] != sha256:
            run_lost.append(f"submission {sequence}")
        elif (
            hashlib.sha256((folder / "submissions" / row["file"]).read_bytes()).hexdigest()
            != sha256
        ):
            run_lost.append(f"submission {sequence}'s file")
    unconfirmed = set(listed) - set(model.submissions)
    if cut and cut[0]["kind"] == "export":
        assert len(unconfirmed) <= 1, unconfirmed
    else:
        assert not unconfirmed, unconfirmed
    for sequence in unconfirmed:  # the export cut short after its commit: whole, or absent
        file = folder / "submissions" / listed[sequence]["file"]
        assert hashlib.sha256(file.read_bytes()).hexdigest() == listed[sequence]["sha256"]
        model.submissions[sequence] = listed[sequence]["sha256"]
    # Hidden working files of a killed export: removed at the next start (issue 15's first
    # sharp edge; this assertion needs that removal).
    assert _part_files(folder) == [], "working files left after the next start"

    ws = Workspace.open(folder)
    try:
        assignments = ws.assignments.all()
        entities = {e.acronym: e.id for e in ws.entities.all()}
        present = {("entity", acronym) for acronym in entities}
        present |= {("practice", p.title) for p in ws.practices.summaries()}
        services = {s.id: s.name for s in ws.directory.services()}
        present |= {("service", name) for name in services.values()}
    finally:
        ws.close()
    for item in model.present:
        if item not in present:
            run_lost.append(f"{item[0]} {item[1]}")
    actual: dict[tuple[str, ...], Any] = {}
    for code, assignment in assignments.items():
        actual["assign", code] = assignment.lead_id
        actual["status", code] = assignment.status.value
        actual["note", code] = assignment.note
    imported = [services[i] for i in IMPORTED if i in services]
    prefixes = {name.rsplit(" service ", 1)[0] for name in imported}
    assert len(imported) in (0, len(IMPORTED)) and len(prefixes) <= 1, (
        f"an import left half done: {len(imported)} rows, {prefixes}"
    )
    actual["import",] = prefixes.pop() if prefixes else None
    might = dict(_changes(cut[0])) if cut else {}
    defaults = {"assign": None, "status": "not_started", "note": "", "import": None}
    for key in set(model.values) | set(might):
        now = actual.get(key, defaults[key[0]])
        allowed = {model.values.get(key, defaults[key[0]])}
        if key in might:
            allowed.add(might[key])
        if now not in allowed:
            run_lost.append(f"{key}: {now!r}, expected one of {allowed!r}")
        model.values[key] = now  # the cut edit's outcome, whichever it was, is the new truth
    figures.lost.extend(run_lost)
    figures.checked += len(done) - len(run_lost)


def test_sigkill_at_random_moments_loses_no_confirmed_edit(tmp_path: Path) -> None:
    folder = tmp_path / "country"
    _set_up(folder)
    rng = random.Random(SEED)
    model, figures = Model(), Figures()
    model.present.add(("entity", "CONNA"))
    spans = dict(FIRST_GUESS)
    started = time.monotonic()
    for run in range(KILLS):
        target = ("edit", "import", "export")[run % 3]
        events = _run_and_kill(folder, run, target, rng, spans)
        figures.kills += 1
        _check(folder, events, model, figures)
    took = time.monotonic() - started
    print(
        f"\n{figures.kills} kills survived in {took:.1f} s; {figures.confirmed} confirmed edits,"
        f" {figures.checked} checked, {len(figures.lost)} lost; cut short: {figures.in_flight};"
        f" {figures.left_by_kill} working files left by the kills, none after the next start"
    )
    assert figures.lost == [], figures.lost
    assert figures.confirmed > KILLS  # the children got far enough to be worth killing
