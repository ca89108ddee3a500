"""Composition root: builds the window, the workspace and the task runner, and wires them.

The order matters for start-up time: the empty main window is shown first (Qt and this module
only), and the workspace, the services and the workbench are loaded after its first paint.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLocale, QTimer, Signal
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QWidget

from focalpoint.domain.errors import FocalPointError
from focalpoint.i18n import LANGUAGES, _, current_language, set_language
from focalpoint.paths import SECRETARIAT, data_dir, folder_kind, make_private_folder
from focalpoint.services.country.workspace_folder import saved_language
from focalpoint.ui.app_icon import brand
from focalpoint.ui.country.main_window import MainWindow
from focalpoint.ui.feedback import show_error
from focalpoint.ui.qt_translations import use_qt_language
from focalpoint.ui.single_instance import (
    Channel,
    Outcome,
    bring_to_front,
    channel_name,
    hand_over,
    may_be_listening,
)
from focalpoint.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from focalpoint.services.country.workspace import Workspace
    from focalpoint.ui.secretariat.main_window import SecretariatWindow

log = logging.getLogger("focalpoint")
ENV_EXIT_WHEN_READY = "FOCALPOINT_EXIT_WHEN_READY"


class Application:
    """Owns the workspace and the main window; rebuilds the window when the language changes."""

    def __init__(self, workspace: Workspace, tasks: TaskRunner) -> None:
        self.workspace = workspace
        self.tasks = tasks
        tasks.after_each = workspace.db.release_thread
        self.window: MainWindow | None = None

    def show(self, window: MainWindow | None = None) -> MainWindow:
        """Show the workbench in ``window`` (already on screen at start-up) or in a new one."""
        old = self.window
        if window is None:
            window = MainWindow(self.tasks)
            if old is not None:
                window.setGeometry(old.geometry())
            window.show()
        window.language_changed.connect(self._language_changed)
        window.workspace_replaced.connect(self._reopen)
        window.attach(self.workspace)
        self.window = window
        if old is not None:
            code = old.workbench.selected_code()
            old.close()
            old.deleteLater()
            if code:
                window.plan_loaded.connect(lambda: window.workbench.select_action(code))
        return window

    def show_file(self, path: Path, on_shown: Callable[[str], None] | None = None) -> None:
        """``path``'s verification, in the window on show (see MainWindow.show_file)."""
        assert self.window is not None, "show() the window first"
        self.window.show_file(path, on_shown)

    def _reopen(self) -> None:
        """After a restore: the workspace opened anew (migrated if the backup was older), in a
        new window, as after a change of language."""
        folder = self.workspace.folder
        self.tasks.wait()
        self.workspace.close()
        reopened = open_workspace(folder)
        if reopened is None:
            QApplication.quit()
            return
        self.workspace = reopened
        self.tasks.after_each = reopened.db.release_thread
        self._language_changed()

    def _language_changed(self) -> None:
        profile = self.workspace.profile.get()
        if profile:
            set_language(profile.language)
            use_qt_language(profile.language)
        self.show()


class FocalPointApplication(QApplication):
    """The application object. On macOS a package double-clicked in the Finder, at start or
    later, comes as an event sent to it (LaunchServices keeps one running copy), not as an
    argument: it is passed on as the files of later launches are."""

    file_open_requested = Signal(object)  # a Path

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QFileOpenEvent) and event.file():
            self.file_open_requested.emit(Path(event.file()))
            return True
        return super().event(event)


def initial_language(folder: Path | None) -> str:
    """The saved language, else $FOCALPOINT_LANG, else the system's language if we have it."""
    saved = saved_language(folder) if folder else None
    if saved in LANGUAGES:
        return saved
    wanted = os.environ.get("FOCALPOINT_LANG") or QLocale.system().name()[:2]
    return wanted if wanted in LANGUAGES else "es"


