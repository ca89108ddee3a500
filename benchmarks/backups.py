"""Backups of a large workspace: time and size at two sizes, to show they grow in a straight line.

    .venv/bin/python benchmarks/backups.py [--scales 1 2] [--services 20000] [--mb 200]

Each scale builds a synthetic country (``synthetic.country``: the 2,000-action plan, 200
entities, half the actions assigned) with ``scale ×`` the services, a tenth as many practices
and ``scale ×`` the megabytes of evidence (5 MB files of random bytes, which no compression
shrinks: the worst case for size), in a process of its own, then times: a backup (snapshot,
archive, rotation), the list (manifests only), the preview, a restore (unpack, check, the state
before backed up, the swap), and an export then an import into a new folder. Prints JSON: one
object per scale and the growth exponent of each cost over the scales (the slope of log cost
on log scale; 1.0 is a straight line, less means a fixed part weighs in).
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def probe(folder: Path, services: int, megabytes: int) -> dict[str, float]:
    sys.path.insert(0, str(HERE))
    from focalpoint.services.country.workspace_move import import_workspace
    from memory import peak_mb
    from submission_probe import attach
    from synthetic import country

    started = time.perf_counter()
    ws = country(folder / "ws", practices=max(1, services // 10), services=services)
    attached = attach(ws, megabytes)
    setup = time.perf_counter() - started
    db_mb = ws.db.path.stat().st_size / 1e6

    def timed(work):  # type: ignore[no-untyped-def]
        began = time.perf_counter()
        result = work()
        return result, time.perf_counter() - began

    ws.backups.set_limit_bytes(1024**4)  # the size limit is not what is measured here
    made, backup_s = timed(ws.backups.create)
    for _n in range(4):  # a few more, so the list reads several manifests
        ws.backups.create()
    listed, list_s = timed(ws.backups.list)
    _shown, preview_s = timed(lambda: ws.backups.preview(made.id))
    _done, restore_s = timed(lambda: ws.backups.restore(made.id))
    moved, export_s = timed(lambda: ws.backups.export(folder / "move.zip"))
    ws.close()
    _imported, import_s = timed(lambda: import_workspace(moved.path, folder / "laptop"))
    return {
        "services": services,
        "practices": max(1, services // 10),
        "evidence_files": attached["files"],
        "evidence_mb": round(attached["megabytes"], 1),
        "database_mb": round(db_mb, 1),
        "archive_mb": round(made.size / 1e6, 1),
        "setup_s": round(setup, 1),
        "backup_s": round(backup_s, 2),
        "list_s": round(list_s, 3),
        "listed": len(listed),
        "preview_s": round(preview_s, 3),
        "restore_s": round(restore_s, 2),
        "export_s": round(export_s, 2),
        "import_s": round(import_s, 2),
        "peak_mb": round(peak_mb(), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--services", type=int, default=20_000)
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--probe", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        folder, services, megabytes = args.probe
        print(json.dumps(probe(Path(folder), int(services), int(megabytes))))
        return
    results = []
    for scale in args.scales:
        with tempfile.TemporaryDirectory(prefix="fp-backups-") as tmp:
            run = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--probe",
                    tmp,
                    str(args.services * scale),
                    str(args.mb * scale),
                ],
                capture_output=True,
                text=True,
            )
            if run.returncode:
                sys.exit(run.stderr)
            results.append({"scale": scale, **json.loads(run.stdout.strip().splitlines()[-1])})
    growth = {}
    if len(results) >= 2:  # the slope of log(cost) on log(scale), least squares
        xs = [math.log(r["scale"]) for r in results]
        for key in ("backup_s", "restore_s", "export_s", "import_s", "archive_mb"):
            if all(r[key] > 0 for r in results):
                ys = [math.log(r[key]) for r in results]
                mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
                slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
                    (x - mx) ** 2 for x in xs
                )
                growth[key] = round(slope, 2)
    print(json.dumps({"runs": results, "growth_exponent": growth}, indent=2))


if __name__ == "__main__":
    main()
