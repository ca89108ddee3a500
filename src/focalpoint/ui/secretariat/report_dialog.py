"""The regional report: choose its language and whether it shows the open actions only, preview
it, print it, save it. Made in the background, so the window stays usable meanwhile."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QWidget

from focalpoint.i18n import N_, _, current_language, translator
from focalpoint.services.common.report_files import ReportFile
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from focalpoint.ui.tasks import TaskContext, TaskRunner
from focalpoint.ui.widgets.report_preview_dialog import ReportPreviewDialog, ReportWork

REPORT_FILE_TITLE = N_("Regional report")


class RegionalReportDialog(ReportPreviewDialog):
    """Makes the report in the background whenever its options change, and shows it."""

    def __init__(
        self, workspace: SecretariatWorkspace, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            workspace.regional_report.previews,
            tasks,
            _("Regional report"),
            current_language(),
            parent,
        )
        self._reports = workspace.regional_report
        self.open_only = QCheckBox(_("Open actions only (for a meeting)"))
        self.open_only.setToolTip(
            _(
                "The matrix and the actions without a responsible entity show only the actions "
                "not yet completed in at least one country that has reported."
            )
        )
        self.open_only.toggled.connect(self.make)

        options = QHBoxLayout()
        options.addWidget(QLabel(_("Report language")))
        options.addWidget(self.language)
        options.addSpacing(12)
        options.addWidget(self.open_only)
        options.addStretch(1)
        options.addWidget(self.update_button)
        self.lay_out(options)

    def report_work(self, language: str) -> ReportWork:
        open_only, reports = self.open_only.isChecked(), self._reports

        def work(context: TaskContext) -> ReportFile:
            return reports.make_preview(language, open_only, context.progress, context.cancelled)

        return work

    def file_title(self, language: str) -> str:
        return translator(language)(REPORT_FILE_TITLE)
