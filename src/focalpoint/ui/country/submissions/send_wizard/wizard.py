"""File → Send to the Secretariat: what will be sent, options, passphrase, then sign and save.

One call signs the package, keeps it in the workspace and copies it where the user wants it
(``SubmissionService.send``). A cancel or a refusal while signing leaves nothing; a failed copy
leaves the signed package in the workspace, from where the history can save it again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QWidget, QWizard

from focalpoint.i18n import _
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.submissions.send_wizard.options_page import OptionsPage
from focalpoint.ui.country.submissions.send_wizard.passphrase_page import PassphrasePage
from focalpoint.ui.country.submissions.send_wizard.progress_page import ProgressPage
from focalpoint.ui.country.submissions.send_wizard.summary_page import SummaryPage
from focalpoint.ui.country.submissions.suggested_paths import default_folder
from focalpoint.ui.help import guide_text
from focalpoint.ui.help.context_help import open_guide
from focalpoint.ui.tasks import TaskRunner
from focalpoint.ui.widgets.screen_fit import open_size, scroll_when_short

SUMMARY, OPTIONS, PASSPHRASE, PROGRESS = range(4)
# The part of the guide each page's Help button opens.
HELP_SECTIONS = {
    SUMMARY: guide_text.SENDING,
    OPTIONS: guide_text.SENDING,
    PASSPHRASE: guide_text.SIGNING_KEY,
    PROGRESS: guide_text.SENDING,
}
DESTINATION_SETTING = "submissions/destination"


class SubmissionWizard(QWizard):
    """Four pages from “what will be sent” to a signed package where the user wants it."""

    submitted = Signal(object)  # the Submission

    def __init__(
        self,
        workspace: Workspace,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.tasks = tasks
        self.closed = False
        self._settings = settings if settings is not None else QSettings("RCM", "FocalPoint")
        self.setWindowTitle(_("Send to the Secretariat"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, True)
        self.setButtonText(QWizard.WizardButton.HelpButton, _("Help"))
        self.helpRequested.connect(self.show_help)
        open_size(self, 760, 620)
        self.summary = SummaryPage(self)
        self.options_page = OptionsPage(self)
        self.passphrase_page = PassphrasePage(self)
        self.progress_page = ProgressPage(self)
        for page_id, page in (
            (SUMMARY, self.summary),
            (OPTIONS, self.options_page),
            (PASSPHRASE, self.passphrase_page),
            (PROGRESS, self.progress_page),
        ):
            scroll_when_short(page)
            self.setPage(page_id, page)
        self.setStartId(SUMMARY)

    def show_help(self) -> None:
        """The user guide, at the part that explains the page on show."""
        open_guide(HELP_SECTIONS.get(self.currentId(), guide_text.SENDING), self)

    def remembered_destination(self) -> Path:
        saved = self._settings.value(DESTINATION_SETTING, "")
        if isinstance(saved, str) and saved and Path(saved).is_dir():
            return Path(saved)
        return default_folder()

    def remember_destination(self) -> None:
        self._settings.setValue(DESTINATION_SETTING, self.options_page.destination.text().strip())

    def done(self, result: int) -> None:
        self.closed = True
        self.progress_page.stop_quietly()
        super().done(result)
