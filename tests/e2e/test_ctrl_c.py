"""Ctrl+C in a real process: the long commands stop cleanly and leave nothing behind.

Each command runs as ``python -m focalpoint …`` on a country large enough that its work takes
seconds (2,000 actions, 20,000 services, a plan file of 6,000 actions) and gets SIGINT once the
work is under way: its progress line has reached a point on a terminal, or its working file is
in the folder. It must then exit with status 130, say in one line what was left, print nothing
on stdout, and leave the workspace and the output folder as they were: the same files, the same
rows in every table. How each service stops is tested in the test's own process
(``tests/services``); this is what only a process shows: the signal, the status, the terminal.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import time
import uuid
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from benchmarks.synthetic import install_plan, plan_file

from focalpoint.domain.records import Profile
from focalpoint.services.country.workspace import Workspace
from tests.e2e.processes import at_least, environment, focalpoint_command, interrupted_on_terminal
from tests.plan_files import signed_plan_file

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGINT and terminals as in POSIX")

PASSPHRASE = "correct horse battery staple"
SERVICES = 20_000


@pytest.fixture(scope="session")
def large(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """Made once for the whole run, whichever worker comes first (≈3 s): a country of 2,000
    actions and 20,000 services with a signing key, a blank country, 5,000 of its services as
    a CSV file, and a plan file of 6,000 actions."""
    import fcntl

    base = tmp_path_factory.getbasetemp()
    root = base if worker_id == "master" else base.parent  # the workers' common folder
    folder = root / "large-country"
    with open(root / "large-country.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "ready").exists():
            shutil.rmtree(folder, ignore_errors=True)
            _make_large(folder)
            (folder / "ready").touch()
    return folder


def _make_large(folder: Path) -> None:
    folder.mkdir(parents=True)
    ws = Workspace.open(folder / "country")
    ws.profile.save(Profile("en", "SV", "Ana Pérez"))
    install_plan(ws, plan_file(folder / "plan-2000.json"))
    ws.keys.create(PASSPHRASE)
    _add_services(ws, SERVICES)
    ws.exchange.export_csv(folder / "services.csv")
    ws.close()
    blank = Workspace.open(folder / "blank")
    blank.profile.save(Profile("en", "SV", "Ana Pérez"))
    # A plan update is taken in only when signed by the Secretariat the workspace trusts.
    plan = json.loads(plan_file(folder / "plan-6000-unsigned.json", actions=60).read_bytes())
    signed_plan_file(blank, folder / "plan-6000.json", plan)
    blank.close()
    # The first 5,000 services: importing them anew takes a few seconds, most of it writing.
    with (
        open(folder / "services.csv", encoding="utf-8-sig", newline="") as whole,
        open(folder / "services-5000.csv", "w", encoding="utf-8-sig", newline="") as part,
    ):
        rows = csv.reader(whole)
        csv.writer(part).writerows(row for row, _n in zip(rows, range(5_002), strict=False))


def _add_services(ws: Workspace, count: int) -> None:
    """``count`` services of ``count // 10`` organisations in San Salvador, inserted in bulk:
    a fixture, not the path under test (as ``benchmarks/synthetic.py`` sets up assignments)."""
    rng = random.Random(5)
    stamp = "2026-11-27T00:00:00.000+00:00"
    orgs = [str(uuid.UUID(int=rng.getrandbits(128))) for _ in range(count // 10)]
    kinds = ("shelter", "family_care", "legal_aid", "asylum", "psychosocial")
    with ws.db.transaction() as conn:
        conn.executemany(
            "INSERT INTO organisation (id, name, provider_type, created_at, updated_at)"
            " VALUES (?, ?, 'ngo', ?, ?)",
            [(org, f"Organización {n}", stamp, stamp) for n, org in enumerate(orgs)],
        )
        conn.executemany(
            "INSERT INTO service (id, organisation_id, name, service_type, populations, hours,"
            " referral, subdivision, latitude, longitude, created_at, updated_at) VALUES"
            " (?, ?, ?, ?, '[\"unaccompanied\"]', 'Lunes a viernes', ?, 'SV-SS', ?, ?, ?, ?)",
            [
                (
                    str(uuid.UUID(int=rng.getrandbits(128))),
                    orgs[n % len(orgs)],
                    f"Servicio {n}",
                    kinds[n % len(kinds)],
                    "Llamar antes de referir a la niña o al niño.",
                    13.69 + rng.random() / 50,
                    -89.2 + rng.random() / 50,
                    stamp,
                    stamp,
                )
                for n in range(count)
            ],
        )


def copy(large: Path, name: str, tmp_path: Path) -> Path:
    return Path(shutil.copytree(large / name, tmp_path / name))


def files(*folders: Path) -> list[str]:
    """Every file under ``folders`` (working files, WAL files, a half-written output too)."""
    return sorted(str(p) for folder in folders for p in folder.rglob("*") if p.is_file())


def tables(workspace: Path) -> dict[str, tuple[int, str]]:
    """Each table of the workspace's database: how many rows, and a hash of them all."""
    found = {}
    with closing(sqlite3.connect(workspace / "focalpoint.db")) as conn:
        names = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        for (name,) in names.fetchall():
            digest, count = hashlib.sha256(), 0
            for row in conn.execute(f'SELECT * FROM "{name}"'):
                digest.update(repr(row).encode())
                count += 1
            found[name] = (count, digest.hexdigest())
    return found