def open_workspace(folder: Path) -> Workspace | None:
    """Open the workspace, explaining any problem; offers a fresh start for a damaged file."""
    from focalpoint.services.country.workspace import Workspace

    try:
        return Workspace.open(folder)
    except FocalPointError as error:
        if not getattr(error, "damaged", False):
            show_error(QApplication.activeWindow(), error)
            return None
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Critical, _("FocalPoint"), error.message)
        box.setInformativeText(
            _(
                "FocalPoint can set the damaged workspace aside, untouched, and start a new "
                "one: the evidence files, submissions and backups stay where they are, and "
                "Settings → Backups… puts a backup back."
            )
        )
        fresh = box.addButton(_("Set it aside and start anew"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("Quit"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is not fresh:
            return None
        try:
            workspace, kept = Workspace.start_anew(folder)
        except FocalPointError as again:
            show_error(None, again)
            return None
        log.warning("Damaged workspace set aside as %s", kept)  # None: its database was lost
        return workspace


def open_secretariat(folder: Path, parent: QWidget) -> SecretariatWindow | None:
    """The Secretariat's window on ``folder`` (its data there, or on the server that
    $FOCALPOINT_DATABASE_URL names), set up first when new; None when it cannot open or the
    set-up is cancelled. SQLAlchemy loads here, after the first paint."""
    from focalpoint.services.secretariat.workspace import SecretariatWorkspace
    from focalpoint.ui.secretariat.main_window import SecretariatWindow
    from focalpoint.ui.secretariat.setup_dialog import SecretariatSetupDialog

    try:
        workspace = SecretariatWorkspace.open(folder, os.environ.get("FOCALPOINT_DATABASE_URL"))
    except FocalPointError as error:
        show_error(parent, error)
        return None
    new = workspace.profile.get() is None or workspace.keys.current() is None
    if new and not SecretariatSetupDialog(workspace, parent).exec():
        workspace.close()
        return None
    profile = workspace.profile.get()
    if profile is not None:
        set_language(profile.language)
        use_qt_language(profile.language)
    opened = SecretariatWindow(workspace)  # where the user left it, else its own size
    opened.show()
    return opened


def _log_to(folder: Path) -> None:
    try:
        # Only the workspace's own folder, private; a mistyped path makes no tree (then: stderr).
        make_private_folder(folder)
        log_file = folder / "focalpoint.log"
        os.close(os.open(log_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
        handler: logging.Handler = logging.FileHandler(log_file, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)


def _excepthook(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    # A bug in a slot must reach the log and the user as a sentence, not a console traceback.
    log.error("Unhandled error", exc_info=(kind, error, trace))
    if isinstance(error, Exception):
        show_error(QApplication.activeWindow(), error)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="focalpoint")
    parser.add_argument("--data-dir")
    parser.add_argument("--lang", choices=LANGUAGES)
    # A file to show: a package double-clicked (the file association), or `focalpoint FILE`.
    parser.add_argument("file", nargs="?")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    qt_app = QApplication.instance() or FocalPointApplication(sys.argv[:1])
    assert isinstance(qt_app, QApplication)
    brand(qt_app)
    try:
        folder = data_dir(args.data_dir)
    except FocalPointError as error:
        set_language(args.lang or initial_language(None))
        show_error(None, error)
        return 1
    set_language(args.lang or initial_language(folder))
    _log_to(folder)
    sys.excepthook = _excepthook
    # Made whole here: the window it may be handed to started in another folder.
    given = Path(args.file).expanduser().absolute() if args.file else None
    channel_path = channel_name(folder)
    if may_be_listening(channel_path):  # a window may be open on this workspace: it shows it
        handed = hand_over(channel_path, given)
        if handed is not None:
            return _handed_over(handed, given)
    # For scripted checks of a build (packaging/smoke.py, benchmarks/frozen.py): once the window
    # is usable and the file given, if any, is shown, log what it was and quit with status 0.
    exit_when_ready = os.environ.get(ENV_EXIT_WHEN_READY) == "1"
    tasks = TaskRunner()
    window = MainWindow(tasks)
    window.show()
    started: list[Application] = []
    secretariats: list[SecretariatWindow] = []
    requests = Requests(window)
    channels: list[Channel] = []
    if isinstance(qt_app, FocalPointApplication):
        qt_app.file_open_requested.connect(lambda file: requests.arrived(file, "for the system"))

    def ready() -> None:
        log.info("Ready, as %s asks: quitting", ENV_EXIT_WHEN_READY)
        qt_app.exit(0)

    def shown_at_start(line: str) -> None:
        log.info("Shown at start: %s", line)
        if exit_when_ready:
            qt_app.exit(0)

    def start() -> None:
        # First, and after the first paint (QtNetwork costs ~8 ms): this launch listens for
        # later ones, or hands over to a window that started since the look above.
        channel = Channel(channel_path)
        outcome = channel.claim(given)
        if outcome is not Outcome.FIRST:
            window.close()
            qt_app.exit(_handed_over(outcome, given))
            return
        channel.requested.connect(lambda file: requests.arrived(file, "for another launch"))
        channels.append(channel)
        use_qt_language(current_language())  # after the first paint: not needed for it
        # Imported here, after the first paint: their widget classes cost it some 20 ms.
        from focalpoint.ui.accessibility import name_inputs_on_show
        from focalpoint.ui.focus_style import show_focus

        show_focus(qt_app)
        name_inputs_on_show(qt_app)  # before the first dialog: every window says its fields
        kind = folder_kind(folder)
        if kind is None:  # a new workspace: which kind, asked once, before anything is written
            from focalpoint.ui.country.backups.move_dialogs import import_at_first_run
            from focalpoint.ui.first_run import WorkspaceKindDialog

            choice = WorkspaceKindDialog(
                window, lambda dialog, source: import_at_first_run(dialog, folder, source)
            )
            if not choice.exec():
                window.close()
                qt_app.exit(0)
                return
            kind = choice.kind()
        if kind == SECRETARIAT:
            secretariat = open_secretariat(folder, window)
            window.close()
            if secretariat is None:
                qt_app.exit(1)
                return
            secretariats.append(secretariat)
            requests.ready(lambda: secretariat, secretariat.show_file)
            if given is not None:
                secretariat.show_file(given, shown_at_start)
            elif exit_when_ready:
                QTimer.singleShot(0, ready)  # its inbox is read: usable once painted
            return
        workspace = open_workspace(folder)
        if workspace is None:
            window.close()
            qt_app.exit(1)
            return
        if workspace.profile.get() is None:
            from focalpoint.ui.country.setup_dialog import SetupDialog

            setup = SetupDialog(
                workspace.profile, first_run=True, parent=window, secretariat=workspace.secretariat
            )
            if not setup.exec():
                workspace.close()
                window.close()
                qt_app.exit(0)
                return
        profile = workspace.profile.get()
        if profile and not args.lang:
            set_language(profile.language)
            use_qt_language(profile.language)
        app = Application(workspace, tasks)
        app.show(window)
        window.plan_loaded.connect(window.backup_at_startup)  # once a day, when usable
        started.append(app)
        # Through app.window: a change of language puts the workbench in a new window.
        requests.ready(lambda: app.window or window, lambda f, tell: app.show_file(f, tell))
        if given is not None:
            app.show_file(given, shown_at_start)  # once the plan is on show
        elif exit_when_ready:
            window.plan_loaded.connect(ready)

    window.after_first_paint(start)
    try:
        return qt_app.exec()
    finally:
        tasks.wait()
        for channel in channels:
            channel.close()
        for app in started:
            app.workspace.close()
        for opened in secretariats:
            opened.workspace.close()


class Requests:
    """What later launches (or macOS, for a file double-clicked) ask for: the window to the
    front, a file shown; and where it goes: to the frame while the workspace opens (files
    wait), then to the workspace's window."""

    def __init__(self, frame: QWidget) -> None:
        self._front: Callable[[], QWidget] = lambda: frame
        self._show: Callable[[Path, Callable[[str], None]], object] | None = None
        self._waiting: list[tuple[Path, str]] = []

    def arrived(self, file: Path | None, asked: str) -> None:
        """``file`` to show (None: just the window to the front), ``asked`` "for …" whom."""
        log.info("Request %s: %s", asked, file or "the window to the front")
        bring_to_front(self._front())
        if file is not None:
            self._waiting.append((file, asked))
            self._deliver()

    def ready(
        self, front: Callable[[], QWidget], show: Callable[[Path, Callable[[str], None]], object]
    ) -> None:
        self._front, self._show = front, show
        self._deliver()

    def _deliver(self) -> None:
        if self._show is None:
            return
        waiting, self._waiting = self._waiting, []
        for file, asked in waiting:
            self._show(file, _logged(f"Shown {asked}"))


def _logged(prefix: str) -> Callable[[str], None]:
    return lambda line: log.info("%s: %s", prefix, line)


def _handed_over(outcome: Outcome, file: Path | None) -> int:
    """After trying to hand the request to the window already open: 0 if it took it."""
    if outcome is Outcome.HANDED_OVER:
        log.info(
            "Handed to the window already open on this workspace%s", f": {file}" if file else ""
        )
        return 0
    log.warning("The window already open on this workspace did not answer")
    from PySide6.QtWidgets import QMessageBox

    QMessageBox(
        QMessageBox.Icon.Warning,
        _("FocalPoint"),
        _(
            "FocalPoint is already open on this workspace, but it does not answer. Wait until "
            "it has finished what it is doing, or close it, then try again."
        ),
        QMessageBox.StandardButton.Ok,
    ).exec()
    return 1
