"""The frozen build's size and start-up, against start-up from source in the same run; prints JSON.

Run after ``make package`` (or ``packaging/build.py``)::

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/frozen.py [dist/FocalPoint]

Start-up is timed from outside, as a user waits for it: the wall-clock time of the whole
process, for ``--version``, ``plan show`` and the window until it is usable (with
``FOCALPOINT_EXIT_WHEN_READY=1`` it quits there). Frozen and source runs are interleaved and
their medians compared, so that a slow or busy machine moves both sides alike.
"""

from __future__ import annotations

import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent

BUDGETS = {
    # Issue 14: the folder on Linux.
    "folder_mb": 200.0,
    "archive_mb": 100.0,
    # The frozen program reads its modules from an archive inside it: a little slower than
    # from source (8-9 % for a command here), never by much. PyInstaller's own run-time hook
    # for PySide6 made commands 1.5 times slower by importing Qt; the spec replaces it.
    "version_ratio": 1.25,
    "plan_show_ratio": 1.25,
    "window_usable_ratio": 1.25,
}
RUNS = 7


def size_mb(path: Path) -> float:
    """MiB on disk under ``path``, links counted as links (as ``du`` counts them)."""
    if path.is_file():
        return path.stat().st_size / 2**20
    total = 0
    for dirpath, _dirs, files in os.walk(path):
        total += sum(os.lstat(os.path.join(dirpath, name)).st_size for name in files)
    return total / 2**20


def timed(command: list[str], env: dict[str, str]) -> float:
    """Seconds from the process's start to its end; it must succeed."""
    started = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True, timeout=120, env=env)
    return time.perf_counter() - started


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist" / "FocalPoint"
    frozen = folder / "focalpoint"
    if not frozen.exists():
        raise SystemExit(f"frozen.py: no {frozen}; run `make package` first")
    archives = sorted(folder.parent.glob("FocalPoint-*-linux-*.tar.gz"))
    import focalpoint

    # From source as a user runs it after installing: the modules byte-compiled once.
    compileall.compile_dir(Path(focalpoint.__file__).parent, quiet=1)
    source = [sys.executable, "-m", "focalpoint"]
    with tempfile.TemporaryDirectory() as tmp:
        workspace = Path(tmp) / "workspace"
        env = {**os.environ, "FOCALPOINT_LANG": "en", "HOME": tmp}
        setup = ["setup", "--country", "GT", "--name", "Ana", "--data-dir", str(workspace)]
        subprocess.run([*source, *setup], capture_output=True, check=True, env=env)
        ready = {**env, "FOCALPOINT_EXIT_WHEN_READY": "1"}  # the window quits once usable
        cases: dict[str, tuple[list[str], dict[str, str]]] = {
            "version": (["--version"], env),
            "plan_show": (["plan", "show", "--data-dir", str(workspace)], env),
            "window_usable": (["--data-dir", str(workspace)], ready),
        }
        sides: dict[str, list[str]] = {"frozen": [str(frozen)], "source": source}
        runs: dict[tuple[str, str], list[float]] = {
            (case, side): [] for case in cases for side in sides
        }
        for run in range(RUNS + 1):  # the first round warms the disk cache and is dropped
            for case, (args, case_env) in cases.items():
                for side, program in sides.items():
                    took = timed([*program, *args], case_env)
                    if run:
                        runs[case, side].append(took)

    def median(case: str, side: str) -> float:
        return statistics.median(runs[case, side])

    result: dict[str, object] = {
        "runs": RUNS,
        "folder": str(folder),
        "folder_mb": round(size_mb(folder), 1),
    }
    if archives:
        result["archive"] = archives[-1].name
        result["archive_mb"] = round(size_mb(archives[-1]), 1)
    for case in cases:
        result[f"{case}_s"] = {side: round(median(case, side), 3) for side in sides}
        result[f"{case}_ratio"] = round(median(case, "frozen") / median(case, "source"), 2)
    result["within_budget"] = {
        key: float(str(result[key])) <= limit for key, limit in BUDGETS.items() if key in result
    }
    result["budgets"] = BUDGETS
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
