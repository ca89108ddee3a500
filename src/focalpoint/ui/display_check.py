"""Whether this Linux machine has the system libraries Qt's X11 window needs, said before Qt
tries to load them.

Without them Qt stops the whole process with "xcb-cursor0 or libxcb-cursor0 is needed to load
the Qt xcb platform plugin", and, that one installed, names the next missing library, a dozen
times over. FocalPoint asks the system's loader (``ldd``) about Qt's X11 plugin first and, when
libraries are missing, names every package to install in one command. Nothing here imports Qt:
a plugin that cannot load ends the process before any message could be shown in a window.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

# The Debian and Ubuntu package of each library Qt's X11 plugin loads (as ``ldd`` names it).
DEBIAN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$", re.MULTILINE)


def not_found(ldd_output: str) -> list[str]:
    """The libraries ``ldd`` says it cannot find, once each, in its order."""
    return list(dict.fromkeys(_NOT_FOUND.findall(ldd_output)))


def missing_libraries() -> list[str]:
    """The system libraries Qt's X11 plugin needs and this machine lacks ([] when it has them
    all, or when it cannot be told: no ``ldd``, or no plugin where PySide6 keeps it)."""
    spec = find_spec("PySide6")
    ldd = shutil.which("ldd")
    if spec is None or not spec.submodule_search_locations or ldd is None:
        return []
    qt = Path(next(iter(spec.submodule_search_locations))) / "Qt"
    files = [qt / "plugins" / "platforms" / "libqxcb.so", *sorted(qt.glob("lib/libQt6XcbQpa.so*"))]
    found: list[str] = []
    for library in (f for f in files if f.is_file()):
        try:
            done = subprocess.run(
                [ldd, str(library)], capture_output=True, text=True, timeout=30, check=False
            )
        except (OSError, subprocess.SubprocessError):
            return []
        found += not_found(done.stdout)
    return list(dict.fromkeys(found))


def uses_x11() -> bool:
    """Whether Qt will open its window with its X11 plugin here."""
    if not sys.platform.startswith("linux"):
        return False
    chosen = os.environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(":")[0].split(";")[0] == "xcb"
    wayland = os.environ.get("XDG_SESSION_TYPE") == "wayland" and os.environ.get("WAYLAND_DISPLAY")
    return not wayland


def install_command(missing: list[str]) -> str:
    """The one command that installs what is missing (Debian and Ubuntu's names; a library
    without a known package is named as it is)."""
    return "sudo apt-get install " + " ".join(
        dict.fromkeys(DEBIAN_PACKAGES.get(name, name) for name in missing)
    )


def language() -> str:
    """The language to say it in: $FOCALPOINT_LANG, else the system's (as its locale names
    it), if FocalPoint speaks it; else Spanish, as the window does."""
    from focalpoint.i18n import LANGUAGES

    for name in ("FOCALPOINT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        wanted = os.environ.get(name, "")[:2]
        if wanted in LANGUAGES:
            return wanted
    return "es"


def main() -> int:
    """``make run``'s first step: 0 when the window can open, else what to install (1)."""
    if not uses_x11():
        return 0
    missing = missing_libraries()
    if not missing:
        return 0
    from focalpoint.i18n import _, set_language

    set_language(language())
    print(
        _(
            "FocalPoint cannot open its window yet: this computer lacks system libraries that "
            "Qt, the toolkit FocalPoint draws its window with, needs ({names}). On Debian or "
            "Ubuntu, install them with:\n\n    {command}\n\nthen start FocalPoint again. The "
            "README lists the packages for other systems."
        ).format(names=", ".join(missing), command=install_command(missing)),
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
