"""The layering rule: domain, storage, package and services never import Qt."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import focalpoint

PACKAGE = Path(focalpoint.__file__).parent
BELOW_THE_UI = ("domain", "storage", "package", "services")


def test_import_linter_contracts_hold() -> None:
    root = PACKAGE.parent.parent
    lint = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    result = subprocess.run([lint], cwd=root, capture_output=True, text=True, timeout=120)
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
