"""The regional report of eleven synthetic countries at two sizes; prints JSON.

Each size is eleven copies of the synthetic country (a plan of 2,000 actions, 200 entities,
half the actions assigned; ``SIZES`` gives its practices and services), each with its own key
and its own share of completed actions, exported as real signed packages, received and
accepted by a real Secretariat workspace, with a few amendment proposals beside them. The
report is then made (``ts report``'s service, Spanish) in a process of its own, so that its
peak memory is its own: whole, and limited to the open actions.

    .venv/bin/python benchmarks/regional_report.py

The budget (issue 17): eleven large countries in <= 15 s and <= 400 MB. ``growth`` is the
exponent of time and memory against the size (1 = a straight line).
``FOCALPOINT_BENCH_CACHE`` keeps the accepted workspaces between runs (building them takes
several minutes).
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from memory import peak_mb

COUNTRIES = ("SV", "GT", "HN", "NI", "CR", "PA", "MX", "BZ", "DO", "US", "CA")
PASSPHRASE = "correct horse battery staple"
TS_PASSPHRASE = "una frase de paso larga"
CACHE = os.environ.get("FOCALPOINT_BENCH_CACHE", "")
# (name, practices, services) per country; "large" is the size the budget names.
SIZES = (("medium", 1000, 4000), ("large", 5000, 20_000))


def region(root: Path, practices: int, services: int) -> Path:
    """An accepted Secretariat workspace of eleven countries of this size, in ``root``; built
    once per cache. Returns the synthetic plan file the countries follow."""
    done = root / "done.json"
    if done.exists():
        return Path(json.loads(done.read_text())["plan"])
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
    ts.keys.create(TS_PASSPHRASE)
    base = root / "base"
    ws = country(base, practices=practices, services=services)
    with ws.db.transaction() as conn:
        conn.execute("DELETE FROM attachment")  # evidence's cost is the submission benchmark's
    ws.close()
    files = []
    for n, code in enumerate(COUNTRIES):
        folder = root / code
        shutil.copytree(base, folder)
        ws = Workspace.open(folder)
        ws.profile.save(Profile("es", code, f"Benchmark {code}"))
        with ws.db.transaction() as conn:  # each country further along than the one before
            conn.execute(
                "UPDATE assignment SET status = 'completed' WHERE rowid % 12 < ?", (n + 1,)
            )
        key = ws.keys.create(PASSPHRASE)
        row = ws.submissions.export(PASSPHRASE, include_report=False)
        kept = ws.submissions.kept_file(row)
        files.append(Path(shutil.move(kept, root / kept.name)))
        pem = ws.keys.export_public(root / f"{code}.pem")
        ts.registry.register_file(pem, code, key.fingerprint)
        ws.close()
        shutil.rmtree(folder)  # the package is what the Secretariat reads
    plan = plan_file(root / "plan.json")
    info = json.loads(plan.read_text("utf-8"))["plan"]
    with ts.db.transaction() as conn:  # set-up: the Secretariat knows the synthetic plan
        plan_store.add(conn, info["code"], info["version"], now_iso())
    results = ts.intake.receive(files, TS_PASSPHRASE)
    assert all(r.id for r in results), [r.reason for r in results]
    ts.consolidation.accept_many([r.id for r in results])
    _proposals(ts, {r.country: r.id for r in results if r.id}, json.loads(plan.read_text()))
    ts.close()
    shutil.rmtree(base)
    for path in files:
        path.unlink()
    done.write_text(json.dumps({"plan": str(plan)}))
    return plan


def _proposals(ts: object, packages: dict[str, str], plan: dict[str, object]) -> None:
    """Twenty amendment proposals per country, a third of them answered (set-up: written
    straight into the store, as intake will)."""
    from sqlalchemy import insert

    from focalpoint.storage.secretariat.tables import Proposal, table_of

    codes = [
        action["code"]
        for axis in plan["axes"]  # type: ignore[attr-defined]
        for objective in axis["objectives"]
        for action in objective["actions"]
    ]
    states = ("submitted", "incorporated", "declined", "discussion")
    rows = [
        {
            "country": country,
            "proposal_id": f"{country}-{n:04d}",
            "package_id": package,
            "target_code": codes[(n * 97) % len(codes)],
            "kind": "wording",
            "language": "es",
            "text": "Redacción propuesta para la acción, armonizada con la Cumbre Mundial. " * 3,
            "justification": "Armonizar el Plan con los compromisos regionales.",
            "proposed_at": "2026-11-30T10:00:00+00:00",
            "proposed_by": f"Benchmark {country}",
            "state": states[n % 4] if n % 3 == 0 else "submitted",
            "state_reason": "",
            "state_version": "9.1" if n % 12 == 0 else "",
        }
        for country, package in packages.items()
        for n in range(20)
    ]
    with ts.db.transaction() as conn:  # type: ignore[attr-defined]
        conn.execute(insert(table_of(Proposal)), rows)


def make(work: Path, plan_path: Path, open_only: bool) -> dict[str, float]:
    """The report made once, in this process: its time, pages, size and this process's peak."""
    from focalpoint.domain.plan import plan_from_dict
    from focalpoint.services.secretariat.workspace import SecretariatWorkspace

    plan = plan_from_dict(json.loads(plan_path.read_text("utf-8")))
    target = work.parent / ("open.pdf" if open_only else "report.pdf")
    start = time.perf_counter()
    ts = SecretariatWorkspace.open(work)
    result = ts.regional_report.make(target, "es", open_only=open_only, plan=plan)
    seconds = time.perf_counter() - start
    ts.close()
    return {
        "seconds": round(seconds, 2),
        "peak_mb": round(peak_mb()),
        "pages": result.pages,
        "pdf_mb": round(target.stat().st_size / 1e6, 1),
    }


def child(part: str, *args: str) -> dict[str, float]:
    command = [sys.executable, __file__, part, *args]
    out = subprocess.run(command, capture_output=True, text=True, check=True, timeout=1800)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def growth(small: float, large: float, ratio: float) -> float:
    return round(math.log(large / small) / math.log(ratio), 2) if small > 0 else 0.0


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "build":
        region(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
        print("{}")
        return
    if len(sys.argv) > 1:  # a report, in its own process
        work, plan, scope = Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
        print(json.dumps(make(work, plan, scope == "open")))
        return
    with tempfile.TemporaryDirectory() as tmp:
        result: dict[str, dict[str, float] | dict[str, dict[str, float]]] = {}
        for name, practices, services in SIZES:
            root = Path(CACHE or tmp) / f"regional-report-{name}"
            child("build", str(root), str(practices), str(services))
            plan = json.loads((root / "done.json").read_text())["plan"]
            work = Path(tmp) / name / "ts"
            shutil.copytree(root / "secretariat", work)
            result[name] = {
                "countries": {"count": len(COUNTRIES), "practices": practices,
                              "services": services},
                "whole": child("report", str(work), plan, "whole"),
                "open_only": child("report", str(work), plan, "open"),
            }  # fmt: skip
        ratio = SIZES[1][2] / SIZES[0][2]
        whole = [result[name]["whole"] for name, _p, _s in SIZES]
        result["growth"] = {
            "seconds": growth(whole[0]["seconds"], whole[1]["seconds"], ratio),
            "peak_mb": growth(whole[0]["peak_mb"], whole[1]["peak_mb"], ratio),
        }
        result["budget"] = {"seconds": 15, "peak_mb": 400}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
