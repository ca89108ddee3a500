"""What the country report and the regional report share once they are PDFs: the file made, the
checks and messages of writing one, and the previews a window shows before anyone saves them."""

from __future__ import annotations

import contextlib
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.os_errors import os_reason
from focalpoint.i18n import LANGUAGES, _
from focalpoint.services.common.files import copy_whole, output_target, remove


@dataclass(frozen=True)
class ReportFile:
    """A report written: where, how many pages, in which language."""

    path: Path
    pages: int
    language: str


def check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise InvalidInput(
            _("Unknown language '{code}'. Use one of: {codes}.").format(
                code=language, codes=", ".join(LANGUAGES)
            )
        )


def report_target(path: Path) -> Path:
    """``path`` checked as the name of a report file (not a folder, a name given)."""
    return output_target(
        path,
        _("Give the report a file name, such as report.pdf."),
        _("{path} is not a file: choose another name for the report."),
    )


def write_failure() -> str:
    """The message of a report that could not be written, with {path} and {reason}."""
    return _(
        "The report cannot be written to {path}: {reason}. Choose another folder, "
        "or close the program that has the file open."
    )


class ReportPreviews:
    """Reports made to be looked at, each in a file of its own under ``folder`` until the window
    replaces it; in a private temporary folder instead when the workspace cannot be written
    (``writable`` says so when first asked). A copy is saved elsewhere whole or not at all."""

    def __init__(self, folder: Path, writable: Callable[[], bool], prefix: str) -> None:
        self._folder = folder
        self._writable = writable
        self._prefix = prefix  # the country's and the region's previews, told apart
        self._temporary: Path | None = None

    @property
    def folder(self) -> Path:
        if self._temporary is None and not self._writable():
            # Nothing is written into a read-only workspace: a folder of this session's own,
            # private (mkdtemp: 0700), in the system's temporary folder.
            self._temporary = Path(tempfile.mkdtemp(prefix="focalpoint-previews-"))
        return self._temporary or self._folder

    def new_path(self) -> Path:
        """A name no other preview has, its folder made."""
        folder = self.folder
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InvalidInput(
                _("The folder {folder} cannot be created: {reason}.").format(
                    folder=folder, reason=os_reason(exc)
                )
            ) from exc
        return folder / f"{self._prefix}{uuid.uuid4().hex}.pdf"

    def discard(self, preview: ReportFile) -> None:
        """Remove a preview nobody will look at again."""
        remove(preview.path)

    def remove_stale(self, older_than_s: float = 3600) -> None:
        """Previews a crash left behind, and their part files (another open window's current
        preview is younger)."""
        folder = self.folder
        if not folder.is_dir():
            return
        limit = time.time() - older_than_s
        for stale in [*folder.glob(f"{self._prefix}*.pdf"), *folder.glob(f".{self._prefix}*")]:
            with contextlib.suppress(OSError):
                if stale.stat().st_mtime < limit:
                    stale.unlink()

    def save_copy(self, preview: ReportFile, target: Path) -> Path:
        """Save a preview where the person chose, as a PDF, whole or not at all."""
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        return copy_whole(preview.path, target, failure=write_failure())
