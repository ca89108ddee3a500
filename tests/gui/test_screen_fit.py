"""Every window and dialog opens no larger than its screen: here the offscreen screen, 800 × 800
logical pixels, as narrow as a 1600-pixel-wide screen is with text at 200%."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from focalpoint.services.country.workspace import Workspace
from tests.plan_files import official_plan_file


@contextmanager
def text_twice_as_large() -> Iterator[None]:
    """What QT_FONT_DPI=192 does on a desktop: the application's font at twice its size."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    normal = app.font()
    large = app.font()
    large.setPointSizeF(normal.pointSizeF() * 2)
    app.setFont(large)
    try:
        yield
    finally:
        app.setFont(normal)


def fits(widget: QWidget) -> bool:
    screen = QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    return widget.width() <= area.width() and widget.height() <= area.height()


def test_the_main_window_and_its_dialogs_fit_the_screen(
    ws: Workspace,
    open_window,  # type: ignore[no-untyped-def]
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    focus_style: None,  # the window's own style, applied once it has painted
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


# A 1600 × 1000 screen with text at 200% (QT_SCALE_FACTOR=2) is 800 × 500 logical pixels; a
# window takes at most 95% of it (open_size). With the font alone at 200% (QT_FONT_DPI=192)
# the screen stays 1600 × 1000 and the text is twice as large.
SMALL = QSize(760, 475)
LARGE_TEXT_SCREEN = QSize(1520, 950)


def unreachable(widget: QWidget, size: QSize) -> list[str]:
    """What a user could not see or reach in ``widget`` opened at ``size`` on that screen."""
    from PySide6.QtWidgets import QApplication

    from focalpoint.ui.widgets.screen_fit import out_of_reach

    widget.resize(size)
    QApplication.processEvents()
    return [f"{type(widget).__name__}: {p}" for p in out_of_reach(widget, size)]


def test_each_page_of_the_send_wizard_fits_800_by_500_with_its_buttons_in_reach(
    ws: Workspace,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    focus_style: None,  # the window's own style, applied once it has painted
) -> None:
    from PySide6.QtWidgets import QWizard

    from focalpoint.ui.country.submissions.send_wizard.wizard import SubmissionWizard
    from focalpoint.ui.tasks import TaskRunner

    wizard = SubmissionWizard(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(wizard)
    wizard.show()
    problems = unreachable(wizard, SMALL)  # what will be sent
    wizard.summary.toggle.setChecked(True)  # with its list of changes open
    problems += unreachable(wizard, SMALL)
    wizard.next()
    wizard.options_page.include_report.setChecked(False)
    wizard.options_page.destination.setText(str(tmp_path))
    problems += unreachable(wizard, SMALL)  # options
    wizard.next()
    page = wizard.passphrase_page  # no key yet: a new key's two fields
    problems += unreachable(wizard, SMALL)
    assert page.new_fields.new is not None and page.new_fields.repeat is not None
    page.new_fields.new.setText("una frase de paso larga")
    page.new_fields.repeat.setText("una frase de paso larga")
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    commit.click()  # the key is made: its fingerprint is shown
    qtbot.waitUntil(lambda: page.created, timeout=30_000)
    problems += unreachable(wizard, SMALL)
    commit.click()  # signed
    qtbot.waitUntil(lambda: wizard.progress_page.outcome is not None, timeout=60_000)
    problems += unreachable(wizard, SMALL)
    for name in ("Next", "Back", "Cancel", "Commit", "Finish"):
        button = wizard.button(getattr(QWizard.WizardButton, f"{name}Button"))
        assert button.geometry().bottom() < SMALL.height(), name
    assert problems == []


def test_with_text_twice_as_large_every_window_and_dialog_fits_its_screen(
    ws: Workspace,
    open_window,  # type: ignore[no-untyped-def]
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    focus_style: None,  # the window's own style, applied once it has painted
) -> None:

    from focalpoint.ui.country.directory.organisations_dialog import OrganisationsDialog
    from focalpoint.ui.country.directory.service_form import ServiceForm
    from focalpoint.ui.country.entities.entity_dialog import EntityDirectoryDialog
    from focalpoint.ui.country.plan.plan_update_dialog import PlanUpdateDialog
    from focalpoint.ui.country.practices.practice_dialog import PracticeDialog
    from focalpoint.ui.country.reports.report_dialog import ReportDialog
    from focalpoint.ui.country.setup_dialog import SetupDialog
    from focalpoint.ui.country.submissions.key_dialog import KeyDialog
    from focalpoint.ui.country.submissions.secretariat_dialog import TrustSecretariatDialog
    from focalpoint.ui.country.submissions.send_wizard.wizard import SubmissionWizard
    from focalpoint.ui.country.submissions.submissions_dialog import SubmissionsDialog
    from focalpoint.ui.country.submissions.verify_dialog import VerifyDialog
    from focalpoint.ui.first_run import WorkspaceKindDialog
    from focalpoint.ui.tasks import TaskRunner

    with text_twice_as_large():
        window = open_window(ws)
        problems = []
        for tab in range(window.tabs.count()):
            window.tabs.setCurrentIndex(tab)
            problems += unreachable(window, LARGE_TEXT_SCREEN)
        window.tabs.setCurrentIndex(0)
        window.workbench.select_action("1.1.1")
        problems += unreachable(window, LARGE_TEXT_SCREEN)
        tasks = TaskRunner(synchronous=True)
        made: list[QWidget] = [
            ServiceForm(ws),
            EntityDirectoryDialog(ws.entities),
            OrganisationsDialog(ws.directory),
            PracticeDialog(ws),
            ReportDialog(ws, tasks),
            VerifyDialog(ws, tasks),
            SubmissionsDialog(ws, tasks),
            SubmissionWizard(ws, tasks),
            KeyDialog(ws, tasks),
            TrustSecretariatDialog(ws),
            SetupDialog(ws.profile, first_run=False),
            WorkspaceKindDialog(),
            PlanUpdateDialog(ws.plan.check_file(official_plan_file(ws, tmp_path))),
        ]
        for dialog in made:
            qtbot.addWidget(dialog)
            dialog.show()
            problems += unreachable(dialog, LARGE_TEXT_SCREEN)
        assert problems == []


def test_with_text_twice_as_large_plan_titles_are_read_not_cut_to_a_letter(
    ws: Workspace,
    open_window,  # type: ignore[no-untyped-def]
    focus_style: None,  # the window's own style, applied once it has painted
) -> None:
    """The issue's "P…": at 200% text the title column had shrunk to its minimum."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    with text_twice_as_large():
        from focalpoint.domain.records import EntityDraft

        long_name = ws.entities.add(
            EntityDraft("Dirección General de Protección al Hondureño Migrante", "DGPHM")
        )
        ws.assignments.set_lead("1.1.1", long_name.id)
        ws.assignments.set_note("1.1.1", "Mesa técnica instalada con la cancillería")
        window = open_window(ws)
        window.workbench.select_action("1.1.1")  # the action's panel takes its share
        for size in (LARGE_TEXT_SCREEN, QSize(1297, 729)):  # also 1366 × 768 at 200% text
            window.resize(size)
            QApplication.processEvents()
            tree = window.workbench.tree
            index = tree.model().index(0, 1)  # the first axis's title
            title = index.data()
            width = tree.header().sectionSize(1) - 2 * tree.style().pixelMetric(
                tree.style().PixelMetric.PM_FocusFrameHMargin
            )
            shown = tree.fontMetrics().elidedText(title, Qt.TextElideMode.ElideRight, width)
            assert len(shown.rstrip("…")) >= 20, (size, shown)
            assert tree.visualRect(index).right() <= tree.viewport().width()  # in view
            # The action panel beside it: no title or button cut off on the right (issue 16,
            # point 2), even for a lead entity with a long name.
            panel = window.workbench.panel
            assert panel.horizontalScrollBar().maximum() == 0, size
            assert panel.widget().width() <= panel.viewport().width(), size


def test_at_200_percent_on_1600_by_1000_the_action_panel_needs_no_sideways_scroll(
    ws: Workspace,
    open_window,  # type: ignore[no-untyped-def]
    focus_style: None,  # the window's own style, applied once it has painted
) -> None:
    """QT_SCALE_FACTOR=2 on a 1600 × 1000 screen leaves 800 × 500 logical pixels."""
    from PySide6.QtWidgets import QApplication

    from focalpoint.domain.records import EntityDraft

    long_name = ws.entities.add(
        EntityDraft("Dirección General de Protección al Hondureño Migrante", "DGPHM")
    )
    ws.assignments.set_lead("2.1.1", long_name.id)
    window = open_window(ws)
    window.resize(760, 470)  # less a window frame and a side panel of the desktop
    window.workbench.select_action("2.1.1")
    QApplication.processEvents()
    panel = window.workbench.panel
    assert panel.horizontalScrollBar().maximum() == 0
