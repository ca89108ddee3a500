"""How FocalPoint's long operations grow with their work: each is timed on a stressed country
at three sizes (1×, 2× and 5× of the standard large country: 20,000 → 100,000 services and
5,000 → 25,000 practices; plans of 2,000 → 10,000 actions) and its growth exponent printed:
the slope of log(time) against log(size). 1.0 is a straight line; the budget is 1.15.

Run with ``make bench-scaling`` (about ten minutes on the standard machine), or
``benchmarks/scaling.py --scale 0.1`` for a quick look at a tenth of the sizes.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
FACTORS = (1, 2, 5)
SERVICES, PRACTICES, ACTIONS = 20_000, 5_000, 2_000
EXPONENT_BUDGET = 1.15
# What each operation's work is measured in, for the exponent.
OPERATIONS = (
    "preview",
    "report",
    "report_full",
    "export",
    "verify",
    "directory_export",
    "directory_import",
    "plan_import",
)


def probe(*args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(HERE / "scaling_probe.py"), *args],
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if done.returncode:  # say which operation failed and why, not only its exit status
        sys.exit(f"scaling_probe.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def exponent(sizes: list[float], values: list[float]) -> float:
    """The least-squares slope of log(value) against log(size)."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(v, 1e-6)) for v in values]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the sizes")
    parser.add_argument("--skip", default="", help="comma-separated operations to leave out")
    args = parser.parse_args()
    skip = {s for s in args.skip.split(",") if s}
    operations = [o for o in OPERATIONS if o not in skip]
    figures: dict[str, list[dict[str, Any]]] = {o: [] for o in operations}
    built: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for factor in FACTORS:
            services = int(SERVICES * factor * args.scale)
            practices = int(PRACTICES * factor * args.scale)
            folder = Path(tmp) / f"country-{factor}"
            built.append(probe("build", str(folder), str(services), str(practices)))
            for operation in operations:
                extra: list[str] = []
                if operation == "directory_import":
                    extra = [str(folder.parent / f"country-{factor}-out" / "directory.csv")]
                    if "directory_export" in skip:
                        probe("directory_export", str(folder))
                elif operation == "plan_import":
                    extra = [str(int(ACTIONS * factor))]
                elif operation == "verify" and "export" in skip:
                    probe("export", str(folder))
                figures[operation].append(probe(operation, str(folder), *extra))
    sizes = [float(f) for f in FACTORS]
    result: dict[str, Any] = {
        "sizes": {
            "factors": list(FACTORS),
            "services": [int(SERVICES * f * args.scale) for f in FACTORS],
            "practices": [int(PRACTICES * f * args.scale) for f in FACTORS],
            "plan_actions": [ACTIONS * f for f in FACTORS],
        },
        "build_seconds": [b["seconds"] for b in built],
        "operations": {},
        "exponent_budget": EXPONENT_BUDGET,
    }
    for operation, runs in figures.items():
        seconds = [r["seconds"] for r in runs]
        memory = [r["peak_mb"] for r in runs]
        result["operations"][operation] = {
            "seconds": seconds,
            "peak_mb": memory,
            "exponent": round(exponent(sizes, seconds), 2),
            "memory_exponent": round(exponent(sizes, memory), 2),
            "details": [
                {k: v for k, v in r.items() if k not in ("seconds", "peak_mb")} for r in runs
            ],
        }
    result["within_budget"] = {
        operation: figures["exponent"] <= EXPONENT_BUDGET
        for operation, figures in result["operations"].items()
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
