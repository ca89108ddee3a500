"""Child process of the scaling benchmark: one long operation on one workspace; prints JSON
(seconds, peak memory). Run apart so that its peak memory is its own.

    scaling_probe.py build FOLDER SERVICES PRACTICES   a stressed country (see ``stressed``)
    scaling_probe.py report FOLDER                     the country report (long parts counted)
    scaling_probe.py report_full FOLDER                the report with every entry listed
    scaling_probe.py preview FOLDER                    what the next submission will carry
    scaling_probe.py export FOLDER                     sign the next submission, report included
    scaling_probe.py verify FOLDER                     verify the last signed package
    scaling_probe.py directory_export FOLDER           the directory as CSV, then as GeoJSON
    scaling_probe.py directory_import FOLDER CSV       import a CSV into a new set-up workspace
    scaling_probe.py plan_import FOLDER ACTIONS        import a plan of ACTIONS actions
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from focalpoint.domain.records import Profile
from focalpoint.services.country.workspace import Workspace

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic
from memory import peak_mb

PASSPHRASE = "benchmark passphrase"


def stressed(folder: Path, services: int, practices: int) -> None:
    """The synthetic country in the shapes that find a cliff: a fifth of the services under one
    organisation, every service in one subdivision, one service in twenty with a referral text
    of a page, one practice in twenty with long texts; a signing key."""
    ws = synthetic.country(folder, practices=practices, services=services)
    rng = random.Random(5)
    # As long as a field may be (2,000 characters).
    page = " ".join(rng.choice(synthetic.WORDS) for _ in range(250))[:1990]
    with ws.db.transaction() as conn:  # shapes, straight into the store: not what is measured
        biggest = conn.execute("SELECT id FROM organisation ORDER BY rowid LIMIT 1").fetchone()[0]
        conn.execute("UPDATE service SET organisation_id = ? WHERE rowid % 5 = 0", (biggest,))
        conn.execute("UPDATE service SET subdivision = 'SV-SS'")
        conn.execute("UPDATE service SET referral = ? WHERE rowid % 20 = 0", (page,))
        conn.execute(
            "UPDATE practice SET description = ?, results = ?, lessons = ? WHERE rowid % 20 = 0",
            (page, page, page),
        )
        # The synthetic evidence is names without files; evidence's own cost (streamed, flat in
        # memory) is measured by the submission benchmark.
        conn.execute("DELETE FROM attachment")
    ws.keys.create(PASSPHRASE)
    ws.close()


def newer_plan(ws: Workspace, folder: Path, actions: int) -> Path:
    """A plan file of ``actions`` actions, a version after the synthetic country's own, signed
    by a Secretariat the country trusts (set up here, not measured)."""
    path = synthetic.plan_file(folder / "plan.json", objectives=actions // 100, actions=20)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["plan"]["version"] = "10.0"
    return synthetic.signed_plan(ws, data, folder / "plan-signed.json")


def timed(work: Callable[[], Any]) -> dict[str, Any]:
    started = time.perf_counter()
    extra = work()
    result = {"seconds": round(time.perf_counter() - started, 3), "peak_mb": round(peak_mb(), 1)}
    if isinstance(extra, dict):
        result.update(extra)
    return result


def main() -> None:
    operation, folder = sys.argv[1], Path(sys.argv[2])
    if operation == "build":
        result = timed(lambda: stressed(folder, int(sys.argv[3]), int(sys.argv[4])))
        print(json.dumps(result))
        return
    if operation == "directory_import":
        target = folder.parent / f"{folder.name}-import"
        shutil.rmtree(target, ignore_errors=True)
        ws = Workspace.open(target)
        ws.profile.save(Profile("es", "SV", "Benchmark"))
        source = Path(sys.argv[3])
        result = timed(lambda: {"rows": ws.exchange.import_csv(source).services_created})
        ws.close()
        shutil.rmtree(target, ignore_errors=True)
        print(json.dumps(result))
        return
    ws = Workspace.open(folder)
    scratch = folder.parent / f"{folder.name}-out"
    scratch.mkdir(exist_ok=True)
    plan = newer_plan(ws, scratch, int(sys.argv[3])) if operation == "plan_import" else scratch
    work: dict[str, Callable[[], Any]] = {
        "report": lambda: {"pages": ws.reports.make(scratch / "report.pdf", "es").pages},
        "report_full": lambda: {
            "pages": ws.reports.make(scratch / "full.pdf", "es", full=True).pages
        },
        "preview": lambda: {"changes": len(ws.submissions.preview().changes)},
        "export": lambda: {"mb": round(ws.submissions.export(PASSPHRASE).size / 1e6, 1)},
        "verify": lambda: {
            "members": len(
                ws.submissions.verify(ws.submissions.kept_file(ws.submissions.history()[0])).members
            )
        },
        "directory_export": lambda: {
            "rows": ws.exchange.export_csv(scratch / "directory.csv"),
            "located": ws.exchange.export_geojson(scratch / "directory.geojson").written,
        },
        "plan_import": lambda: {"kept": len(ws.plan.import_file(plan).kept_assignments)},
    }
    result = timed(work[operation])
    ws.close()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
