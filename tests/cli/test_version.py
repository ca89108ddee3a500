"""The version lives in pyproject.toml alone; everything that shows or records it agrees."""

from __future__ import annotations

import json
import tomllib
import zipfile
from pathlib import Path

from focalpoint.version import app_version, build_info
from tests.cli.conftest import PASSPHRASE
from tests.cli.runner import Cli

ROOT = Path(__file__).resolve().parents[2]  # the checkout


def declared_version() -> str:
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"])


def test_the_running_version_is_the_one_pyproject_declares() -> None:
    assert app_version() == declared_version()
    source = (ROOT / "src" / "focalpoint").rglob("*.py")
    copies = [p for p in source if "__version__ =" in p.read_text(encoding="utf-8")]
    assert copies == [], "the version is written in pyproject.toml only"


def test_a_source_run_has_no_build_date() -> None:
    assert build_info() == {}


def test_the_command_line_and_a_package_carry_it(
    cli: Cli, country: Path, passfile: Path, tmp_path: Path
) -> None:
    assert cli.run(None, "--version").out.strip() == f"FocalPoint {declared_version()}"
    cli.ok(country, "key", "create", "--passphrase-file", str(passfile))
    out = tmp_path / "usb"
    out.mkdir()
    env = {"FOCALPOINT_PASSPHRASE": PASSPHRASE}
    assert cli.run(country, "export", "--out", str(out), "--no-report", env=env).code == 0
    with zipfile.ZipFile(next(out.glob("FocalPoint-SV-001-*.zip"))) as package:
        manifest = json.loads(package.read("manifest.json"))
    assert manifest["app"] == {"name": "FocalPoint", "version": declared_version()}
