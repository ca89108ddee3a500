"""docs/submission-format.md says a package can be checked with standard tools: run its script."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from focalpoint.services.country.workspace import Workspace
from tests.services.test_practices import a_practice

DOC = Path(__file__).parents[2] / "docs" / "submission-format.md"
PASSPHRASE = "correct horse battery staple"
TOOLS = ("bash", "unzip", "jq", "openssl", "sha256sum", "base64", "cmp", "diff", "find")


def the_script() -> str:
    text = DOC.read_text(encoding="utf-8")
    block = re.search(
        r"<!-- check-script:start -->\n```sh\n(.*?)```\n<!-- check-script:end -->", text, re.S
    )
    assert block, "the check script is missing from docs/submission-format.md"
    return block.group(1)


@pytest.fixture
def package(ws: Workspace, tmp_path: Path) -> tuple[Path, Path]:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"not on this machine: {', '.join(missing)}")
    ws.keys.create(PASSPHRASE)
    evidence = tmp_path / "acta.pdf"
    evidence.write_bytes(b"%PDF-1.4\nacta\nstartxref\n9\n%%EOF\n")
    practice = ws.practices.save(a_practice(ws))
    ws.attachments.add(practice.id, evidence)
    row = ws.submissions.export(PASSPHRASE, include_report=False)
    key = ws.keys.export_public(tmp_path / "registered.pem")
    return ws.submissions.kept_file(row), key


def run_script(package: Path, key: Path, folder: Path) -> subprocess.CompletedProcess[str]:
    """Run from ``folder`` with relative paths, as a person types them."""
    folder.mkdir()
    return subprocess.run(
        ["bash", "-c", the_script()],
        cwd=folder,
        env={
            "PATH": "/usr/bin:/bin:/usr/local/bin",
            "PKG": os.path.relpath(package, folder),
            "KEY": os.path.relpath(key, folder),
        },
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_documented_check_passes_on_a_real_package(
    package: tuple[Path, Path], tmp_path: Path
) -> None:
    result = run_script(*package, tmp_path / "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("package intact")
    # It unpacks in a folder of its own and leaves nothing behind, there or one level up.
    assert list((tmp_path / "check").iterdir()) == []
    assert not (tmp_path / "pae.bin").exists() and not (tmp_path / "sig.bin").exists()


def test_the_documented_check_fails_on_a_changed_member(
    package: tuple[Path, Path], tmp_path: Path
) -> None:
    original, key = package
    forged = tmp_path / "forged.zip"
    with zipfile.ZipFile(original) as source, zipfile.ZipFile(forged, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "csv/actions.csv":
                data = data.replace(b"Not started", b"Completed")
            target.writestr(info, data)
    result = run_script(forged, key, tmp_path / "check")
    assert result.returncode != 0
    assert "package intact" not in result.stdout


def test_the_documented_check_fails_with_another_key(
    package: tuple[Path, Path], tmp_path: Path
) -> None:
    from focalpoint.package.keys import new_key

    _pem, other = new_key("someone else entirely")
    stranger = tmp_path / "stranger.pem"
    stranger.write_text(other.pem())
    result = run_script(package[0], stranger, tmp_path / "check")
    assert result.returncode != 0
