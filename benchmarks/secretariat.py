"""The Secretariat's budgets with eleven large countries; prints JSON.

Eleven real country workspaces (the large synthetic country: a plan of 2,000 actions, 5,000
practices, 20,000 services, each with its own key; three of them encrypt to the Secretariat)
export real packages, and a real Secretariat workspace:

- receives and verifies all eleven (``ts receive``'s service), timed beside reading and
  hashing the same files, which is what disk speed alone costs;
- accepts all eleven;
- opens the regional matrix (2,000 × 11) and writes its spreadsheet;
- opens the regional services list (220,000 rows) in its real tab and filters it as a user
  types, a keystroke at a time;
- first paints its window and makes it usable, beside a bare Qt window, in the same run.

Each part runs in a process of its own, so that its peak memory is its own.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/secretariat.py

``FOCALPOINT_BENCH_CACHE`` keeps the eleven countries' packages between runs (building the
synthetic country takes a few minutes).
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from memory import peak_mb

COUNTRIES = ("SV", "GT", "HN", "NI", "CR", "PA", "MX", "BZ", "DO", "US", "CA")
ENCRYPTED = ("GT", "MX", "CA")
PASSPHRASE = "correct horse battery staple"
TS_PASSPHRASE = "una frase de paso larga"
CACHE = os.environ.get("FOCALPOINT_BENCH_CACHE", "")
TYPED = "proteccion consular 12"
STARTUP_RUNS = 11


def packages(root: Path) -> Path:
    """The Secretariat workspace (its key, the countries' keys registered, the synthetic plan
    known) and the eleven packages, in ``root``; built once per cache."""
    done = root / "packages.json"
    if done.exists():
        return root
    from focalpoint.domain.records import Profile
    from focalpoint.services.country.workspace import Workspace
    from focalpoint.services.secretariat.workspace import SecretariatWorkspace
    from focalpoint.storage.secretariat import plan_store
    from focalpoint.storage.sqlite import now_iso
    from synthetic import country, plan_file

    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    ts = SecretariatWorkspace.open(root / "secretariat")
    ts.profile.save("Secretaría Técnica", "es")
    recipient = ts.keys.create(TS_PASSPHRASE).age_recipient
    base = root / "base"
    ws = country(base, practices=5000, services=20_000)
    with ws.db.transaction() as conn:
        # The synthetic evidence is names without files; evidence's own cost (streamed, flat
        # in memory) is the submission benchmark's.
        conn.execute("DELETE FROM attachment")
    ws.close()
    files = []
    for code in COUNTRIES:
        folder = root / code
        shutil.copytree(base, folder)
        ws = Workspace.open(folder)
        ws.profile.save(Profile("es", code, f"Benchmark {code}"))
        key = ws.keys.create(PASSPHRASE)
        encrypt = code in ENCRYPTED
        if encrypt:
            ws.submissions.set_secretariat_recipient(recipient)
        row = ws.submissions.export(PASSPHRASE, include_report=False, encrypt=encrypt)
        files.append(str(ws.submissions.kept_file(row, encrypted=encrypt)))
        pem = ws.keys.export_public(root / f"{code}.pem")
        ts.registry.register_file(pem, code, key.fingerprint)
        ws.close()
    plan = plan_file(root / "plan.json")
    info = json.loads(plan.read_text("utf-8"))["plan"]
    with ts.db.transaction() as conn:  # set-up: until plan updates, the Secretariat knows one
        plan_store.add(conn, info["code"], info["version"], now_iso())
    ts.close()
    shutil.rmtree(base)
    done.write_text(json.dumps({"files": files, "plan": str(plan)}))
    return root


def intake(root: Path, work: Path) -> dict[str, float]:
    """Receive, verify and accept the eleven (in a copy of the set-up Secretariat)."""
    from focalpoint.services.secretariat.workspace import SecretariatWorkspace

    files = [Path(f) for f in json.loads((root / "packages.json").read_text())["files"]]
    shutil.copytree(root / "secretariat", work)
    start = time.perf_counter()
    size = 0
    for path in files:  # disk speed: what reading and hashing them alone costs
        data = path.read_bytes()
        size += len(data)
        hashlib.sha256(data).hexdigest()
    hashing = time.perf_counter() - start
    ts = SecretariatWorkspace.open(work)
    start = time.perf_counter()
    results = ts.intake.receive(files, TS_PASSPHRASE)
    received = time.perf_counter() - start
    assert all(r.id for r in results), [r.reason for r in results]
    start = time.perf_counter()
    # As the inbox accepts a selection of packages (and ``ts accept ID...``).
    decisions = ts.consolidation.accept_many([r.id for r in results])
    accepted = time.perf_counter() - start
    assert all(getattr(d, "changed", False) for d in decisions), decisions
    ts.close()
    return {
        "packages_mb": round(size / 1e6, 1),
        "hash_s": round(hashing, 2),
        "receive_s": round(received, 2),
        "receive_beyond_hash_s": round(received - hashing, 2),
        "accept_s": round(accepted, 2),
        "peak_mb": round(peak_mb()),
        # The helper processes an acceptance starts (see Consolidation.accept_many): the
        # largest one's own peak.
        "helper_peak_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
    }


def views(root: Path, work: Path) -> dict[str, float]:
    """The matrix and the regional services list in the window, on the accepted eleven."""
    from PySide6.QtWidgets import QApplication

    from focalpoint.domain.plan import plan_from_dict
    from focalpoint.i18n import set_language
    from focalpoint.services.secretariat.workspace import SecretariatWorkspace
    from focalpoint.ui.focus_style import show_focus
    from focalpoint.ui.secretariat.matrix_tab import MatrixModel
    from focalpoint.ui.secretariat.regional_tabs import RegionalServicesTab
    from focalpoint.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    show_focus(app)  # the style the window paints with once started
    set_language("es")
    plan_path = json.loads((root / "packages.json").read_text())["plan"]
    plan = plan_from_dict(json.loads(Path(plan_path).read_text("utf-8")))
    ts = SecretariatWorkspace.open(work)
    figures: dict[str, float] = {}

    start = time.perf_counter()
    matrix = ts.matrix.build(plan)
    model = MatrixModel()
    model.show_matrix(list(matrix.rows), matrix.countries)
    figures["matrix_open_ms"] = round((time.perf_counter() - start) * 1000, 1)
    figures["matrix_cells"] = len(matrix.rows) * len(matrix.countries)
    start = time.perf_counter()
    ts.matrix.export(xlsx=work.parent / "matriz.xlsx", plan=plan)
    figures["matrix_xlsx_s"] = round(time.perf_counter() - start, 2)

    # What the window has done before this tab is first shown: its inbox read the store and
    # wrote a count (the first read of a process and the number formats load once, ~0.4 s).
    from focalpoint.ui.widgets.filter_bar import grouped

    grouped(ts.intake.count())
    tasks = TaskRunner()
    tab = RegionalServicesTab(ts, tasks)
    tab.resize(1280, 760)
    start = time.perf_counter()
    ts.regional_services.prepare()  # what the tab reads in the background when first shown
    figures["services_read_in_background_s"] = round(time.perf_counter() - start, 2)
    tab._ready = True  # read: the tab's own background read is what was just timed
    start = time.perf_counter()
    tab.show()
    tab.apply_filters()
    tab.table.viewport().repaint()  # the list counted, its first page read and painted
    figures["services_open_ms"] = round((time.perf_counter() - start) * 1000, 1)
    app.processEvents()
    figures["services_rows"] = tab.model.rowCount()
    settle = time.perf_counter() + 1.0  # the map's shapes and points, read after the list
    while time.perf_counter() < settle:
        app.processEvents()
        tasks.wait()
        time.sleep(0.02)
    app.processEvents()  # the map drawn: what a user types next starts on a quiet window
    keystrokes = []
    for n in range(1, len(TYPED) + 1):
        start = time.perf_counter()
        tab.search.setText(TYPED[:n])  # filters and shows the first page, as a keystroke does
        tab.table.viewport().repaint()
        keystrokes.append((time.perf_counter() - start) * 1000)
        app.processEvents()
    print([round(k) for k in keystrokes], file=sys.stderr)
    figures["filter_median_ms"] = round(statistics.median(keystrokes), 1)
    figures["filter_slowest_ms"] = round(max(keystrokes), 1)
    figures["filter_first_keystroke_ms"] = round(keystrokes[0], 1)
    figures["filter_rows_left"] = tab.model.rowCount()
    tasks.wait()
    figures.update(refresh(ts, app))
    ts.close()
    figures["peak_mb"] = round(peak_mb())
    return figures


def refresh(ts: Any, app: Any) -> dict[str, float]:
    """What the window pays to stay true: a look at the store's revision (every 1.5 s while
    it is active), and reading its tabs again when another analyst changed the store, the
    matrix of the eleven on show."""
    from focalpoint.ui.secretariat.main_window import SecretariatWindow

    looks = []
    for _ in range(200):
        start = time.perf_counter()
        ts.changed_elsewhere()
        looks.append((time.perf_counter() - start) * 1000)
    window = SecretariatWindow(ts)
    window.show()
    window.tabs.setCurrentWidget(window.matrix)
    app.processEvents()
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        window.refresh_from_store()
        app.processEvents()
        runs.append(time.perf_counter() - start)
    window.tasks.wait()
    window.close()
    return {
        "look_median_ms": round(statistics.median(looks), 3),
        "refresh_matrix_shown_s": round(statistics.median(runs), 2),
    }


def startup(work: Path) -> dict[str, float]:
    """Medians of the bare window's and the Secretariat window's marks, interleaved."""
    runs: dict[str, list[dict[str, float]]] = {"bare": [], "ts": []}
    probe = str(Path(__file__).with_name("startup_probe.py"))
    for _ in range(STARTUP_RUNS):
        for mode in runs:
            args = [sys.executable, probe, mode] + ([str(work)] if mode == "ts" else [])
            started = time.time()
            out = subprocess.run(args, capture_output=True, text=True, check=True, timeout=300)
            marks = json.loads(out.stdout.strip().splitlines()[-1])
            runs[mode].append(
                {
                    "first_paint": marks["first_paint"] - started,
                    "usable": marks["usable"] - started,
                }
            )
    median = {
        mode: {key: statistics.median(r[key] for r in rows) for key in rows[0]}
        for mode, rows in runs.items()
    }
    bare = median["bare"]["first_paint"]
    return {
        "bare_first_paint_s": round(bare, 3),
        "ts_first_paint_s": round(median["ts"]["first_paint"], 3),
        "ts_usable_s": round(median["ts"]["usable"], 3),
        "first_paint_ratio": round(median["ts"]["first_paint"] / bare, 2),
        "usable_ratio": round(median["ts"]["usable"] / bare, 2),
    }


def child(part: str, *args: str) -> dict[str, float]:
    command = [sys.executable, __file__, part, *args]
    out = subprocess.run(command, capture_output=True, text=True, check=True, timeout=1800)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    if len(sys.argv) > 1:  # a part, in its own process
        part, root, work = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
        print(json.dumps(intake(root, work) if part == "intake" else views(root, work)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        root = packages(Path(CACHE or tmp) / "secretariat-eleven")
        work = Path(tmp) / "ts"
        result = {
            "intake": child("intake", str(root), str(work)),
            "views": child("views", str(root), str(work)),
            "startup": startup(work),
        }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
