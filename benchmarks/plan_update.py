"""A country takes in a signed plan update: time and memory at 1,000, 2,000 and 4,000 actions.

    .venv/bin/python benchmarks/plan_update.py [--actions 1000 2000 4000]

Each size runs in a process of its own (its peak memory its own): a synthetic country
(``synthetic.country``: 200 entities) on a signed version 10.0 of the plan with ``actions``
actions, half of them assigned, takes in version 10.1 signed by the Secretariat it trusts,
whose lineage names 10.0 (the synthetic plan is 9.0): 5 % of the actions renamed, 2 % moved to
another objective (``formerly``), 2 % removed and 2 % added. Timed: the check the window shows
before applying (read, signature, schema, what changes, which assignments follow), and the
import itself (the same checks, then the plan replaced and the assignments moved, in one
transaction). The issue's budget: the import of 2,000 actions in 2 s or less. Prints JSON: one
object per size and the growth exponent of each cost (the slope of log cost on log size; 1.0
is a straight line).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BUDGET_S = 2.0  # at 2,000 actions


def versions(actions: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """Version 10.0 of a plan of ``actions`` actions, and 10.1 with its changes."""
    sys.path.insert(0, str(HERE))
    from synthetic import plan_file

    with tempfile.TemporaryDirectory() as tmp:
        first = json.loads(
            plan_file(Path(tmp) / "p.json", objectives=actions // 100, actions=20).read_bytes()
        )
    first["plan"].update(version="10.0", provisional=False)  # after the synthetic 9.0
    second = json.loads(json.dumps(first))
    second["plan"]["version"] = "10.1"
    rng = random.Random(11)
    objectives = [o for axis in second["axes"] for o in axis["objectives"]]
    every = [(o, a) for o in objectives for a in o["actions"]]
    rng.shuffle(every)
    n = len(every)
    renamed = every[: n * 5 // 100]
    moved = every[n * 5 // 100 : n * 7 // 100]
    removed = every[n * 7 // 100 : n * 9 // 100]
    for _objective, action in renamed:
        action["title"] = {**action["title"], "es": action["title"]["es"] + " (revisada)"}
    for objective, action in removed:
        objective["actions"].remove(action)
    # New numbers past any the synthetic plan uses (1 to 20 in each objective).
    for k, (objective, action) in enumerate(moved):
        objective["actions"].remove(action)
        target = rng.choice([o for o in objectives if o is not objective])
        target["actions"].append(
            {**action, "code": f"{target['code']}.{1000 + k}", "formerly": [action["code"]]}
        )
    for k in range(n * 2 // 100):
        target = objectives[k % len(objectives)]
        number = 5000 + k
        title = {"es": f"Acción nueva {k}", "en": f"New action {k}"}
        target["actions"].append({"code": f"{target['code']}.{number}", "title": title})
    return first, second


def probe(folder: Path, actions: int) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    from memory import peak_mb
    from synthetic import country, signed_plan

    first, second = versions(actions)
    ws = country(folder / "ws")  # the 2,000-action synthetic plan, then 10.0 of this size
    ws.plan.import_file(signed_plan(ws, first, folder / "plan-10.0.json"))
    codes = ws.plan.overview().document.action_codes()
    with ws.db.transaction() as conn:  # half the actions of 10.0 assigned: set-up, in bulk
        conn.execute("DELETE FROM assignment_support")
        conn.execute("DELETE FROM assignment")
        lead = conn.execute("SELECT id FROM entity LIMIT 1").fetchone()[0]
        conn.executemany(
            "INSERT INTO assignment (action_code, id, lead_id, status, note, updated_at)"
            " VALUES (?, ?, ?, 'in_progress', 'nota', '2026-12-04T00:00:00+00:00')",
            [(code, f"b{n}", lead) for n, code in enumerate(codes[::2])],
        )
    update = signed_plan(ws, second, folder / "plan-10.1.json")

    started = time.perf_counter()
    checked = ws.plan.check_file(update)
    check_s = time.perf_counter() - started
    started = time.perf_counter()
    report = ws.plan.import_file(update, expected_sha256=checked.sha256)
    import_s = time.perf_counter() - started
    ws.close()
    return {
        "actions": len(codes),
        "assignments": len(codes[::2]),
        "file_mb": round(update.stat().st_size / 1e6, 2),
        "changes": checked.changes.counts(),
        "moved_assignments": len(report.moved_assignments),
        "unmatched_assignments": len(report.unmatched_assignments),
        "check_s": round(check_s, 3),
        "import_s": round(import_s, 3),
        "window_s": round(check_s + import_s, 3),  # the dialog's check, then Apply
        "peak_mb": round(peak_mb(), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, nargs="+", default=[1000, 2000, 4000])
    parser.add_argument("--probe", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        folder, actions = args.probe
        print(json.dumps(probe(Path(folder), int(actions))))
        return
    runs = []
    for actions in args.actions:
        with tempfile.TemporaryDirectory(prefix="fp-plan-update-") as tmp:
            done = subprocess.run(
                [sys.executable, __file__, "--probe", tmp, str(actions)],
                capture_output=True,
                text=True,
            )
            if done.returncode:
                sys.exit(done.stderr[-3000:])
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    growth = {}
    if len(runs) >= 2:  # the slope of log(cost) on log(actions), least squares
        xs = [math.log(r["actions"]) for r in runs]
        for key in ("check_s", "import_s", "peak_mb"):
            ys = [math.log(max(r[key], 1e-6)) for r in runs]
            mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
            slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
                (x - mx) ** 2 for x in xs
            )
            growth[key] = round(slope, 2)
    at_2000 = next((r for r in runs if r["actions"] == 2000), None)
    print(
        json.dumps(
            {
                "runs": runs,
                "growth_exponent": growth,
                "budget_s_at_2000": BUDGET_S,
                "within_budget": None if at_2000 is None else at_2000["import_s"] <= BUDGET_S,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
