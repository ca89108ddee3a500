"""The command line in this process (see ``runner``), and a country set up to sign with."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.runner import Cli

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    return Cli(capsys, monkeypatch)


@pytest.fixture
def country(cli: Cli, tmp_path: Path) -> Path:
    """El Salvador's workspace, set up from the command line, with no key yet."""
    folder = tmp_path / "sv"
    cli.ok(folder, "setup", "--country", "SV", "--name", "Ana Pérez")
    return folder


@pytest.fixture
def passfile(tmp_path: Path) -> Path:
    path = tmp_path / "passphrase.txt"
    path.write_text(PASSPHRASE + "\n")
    return path
