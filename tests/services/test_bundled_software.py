"""What Help → About lists as shipped: every package FocalPoint requires, with its licence and,
where its metadata carries one, the licence text; and the parts with no package metadata (Qt,
Python, the map data, the subdivision names, the fonts) with theirs."""

from __future__ import annotations

import re
import time
import tomllib
from importlib.metadata import distribution
from pathlib import Path

import pytest

from focalpoint.services.common.bundled_software import (
    Component,
    _required,
    components,
    platform_line,
    python_packages,
)

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def key(name: str) -> str:
    return re.sub(r"[-_. ]+", "-", name).lower()


def declared() -> list[str]:
    """The names in pyproject.toml's ``dependencies`` (the extras are for developers)."""
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    names = [re.match(r"[A-Za-z0-9._-]+", line) for line in project["dependencies"]]
    return [name.group(0) for name in names if name is not None]


@pytest.fixture(scope="module")
def listed() -> dict[str, Component]:
    return {key(c.name): c for c in components("6.9.9")}


def test_every_dependency_is_listed_with_its_version_and_a_licence(
    listed: dict[str, Component],
) -> None:
    for name in declared():
        component = listed[key(name)]
        assert component.version == distribution(name).version, name
        assert component.licence.strip() and component.licence != "unknown", name
        assert component.what == "Python package"


def test_what_they_require_is_listed_too_but_no_extra_nobody_asked_for(
    listed: dict[str, Component],
) -> None:
    # jsonschema needs referencing, reportlab needs pillow, cryptography needs cffi.
    for name in ("referencing", "pillow", "cffi", "pydantic", "shiboken6"):
        assert key(name) in listed, name
    # psycopg[binary] asks for the binary extra; its test, pool and C extras are not shipped.
    assert "psycopg-binary" in listed
    # The developers' tools (FocalPoint's dev extra) are not shipped, though installed here.
    for name in ("pytest", "mypy", "ruff", "hypothesis", "pgserver", "setuptools"):
        assert key(name) not in listed, name
    assert "focalpoint" not in listed  # About says what FocalPoint is elsewhere


def test_a_package_that_ships_a_licence_text_shows_it_whole(
    listed: dict[str, Component],
) -> None:
    shipped = 0
    for component in listed.values():
        if component.what != "Python package":
            continue
        dist = distribution(component.name)
        names = dist.metadata.get_all("License-File") or []
        if not names:
            continue
        shipped += 1
        assert component.texts, component.name
        first = names[0]
        raw = dist.read_text(f"licenses/{first}") or dist.read_text(first) or ""
        assert raw.strip()[:200] in component.full_text, component.name
    assert shipped >= 20  # all but PySide6 and shiboken6, here
    # The ones whose metadata carries no text are used under the LGPL v3: its text is shown.
    for name in ("PySide6-Essentials", "shiboken6"):
        text = listed[key(name)].full_text
        assert "GNU LESSER GENERAL PUBLIC LICENSE" in text and "Version 3" in text


def test_a_licence_is_a_short_name_whatever_the_metadata_gives() -> None:
    by_name = {key(c.name): c for c in python_packages()}
    assert by_name["cryptography"].licence == "Apache-2.0 OR BSD-3-Clause"  # License-Expression
    assert by_name["pyside6-essentials"].licence.startswith("LGPL-3.0-only")  # License field
    assert by_name["reportlab"].licence == "BSD"  # a paragraph in License: its classifier
    assert by_name["pyrage"].licence == "MIT"  # nothing but the text: what it starts with
    assert by_name["pypdfium2"].licence == "BSD-3-Clause, Apache-2.0"
    for component in by_name.values():
        assert len(component.licence) <= 60 and "\n" not in component.licence, component


def test_the_parts_without_package_metadata_are_there_with_their_texts(
    listed: dict[str, Component],
) -> None:
    qt = listed["qt"]
    assert qt.version == "6.9.9" and qt.licence == "LGPL-3.0-only"
    # The notice the LGPL asks for: how Qt is used, that it can be replaced, where its source is.
    assert "Qt 6.9.9 through PySide6" in qt.notice
    assert "dynamically linked" in qt.notice and "replace" in qt.notice
    assert "https://download.qt.io/" in qt.notice
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in qt.full_text
    assert "GNU GENERAL PUBLIC LICENSE" in qt.full_text  # the LGPL v3 builds on it
    python = listed["python"]
    assert python.licence == "PSF-2.0"
    assert "PYTHON SOFTWARE FOUNDATION LICENSE" in python.full_text
    earth = listed["natural-earth"]
    assert earth.licence == "Public domain" and "public domain" in earth.full_text
    iso = listed["iso-codes"]
    assert iso.licence == "LGPL-2.1" and "Version 2.1, February 1999" in iso.full_text
    fonts = listed["dejavu-sans"]
    assert "Bitstream" in fonts.full_text
    for component in (qt, python, earth, iso, fonts):
        assert "is missing from this copy" not in component.full_text, component.name


def test_requirements_for_extras_follow_the_extras_asked() -> None:
    assert _required("psycopg[binary]>=3.1", frozenset()) == ("psycopg", frozenset({"binary"}))
    line = 'psycopg-binary==3.3.9; implementation_name != "pypy" and extra == "binary"'
    assert _required(line, frozenset({"binary"})) == ("psycopg-binary", frozenset())
    assert _required(line, frozenset()) is None
    assert _required('pytest>=8; extra == "dev"', frozenset()) is None
    # A platform's requirement is followed: it is shipped if it is installed.
    assert _required('tzdata; sys_platform == "win32"', frozenset()) == ("tzdata", frozenset())


def test_listing_what_ships_takes_a_blink() -> None:
    """It runs when About opens: measured here on a warm cache (a first run reads the same
    forty small files)."""
    started = time.perf_counter()
    found = components("6.9.9")
    took = time.perf_counter() - started
    print(f"listing {len(found)} parts took {took * 1000:.0f} ms")
    assert took < 1.0


def test_the_platform_is_one_line_with_qt_and_python() -> None:
    line = platform_line("6.9.9")
    assert "\n" not in line and "Qt 6.9.9" in line and "Python 3.11" in line
