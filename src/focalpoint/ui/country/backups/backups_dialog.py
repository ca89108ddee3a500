"""Settings → Backups…: the backups kept, making one now, restoring one, where they go and how
much room they may take.

Restoring shows first what the backup holds and asks; the current workspace is backed up before
anything is replaced, and the window then reopens the workspace (``restored``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.evidence import describe_size
from focalpoint.i18n import _, format_timestamp
from focalpoint.services.country.backups import MB, Backup, Restored, contents_text
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.backups.work_progress import run_with_dialog
from focalpoint.ui.feedback import attempt, confirm
from focalpoint.ui.tasks import TaskContext, TaskRunner
from focalpoint.ui.widgets.labels import selectable, wrapped
from focalpoint.ui.widgets.screen_fit import open_size

BACKUP_ROLE = Qt.ItemDataRole.UserRole + 1
DATE, REASON, SIZE, CONTENTS = range(4)


class BackupsDialog(QDialog):
    restored = Signal(object)  # Restored: the window reopens the workspace

    def __init__(
        self, workspace: Workspace, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._tasks = tasks
        self.setWindowTitle(_("Backups"))
        open_size(self, 1000, 520)
        intro = wrapped(
            _(
                "FocalPoint backs the workspace up once a day when the window opens, and before "
                "every plan, directory or receipt import. The oldest are deleted as new ones "
                "come: the last five, one a day for a week, one a week for five weeks, one a "
                "month for a year, within the size limit below."
            )
        )
        self.model = QStandardItemModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Backups"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(lambda _i: self.restore())

        self.where = selectable(wrapped())
        self.create_button = QPushButton(_("&Create now"))
        self.create_button.clicked.connect(lambda: self.create_now())
        self.restore_button = QPushButton(_("&Restore…"))
        self.restore_button.clicked.connect(lambda: self.restore())
        self.folder_button = QPushButton(_("Choose &folder…"))
        self.folder_button.setToolTip(_("A USB stick or a network drive, for instance"))
        self.folder_button.clicked.connect(lambda: self.choose_folder())
        self.default_button = QPushButton(_("&Workspace folder"))
        self.default_button.setToolTip(_("Keep backups in the workspace's own backups folder"))
        self.default_button.clicked.connect(lambda: self.use_folder(None))
        self.open_button = QPushButton(_("&Open folder"))
        self.open_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._ws.backups.folder())))
        )
        self.limit = QSpinBox()
        self.limit.setRange(50, 1_000_000)
        self.limit.setSingleStep(100)
        self.limit.setSuffix(" " + _("MB"))
        self.limit.setAccessibleName(_("Size limit"))
        self.limit.setValue(self._ws.backups.limit_bytes() // MB)
        self.limit.editingFinished.connect(self.set_limit)
        limit_label = QLabel(_("Size &limit:"))
        limit_label.setBuddy(self.limit)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)

        actions = QHBoxLayout()
        actions.addWidget(self.create_button)
        actions.addWidget(self.restore_button)
        actions.addStretch(1)
        actions.addWidget(limit_label)
        actions.addWidget(self.limit)
        folders = QHBoxLayout()
        folders.addWidget(self.folder_button)
        folders.addWidget(self.default_button)
        folders.addWidget(self.open_button)
        folders.addStretch(1)
        folders.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.where)
        layout.addLayout(actions)
        layout.addLayout(folders)
        self.reload()
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        if self.model.rowCount():
            self.table.selectRow(0)
        self._update_buttons()

    # -- the list -----------------------------------------------------------------------------
    def reload(self) -> None:
        listed = self._ws.backups.list()
        self.model.clear()
        self.model.setHorizontalHeaderLabels([_("Date"), _("Why"), _("Size"), _("Holds")])
        for backup in listed:
            cells = [
                QStandardItem(format_timestamp(backup.created_at)),
                QStandardItem(backup.reason_label),
                QStandardItem(describe_size(backup.size)),
                QStandardItem(contents_text(backup.counts)),
            ]
            cells[DATE].setData(backup, BACKUP_ROLE)
            cells[DATE].setToolTip(str(backup.path))
            cells[SIZE].setTextAlignment(
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
            if backup.kind == "database":
                cells[CONTENTS].setToolTip(
                    _("The database alone: evidence files and submissions stay as they are.")
                )
            self.model.appendRow(cells)
        header = self.table.horizontalHeader()
        for column in (DATE, REASON, SIZE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CONTENTS, QHeaderView.ResizeMode.Stretch)
        total = sum(b.size for b in listed)
        folder = self._ws.backups.folder()
        self.where.setText(
            _("Backups are kept in {folder}. They take {size} of the {limit} MB allowed.").format(
                folder=folder,
                size=describe_size(total),
                limit=self._ws.backups.limit_bytes() // MB,
            )
            if folder.is_dir() or folder == self._ws.backups.default_folder
            else _(
                "The backup folder {folder} cannot be found (a USB stick not plugged in?). "
                "Plug it in, or choose another folder."
            ).format(folder=folder)
        )
        self.default_button.setEnabled(folder != self._ws.backups.default_folder)
        self._update_buttons()

    def selected(self) -> Backup | None:
        model = self.table.selectionModel()
        rows = model.selectedRows() if model is not None else []
        if not rows:
            return None
        backup: Backup = self.model.item(rows[0].row(), DATE).data(BACKUP_ROLE)
        return backup

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    # -- making, restoring ----------------------------------------------------------------------
    def create_now(self) -> None:
        self.create_button.setEnabled(False)

        def work(context: TaskContext) -> Backup:
            return self._ws.backups.create(progress=context.progress, cancelled=context.cancelled)

        def done(_made: Backup) -> None:
            self.create_button.setEnabled(True)
            self.reload()
            if self.model.rowCount():
                self.table.selectRow(0)

        run_with_dialog(
            self,
            self._tasks,
            _("Backing up the workspace…"),
            work,
            done,
            lambda _error: self.create_button.setEnabled(True),
        )

    def restore(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        shown = attempt(self, lambda: self._ws.backups.preview(chosen.id))
        if shown is None:
            return
        what = [
            _("Backup made {when} ({reason}), {size}.").format(
                when=format_timestamp(shown.created_at),
                reason=shown.reason_label,
                size=describe_size(shown.size),
            ),
            _("It holds: {contents}.").format(contents=contents_text(shown.counts)),
        ]
        if shown.kind == "database":
            what.append(_("It holds the database alone: evidence files and submissions stay."))
        what.append(
            _(
                "Restoring it replaces the workspace as it is now. The workspace is backed up "
                "first, so this can be undone by restoring that backup."
            )
        )
        if not confirm(self, "\n\n".join(what), _("Restore"), risky=True):
            return

        def work(context: TaskContext) -> Restored:
            return self._ws.backups.restore(shown.id, context.progress, context.cancelled)

        def done(result: Restored) -> None:
            self.reload()
            self.restored.emit(result)

        run_with_dialog(self, self._tasks, _("Restoring the backup…"), work, done)

    # -- where, how much ------------------------------------------------------------------------
    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, _("Choose the backup folder"), str(self._ws.backups.folder())
        )
        if path:
            self.use_folder(Path(path))

    def use_folder(self, folder: Path | None) -> None:
        if attempt(self, lambda: self._ws.backups.set_folder(folder)) is not None:
            self.reload()

    def set_limit(self) -> None:
        wanted = self.limit.value() * MB
        if wanted == self._ws.backups.limit_bytes():
            return
        if attempt(self, lambda: self._ws.backups.set_limit_bytes(wanted)) is not None:
            self.reload()
