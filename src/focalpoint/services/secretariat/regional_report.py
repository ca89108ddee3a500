"""The regional report: the whole region from the consolidated store, as a PDF in es, en or fr,
written whole or not at all; and the window's previews of it.

The content is gathered by ``regional_report_data.collect`` (one read of the store), laid out
by ``render/regional_report``; both load only when a report is made, not with the window. The
plan is the one the regional matrix lists (``KnownPlans.current_document``: the newest
published version, the bundled plan before the first).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.os_errors import os_reason
from focalpoint.domain.plan import PlanDocument
from focalpoint.i18n import LANGUAGES, _, current_language, translator
from focalpoint.services.common.files import copy_whole, output_target, remove, writing
from focalpoint.services.common.progress import stop_if_cancelled
from focalpoint.services.secretariat.plans import KnownPlans
from focalpoint.services.secretariat.profile import SecretariatProfileService
from focalpoint.storage.secretariat.database import SecretariatDatabase


@dataclass(frozen=True)
class RegionalReportResult:
    path: Path
    pages: int
    language: str


class RegionalReportService:
    """Writes the regional report as a PDF, in the language chosen for it."""

    def __init__(
        self,
        folder: Path,
        db: SecretariatDatabase,
        plans: KnownPlans,
        profile: SecretariatProfileService,
    ) -> None:
        self._folder = folder
        self._db = db
        self._plans = plans
        self._profile = profile
        self._temporary: Path | None = None

    def make(
        self,
        path: Path,
        language: str | None = None,
        open_only: bool = False,
        progress: Callable[[float], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        plan: PlanDocument | None = None,
    ) -> RegionalReportResult:
        """Write the report to ``path`` (PDF) over ``plan`` (default: the plan the regional
        matrix lists); a failure or a cancel leaves no file behind."""
        language = language or current_language()
        if language not in LANGUAGES:
            raise InvalidInput(
                _("Unknown language '{code}'. Use one of: {codes}.").format(
                    code=language, codes=", ".join(LANGUAGES)
                )
            )
        tr = translator(language)
        profile = self._profile.get()
        document = plan or self._plans.current_document()
        from focalpoint.services.secretariat.regional_report_data import collect

        data = collect(self._db, document, profile.name if profile else "", language, tr, open_only)
        stop_if_cancelled(cancelled)
        from focalpoint.render.regional_report.document import write_regional_report

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
            pages = write_regional_report(data, partial, tr, progress, cancelled)
        return RegionalReportResult(path, pages, language)

    # -- previews: reports made to be looked at, kept in the workspace until replaced ----------

    @property
    def previews(self) -> Path:
        folder = self._folder / "reports"
        if self._temporary is None and not _writable(self._folder):
            # A folder this user cannot write: previews go to a private temporary folder.
            self._temporary = Path(tempfile.mkdtemp(prefix="focalpoint-previews-"))
        return self._temporary or folder

    def make_preview(
        self,
        language: str | None = None,
        open_only: bool = False,
        progress: Callable[[float], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> RegionalReportResult:
        """A report in a file of its own in the workspace, to show, print or save later."""
        try:
            self.previews.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InvalidInput(
                _("The folder {folder} cannot be created: {reason}.").format(
                    folder=self.previews, reason=os_reason(exc)
                )
            ) from exc
        target = self.previews / f"regional-preview-{uuid.uuid4().hex}.pdf"
        return self.make(target, language, open_only, progress, cancelled)

    def discard(self, preview: RegionalReportResult) -> None:
        """Remove a preview nobody will look at again."""
        remove(preview.path)

    def remove_stale_previews(self, older_than_s: float = 3600) -> None:
        """Previews a crash left behind (another open window's current preview is younger)."""
        if not self.previews.is_dir():
            return
        limit = time.time() - older_than_s
        for stale in self.previews.glob("*regional-preview-*"):
            with contextlib.suppress(OSError):
                if stale.stat().st_mtime < limit:
                    stale.unlink()

    def save_copy(self, preview: RegionalReportResult, target: Path) -> Path:
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


def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK)
