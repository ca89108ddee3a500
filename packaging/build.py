"""Freeze FocalPoint into a one-folder application; prints a JSON summary.

    .venv/bin/python packaging/build.py [--no-archive]

Runs PyInstaller on ``packaging/focalpoint.spec`` into ``dist/FocalPoint/`` (``dist/
FocalPoint.app`` on macOS, built in ``build/pyinstaller/``), with ``build.json`` (the date and
platform About shows) in the copy it makes, never in ``src/``, checks the folder against its
size budget, and on Linux packs the release archive ``dist/FocalPoint-<version>-linux-x86_64.
tar.gz`` that ``packaging/linux/install.sh`` installs from. Exits 1 when the build fails or the
folder is over budget. ``packaging/smoke.py`` then tries the frozen binary.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tarfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "focalpoint.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
APP_ID = "org.crmsv.FocalPoint"

# The folder on Linux, measured as `du` does (MiB); issue 14 sets 200.
BUDGET_MB = {"linux": 200.0}


def platform_tag() -> str:
    """``linux-x86_64``, ``windows-amd64``, ``macos-arm64``: the archive's and build.json's."""
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    return f"{system}-{platform.machine().lower()}"


def output_folder() -> Path:
    """What PyInstaller made: the .app bundle on macOS, the one folder elsewhere."""
    return DIST / ("FocalPoint.app" if sys.platform == "darwin" else "FocalPoint")


def freeze(build_info: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(DIST),
        "--workpath",
        str(WORK),
        str(SPEC),
    ]
    # The spec collects it with the app's data, so that it is in place before the macOS
    # bundle is sealed (a file added to a signed .app afterwards would break its signature).
    env = {**os.environ, "FOCALPOINT_BUILD_INFO": str(build_info)}
    subprocess.run(command, cwd=ROOT, check=True, env=env)


def write_build_info() -> Path:
    """``build.json`` for the copy being built (read by ``focalpoint.version``), in build/."""
    target = WORK / "build.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    info = {"date": datetime.now(UTC).date().isoformat(), "platform": platform_tag()}
    target.write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return target


def check_build_info(folder: Path, written: Path) -> None:
    """The built copy holds build.json beside the plan, as written: never src/'s."""
    # _internal/focalpoint/resources on Windows and Linux, Contents/Resources/... on macOS.
    found = sorted(folder.rglob("focalpoint/resources/build.json"))
    if not found or found[0].read_bytes() != written.read_bytes():
        raise SystemExit(f"build.py: no build.json in {folder}'s focalpoint/resources")


def size_mb(path: Path) -> float:
    """Bytes on disk under ``path`` in MiB, links counted as links (as ``du`` counts them)."""
    total = 0
    for dirpath, _dirs, files in os.walk(path):
        for name in files:
            total += os.lstat(os.path.join(dirpath, name)).st_size
    return total / 2**20


def biggest_parts(folder: Path, count: int = 10) -> dict[str, float]:
    """The largest entries one level inside the folder's contents, in MiB; the libraries
    loose at that level (the system's, copied in by PyInstaller) counted together."""
    inside = folder / "_internal" if (folder / "_internal").is_dir() else folder
    loose = "(libraries beside them)"
    sizes: dict[str, float] = {loose: 0}
    for entry in inside.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            sizes[entry.name] = size_mb(entry) * 2**20
        elif ".so" in entry.name or entry.suffix in (".dll", ".dylib"):
            sizes[loose] += entry.lstat().st_size
        else:
            sizes[entry.name] = entry.lstat().st_size
    largest = sorted(sizes.items(), key=lambda item: item[1], reverse=True)[:count]
    for executable in folder.iterdir():  # what the user starts: it carries the Python modules
        if executable.is_file() and os.access(executable, os.X_OK):
            largest.append((f"{executable.name} (the program)", executable.stat().st_size))
    return {name: round(size / 2**20, 1) for name, size in largest}


def linux_archive(folder: Path, version: str) -> Path:
    """The release archive: the frozen folder with the per-user installer and desktop files
    beside it, as ``packaging/linux/install.sh`` looks for them."""
    top = f"FocalPoint-{version}"
    target = DIST / f"FocalPoint-{version}-{platform_tag()}.tar.gz"
    extras = [
        (ROOT / "packaging" / "linux" / "install.sh", "install.sh"),
        (ROOT / "packaging" / "linux" / "uninstall.sh", "uninstall.sh"),
        (ROOT / "resources" / "linux", "resources/linux"),
        (ROOT / "resources" / "icons" / "hicolor", "resources/icons/hicolor"),
    ]
    with tarfile.open(target, "w:gz", compresslevel=6) as archive:
        archive.add(folder, arcname=f"{top}/FocalPoint")
        for source, name in extras:
            if source.exists():  # written by other steps of the release; absent ones are skipped
                archive.add(source, arcname=f"{top}/{name}")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-archive", action="store_true", help="leave the archive out")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT / "src"))
    from focalpoint.version import app_version

    started = time.perf_counter()
    build_info = write_build_info()
    freeze(build_info)
    frozen_seconds = time.perf_counter() - started
    folder = output_folder()
    check_build_info(folder, build_info)
    summary: dict[str, object] = {
        "version": app_version(),
        "platform": platform_tag(),
        "folder": str(folder.relative_to(ROOT)),
        "folder_mb": round(size_mb(folder), 1),
        "biggest_mb": biggest_parts(folder),
        "freeze_seconds": round(frozen_seconds, 1),
    }
    if sys.platform.startswith("linux") and not args.no_archive:
        archive = linux_archive(folder, app_version())
        summary["archive"] = str(archive.relative_to(ROOT))
        summary["archive_mb"] = round(archive.stat().st_size / 2**20, 1)
    summary["seconds"] = round(time.perf_counter() - started, 1)
    budget = BUDGET_MB.get(platform_tag().split("-")[0])
    summary["budget_mb"] = budget
    over = budget is not None and float(str(summary["folder_mb"])) > budget
    summary["within_budget"] = not over
    print(json.dumps(summary, indent=2))
    if over:
        print(f"build.py: the folder is over its {budget} MB budget", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
