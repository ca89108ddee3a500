"""`focalpoint FILE` as real processes, offscreen: a second launch on the same workspace hands its
package to the window already open and ends at once; a window that crashed leaves no obstacle;
FOCALPOINT_EXIT_WHEN_READY shows the file, logs what it was and quits (for scripted checks of a
frozen build); macOS's "open this file" event is heard; the command line is untouched by all
of it."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from focalpoint.domain.records import Profile
from focalpoint.services.country.workspace import Workspace
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from focalpoint.ui.single_instance import channel_name, may_be_listening
from tests.e2e.processes import environment, focalpoint_command

PASSPHRASE = "correct horse battery staple"


def gui_env(**variables: str) -> dict[str, str]:
    return environment(QT_QPA_PLATFORM="offscreen", FOCALPOINT_LANG="en", **variables)


def focalpoint(*args: str, **variables: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        focalpoint_command(*args),
        capture_output=True,
        text=True,
        env=gui_env(**variables),
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def log_of(folder: Path) -> str:
    path = folder / "focalpoint.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"never happened: {what}")


@pytest.fixture
def country(tmp_path: Path) -> tuple[Path, Path]:
    """A country workspace set up through the command line, and its first package, signed."""
    folder = tmp_path / "sv"
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n")
    out = tmp_path / "usb"
    out.mkdir()
    for args in (
        ("setup", "--country", "SV", "--name", "Ana Pérez", "--lang", "en"),
        ("key", "create", "--passphrase-file", str(secret)),
        ("export", "--no-report", "--out", str(out), "--passphrase-file", str(secret)),
    ):
        done = focalpoint(*args, "--data-dir", str(folder))
        assert done.returncode == 0, done.stderr
    (package,) = out.glob("FocalPoint-SV-001-*.zip")
    return folder, package


def test_a_second_launch_hands_its_package_to_the_window_already_open(
    country: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, package = country
    channel = channel_name(folder)
    first = subprocess.Popen(
        focalpoint_command("--data-dir", str(folder)),
        env=gui_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: may_be_listening(channel), "the first window listening")
        began = time.monotonic()
        # Another spelling of the same folder is the same workspace.
        same = tmp_path / "." / "sv" / ".." / "sv"
        second = focalpoint("--data-dir", str(same), str(package))
        took = time.monotonic() - began
        assert (second.returncode, "Traceback" in second.stderr) == (0, False), second.stderr
        assert took < 10, f"the second launch took {took:.1f} s to hand over"
        assert first.poll() is None  # the first window is still open
        shown = f"Shown for another launch: {package}: valid, submission 1 from SV"
        wait_for(lambda: shown in log_of(folder), "the first window showing the package")
        # The command line is not one window: it runs beside it as before.
        verify = focalpoint("verify", str(package), "--data-dir", str(folder))
        assert verify.returncode == 0 and "Valid" in verify.stdout, verify.stderr
    finally:
        first.terminate()  # as a crash would: no clean-up of its channel
        first.wait(timeout=30)
    # The channel the ended window left behind is taken over by the next launch.
    again = focalpoint("--data-dir", str(folder), str(package), FOCALPOINT_EXIT_WHEN_READY="1")
    assert again.returncode == 0, again.stderr
    assert f"Shown at start: {package}: valid" in log_of(folder)
    assert not may_be_listening(channel)  # and closed when that window quit


def test_exit_when_ready_shows_the_file_logs_what_it_was_and_quits(
    country: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, package = country
    done = focalpoint("--data-dir", str(folder), str(package), FOCALPOINT_EXIT_WHEN_READY="1")
    assert done.returncode == 0, done.stderr
    assert f"Shown at start: {package}: valid, submission 1 from SV" in log_of(folder)

    missing = tmp_path / "FocalPoint-SV-009-2026-11-28.zip"
    gone = focalpoint("--data-dir", str(folder), str(missing), FOCALPOINT_EXIT_WHEN_READY="1")
    assert gone.returncode == 0, gone.stderr
    assert "usage:" not in gone.stderr  # the window says it, not the command line
    assert f"Shown at start: {missing}: no such file" in log_of(folder)

    plain = focalpoint("--data-dir", str(folder), FOCALPOINT_EXIT_WHEN_READY="1")
    assert plain.returncode == 0, plain.stderr
    assert "Ready, as FOCALPOINT_EXIT_WHEN_READY asks" in log_of(folder)


def test_the_secretariat_receives_a_package_given_on_the_command_line(tmp_path: Path) -> None:
    sv = Workspace.open(tmp_path / "sv")
    sv.profile.save(Profile("en", "SV", "Ana Pérez"))
    key = sv.keys.create(PASSPHRASE)
    row = sv.submissions.export(PASSPHRASE, include_report=False)
    package = sv.submissions.kept_file(row)
    sv.close()
    folder = tmp_path / "secretariat"
    secretariat = SecretariatWorkspace.open(folder)
    secretariat.profile.save("Secretaría Técnica de la CRM", "en")
    secretariat.keys.create("una frase de paso larga")
    secretariat.registry.register(key.pem(), "SV", key.fingerprint)
    secretariat.close()

    done = focalpoint("--data-dir", str(folder), str(package), FOCALPOINT_EXIT_WHEN_READY="1")
    assert done.returncode == 0, done.stderr
    assert f"Shown at start: {package}: received, submission 1 from SV" in log_of(folder)
    secretariat = SecretariatWorkspace.open(folder)
    try:
        assert [r.package.sequence for r in secretariat.intake.page()] == [1]
    finally:
        secretariat.close()


# macOS hands a package double-clicked in the Finder to the running copy as an event sent to
# the application object (at start too): this script sends that same event to a real window.
FINDER = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QFileOpenEvent
from focalpoint.app import FocalPointApplication, main

folder, package = Path(sys.argv[1]), sys.argv[2]
app = FocalPointApplication(sys.argv[:1])
QCoreApplication.postEvent(app, QFileOpenEvent(package))

def look() -> None:
    log = folder / "focalpoint.log"
    if log.exists() and "Shown for the system" in log.read_text(encoding="utf-8"):
        app.exit(0)
    else:
        QTimer.singleShot(50, look)

QTimer.singleShot(50, look)
sys.exit(main(["--data-dir", str(folder)]))
"""


def test_a_package_opened_in_the_finder_is_shown_in_the_window(
    country: tuple[Path, Path],
) -> None:
    folder, package = country
    done = subprocess.run(
        [sys.executable, "-c", FINDER, str(folder), str(package)],
        capture_output=True,
        text=True,
        env=gui_env(),
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert f"Shown for the system: {package}: valid, submission 1 from SV" in log_of(folder)
