"""The country report: choose its language and sections, preview it, print it, save it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QWidget

from focalpoint.domain.vocab import COUNTRIES
from focalpoint.i18n import N_, _, pick, translator
from focalpoint.services.common.report_files import ReportFile
from focalpoint.services.country.report_data import SECTIONS
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.tasks import TaskContext, TaskRunner
from focalpoint.ui.widgets.report_preview_dialog import ReportPreviewDialog, ReportWork

REPORT_FILE_TITLE = N_("Country report")


class ReportDialog(ReportPreviewDialog):
    """Makes the report in the background whenever its options change, and shows it."""

    def __init__(
        self, workspace: Workspace, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        profile = workspace.profile.get()
        super().__init__(
            workspace.reports.previews,
            tasks,
            _("Country report"),
            profile.language if profile else "es",
            parent,
        )
        self._ws = workspace
        self.sections: dict[str, QCheckBox] = {}
        for key, label in SECTIONS.items():
            box = QCheckBox(_(label))
            box.setChecked(True)
            box.toggled.connect(self.make)
            self.sections[key] = box
        # Long parts are summarised (report_listings): this asks for every entry instead.
        self.full = QCheckBox(_("Full listings"))
        self.full.setToolTip(
            _(
                "Every practice, service and change, however many: a country with a large "
                "directory gets hundreds of pages, which take minutes to make."
            )
        )
        self.full.toggled.connect(self.make)

        options = QGridLayout()
        options.addWidget(QLabel(_("Report language")), 0, 0)
        options.addWidget(self.language, 0, 1)
        options.addWidget(self.update_button, 0, 3)
        options.addWidget(QLabel(_("Include:")), 1, 0, Qt.AlignmentFlag.AlignTop)
        # Two columns of parts: three were wider than a laptop's screen with text at 200%.
        for n, box in enumerate(self.sections.values()):
            options.addWidget(box, 1 + n // 2, 1 + n % 2)
        options.addWidget(self.full, 1 + (len(self.sections) + 1) // 2, 1, 1, 2)
        options.setColumnStretch(2, 1)
        self.lay_out(options)

    def chosen_sections(self) -> list[str]:
        return [key for key, box in self.sections.items() if box.isChecked()]

    def options_problem(self) -> str | None:
        return None if self.chosen_sections() else _("Choose at least one part of the report.")

    def report_work(self, language: str) -> ReportWork:
        sections, full = self.chosen_sections(), self.full.isChecked()
        reports = self._ws.reports

        def work(context: TaskContext) -> ReportFile:
            return reports.make_preview(
                language, sections, context.progress, context.cancelled, full
            )

        return work

    def file_title(self, language: str) -> str:
        """The country and the report's name: "El Salvador - Country report"."""
        profile = self._ws.profile.get()
        country = pick(COUNTRIES[profile.country], language) if profile else ""
        title = translator(language)(REPORT_FILE_TITLE)
        return f"{country} - {title}" if country else title
