"""Making the country report: gather, render, and write the file whole or not at all."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.os_errors import os_reason
from focalpoint.i18n import LANGUAGES, _, translator
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

    def make(
        self,
        path: Path,
        language: str | None = None,
        sections: Sequence[str] = tuple(SECTIONS),
        progress: Callable[[float], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ReportResult:
        """Write the report to ``path`` (PDF); a failure or a cancel leaves no file behind."""
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
        data = collect(self._db, self._plan, self._profile, language, tr, sections)
        from focalpoint.render.country_report.document import (
            write_report,  # reportlab: only when needed
        )

        path = _report_target(path)
        # Written beside the target under another name, then renamed over it: a file that is
        # open elsewhere, a full disk or a cancel never leaves half a report in its place.
        partial = path.with_name(f".{path.name}.part")
        try:
            pages = write_report(data, partial, tr, sections, progress, cancelled)
            os.replace(partial, path)
        except OSError as exc:
            raise InvalidInput(
                _(
                    "The report cannot be written to {path}: {reason}. Choose another folder, "
                    "or close the program that has the file open."
                ).format(path=path, reason=os_reason(exc))
            ) from exc
        finally:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)  # gone already after a successful rename
        return ReportResult(path, pages, language)


def _report_target(path: Path) -> Path:
    """Where the report really goes; refuses what is not, or cannot become, a plain file."""
    if not str(path).strip() or not Path(path).name:
        raise InvalidInput(_("Give the report a file name, such as report.pdf."))
    target = Path(path).expanduser().resolve()  # through a link, onto the file it names
    if target.exists() and not target.is_file():
        raise InvalidInput(
            _("{path} is not a file: choose another name for the report.").format(path=target)
        )
    return target
