"""The progress line of long commands and Ctrl+C, in this process (``cli.progress``).

A terminal is a stream that says it is one; Ctrl+C is SIGINT raised in this process, which the
long work answers only while it runs (outside it, the handler of the test run stays in place).
The real processes, stopped mid-work, are in ``tests/e2e/test_ctrl_c.py``.
"""

from __future__ import annotations

import io
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest

from focalpoint.cli import progress
from focalpoint.cli.progress import ProgressLine, Stopped, Work, long_work
from focalpoint.domain.errors import Cancelled
from focalpoint.i18n import set_language
from focalpoint.services.country.submissions import SIGNING_SHARE
from tests.cli.runner import Cli


class Terminal(io.StringIO):
    """A stream that says it is a terminal, as stderr is in a console window."""

    def __init__(self, encoding: str = "utf-8") -> None:
        super().__init__()
        self._encoding = encoding

    @property
    def encoding(self) -> str:  # what the console's code page can show
        return self._encoding

    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def fast(monkeypatch: pytest.MonkeyPatch) -> None:
    """The line drawn every few milliseconds, so that a short command draws it too."""
    monkeypatch.setattr(progress, "INTERVAL", 0.002)


def interrupt() -> None:
    """Ctrl+C, as the terminal sends it; only ever while long work answers it, or the test
    run itself would stop."""
    handler = signal.getsignal(signal.SIGINT)
    assert getattr(handler, "__self__", None).__class__ is Work, "Ctrl+C is not the work's"
    signal.raise_signal(signal.SIGINT)


def test_the_line_says_what_is_done_with_a_bar_the_percentage_and_the_time() -> None:
    clock = Clock()
    line = ProgressLine("Importing mapeo.csv…", Terminal(), clock)
    line.update(0.45)
    clock.now += 63
    assert line.text(79) == "Importing mapeo.csv…  ███████████░░░░░░░░░░░░░   45%  1:03"
    line.update(0.30)  # a step that reports less does not move the bar back
    clock.now += 3600
    assert line.text(79).endswith("   45%  1:01:03")


@pytest.mark.parametrize(
    ("language", "stopping", "percent"),
    [("es", "Deteniendo…", "45\u00a0%"), ("fr", "Arrêt en cours…", "45\u00a0%")],
)
def test_the_line_speaks_the_language_of_the_command(
    language: str, stopping: str, percent: str
) -> None:
    set_language(language)
    line = ProgressLine("mapeo.csv…", Terminal(), Clock())
    line.update(0.451)
    line.stopping = True  # after a first Ctrl+C
    text = line.text(79)
    assert text.startswith(stopping) and f"  {percent}  0:00" in text


def test_a_narrow_terminal_keeps_the_numbers_and_shortens_the_words() -> None:
    line = ProgressLine("Importing a-file-with-a-very-long-name.csv…", Terminal(), Clock())
    line.update(0.07)
    narrow = line.text(40)
    assert len(narrow) <= 40 and narrow.endswith("  7%  0:00") and "…" in narrow
    assert len(line.text(20)) <= 20 and line.text(20).endswith("7%  0:00")  # no room for a bar


def test_a_console_without_block_characters_gets_a_bar_of_plain_ones() -> None:
    line = ProgressLine("Writing informe.pdf…", Terminal(encoding="cp437"), Clock())
    line.update(0.5)
    assert "############------------" in line.text(79)


def test_each_drawing_overwrites_the_last_and_the_end_wipes_it() -> None:
    terminal = Terminal()
    line = ProgressLine("Writing informe.pdf…", terminal, Clock())
    line.clear()
    assert terminal.getvalue() == ""  # nothing drawn, nothing to wipe
    line.draw()
    line.update(0.5)
    line.draw()
    wipe = "\r" + " " * 79 + "\r"  # the whole width of an 80-column terminal
    drawn = terminal.getvalue().split(wipe)
    assert drawn[0] == "" and drawn[1].startswith("Writing informe.pdf…  ░")
    assert drawn[2].startswith("Writing informe.pdf…  ████████████░")
    line.clear()
    assert terminal.getvalue().endswith("50%  0:00" + wipe)


def test_on_a_terminal_the_line_is_drawn_a_few_times_a_second_however_often_work_reports() -> None:
    terminal = Terminal()
    started = time.perf_counter()
    with long_work("Importing mapeo.csv…", stream=terminal, interval=0.05) as work:
        for n in range(100_000):
            work.progress(n / 100_000)
        time.sleep(0.12)  # two drawings at least, whatever the machine's speed
    elapsed = time.perf_counter() - started
    drawings = terminal.getvalue().count("Importing mapeo.csv…")
    assert 2 <= drawings <= elapsed / 0.05 + 1
    assert elapsed < 1  # 100,000 reports cost next to nothing
    assert terminal.getvalue().endswith("\r" + " " * 79 + "\r")  # wiped at the end


def test_piped_or_redirected_nothing_is_written() -> None:
    piped = io.StringIO()
    with long_work("Importing mapeo.csv…", stream=piped, interval=0.001) as work:
        for n in range(1000):
            work.progress(n / 1000)
        time.sleep(0.01)
    assert piped.getvalue() == ""


def test_ctrl_c_first_asks_the_work_to_stop_then_stops_it_at_once() -> None:
    before = signal.getsignal(signal.SIGINT)
    terminal = Terminal()
    with (
        pytest.raises(Stopped, match=r"^Stopped\. Nothing was written\.$"),
        long_work("Writing informe.pdf…", stream=terminal, interval=0.001) as work,
    ):
        interrupt()
        assert work.cancelled()  # asked, not forced: the service stops at its next check
        time.sleep(0.01)
        assert "Stopping…" in terminal.getvalue()
        interrupt()  # asked again: now
        pytest.fail("a second Ctrl+C stops the work at once")
    assert signal.getsignal(signal.SIGINT) is before  # Ctrl+C is the test run's again
    assert terminal.getvalue().endswith("\r" + " " * 79 + "\r")  # wiped before the message


def test_a_stopped_service_leaves_as_stopped_saying_what_was_left() -> None:
    with (
        pytest.raises(Stopped, match=r"^Stopped\. Nothing was imported\.$"),
        long_work("Importing mapeo.csv…", "Stopped. Nothing was imported.", io.StringIO()),
    ):
        raise Cancelled


# ----- the commands: the same output for scripts, 130 and one line when stopped


def test_on_a_terminal_the_commands_print_what_they_print_when_piped(
    cli: Cli, country: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fast: None
) -> None:
    sheet = tmp_path / "mapeo.csv"
    sheet.write_text(
        "Organización,Servicio,Tipo\n#org+name,#service+name,#service+type+code\n"
        + "".join(f"Albergue {n % 7},Atención {n},shelter\n" for n in range(1200)),
        encoding="utf-8",
    )
    commands = [
        ("directory", "import", str(sheet)),
        ("directory", "export", "-o", str(tmp_path / "servicios.csv")),
        ("directory", "export", "--format", "geojson", "-o", str(tmp_path / "mapa.geojson")),
        ("report", "--sections", "summary,plan", "-o", str(tmp_path / "informe.pdf")),
    ]
    twin = Path(shutil.copytree(country, tmp_path / "twin"))  # the same country, untouched
    piped = [cli.run(country, *args) for args in commands]
    terminal = Terminal()
    with monkeypatch.context() as patch:
        patch.setattr(sys, "stderr", terminal)
        shown = [cli.run(twin, *args) for args in commands]
    assert [(r.code, r.out) for r in shown] == [(r.code, r.out) for r in piped]
    assert all(r.code == 0 and r.err == "" for r in piped)
    assert "\r" not in "".join(r.out for r in shown)  # the line never reaches stdout
    for label in ("Importing mapeo.csv…", "Writing servicios.csv…", "Writing informe.pdf…"):
        assert label in terminal.getvalue()


def test_ctrl_c_while_the_package_is_copied_says_it_is_signed_and_kept(
    cli: Cli, country: Path, passfile: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.ok(country, "key", "create", "--passphrase-file", str(passfile))
    usb = tmp_path / "usb"
    usb.mkdir()
    update = ProgressLine.update

    def pressed_while_copying(line: ProgressLine, fraction: float) -> None:
        if fraction > SIGNING_SHARE and not line.stopping:
            interrupt()  # signed and recorded: the copy to the stick is under way
        update(line, fraction)

    monkeypatch.setattr(ProgressLine, "update", pressed_while_copying)
    stopped = cli.run(
        country, "export", "--no-report", "--out", str(usb), "--passphrase-file", str(passfile)
    )
    assert (stopped.code, stopped.out) == (130, "")
    assert stopped.err.splitlines()[-1] == (
        f"Stopped. Submission 1 is signed and kept in the workspace, but it was not copied to "
        f"{usb}. Copy it with `focalpoint submission save 1 {usb}`."
    )
    assert list(usb.iterdir()) == []  # no half-copied package, no working file
    monkeypatch.setattr(ProgressLine, "update", update)
    assert "signed" in cli.ok(country, "submission", "list")
    assert cli.ok(country, "submission", "save", "1", str(usb)).startswith("Copied to")
