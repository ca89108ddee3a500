"""The command line as a real process: what only a process shows.

The commands themselves are tested in this process (``tests/cli``); here, one process per call,
is what lies around them: the ``focalpoint`` console script and ``python -m focalpoint``, exit
codes as a shell sees them, no traceback on stderr, the language and workspace taken from the
environment, a passphrase never waited for without a terminal, a reader that stops early
(``| head``), and a whole run that never loads Qt.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from focalpoint.domain.records import Profile
from focalpoint.services.country.workspace import Workspace
from focalpoint.services.country.workspace_folder import workspace_exists
from tests.e2e.processes import environment

SCRIPT = shutil.which("focalpoint", path=str(Path(sys.executable).parent)) or shutil.which(
    "focalpoint"
)


def run(
    *args: str, env: dict[str, str] | None = None, script: bool = False
) -> subprocess.CompletedProcess[str]:
    """``python -m focalpoint ARGS`` (or the ``focalpoint`` script), stdin not a terminal."""
    assert SCRIPT or not script, "the focalpoint script is not installed (pip install -e .)"
    command = [SCRIPT] if script and SCRIPT else [sys.executable, "-m", "focalpoint"]
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        env=env if env is not None else environment(FOCALPOINT_LANG="en"),
        input="",
        timeout=120,
    )


@pytest.fixture
def country(tmp_path: Path) -> Path:
    folder = tmp_path / "sv"
    ws = Workspace.open(folder)
    ws.profile.save(Profile("es", "SV", "Ana Pérez"))
    ws.close()
    return folder


def test_the_console_script_and_python_m_take_the_workspace_and_language_from_the_environment(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "env-ws"
    setup = run(
        "setup", "--country", "GT", "--name", "Lucía Méndez", "--lang", "es",
        env=environment(FOCALPOINT_DATA_DIR=str(folder)), script=True,
    )  # fmt: skip
    assert (setup.returncode, setup.stderr) == (0, "")
    assert setup.stdout.startswith("Espacio de trabajo")
    assert workspace_exists(folder)

    saved = run("plan", "show", "--data-dir", str(folder), env=environment())
    assert (saved.returncode, saved.stderr) == (0, "")
    assert "Acciones con entidad responsable: 0 de 30" in saved.stdout  # the workspace's
    french = run("plan", "show", "--data-dir", str(folder), env=environment(FOCALPOINT_LANG="fr"))
    assert (french.returncode, french.stderr) == (0, "")
    # The environment's language.
    assert "Actions ayant une entité responsable\u00a0: 0 sur 30" in french.stdout


def test_exit_codes_1_refused_and_2_misused_without_traceback(country: Path) -> None:
    refused = run(
        "status", "7.7.7", "completed", "--data-dir", str(country),
        env=environment(FOCALPOINT_LANG="es"),
    )  # fmt: skip
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.startswith("focalpoint: ") and "7.7.7" in refused.stderr
    assert "Traceback" not in refused.stderr and "no action" not in refused.stderr  # Spanish

    misused = run("status", "1.1.1", "finished", "--data-dir", str(country))
    assert misused.returncode == 2 and "usage: focalpoint status" in misused.stderr
    assert "Traceback" not in misused.stderr


def test_without_a_terminal_the_passphrase_is_asked_for_not_waited_for(
    country: Path, tmp_path: Path
) -> None:
    passfile = tmp_path / "passphrase.txt"
    passfile.write_text("correct horse battery staple\n")
    made = run("key", "create", "--passphrase-file", str(passfile), "--data-dir", str(country))
    assert made.returncode == 0, made.stderr
    export = run("export", "--no-report", "--data-dir", str(country))  # stdin: an empty pipe
    assert export.returncode == 1 and "Traceback" not in export.stderr
    assert "--passphrase-file FILE or $FOCALPOINT_PASSPHRASE" in export.stderr


@pytest.mark.parametrize("command", ["entity list", "plan show --json"], ids=["short", "long"])
def test_a_reader_that_stops_early_is_not_an_error(country: Path, command: str) -> None:
    # `true` has gone before the command writes: short output fails only at the final flush.
    line = f"{shlex.join([sys.executable, '-m', 'focalpoint'])} {command} --data-dir {country}"
    piped = subprocess.run(
        ["sh", "-c", f'({line}; echo "exit $?" >&2) | true'],
        capture_output=True,
        text=True,
        env=environment(FOCALPOINT_LANG="en"),
        timeout=120,
    )
    assert piped.stderr == "exit 0\n"


def test_a_whole_run_of_commands_never_loads_qt(country: Path, tmp_path: Path) -> None:
    passfile = tmp_path / "passphrase.txt"
    passfile.write_text("correct horse battery staple\n")
    commands = [
        ["entity", "add", "Consejo Nacional de la Niñez", "--acronym", "CONNA"],
        ["assign", "1.1.1", "CONNA"],
        ["plan", "show"],
        ["report", "-o", str(tmp_path / "report.pdf")],
        ["key", "create", "--passphrase-file", str(passfile)],
        ["export", "--no-report", "--passphrase-file", str(passfile)],
        ["submission", "list"],
    ]
    code = (
        "import sys\n"
        "from focalpoint.cli.main import main\n"
        f"for args in {commands!r}:\n"
        f"    assert main([*args, '--data-dir', {str(country)!r}]) == 0, args\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'shiboken6'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=environment(FOCALPOINT_LANG="en"),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"


def test_receipts_as_a_shell_sees_them(country: Path, tmp_path: Path) -> None:
    """A forged receipt: status 1, the reason in the user's language, no traceback; a real one:
    status 0 and JSON a script can read."""
    import json

    from tests.secretariat_side import Secretariat

    ts = Secretariat()
    ws = Workspace.open(country)
    ws.keys.create("correct horse battery staple")
    sent = ws.submissions.export("correct horse battery staple", include_report=False)
    ws.close()
    key_file = ts.key_file(tmp_path)
    trusted = run(
        "key", "trust-secretariat", str(key_file), "--fingerprint", ts.fingerprint,
        "--data-dir", str(country), "--json",
    )  # fmt: skip
    assert trusted.returncode == 0, trusted.stderr
    assert json.loads(trusted.stdout)["fingerprint"] == ts.fingerprint

    (tmp_path / "forger").mkdir()
    forged = Secretariat().receipt(tmp_path / "forger", sent)
    refused = run(
        "receipt", "import", str(forged), "--data-dir", str(country),
        env=environment(FOCALPOINT_LANG="es"),
    )  # fmt: skip
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.startswith("focalpoint: Este acuse no está firmado")
    assert "Traceback" not in refused.stderr

    taken = run("receipt", "import", str(ts.receipt(tmp_path, sent)), "--json",
                "--data-dir", str(country))  # fmt: skip
    assert taken.returncode == 0, taken.stderr
    assert json.loads(taken.stdout)["state"] == "acknowledged"
