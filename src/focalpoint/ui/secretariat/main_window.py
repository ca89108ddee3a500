"""The Secretariat's window: the inbox (packages received, dropped on the window or chosen with
File → Receive packages…, accepted or returned), the regional matrix (which follows each
acceptance), and the registry of country keys.

File → Write the key file… and Key sheet… give countries what they need to trust the
Secretariat; the status bar shows the Secretariat key's fingerprint, the one read over the
phone.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.errors import FocalPointError
from focalpoint.domain.trust import CountryKeyRecord, KeyState
from focalpoint.i18n import _, ngettext
from focalpoint.services.secretariat.intake import DUPLICATE, REFUSED, ReceiveResult
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from focalpoint.ui.feedback import attempt, confirm, show_error, tell_no_such_file
from focalpoint.ui.help.context_help import open_guide
from focalpoint.ui.help.guide_text import SECRETARIAT as SECRETARIAT_PART
from focalpoint.ui.secretariat.inbox_tab import InboxTab
from focalpoint.ui.secretariat.key_models import CountryKeyModel
from focalpoint.ui.secretariat.matrix_tab import MatrixTab
from focalpoint.ui.secretariat.proposals_tab import ProposalsTab
from focalpoint.ui.secretariat.regional_tabs import RegionalPracticesTab, RegionalServicesTab
from focalpoint.ui.secretariat.register_dialog import RegisterKeyDialog
from focalpoint.ui.tasks import TaskRunner
from focalpoint.ui.widgets.about_dialog import AboutDialog
from focalpoint.ui.widgets.record_table import RecordTable
from focalpoint.ui.widgets.screen_fit import open_size
from focalpoint.ui.window_state import remember, restore_geometry, restore_layout
from focalpoint.ui.workspace_watch import WorkspaceWatch

if TYPE_CHECKING:
    from focalpoint.ui.secretariat.plan_publish_dialog import PlanPublishDialog
    from focalpoint.ui.secretariat.report_dialog import RegionalReportDialog

WINDOW = "secretariat-window"  # its place in the user's settings


def _outcome(result: ReceiveResult) -> str:
    """What became of one file received, for the log."""
    if result.outcome == REFUSED:
        return f"{result.file}: refused: {result.reason}"
    what = "received already" if result.outcome == DUPLICATE else "received"
    return f"{result.file}: {what}, submission {result.sequence} from {result.country}"


class SecretariatWindow(QMainWindow):
    def __init__(self, workspace: SecretariatWorkspace) -> None:
        super().__init__()
        self.workspace = workspace
        self._ws = workspace
        # Taken before the tabs read the store: what changes while they read is news.
        first_look = workspace.changed_elsewhere()
        profile = workspace.profile.get()
        name = profile.name if profile else ""
        self.setWindowTitle(_("FocalPoint — {name}").format(name=name) if name else "FocalPoint")
        open_size(self, 1100, 700)
        restore_geometry(self, WINDOW)  # as the user left it, if they did
        self.tasks = TaskRunner()
        self.tabs = QTabWidget()
        self.inbox = InboxTab(workspace, self.tasks)
        self.keys = KeysTab(workspace)
        self.matrix = MatrixTab(workspace)
        self.tabs.addTab(self.inbox, _("Inbox"))
        self.tabs.addTab(self.matrix, _("Regional matrix"))
        self.practices = RegionalPracticesTab(workspace, self.tasks)
        self.services = RegionalServicesTab(workspace, self.tasks)
        self.tabs.addTab(self.practices, _("Regional practices"))
        self.tabs.addTab(self.services, _("Regional services"))
        self.proposals = ProposalsTab(workspace)
        self.tabs.addTab(self.proposals, _("Proposals"))
        self.inbox.received.connect(lambda _results: self.proposals.follow())
        self.inbox.decided.connect(self.matrix.reload)
        self.inbox.decided.connect(self.practices.follow)
        self.inbox.decided.connect(self.services.follow)
        self.inbox.said.connect(lambda text: self.statusBar().showMessage(text, 15_000))
        for tab in (self.practices, self.services):
            tab.exported.connect(lambda text: self.statusBar().showMessage(text, 15_000))
        self.tabs.addTab(self.keys, _("Country keys"))
        self.setAcceptDrops(True)  # packages dropped on the window are received
        self.setCentralWidget(self.tabs)
        self._menus()
        restore_layout(WINDOW, self.inbox.splitter, self.tabs)
        key = workspace.keys.current()
        if key is not None:
            self.statusBar().addPermanentWidget(
                QLabel(_("Secretariat key {fingerprint}").format(fingerprint=key.fingerprint))
            )
        # Another analyst on the same database, or a `ts` command, changes the store: the
        # window shows it within seconds (see workspace_watch.py). Looked at from a thread (a
        # server's answer may be slow), never while this window's acceptances are written
        # (their helper processes' writes are this window's own, known once they are done).
        self.watch = WorkspaceWatch(
            workspace.changed_elsewhere,
            self,
            seen=first_look,
            in_background=True,
            paused=lambda: self.inbox.deciding,
        )
        self.watch.changed.connect(self.refresh_from_store)

    def refresh_from_store(self) -> None:
        """Changed elsewhere: every tab read so far shows the store as it is now (the lists
        keep their filters and the chosen rows); one not read yet reads when first shown."""
        try:
            self.inbox.reload()
            self.keys.reload()
            self.matrix.follow()
            self.practices.follow()
            self.services.follow()
            self.proposals.follow()
        except FocalPointError as error:  # the server went away between the look and now
            self.watch.missed()  # read again at the next look that answers
            self.statusBar().showMessage(error.message, 15_000)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.tabs.setCurrentWidget(self.inbox)
            self.inbox.receive(paths)

    def show_file(self, path: Path, on_shown: Callable[[str], None] | None = None) -> None:
        """Receive ``path`` into the inbox as File → Receive packages… does (a package
        double-clicked, given on the command line, or handed over by a later launch), and say
        what became of it; ``on_shown`` then gets one line for the log."""
        self.tabs.setCurrentWidget(self.inbox)
        tell = on_shown or (lambda _line: None)
        if not path.exists():
            tell_no_such_file(self, path)
            tell(f"{path}: no such file")
            return

        def received(results: list[ReceiveResult]) -> None:
            self.inbox.received.disconnect(received)
            if results and results[0].id:  # taken in, or received before: shown in full
                self.inbox.table.choose(results[0].id)
            tell("; ".join(_outcome(r) for r in results) or f"{path}: not received")

        self.inbox.received.connect(received)
        self.inbox.receive([path])

    def closeEvent(self, event: QCloseEvent) -> None:
        self.services.close_work()  # the map's answers have nowhere to go now
        self.tasks.wait()  # a batch being received finishes before the store closes
        remember(self, WINDOW, self.inbox.splitter, self.tabs)
        super().closeEvent(event)

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        receive = QAction(_("&Receive packages…"), self)
        receive.setShortcut(QKeySequence.StandardKey.Open)
        receive.triggered.connect(self.inbox.choose_files)
        file_menu.addAction(receive)
        report = QAction(_("Regional re&port…"), self)
        report.setShortcut(QKeySequence.StandardKey.Print)
        report.triggered.connect(lambda: self.open_report())
        file_menu.addAction(report)
        publish = QAction(_("Publish a plan &version…"), self)
        publish.triggered.connect(lambda: self.open_plan_publish())
        file_menu.addAction(publish)
        again = QAction(_("Save a &published plan file again…"), self)
        again.triggered.connect(lambda: self.save_published_plan())
        file_menu.addAction(again)
        for text, slot in (
            (_("Write the &key file for countries…"), self._key_file),
            (_("Key &sheet (PDF)…"), self._key_sheet),
        ):
            action = QAction(text, self)
            action.triggered.connect(slot)
            file_menu.addAction(action)
        file_menu.addSeparator()
        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu(_("&Help"))
        guide = QAction(_("&User guide"), self)
        guide.setShortcut(QKeySequence.StandardKey.HelpContents)  # F1
        # The same guide as the countries' (they read what a package and a key are to them);
        # it opens at the Secretariat's part.
        guide.triggered.connect(lambda: open_guide(SECRETARIAT_PART, self))
        help_menu.addAction(guide)
        about = QAction(_("&About FocalPoint"), self)
        about.triggered.connect(self.open_about)
        help_menu.addAction(about)

    def open_report(self) -> RegionalReportDialog:
        """File → Regional report…: made in the background, previewed, printed, saved."""
        from PySide6.QtCore import Qt

        # Loaded when first asked for: the report's modules weigh on the window's start.
        from focalpoint.ui.secretariat.report_dialog import RegionalReportDialog

        dialog = RegionalReportDialog(self._ws, self.tasks, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_plan_publish(self) -> PlanPublishDialog:
        """File → Publish a plan version…: what a plan file changes, then signed and saved."""
        from PySide6.QtCore import Qt

        from focalpoint.ui.secretariat.plan_publish_dialog import PlanPublishDialog

        dialog = PlanPublishDialog(self._ws, self.tasks, self)
        dialog.published_version.connect(lambda _version: self.matrix.reload())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def save_published_plan(self, version: str | None = None, target: Path | None = None) -> None:
        """File → Save a published plan file again…: a version's signed file, as it was signed,
        for a country that lost it or joins late (asks which version, then where)."""
        versions = [v.version for v in self._ws.plan_versions.versions()]
        if not versions:
            QMessageBox.information(
                self,
                _("No plan version published"),
                _("No plan version has been published yet: File → Publish a plan version…"),
            )
            return
        if version is None:
            chosen, ok = QInputDialog.getItem(
                self,
                _("Save a published plan file again"),
                _("Version:"),
                list(reversed(versions)),  # the newest first: the one most often asked for
                0,
                False,
            )
            if not ok:
                return
            version = chosen
        if target is None:
            name, _filter = QFileDialog.getSaveFileName(
                self,
                _("Where to write the signed plan file"),
                f"FocalPoint-plan-{version}.json",
                _("Signed plan files (*.json)"),
            )
            if not name:
                return
            target = Path(name)
        to_write = target
        written = attempt(self, lambda: self._ws.plan_versions.save_signed(version, to_write))
        if written is not None:
            self.statusBar().showMessage(
                _("Signed plan file written: {path}").format(path=written), 10000
            )

    def open_about(self) -> AboutDialog:
        """Help → About: the version, the workspace folder (and the server the data is on, if
        it is on one), and the licences of what ships."""
        from PySide6.QtCore import Qt

        database = self._ws.db
        # shown_url never holds the password (it is given each time, never kept).
        server = "" if database.dialect == "sqlite" else database.shown_url
        dialog = AboutDialog(self._ws.folder, server, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _key_file(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            _("Where to write the key file"),
            "FocalPoint-Secretariat-key.json",
            _("Secretariat key files (*.json)"),
        )
        if not chosen:
            return
        passphrase, ok = QInputDialog.getText(
            self,
            _("Passphrase"),
            _("The key file is signed with the Secretariat's key. Its passphrase:"),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        try:
            info = self._ws.keys.write_key_file(Path(chosen), passphrase)
        except Exception as error:
            show_error(self, error)
            return
        QMessageBox.information(
            self,
            _("Key file written"),
            _(
                "Its fingerprint is {fingerprint}: read it to each country's focal point over "
                "the phone when they import the file."
            ).format(fingerprint=info.fingerprint),
        )

    def _key_sheet(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Where to save the key sheet"), "secretariat-key-sheet.pdf", "PDF (*.pdf)"
        )
        if not chosen:
            return
        try:
            self._ws.keys.key_sheet(Path(chosen))
        except Exception as error:
            show_error(self, error)


class KeysTab(QWidget):
    """The registered country keys, newest first within each country; register and revoke."""

    def __init__(self, workspace: SecretariatWorkspace) -> None:
        super().__init__()
        self._ws = workspace
        self.model = CountryKeyModel(self)
        self.table = RecordTable(self.model, _("Country keys"))
        self.table.stretch_first([(1, 190), (2, 190), (3, 170), (4, 240)])
        self.count = QLabel()
        self.register_button = QPushButton(_("Register a key…"))
        self.revoke_button = QPushButton(_("Revoke…"))
        self.register_button.clicked.connect(self._register)
        self.revoke_button.clicked.connect(self._revoke)
        self.table.selectionModel().selectionChanged.connect(self._follow)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        buttons.addWidget(self.register_button)
        buttons.addWidget(self.revoke_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        chosen = self.table.chosen()
        keys: list[CountryKeyRecord] = []
        while page := self._ws.registry.page(offset=len(keys)):
            keys += page
        self.model.set_rows(keys)
        self.count.setText(ngettext("{n} key", "{n} keys", len(keys)).format(n=len(keys)))
        if chosen is not None:  # read again (changed elsewhere): the same key stays chosen
            self.table.choose(chosen.id)
        self._follow()

    def _follow(self) -> None:
        chosen = self.table.chosen()
        self.revoke_button.setEnabled(chosen is not None and chosen.state is not KeyState.REVOKED)

    def _register(self) -> None:
        if RegisterKeyDialog(self._ws.registry, self).exec():
            self.reload()

    def _revoke(self) -> None:
        chosen = self.table.chosen()
        if chosen is None:
            return
        day, ok = QInputDialog.getText(
            self,
            _("Revoke a key"),
            _(
                "Refuse what key {fingerprint} of {country} signs from this day on (YYYY-MM-DD):"
            ).format(fingerprint=chosen.fingerprint, country=chosen.country),
        )
        if not ok or not day.strip():
            return
        if not confirm(
            self,
            _("Packages signed with this key from {day} on will be refused.").format(day=day),
            _("Revoke"),
            risky=True,
        ):
            return
        try:
            self._ws.registry.revoke(chosen.country, day.strip(), chosen.fingerprint)
        except Exception as error:
            show_error(self, error)
            return
        self.reload()
