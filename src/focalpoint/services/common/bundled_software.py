"""What FocalPoint ships, and under which licences: Help → About lists it.

The Python packages are found by walking the ``focalpoint`` distribution's requirements (its
extras left out: they are for developers) through their installed metadata, which the frozen
build copies for every package it carries, so the list is the same from source and frozen.
What has no package metadata (Qt's own libraries, Python itself, the map data, the subdivision
names, the fonts) is listed by hand with the licence text that ships in ``resources``.

The walk reads some forty metadata files (about 40 ms): it runs when About opens, never on the
way to the first paint. Nothing here goes to the network; a home page is text to read.
"""

from __future__ import annotations

import platform
import re
from dataclasses import dataclass
from importlib.metadata import Distribution, PackageMetadata, PackageNotFoundError, distribution
from pathlib import Path

from focalpoint.i18n import _
from focalpoint.paths import RESOURCES

LICENCES = RESOURCES / "licences"
QT_SOURCE = "https://download.qt.io/official_releases/qt/"
# The release of pycountry whose copy of iso-codes tools/build_geo.py read (resources/geo).
PYCOUNTRY_VERSION = "26.2.16"
PYSIDE_SOURCE = "https://download.qt.io/official_releases/QtForPython/"

# A requirement line: its name, then optional [extras], then anything up to an optional marker.
_REQUIREMENT = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?[^;]*(?:;(.*))?")
_EXTRA = re.compile(r"""\bextra\s*==\s*["']([^"']+)["']""")
# What a licence expression or name looks like when it is one (not a paragraph of text).
_SPDX_WORD = r"[A-Za-z0-9][A-Za-z0-9.+-]*"
_SPDX = re.compile(rf"^\(?{_SPDX_WORD}\)?(\s+(AND|OR|WITH)\s+\(?{_SPDX_WORD}\)?)*$")
# The trove classifiers' names, shortened to the SPDX-like names the other packages give.
_CLASSIFIERS = {
    "MIT License": "MIT",
    "MIT No Attribution License (MIT-0)": "MIT-0",
    "BSD License": "BSD",
    "Apache Software License": "Apache-2.0",
    "Python Software Foundation License": "PSF-2.0",
    "ISC License (ISCL)": "ISC",
    "Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
    "GNU Lesser General Public License v3 (LGPLv3)": "LGPL-3.0",
    "GNU Lesser General Public License v2 or later (LGPLv2+)": "LGPL-2.0-or-later",
    "GNU Library or Lesser General Public License (LGPL)": "LGPL",
    "The Unlicense (Unlicense)": "Unlicense",
    "Public Domain": "Public domain",
}
# A licence text's first words, for a package whose metadata names no licence at all.
_TEXTS = (
    ("Permission is hereby granted, free of charge", "MIT"),
    ("Redistribution and use in source and binary forms", "BSD"),
    ("Apache License", "Apache-2.0"),
    ("GNU LESSER GENERAL PUBLIC LICENSE", "LGPL"),
    ("Mozilla Public License Version 2.0", "MPL-2.0"),
)


@dataclass(frozen=True)
class LicenceText:
    """One licence file: where it came from (a file name) and what it says."""

    title: str
    text: str


@dataclass(frozen=True)
class Component:
    """One part of what ships: a Python package, a library, data or fonts."""

    name: str
    version: str
    licence: str  # short, SPDX-like: "MIT", "LGPL-3.0-only", "Public domain"
    what: str  # a few words for a reader: "Python package", "map data"
    home_page: str = ""  # shown as text, never opened: the app is offline
    notice: str = ""  # said before the licence texts (how the part is used, where its source is)
    texts: tuple[LicenceText, ...] = ()

    @property
    def full_text(self) -> str:
        """The notice, then each licence text under its file's name."""
        parts = [self.notice] if self.notice else []
        for licence in self.texts:
            if len(self.texts) > 1 or self.notice:
                parts.append(f"===== {licence.title} =====")
            parts.append(licence.text.strip("\n"))
        return "\n\n".join(parts)


def components(qt_version: str) -> list[Component]:
    """Everything FocalPoint ships: the parts without package metadata first, then every Python
    package the ``focalpoint`` distribution requires, directly or not, by name.

    ``qt_version`` is the running Qt's (``PySide6.QtCore.qVersion()``): asking Qt is the user
    interface's business, and this module stays free of it."""
    return fixed_components(qt_version) + python_packages()


