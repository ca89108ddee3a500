"""What is running: the version, from one place, and when this copy was built.

The version lives in ``pyproject.toml`` alone. Installing the package (from source, as a wheel,
or into a frozen build, which copies the package's metadata) writes it into the metadata, and
everything that shows or records it (About, ``--version``, a package's manifest, a report's
PDF properties, the installers) reads it from there. Reading the metadata costs some 40 ms, so
it is read once, when first asked, never on the way to the first paint.
"""

from __future__ import annotations

import json
from functools import cache

from focalpoint.paths import RESOURCES

# Written by the frozen build (packaging/build.py) into the copy it makes; absent from source.
BUILD_INFO = RESOURCES / "build.json"


@cache
def app_version() -> str:
    """The installed FocalPoint's version, e.g. ``0.1.0``."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("focalpoint")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"


@cache
def build_info() -> dict[str, str]:
    """``{"date": ..., "platform": ...}`` for a built copy; empty when run from source."""
    try:
        data = json.loads(BUILD_INFO.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(key): str(value) for key, value in data.items()} if isinstance(data, dict) else {}
