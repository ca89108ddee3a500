"""The main window: a light frame that is on screen at once, then the plan workbench inside it.

Start-up is measured against a bare Qt window, so this module imports only what the empty frame
needs; the workbench, the services and every dialog are imported after the first paint.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent, QPaintEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from focalpoint.i18n import _, format_timestamp, ngettext, pick
from focalpoint.ui.feedback import show_error, tell_no_such_file
from focalpoint.ui.tasks import TaskRunner
from focalpoint.ui.widgets.screen_fit import open_size
from focalpoint.ui.window_state import remember, restore_geometry, restore_layout

if TYPE_CHECKING:
    from focalpoint.domain.records import PlanImportReport
    from focalpoint.services.common.edit_history import Edit
    from focalpoint.services.country.plan import PlanUpdate
    from focalpoint.services.country.secretariat import ReceiptImported
    from focalpoint.services.country.workspace import Workspace
    from focalpoint.ui.country.backups.backups_dialog import BackupsDialog
    from focalpoint.ui.country.directory.directory_view import DirectoryView
    from focalpoint.ui.country.entities.entity_dialog import EntityDirectoryDialog
    from focalpoint.ui.country.plan.plan_workbench import PlanWorkbench
    from focalpoint.ui.country.practices.practices_view import PracticesView
    from focalpoint.ui.country.proposals.proposals_dialog import ProposalsDialog
    from focalpoint.ui.country.reports.report_dialog import ReportDialog
    from focalpoint.ui.country.submissions.key_dialog import KeyDialog
    from focalpoint.ui.country.submissions.secretariat_dialog import TrustSecretariatDialog
    from focalpoint.ui.country.submissions.send_wizard.wizard import SubmissionWizard
    from focalpoint.ui.country.submissions.submissions_dialog import SubmissionsDialog
    from focalpoint.ui.country.submissions.verify_dialog import VerifyDialog
    from focalpoint.ui.widgets.about_dialog import AboutDialog

# If the window is never painted (minimised at start), go on after this long anyway.
FIRST_PAINT_GRACE_MS = 300
PLAN_TAB, PRACTICES_TAB, SERVICES_TAB = range(3)
WINDOW = "country-window"  # its place in the user's settings


def _verdict(dialog: VerifyDialog) -> str:
    """What the dialog answered, for the log: valid (which submission), or why not."""
    found = dialog.verification
    if found is not None:
        return f"valid, submission {found.sequence} from {found.country}"
    return f"refused: {dialog.refusal}" if dialog.refusal else "not checked"


class MainWindow(QMainWindow):
    plan_loaded = Signal()
    language_changed = Signal()
    # A backup was restored: the application reopens the workspace (it may need migrating).
    workspace_replaced = Signal()
    backup_warned = Signal(str)  # an import went on without its backup: said, not hidden

    def __init__(self, tasks: TaskRunner) -> None:
        super().__init__()
        self._tasks = tasks
        self._workspace: Workspace | None = None
        self._workbench: PlanWorkbench | None = None
        self._practices: PracticesView | None = None
        self._services: DirectoryView | None = None
        self._after_paint: list[Callable[[], None]] = []
        self._prepared = False  # what the other tabs need is loaded in the background
        self._plan_shown = False
        self._files_waiting: list[tuple[Path, Callable[[str], None] | None]] = []
        open_size(self, 1280, 800)
        restore_geometry(self, WINDOW)  # as the user left it, if they did
        self.setWindowTitle("FocalPoint")
        opening = QLabel(_("Opening your workspace…"))
        # Centred through a style sheet: touching the Qt namespace here costs ~45 ms of start-up.
        opening.setStyleSheet("qproperty-alignment: AlignCenter;")
        self.setCentralWidget(opening)

    # -- start-up ---------------------------------------------------------------------------
    def after_first_paint(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the window has been painted (or after a short grace period)."""
        self._after_paint.append(callback)
        QTimer.singleShot(FIRST_PAINT_GRACE_MS, self, self._run_after_paint)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._after_paint:
            QTimer.singleShot(0, self, self._run_after_paint)

    def _run_after_paint(self) -> None:
        callbacks, self._after_paint = self._after_paint, []
        for callback in callbacks:
            callback()

    def attach(self, workspace: Workspace) -> None:
        """Fill the frame with the plan workbench over ``workspace`` and read the plan."""
        from focalpoint.ui.country.plan.plan_workbench import PlanWorkbench

        self._workspace = workspace
        workbench = PlanWorkbench(workspace, self)
        workbench.plan_loaded.connect(self.plan_loaded)
        workbench.plan_loaded.connect(self._prepare_tabs)
        workbench.plan_loaded.connect(self._show_files_waiting)
        # Which plan is installed stays in view; passing messages use the left of the bar.
        self.plan_label = QLabel()
        self.plan_label.setToolTip(_("Workspace: {path}").format(path=workspace.folder))
        self.statusBar().addPermanentWidget(self.plan_label)
        workbench.plan_described.connect(self.plan_label.setText)
        workbench.practice_requested.connect(self.open_practice)
        workbench.new_practice_requested.connect(self.new_practice_for)
        from PySide6.QtWidgets import QTabWidget

        # The practices and services tabs are built the first time they are shown: the plan
        # is what most visits are for, and start-up should not pay for the map.
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(workbench, _("Plan"))
        self.tabs.addTab(QWidget(), _("Practices"))
        self.tabs.addTab(QWidget(), _("Services and map"))
        self.tabs.currentChanged.connect(self._tab_shown)
        self.setCentralWidget(self.tabs)
        self._workbench = workbench
        self._update_title()
        self._build_menus()
        restore_layout(WINDOW, workbench.splitter, self.tabs)
        self._watch_workspace(workspace)
        self.after_first_paint(workbench.load_plan)

    def _prepare_tabs(self) -> None:
        """Once the plan is on show, load off the window's thread what the practices list's
        first paint needs: the language's date formats (importing babel and its locale data
        took 60-80 ms of that paint)."""
        if self._prepared:
            return
        self._prepared = True
        self._tasks.run(
            lambda: format_timestamp("2000-01-01T00:00:00+00:00"), lambda _r: None, lambda _e: None
        )

    def _tab_shown(self, index: int) -> None:
        if index == PRACTICES_TAB and self._practices is None:
            from focalpoint.ui.country.practices.practices_view import PracticesView

            self._practices = PracticesView(self.workspace, self._tasks)
            self._practices.changed.connect(self.workbench.refresh_practices)
            self._replace_tab(index, self._practices, _("Practices"))
        elif index == SERVICES_TAB and self._services is None:
            from focalpoint.ui.country.directory.directory_view import DirectoryView

            self._services = DirectoryView(self.workspace, self._tasks)
            self._replace_tab(index, self._services, _("Services and map"))

    def _replace_tab(self, index: int, widget: QWidget, title: str) -> None:
        self.tabs.blockSignals(True)
        placeholder = self.tabs.widget(index)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, widget, title)
        self.tabs.setCurrentIndex(index)
        self.tabs.blockSignals(False)
        if placeholder is not None:
            placeholder.deleteLater()

    @property
    def practices(self) -> PracticesView:
        """The practices tab, built (and shown) on first use."""
        self.tabs.setCurrentIndex(PRACTICES_TAB)
        assert self._practices is not None
        return self._practices

    @property
    def services(self) -> DirectoryView:
        """The services and map tab, built (and shown) on first use."""
        self.tabs.setCurrentIndex(SERVICES_TAB)
        assert self._services is not None
        return self._services

    def open_practice(self, practice_id: str) -> None:
        """Show one practice (from the action panel): its tab, its row, its form."""
        view = self.practices
        view.select(practice_id)
        view.open_practice(practice_id)

    def new_practice_for(self, action_code: str) -> None:
        from focalpoint.domain.practices import Practice

        self.practices.open_practice(None, Practice(title="", action_codes=(action_code,)))

    @property
    def workspace(self) -> Workspace:
        assert self._workspace is not None, "attach() a workspace first"
        return self._workspace

    @property
    def workbench(self) -> PlanWorkbench:
        assert self._workbench is not None, "attach() a workspace first"
        return self._workbench

    def _build_menus(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QAction, QDesktopServices, QKeySequence

        from focalpoint.ui.help.context_help import open_guide

        file_menu = self.menuBar().addMenu(_("&File"))
        self.import_action = QAction(_("&Import plan file…"), self)
        self.import_action.triggered.connect(self._choose_plan_file)
        file_menu.addAction(self.import_action)
        report = QAction(_("Country &report…"), self)
        report.setShortcut(QKeySequence.StandardKey.Print)
        report.triggered.connect(self.open_report)
        file_menu.addAction(report)
        file_menu.addSeparator()
        send = QAction(_("&Send to the Secretariat…"), self)
        # Ctrl+E is taken by Directory → National entities.
        send.setShortcut(QKeySequence("Ctrl+Shift+E"))
        send.triggered.connect(self.open_submission_wizard)
        file_menu.addAction(send)
        submissions = QAction(_("Su&bmissions…"), self)
        submissions.triggered.connect(self.open_submissions)
        file_menu.addAction(submissions)
        verify = QAction(_("&Verify a package…"), self)
        verify.triggered.connect(self.open_verify)
        file_menu.addAction(verify)
        receipt = QAction(_("Import a recei&pt…"), self)
        receipt.triggered.connect(lambda: self.import_receipt())
        file_menu.addAction(receipt)
        trust = QAction(_("&Trust the Secretariat's key…"), self)
        trust.triggered.connect(self.open_trust_secretariat)
        file_menu.addAction(trust)
        proposals = QAction(_("Amendment pr&oposals…"), self)
        proposals.triggered.connect(lambda: self.open_proposals())
        file_menu.addAction(proposals)
        file_menu.addSeparator()
        open_folder = QAction(_("Open &workspace folder"), self)
        open_folder.triggered.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.workspace.folder)))
        )
        file_menu.addAction(open_folder)
        move = QAction(_("&Move to another computer…"), self)
        move.triggered.connect(lambda: self.move_to_another_computer())
        file_menu.addAction(move)
        file_menu.addSeparator()
        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self._build_edit_menu()
        directory_menu = self.menuBar().addMenu(_("&Directory"))
        entities = QAction(_("National &entities…"), self)
        entities.setShortcut(QKeySequence("Ctrl+E"))
        entities.triggered.connect(self.open_directory)
        directory_menu.addAction(entities)
        directory_menu.addSeparator()
        for label, shortcut, tab in (
            (_("&Practices"), "Ctrl+2", PRACTICES_TAB),
            (_("&Services and map"), "Ctrl+3", SERVICES_TAB),
            (_("P&lan"), "Ctrl+1", PLAN_TAB),
        ):
            go = QAction(label, self)
            go.setShortcut(QKeySequence(shortcut))
            go.triggered.connect(lambda _checked=False, t=tab: self.tabs.setCurrentIndex(t))
            directory_menu.addAction(go)
        settings_menu = self.menuBar().addMenu(_("&Settings"))
        profile = QAction(_("&Profile, country and language…"), self)
        profile.triggered.connect(self.open_settings)
        settings_menu.addAction(profile)
        signing_key = QAction(_("Signing &key…"), self)
        signing_key.triggered.connect(self.open_key)
        settings_menu.addAction(signing_key)
        backups = QAction(_("&Backups…"), self)
        backups.triggered.connect(lambda: self.open_backups())
        settings_menu.addAction(backups)
        help_menu = self.menuBar().addMenu(_("&Help"))
        guide = QAction(_("&User guide"), self)
        guide.setShortcut(QKeySequence.StandardKey.HelpContents)  # F1
        guide.triggered.connect(lambda: open_guide(near=self))
        help_menu.addAction(guide)
        about = QAction(_("&About FocalPoint"), self)
        about.triggered.connect(self.open_about)
        help_menu.addAction(about)
        find = QAction(self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(lambda: self.workbench.search.setFocus())
        self.addAction(find)

    def _build_edit_menu(self) -> None:
        from focalpoint.ui.widgets.undo_actions import UndoActions

        self.undo_actions = UndoActions(
            self.workspace.edits, self, self.workbench.save_pending_edits, self._show_undone
        )
        edit_menu = self.menuBar().addMenu(_("&Edit"))
        edit_menu.addAction(self.undo_actions.undo)
        edit_menu.addAction(self.undo_actions.redo)

    def _show_undone(self, edit: Edit) -> None:
        """After an undo or redo: show the record it changed, as it is now."""
        from focalpoint.services.common.edit_history import Area

        if edit.area is Area.ACTIONS:
            self.tabs.setCurrentIndex(PLAN_TAB)
            self.workbench.show_assignment_of(edit.record_id)
        elif edit.area is Area.ENTITIES:
            self.workbench.refresh_entities()
        elif edit.area is Area.PRACTICES:
            self.practices.reload()
            self.practices.select(edit.record_id)
            self.workbench.refresh_practices()
        elif edit.area is Area.DIRECTORY:
            self.services.reload()
        self.statusBar().showMessage(self.undo_actions.last_message, 8000)

    def _watch_workspace(self, workspace: Workspace) -> None:
        """Views that stay true when another process changes the workspace; a read-only one
        said so at the top (see workspace_watch.py, read_only.py)."""
        from focalpoint.ui.workspace_watch import WorkspaceWatch

        self.watch = WorkspaceWatch(workspace.data_version, self)
        self.watch.changed.connect(self.refresh_from_store)
        self.workbench.plan_loaded.connect(self.watch.seen_now)  # read whole just now
        if workspace.read_only:
            from focalpoint.ui.country.read_only import show_read_only

            self.read_only_banner = show_read_only(self, workspace.folder)

    def refresh_from_store(self) -> None:
        """Changed elsewhere: every view built so far shows the workspace as stored now."""
        self.workbench.refresh_from_store()
        for view in (self._practices, self._services):
            if view is not None:
                view.reload()

    def _update_title(self) -> None:
        from focalpoint.domain.vocab import COUNTRIES

        profile = self.workspace.profile.get()
        country = pick(COUNTRIES[profile.country]) if profile else ""
        self.setWindowTitle(f"FocalPoint — {country}" if country else "FocalPoint")

    # -- dialogs ----------------------------------------------------------------------------
    def open_directory(self) -> EntityDirectoryDialog:
        from focalpoint.ui.country.entities.entity_dialog import EntityDirectoryDialog

        dialog = EntityDirectoryDialog(self.workspace.entities, self)
        dialog.changed.connect(self.workbench.refresh_entities)
        dialog.open()
        return dialog

    def open_report(self) -> ReportDialog:
        from focalpoint.ui.country.reports.report_dialog import ReportDialog

        dialog = ReportDialog(self.workspace, self._tasks, self)
        dialog.open()
        return dialog

    def open_submission_wizard(self) -> SubmissionWizard:
        from focalpoint.ui.country.submissions.send_wizard.wizard import SubmissionWizard

        wizard = SubmissionWizard(self.workspace, self._tasks, self)
        wizard.open()
        return wizard

    def open_submissions(self) -> SubmissionsDialog:
        from focalpoint.ui.country.submissions.submissions_dialog import SubmissionsDialog

        dialog = SubmissionsDialog(self.workspace, self._tasks, self)
        dialog.open()
        return dialog

    def open_verify(self) -> VerifyDialog:
        from focalpoint.ui.country.submissions.verify_dialog import VerifyDialog

        dialog = VerifyDialog(self.workspace, self._tasks, self)
        dialog.open()
        return dialog

    def show_file(
        self, path: Path, on_shown: Callable[[str], None] | None = None
    ) -> VerifyDialog | None:
        """The verification of ``path`` (a package double-clicked, given on the command line, or
        handed over by a later launch) in a dialog beside the window, which stays usable;
        ``on_shown`` then gets one line for the log saying what it was. None while the plan
        is still loading (the dialog comes once it is on show), or when there is no such file."""
        if not self._plan_shown:  # the window on show first, the answer over it
            self._files_waiting.append((path, on_shown))
            return None
        tell = on_shown or (lambda _line: None)
        if not path.exists():
            tell_no_such_file(self, path)
            tell(f"{path}: no such file")
            return None
        from PySide6.QtCore import Qt

        from focalpoint.ui.country.submissions.verify_dialog import VerifyDialog

        dialog = VerifyDialog(self.workspace, self._tasks, self, path=path)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one per file opened

        def told() -> None:  # the first answer; the user may check other files after it
            dialog.checked.disconnect(told)
            tell(f"{path}: {_verdict(dialog)}")

        dialog.checked.connect(told)
        dialog.show()  # not modal: the window behind stays usable
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _show_files_waiting(self) -> None:
        self._plan_shown = True
        waiting, self._files_waiting = self._files_waiting, []
        for path, on_shown in waiting:
            self.show_file(path, on_shown)

    def open_proposals(self) -> ProposalsDialog:
        """File → Amendment proposals…: the country's proposals and the answers to them."""
        from focalpoint.ui.country.proposals.proposals_dialog import ProposalsDialog

        dialog = ProposalsDialog(self.workspace, self)
        dialog.changed.connect(self._proposals_changed)
        dialog.open()
        return dialog

    def _proposals_changed(self) -> None:
        if self.workbench.selected_code():  # the panel shows an action: its list, as it is now
            self.workbench.panel.show_proposals()

    def open_trust_secretariat(self) -> TrustSecretariatDialog:
        from focalpoint.ui.country.submissions.secretariat_dialog import TrustSecretariatDialog

        dialog = TrustSecretariatDialog(self.workspace, self)
        dialog.open()
        return dialog

    def import_receipt(self, path: Path | None = None) -> ReceiptImported | None:
        from focalpoint.ui.country.submissions.receipt_import import import_receipt

        done = import_receipt(self.workspace, self, path)
        if done is not None and done.answered:
            self._proposals_changed()  # the panel shows the answers that came
        return done

    def open_key(self) -> KeyDialog:
        from focalpoint.ui.country.submissions.key_dialog import KeyDialog

        dialog = KeyDialog(self.workspace, self._tasks, self)
        dialog.open()
        return dialog

    def open_backups(self) -> BackupsDialog:
        from focalpoint.ui.country.backups.backups_dialog import BackupsDialog

        self.workbench.save_pending_edits()  # a note typed just now is in the next backup
        dialog = BackupsDialog(self.workspace, self._tasks, self)
        dialog.restored.connect(lambda _done: self.workspace_replaced.emit())
        dialog.open()
        return dialog

    def move_to_another_computer(self, target: Path | None = None) -> None:
        from focalpoint.ui.country.backups.move_dialogs import move_to_another_computer

        self.workbench.save_pending_edits()
        move_to_another_computer(self, self.workspace, self._tasks, target)

    def backup_at_startup(self) -> None:
        """Once a day, in the background, once the window is usable; a failure is a line in
        the status bar (it must never stand between the user and their work)."""
        backups = self.workspace.backups
        backups.on_warning = self.backup_warned.emit  # from any thread: queued to this one
        self.backup_warned.connect(self._show_backup_warning)

        def work() -> object:
            return backups.create("startup") if backups.startup_due() else None

        def failed(error: Exception) -> None:
            self.statusBar().showMessage(
                _("Today's backup could not be made: {reason}").format(reason=error), 15000
            )

        self._tasks.run(work, lambda _made: None, failed)

    def _show_backup_warning(self, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, _("FocalPoint"), message, parent=self)
        box.open()

    def open_settings(self) -> None:
        before = self.workspace.profile.get()
        from focalpoint.ui.country.setup_dialog import SetupDialog

        dialog = SetupDialog(self.workspace.profile, first_run=False, parent=self)
        if dialog.exec():
            after = self.workspace.profile.get()
            self._update_title()
            if before is None or after is None or before.language != after.language:
                self.language_changed.emit()

    def _choose_plan_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import plan file"), str(Path.home()), _("Plan files (*.json)")
        )
        if path:
            self.import_plan_file(Path(path))

    def import_plan_file(self, path: Path) -> None:
        """Check the signed plan file in ``path`` in the background, show what it changes
        (``plan_update_dialog``), and install it when the user applies it."""
        from focalpoint.ui.country.plan.plan_update_dialog import PlanUpdateDialog

        self.import_action.setEnabled(False)
        self.statusBar().showMessage(_("Checking {name}…").format(name=path.name))

        def failed(error: Exception) -> None:
            self.import_action.setEnabled(True)
            self.statusBar().clearMessage()
            show_error(self, error)

        def done(report: PlanImportReport) -> None:
            self.import_action.setEnabled(True)
            self.statusBar().clearMessage()
            self.workbench.load_plan()
            self._show_import_report(report)

        def apply(update: PlanUpdate) -> None:
            self.statusBar().showMessage(_("Importing {name}…").format(name=path.name))
            self._tasks.run(
                lambda: self.workspace.plan.import_file(path, expected_sha256=update.sha256),
                done,
                failed,
            )

        def checked(update: PlanUpdate) -> None:
            self.statusBar().clearMessage()
            dialog = PlanUpdateDialog(update, self)
            dialog.accepted.connect(lambda: apply(update))
            dialog.rejected.connect(lambda: self.import_action.setEnabled(True))
            self.plan_update_dialog = dialog
            dialog.open()

        self._tasks.run(lambda: self.workspace.plan.check_file(path), checked, failed)

    def _show_import_report(self, report: PlanImportReport) -> None:
        lines = [
            _("The plan {code} is now at version {new} (was {old}).").format(
                code=report.plan_code, new=report.new_version, old=report.old_version or "—"
            ),
            ngettext(
                "{n} assignment kept.", "{n} assignments kept.", len(report.kept_assignments)
            ).format(n=len(report.kept_assignments)),
        ]
        if report.added_codes:
            lines.append(_("New actions: {codes}").format(codes=", ".join(report.added_codes)))
        if report.moved_assignments:
            lines.append(
                _("These assignments follow their action to its new code: {moves}").format(
                    moves=", ".join(f"{old} → {new}" for old, new in report.moved_assignments)
                )
            )
        if report.moved_links:
            lines.append(
                _(
                    "The practices linked to these actions, and your proposals about them not "
                    "sent yet, follow them to their new code: {moves}"
                ).format(moves=", ".join(f"{old} → {new}" for old, new in report.moved_links))
            )
        if report.unmatched_assignments:
            lines.append(
                _(
                    "These assignments no longer match an action of the plan; they are "
                    "kept and listed under “Not in the current plan”: {codes}"
                ).format(codes=", ".join(report.unmatched_assignments))
            )
        self.last_import_message = "\n\n".join(lines)
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Information,
            _("Plan imported"),
            self.last_import_message,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.open()

    def open_about(self) -> AboutDialog:
        """Help → About: the version, the workspace folder, and the licences of what ships."""
        from PySide6.QtCore import Qt

        from focalpoint.ui.widgets.about_dialog import AboutDialog

        dialog = AboutDialog(self.workspace.folder, parent=self)
        # Its licence texts are not kept once it is closed; the next About reads them anew.
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._workbench is not None:
            # A note typed just before closing is saved now; one that cannot be saved (full
            # disk, busy workspace) keeps the window open unless the user lets it go.
            failing = self._workbench.save_pending_edits()
            if failing:
                from focalpoint.ui.feedback import confirm

                text = _(
                    "The progress notes of these actions could not be saved: {codes}. "
                    "If you close now, what you typed there is lost."
                ).format(codes=", ".join(failing))
                if not confirm(self, text, _("Close without saving them"), risky=True):
                    event.ignore()
                    return
        self._tasks.wait()
        if self._workbench is not None:
            remember(self, WINDOW, self._workbench.splitter, self.tabs)
        super().closeEvent(event)