def test_a_directory_import_stopped_on_a_terminal_imports_nothing(
    large: Path, tmp_path: Path
) -> None:
    workspace = copy(large, "blank", tmp_path)
    before = files(workspace), tables(workspace)
    # At 40 % every row is checked and services are being written in the one transaction.
    run = interrupted_on_terminal(
        ["directory", "import", str(large / "services-5000.csv"), "--data-dir", str(workspace)],
        environment(FOCALPOINT_LANG="es"),
        at_least(40),
    )
    assert "Importando services-5000.csv…" in run.shown  # the progress line, in Spanish
    assert (run.code, run.out, run.screen()) == (130, "", ["Detenido. No se importó nada."])
    assert (files(workspace), tables(workspace)) == before


def test_a_plan_import_stopped_on_a_terminal_keeps_the_plan(large: Path, tmp_path: Path) -> None:
    workspace = copy(large, "blank", tmp_path)
    before = files(workspace), tables(workspace)
    # The line's first drawing comes while the file is checked against the plan schema.
    run = interrupted_on_terminal(
        ["plan", "import", str(large / "plan-6000.json"), "--data-dir", str(workspace)],
        environment(FOCALPOINT_LANG="fr"),
        at_least(0),
    )
    assert (run.code, run.out, run.screen()) == (130, "", ["Arrêté. Rien n’a été importé."])
    assert (files(workspace), tables(workspace)) == before


def test_a_report_stopped_on_a_terminal_leaves_no_file(large: Path, tmp_path: Path) -> None:
    workspace, out = copy(large, "country", tmp_path), tmp_path / "out"
    out.mkdir()
    before = files(workspace, out), tables(workspace)
    run = interrupted_on_terminal(
        ["report", "-o", str(out / "report.pdf"), "--data-dir", str(workspace)],
        environment(FOCALPOINT_LANG="en"),
        at_least(20),  # laying out the plan's 2,000 actions
    )
    assert (run.code, run.out, run.screen()) == (130, "", ["Stopped. Nothing was written."])
    assert (files(workspace, out), tables(workspace)) == before


def test_an_export_stopped_while_signing_keeps_no_submission(large: Path, tmp_path: Path) -> None:
    workspace, out = copy(large, "country", tmp_path), tmp_path / "usb"
    out.mkdir()
    ws = str(workspace)
    passphrase = tmp_path / "passphrase.txt"
    passphrase.write_text(PASSPHRASE + "\n")
    before = files(workspace, out), tables(workspace)
    run = interrupted_on_terminal(
        ["export", "--out", str(out), "--passphrase-file", str(passphrase), "--data-dir", ws],
        environment(FOCALPOINT_LANG="en"),
        at_least(5),  # writing the country report that goes into the package
    )
    assert (run.code, run.out) == (130, "")
    assert run.screen()[-1] == "Stopped. Nothing was written."  # after the export's warnings
    assert "Traceback" not in run.shown
    # No package, no working file, no submission recorded: its number is still free.
    assert (files(workspace, out), tables(workspace)) == before


def test_a_directory_export_stopped_when_piped_writes_nothing_else(
    large: Path, tmp_path: Path
) -> None:
    workspace, out = copy(large, "country", tmp_path), tmp_path / "out"
    out.mkdir()
    before = files(workspace, out), tables(workspace)
    target = str(out / "services.geojson")
    process = subprocess.Popen(
        focalpoint_command(
            "directory", "export", "--format", "geojson", "-o", target, "--data-dir", str(workspace)
        ),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(FOCALPOINT_LANG="en"),
    )
    with process:
        # Half the file written under its working name, then Ctrl+C.
        wait_for(lambda: any(out.glob(".services.geojson.*.part")), process)
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=60)
    # Piped, stderr holds the one line and nothing of a progress line.
    assert (process.returncode, stdout, stderr) == (130, "", "Stopped. Nothing was written.\n")
    assert (files(workspace, out), tables(workspace)) == before


def wait_for(condition: Callable[[], bool], process: subprocess.Popen[Any]) -> None:
    deadline = time.monotonic() + 60
    while not condition():
        assert process.poll() is None, "the command ended before it could be stopped"
        assert time.monotonic() < deadline
        time.sleep(0.002)


def test_stopped_with_its_reader_stopped_too_it_still_ends_with_130(
    large: Path, tmp_path: Path
) -> None:
    # `focalpoint … 2>&1 | tee log`: Ctrl+C stops tee as well, and the one line has nowhere to go.
    workspace, out = copy(large, "country", tmp_path), tmp_path / "out"
    out.mkdir()
    target = str(out / "services.geojson")
    process = subprocess.Popen(
        focalpoint_command(
            "directory", "export", "--format", "geojson", "-o", target, "--data-dir", str(workspace)
        ),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=environment(FOCALPOINT_LANG="en"),
    )
    wait_for(lambda: any(out.glob(".services.geojson.*.part")), process)
    assert process.stderr is not None
    process.stderr.close()
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=60) == 130
    assert files(out) == []
