"""The layering rules, checked on the checkout and on the package as it installs."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import focalpoint

PACKAGE = Path(focalpoint.__file__).parent
BELOW_THE_UI = ("domain", "storage", "package", "render", "services", "cli")


def test_import_linter_contracts_hold() -> None:
    root = PACKAGE.parent.parent
    lint = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    result = subprocess.run([lint], cwd=root, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_contracts_hold_on_the_package_as_it_installs(tmp_path: Path) -> None:
    # A checkout can hide what a wheel leaves out or adds (a module in the wrong package data,
    # a stale file): build the wheel from a copy of the sources, unpack it as pip would, and
    # check the contracts on that.
    root = PACKAGE.parent.parent
    sources = tmp_path / "sources"
    shutil.copytree(root / "src", sources / "src", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(root / name, sources / name)
    wheels = tmp_path / "wheels"
    build = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"]
    made = subprocess.run(
        [*build, "-w", str(wheels), str(sources)], capture_output=True, text=True, timeout=300
    )
    assert made.returncode == 0, made.stdout + made.stderr
    (wheel,) = wheels.glob("focalpoint-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    shipped = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert "focalpoint/storage/country/migrations/versions/0001_initial.py" in shipped
    assert "focalpoint/storage/secretariat/migrations/versions/0001_initial.py" in shipped
    assert "focalpoint/locale/es/LC_MESSAGES/focalpoint.mo" in shipped

    env = {**os.environ, "PYTHONPATH": str(site)}
    where = subprocess.run(
        [sys.executable, "-c", "import focalpoint; print(focalpoint.__file__)"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60,
    )  # fmt: skip
    assert where.stdout.strip().startswith(str(site)), where.stdout + where.stderr
    shutil.copy(root / "pyproject.toml", tmp_path / "pyproject.toml")  # the contracts
    lint = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    result = subprocess.run(
        [lint], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_no_qt_import_below_the_ui_even_inside_functions() -> None:
    # import-linter sees module-level and function-level imports alike; this double-checks the
    # one rule that matters most with nothing but the standard library.
    offenders = []
    for layer in BELOW_THE_UI:
        for path in (PACKAGE / layer).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                offenders += [
                    f"{path.name}: {n}"
                    for n in names
                    if n.split(".")[0] in ("PySide6", "shiboken6")
                ]
    assert offenders == []


def test_the_command_line_starts_without_qt() -> None:
    code = (
        "import sys, focalpoint.cli.main, focalpoint.services.country.workspace; "
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr
