"""``make run``'s first step: on Linux, the system libraries Qt's X11 window needs are looked
up with the system's loader, and what is missing is named as one command to type."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from focalpoint.ui import display_check

# What ``ldd`` printed for Qt's X11 plugin on a Debian machine that lacked two libraries.
LDD = """\
\tlinux-vdso.so.1 (0x00007ffd5a3d2000)
\tlibGL.so.1 => /lib/x86_64-linux-gnu/libGL.so.1 (0x00007f1c2a2f0000)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f1c2a2e8000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f1c29e00000)
"""


def test_what_the_loader_cannot_find_is_named_once_with_its_package() -> None:
    missing = display_check.not_found(LDD)
    assert missing == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert display_check.install_command(missing) == (
        "sudo apt-get install libxcb-icccm4 libxcb-keysyms1"
    )
    assert display_check.install_command(["libexotic.so.9"]).endswith(" libexotic.so.9")


@pytest.mark.parametrize(
    ("environment", "x11"),
    [
        ({"QT_QPA_PLATFORM": "offscreen"}, False),
        ({"QT_QPA_PLATFORM": "xcb"}, True),
        ({"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, False),
        ({"XDG_SESSION_TYPE": "x11"}, True),
    ],
)
def test_only_an_x11_window_is_checked(
    environment: dict[str, str], x11: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("QT_QPA_PLATFORM", "XDG_SESSION_TYPE", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert display_check.uses_x11() is (x11 and sys.platform.startswith("linux"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's X11 plugin is Linux's")
def test_make_run_s_first_step_on_this_machine() -> None:
    """This machine as it is: with libraries missing, the step names every package in one
    command and stops make; with none missing, it lets the window start."""
    missing = display_check.missing_libraries()
    environment = {**os.environ, "QT_QPA_PLATFORM": "xcb", "FOCALPOINT_LANG": "en"}
    done = subprocess.run(
        [sys.executable, "-m", "focalpoint.ui.display_check"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )
    if not missing:
        assert done.returncode == 0 and done.stderr == ""
        return
    assert done.returncode == 1
    assert display_check.install_command(missing) in done.stderr
    assert "is needed to load the Qt xcb platform plugin" not in done.stderr  # not Qt's words
