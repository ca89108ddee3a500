"""``focalpoint.cli.main.main(argv)`` called in the test's own process, as a script would call it.

Each call sees the environment a script would set (FOCALPOINT_LANG, FOCALPOINT_DATA_DIR,
FOCALPOINT_PASSPHRASE), a stdin that is not a terminal, and fresh stdout and stderr; what the
CLI changes in the process (the interface language, argparse's translations) is put back after
it. The few things only a real process shows are in ``tests/e2e``.
"""

from __future__ import annotations

import argparse
import io
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from focalpoint.cli.main import main
from focalpoint.i18n import current_language, set_language


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


class Cli:
    def __init__(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
        self._capsys = capsys
        self._monkeypatch = monkeypatch

    def run(
        self,
        folder: Path | None,
        *args: str,
        lang: str | None = "en",
        env: dict[str, str] | None = None,
        stdin: str = "",
    ) -> Result:
        """``folder``: given as ``--data-dir``; ``lang=None``: the workspace's own language."""
        argv = [*args, *(["--data-dir", str(folder)] if folder is not None else [])]
        language = current_language()
        with self._monkeypatch.context() as patch:
            for name in ("FOCALPOINT_DATA_DIR", "FOCALPOINT_PASSPHRASE", "FOCALPOINT_LANG"):
                patch.delenv(name, raising=False)
            if lang is not None:
                patch.setenv("FOCALPOINT_LANG", lang)
            for name, value in (env or {}).items():
                patch.setenv(name, value)
            patch.setattr(sys, "stdin", io.StringIO(stdin))
            patch.setattr(argparse, "_", argparse._)
            patch.setattr(argparse, "ngettext", argparse.ngettext)
            self._capsys.readouterr()
            try:
                code = main(argv)
            except SystemExit as stop:  # main returns its code; this only guards the helper
                code = int(stop.code or 0)
            finally:
                set_language(language)
            out, err = self._capsys.readouterr()
        return Result(code, out, err)

    def ok(self, folder: Path | None, *args: str, lang: str | None = "en", **env: str) -> str:
        """The output of a command that must succeed; ``env``: variables to set."""
        result = self.run(folder, *args, lang=lang, env=env)
        assert result.code == 0, result.err
        return result.out

    def refused(self, folder: Path | None, *args: str, lang: str = "en", **env: str) -> str:
        """The message of a command that must be refused: exit 1, the reason on stderr."""
        result = self.run(folder, *args, lang=lang, env=env)
        assert result.code == 1, result.out
        if lang == "en":  # after any warnings, the reason
            reasons = ("focalpoint: ", "NOT VALID: ")
            assert any(line.startswith(reasons) for line in result.err.splitlines()), result.err
        return result.err