def fixed_components(qt_version: str) -> list[Component]:
    lgpl = (_resource_text("LGPL-3.0.txt"), _resource_text("GPL-3.0.txt"))
    return [
        Component(
            "Qt",
            qt_version,
            "LGPL-3.0-only",
            _("user interface libraries"),
            "https://www.qt.io",
            qt_notice(qt_version),
            lgpl,
        ),
        Component(
            "Python",
            platform.python_version(),
            "PSF-2.0",
            _("programming language and its standard library"),
            "https://www.python.org",
            texts=(_resource_text("Python-PSF.txt"),),
        ),
        Component(
            "Natural Earth",
            "4.1.0, 5.x",
            _("Public domain"),
            _("map data: outlines, subdivisions, lakes"),
            "https://www.naturalearthdata.com",
            texts=(_resource_text("Natural-Earth.txt"),),
        ),
        Component(
            "iso-codes",
            _("as in pycountry {version}").format(version=PYCOUNTRY_VERSION),
            "LGPL-2.1",
            _("names of the subdivisions in Spanish, English and French"),
            "https://salsa.debian.org/iso-codes-team/iso-codes",
            _(
                "The codes and names of the countries' subdivisions come from Debian's "
                "iso-codes project, as the pycountry package ships them."
            ),
            (_resource_text("LICENSE-iso-codes.txt", RESOURCES / "geo"),),
        ),
        Component(
            "DejaVu Sans",
            "2.37",
            _("Bitstream Vera licence, public domain changes"),
            _("fonts embedded in every PDF"),
            "https://dejavu-fonts.github.io",
            texts=(_resource_text("LICENSE-DejaVu.txt", RESOURCES / "fonts"),),
        ),
    ]


def qt_notice(qt_version: str) -> str:
    """What the LGPL v3 asks a program that ships Qt to tell its users."""
    return _(
        "FocalPoint uses Qt {version} through PySide6 (Qt for Python), under the GNU Lesser "
        "General Public License version 3 (LGPL v3), whose text follows with the GNU General "
        "Public License version 3 it builds on.\n\n"
        "FocalPoint is dynamically linked to Qt: the Qt libraries are separate files in the "
        "folder where FocalPoint is installed (in its PySide6 folder). You may replace them "
        "with another build of the same Qt version, for example one you made from modified "
        "sources, and FocalPoint will use it.\n\n"
        "Qt's source code is available from {qt_source} and PySide6's from {pyside_source}; "
        "the Technical Secretariat can also provide the source of the versions that ship with "
        "this copy of FocalPoint."
    ).format(version=qt_version, qt_source=QT_SOURCE, pyside_source=PYSIDE_SOURCE)


def python_packages(root: str = "focalpoint") -> list[Component]:
    """Every package ``root`` requires, directly or not (not its extras), sorted by name.

    A requirement for another platform, or for an extra nobody asked for, is left out: what is
    not installed is not shipped."""
    found: dict[str, Component] = {}
    todo: list[tuple[str, frozenset[str]]] = [(root, frozenset())]
    asked: dict[str, frozenset[str]] = {}
    while todo:
        name, extras = todo.pop()
        key = _normalised(name)
        if key in asked and extras <= asked[key]:
            continue
        asked[key] = asked.get(key, frozenset()) | extras
        try:
            dist = distribution(name)
        except PackageNotFoundError:  # another platform's, or never installed
            continue
        # Parsed once: each reading of ``dist.metadata`` parses the file anew (the walk took
        # twice as long).
        meta = dist.metadata
        if key != _normalised(root):
            found[key] = _package(dist, meta)
        for line in meta.get_all("Requires-Dist") or dist.requires or []:
            wanted = _required(line, asked[key])
            if wanted is not None:
                todo.append(wanted)
    return sorted(found.values(), key=lambda c: c.name.lower())


def _required(line: str, extras: frozenset[str]) -> tuple[str, frozenset[str]] | None:
    """The package a requirement line names, with the extras it asks of it; ``None`` when the
    line is only for an extra of its own package that was not asked for."""
    match = _REQUIREMENT.match(line)
    if match is None:
        return None
    name, wanted, marker = match.groups()
    needs = set(_EXTRA.findall(marker or ""))
    if needs and not needs & extras:
        return None
    return name, frozenset(e.strip() for e in (wanted or "").split(",") if e.strip())


