"""Making the country report: gather, render, and write the file whole or not at all."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from focalpoint.domain.errors import InvalidInput
from focalpoint.i18n import _, translator
from focalpoint.services.common.files import writing
from focalpoint.services.common.progress import stop_if_cancelled
from focalpoint.services.common.report_files import (
    ReportFile,
    ReportPreviews,
    check_language,
    report_target,
    write_failure,
)
from focalpoint.services.country.plan import PlanService
from focalpoint.services.country.profile import ProfileService
from focalpoint.services.country.report_data import SECTIONS, collect
from focalpoint.storage.sqlite import Database


class ReportService:
    """Writes the country report as a PDF, in the language chosen for it."""

    def __init__(self, db: Database, plan: PlanService, profile: ProfileService) -> None:
        self._db = db
        self._plan = plan
        self._profile = profile
        self.previews = ReportPreviews(
            db.path.parent / "reports", lambda: not db.read_only, prefix="preview-"
        )

    def make(
        self,
        path: Path,
        language: str | None = None,
        sections: Sequence[str] = tuple(SECTIONS),
        progress: Callable[[float], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        full: bool = False,
    ) -> ReportFile:
        """Write the report to ``path`` (PDF); a failure or a cancel leaves no file behind.

        Long parts (practices, services, changes) are summarised unless ``full`` asks for
        every entry (see ``report_listings``)."""
        profile = self._profile.get()
        language = language or (profile.language if profile else "es")
        check_language(language)
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

        path = report_target(path)
        with writing(path, write_failure()) as partial:
            pages = write_report(data, partial, tr, sections, progress, cancelled)
        return ReportFile(path, pages, language)

    def make_preview(
        self,
        language: str | None = None,
        sections: Sequence[str] = tuple(SECTIONS),
        progress: Callable[[float], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        full: bool = False,
    ) -> ReportFile:
        """A report in a file of its own in the workspace, to show, print or save later."""
        target = self.previews.new_path()
        return self.make(target, language, sections, progress, cancelled, full)
