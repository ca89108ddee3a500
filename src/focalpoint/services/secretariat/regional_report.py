"""The regional report: the whole region from the consolidated store, as a PDF in es, en or fr,
written whole or not at all; and the window's previews of it.

The content is gathered by ``regional_report_data.collect`` (one read of the store), laid out
by ``render/regional_report``; both load only when a report is made, not with the window. The
plan is the one the regional matrix lists (``KnownPlans.current_document``: the newest
published version, the bundled plan before the first).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from focalpoint.domain.plan import PlanDocument
from focalpoint.i18n import current_language, translator
from focalpoint.services.common.files import writing
from focalpoint.services.common.progress import stop_if_cancelled
from focalpoint.services.common.report_files import (
    ReportFile,
    ReportPreviews,
    check_language,
    report_target,
    write_failure,
)
from focalpoint.services.secretariat.plans import KnownPlans
from focalpoint.services.secretariat.profile import SecretariatProfileService
from focalpoint.storage.secretariat.database import SecretariatDatabase


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
        self.previews = ReportPreviews(
            folder / "reports", lambda: os.access(folder, os.W_OK), prefix="regional-preview-"
        )

    def make(
        self,
        path: Path,
        language: str | None = None,
        open_only: bool = False,
        progress: Callable[[float], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        plan: PlanDocument | None = None,
    ) -> ReportFile:
        """Write the report to ``path`` (PDF) over ``plan`` (default: the plan the regional
        matrix lists); a failure or a cancel leaves no file behind."""
        language = language or current_language()
        check_language(language)
        tr = translator(language)
        profile = self._profile.get()
        document = plan or self._plans.current_document()
        from focalpoint.services.secretariat.regional_report_data import collect

        data = collect(self._db, document, profile.name if profile else "", language, tr, open_only)
        stop_if_cancelled(cancelled)
        from focalpoint.render.regional_report.document import write_regional_report

        path = report_target(path)
        with writing(path, write_failure()) as partial:
            pages = write_regional_report(data, partial, tr, progress, cancelled)
        return ReportFile(path, pages, language)

    def make_preview(
        self,
        language: str | None = None,
        open_only: bool = False,
        progress: Callable[[float], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ReportFile:
        """A report in a file of its own in the workspace, to show, print or save later."""
        return self.make(self.previews.new_path(), language, open_only, progress, cancelled)