def _package(dist: Distribution, meta: PackageMetadata) -> Component:
    texts = _licence_texts(dist, meta)
    licence = _licence(meta, texts)
    return Component(
        name=_field(meta, "Name") or "?",
        version=_field(meta, "Version") or dist.version,
        licence=licence,
        what=_("Python package"),
        home_page=_home_page(meta),
        texts=texts or _shared_texts(licence),
    )


def _licence(meta: PackageMetadata, texts: tuple[LicenceText, ...]) -> str:
    """Short and SPDX-like: the License-Expression, else a License field that is a name rather
    than a paragraph, else the trove classifiers, else what the licence text starts with."""
    expression = _field(meta, "License-Expression")
    if expression:
        return expression
    field = _field(meta, "License")
    if field and _SPDX.match(field):
        return field
    if field and "," in field:  # "BSD-3-Clause, Apache-2.0, dependency licenses"
        names = [part.strip() for part in field.split(",") if _SPDX.match(part.strip())]
        if names:
            return ", ".join(names)
    classifiers = [
        c.split("::")[-1].strip()
        for c in meta.get_all("Classifier") or []
        if c.startswith("License ::") and c.count("::") >= 2
    ]
    if classifiers:
        return " OR ".join(dict.fromkeys(_CLASSIFIERS.get(c, c) for c in classifiers))
    for licence in texts:
        for start, name in _TEXTS:
            if start.lower() in licence.text[:2000].lower():
                return name
    return field.splitlines()[0][:40] if field else _("unknown")


def _licence_texts(dist: Distribution, meta: PackageMetadata) -> tuple[LicenceText, ...]:
    """The licence files the package's metadata names (License-File), found under
    ``licenses/`` (metadata 2.4) or beside METADATA (before it).

    A package whose metadata names none (PySide6) is not searched further: listing its files
    means reading its RECORD, thousands of lines for PySide6."""
    texts = []
    for name in dict.fromkeys(meta.get_all("License-File") or []):
        text = _read(dist, f"licenses/{name}") or _read(dist, name)
        if text:
            texts.append(LicenceText(name, text))
    return tuple(texts)


def _read(dist: Distribution, name: str) -> str | None:
    """A metadata file's text; one written in Latin-1 (the "©" of an old licence file) is
    read as such rather than refused."""
    try:
        return dist.read_text(name)
    except UnicodeDecodeError as exc:
        # read_text decodes the whole file at once, so the error holds all of its bytes.
        return bytes(exc.object).decode("cp1252", "replace")


def _shared_texts(licence: str) -> tuple[LicenceText, ...]:
    """For a package that ships no licence text (PySide6, shiboken6) but is used under one whose
    text FocalPoint ships, that text."""
    if licence.startswith("LGPL-3.0"):
        return (_resource_text("LGPL-3.0.txt"), _resource_text("GPL-3.0.txt"))
    return ()


def _home_page(meta: PackageMetadata) -> str:
    if _field(meta, "Home-page"):
        return _field(meta, "Home-page")
    urls: dict[str, str] = {}
    for entry in meta.get_all("Project-URL") or []:
        label, _sep, url = entry.partition(",")
        urls.setdefault(re.sub(r"[^a-z]", "", label.lower()), url.strip())
    for label in ("homepage", "home", "source", "sourcecode", "repository", "code", "github"):
        if urls.get(label):
            return urls[label]
    return ""


def _resource_text(name: str, folder: Path = LICENCES) -> LicenceText:
    path = folder / name
    try:
        return LicenceText(name, path.read_text(encoding="utf-8"))
    except OSError:  # a build that lost it: say so rather than show nothing
        return LicenceText(name, _("The file {name} is missing from this copy.").format(name=name))


def _field(meta: PackageMetadata, name: str) -> str:
    """A metadata field's first value, or "" (indexing a missing one is deprecated)."""
    values = meta.get_all(name) or []
    return str(values[0]).strip() if values else ""


def _normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def platform_line(qt_version: str) -> str:
    """The operating system, Qt and Python, on one line, for a support request."""
    system = platform.system() or "?"
    if system == "Darwin":
        release = platform.mac_ver()[0] or platform.release()
        system = "macOS"
    elif system == "Windows":
        release = platform.version()
        system = f"Windows {platform.release()}"
    else:
        release = platform.release()
    return _("{system} {release} ({machine}) · Qt {qt} · Python {python}").format(
        system=system,
        release=release,
        machine=platform.machine() or "?",
        qt=qt_version,
        python=platform.python_version(),
    )
