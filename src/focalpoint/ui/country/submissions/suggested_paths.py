"""Where a file the user takes away is offered first, and the name it is offered under."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths


def default_folder() -> Path:
    """Where a file the user takes away goes first: their Documents folder, else home."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def short_fingerprint(fingerprint: str) -> str:
    """The first two groups, enough to tell one key's files from another's."""
    return "-".join(fingerprint.split("-")[:2])


def safe_name(text: str) -> str:
    """A file name piece without characters that some systems refuse."""
    return re.sub(r'[\\/:*?"<>|]+', "-", text).strip() or "FocalPoint"
