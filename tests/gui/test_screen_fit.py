"""Every window and dialog opens no larger than its screen: here the offscreen screen, 800 × 800
logical pixels, as narrow as a 1600-pixel-wide screen is with text at 200%."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from focalpoint.services.country.workspace import Workspace


def fits(widget: QWidget) -> bool:
    screen = QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    return widget.width() <= area.width() and widget.height() <= area.height()


def test_the_main_window_and_its_dialogs_fit_the_screen(
    ws: Workspace,
    open_window,  # type: ignore[no-untyped-def]
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    from focalpoint.ui.country.directory.organisations_dialog import OrganisationsDialog
    from focalpoint.ui.country.directory.service_form import ServiceForm
    from focalpoint.ui.country.entities.entity_dialog import EntityDirectoryDialog
    from focalpoint.ui.country.practices.practice_dialog import PracticeDialog
    from focalpoint.ui.country.reports.report_dialog import ReportDialog
    from focalpoint.ui.country.submissions.send_wizard.wizard import SubmissionWizard
    from focalpoint.ui.country.submissions.submissions_dialog import SubmissionsDialog
    from focalpoint.ui.country.submissions.verify_dialog import VerifyDialog
    from focalpoint.ui.tasks import TaskRunner

    window = open_window(ws)
    assert fits(window), window.size()
    made: list[QWidget] = [
        ServiceForm(ws),
        EntityDirectoryDialog(ws.entities),
        OrganisationsDialog(ws.directory),
        PracticeDialog(ws),
        ReportDialog(ws, TaskRunner(synchronous=True)),
        VerifyDialog(ws, TaskRunner(synchronous=True)),
        SubmissionsDialog(ws, TaskRunner(synchronous=True)),
        SubmissionWizard(ws, TaskRunner(synchronous=True)),
    ]
    too_large = []
    for dialog in made:
        qtbot.addWidget(dialog)
        dialog.show()
        if not fits(dialog):
            too_large.append((type(dialog).__name__, dialog.width(), dialog.height()))
    assert too_large == []
