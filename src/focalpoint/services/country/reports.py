"""Making the country report: gather, render, and write the file whole or not at all."""

from __future__ import annotations

import contextlib
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.os_errors import os_reason
from focalpoint.i18n import LANGUAGES, _, translator
from focalpoint.services.common.files import copy_whole, output_target, remove, writing
from focalpoint.services.common.progress import stop_if_cancelled
from focalpoint.services.country.plan import PlanService
from focalpoint.services.country.profile import ProfileService
from focalpoint.services.country.report_data import SECTIONS, collect
from focalpoint.storage.sqlite import Database


@dataclass(frozen=True)
class ReportResult:
    path: Path
    pages: int
    language: str


class ReportService:
    """Writes the country report as a PDF, in the language chosen for it."""

    def __init__(self, db: Database, plan: PlanService, profile: ProfileService) -> None:
        self._db = db
        self._plan = plan
        self._profile = profile
        self._temporary: Path | None = None  # previews of a read-only workspace

    def make(
        self,
        path: Path,
        language: str | None = None,
        sections: Sequence[str] = tuple(SECTIONS),
        progress: Callable[[float], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        full: bool = False,
    ) -> ReportResult:
        """Write the report to ``path`` (PDF); a failure or a cancel leaves no file behind.

        Long parts (practices, services, changes) are summarised unless ``full`` asks for
        every entry (see ``report_listings``)."""
        profile = self._profile.get()
        language = language or (profile.language if profile else "es")
        if language not in LANGUAGES:
            raise InvalidInput(
                _("Unknown language '{code}'. Use one of: {codes}.").format(
                    code=language, codes=", ".join(LANGUAGES)
                )
            )
        sections = list(dict.fromkeys(sections))  # each once, in the order given
        if not sections:
            raise InvalidInput(_("Choose at least one part of the report."))
        unknown = [s for s in sections if s not in SECTIONS]
        if unknown:
            raise InvalidInput(
                _("Unknown report section '{name}'. Use any of: {names}.").format(
                    name=unknown[0], names=", ".join(SECTIONS)
                )
            )
        tr = translator(language)
        data = collect(self._db, self._plan, self._profile, language, tr, sections, full)
        # Reading a large workspace takes a second or two: a stop asked meanwhile ends it here.
        stop_if_cancelled(cancelled)
        from focalpoint.render.country_report.document import (
            write_report,  # reportlab: only when needed
        )

        path = output_target(
            path,
            _("Give the report a file name, such as report.pdf."),
            _("{path} is not a file: choose another name for the report."),
        )
        failure = _(
            "The report cannot be written to {path}: {reason}. Choose another folder, "
            "or close the program that has the file open."
        )
        with writing(path, failure) as partial:
            pages = write_report(data, partial, tr, sections, progress, cancelled)
        return ReportResult(path, pages, language)

    # -- previews: reports made to be looked at, kept in the workspace until replaced ----------

    @property
    def previews(self) -> Path:
        if self._db.read_only:
            # Nothing is written into a read-only workspace: its previews go to a folder of
            # this session's own, private (mkdtemp: 0700), in the system's temporary folder.
            if self._temporary is None:
                self._temporary = Path(tempfile.mkdtemp(prefix="focalpoint-previews-"))
            return self._temporary
        return self._db.path.parent / "reports"

    def make_preview(
        self,
        language: str | None = None,
        sections: Sequence[str] = tuple(SECTIONS),
        progress: Callable[[float], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        full: bool = False,
    ) -> ReportResult:
        """A report in a file of its own in the workspace, to show, print or save later."""
        try:
            self.previews.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InvalidInput(
                _("The folder {folder} cannot be created: {reason}.").format(
                    folder=self.previews, reason=os_reason(exc)
                )
            ) from exc
        target = self.previews / f"preview-{uuid.uuid4().hex}.pdf"
        return self.make(target, language, sections, progress, cancelled, full)

    def discard(self, preview: ReportResult) -> None:
        """Remove a preview nobody will look at again."""
        remove(preview.path)

    def remove_stale_previews(self, older_than_s: float = 3600) -> None:
        """Previews a crash left behind (another open window's current preview is younger)."""
        if not self.previews.is_dir():
            return
        limit = time.time() - older_than_s
        for stale in [*self.previews.glob("preview-*.pdf"), *self.previews.glob(".preview-*")]:
            with contextlib.suppress(OSError):
                if stale.stat().st_mtime < limit:
                    stale.unlink()

    def save_copy(self, preview: ReportResult, target: Path) -> Path:
        """Save a preview where the person chose, as a PDF, whole or not at all."""
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        return copy_whole(
            preview.path,
            target,
            failure=_(
                "The report cannot be written to {path}: {reason}. Choose another folder, "
                "or close the program that has the file open."
            ),
        )
