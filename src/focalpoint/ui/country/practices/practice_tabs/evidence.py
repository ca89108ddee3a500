"""The "Evidence" tab of a practice: the files that back it, kept inside the workspace.

Evidence for a practice already saved is attached at once (its own transaction); for a new
practice the chosen files wait and are attached right after the practice is first saved.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.evidence import MAX_ATTACHMENT_BYTES, describe_size
from focalpoint.domain.practices import Attachment, Practice
from focalpoint.i18n import _
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.feedback import attempt, confirm

ATTACHMENT_ROLE = Qt.ItemDataRole.UserRole + 1


class EvidenceTab(QWidget):
    """The files of ``practice`` (None: a practice not saved yet) and those waiting for it."""

    changed = Signal()  # the list of files changed (its count is in the tab's title)

    def __init__(
        self, workspace: Workspace, practice: Practice | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ws = workspace
        self.practice = practice
        self.pending: list[Path] = []
        layout = QVBoxLayout(self)
        hint = QLabel(
            _(
                "PDF, images and office documents, up to {limit} each. FocalPoint keeps its own "
                "copy inside the workspace."
            ).format(limit=describe_size(MAX_ATTACHMENT_BYTES))
            + " "
            + (
                _("Adding or removing a file takes effect at once.")
                if practice is not None
                else _("The files are attached when the practice is saved.")
            )
        )
        hint.setWordWrap(True)
        self.attachment_model = QStandardItemModel(self)
        self.attachment_list = QListView()
        self.attachment_list.setModel(self.attachment_model)
        self.attachment_list.setAccessibleName(_("Evidence"))
        self.attachment_list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.attachment_list.doubleClicked.connect(lambda _i: self._open_attachment())
        add = QPushButton(_("Add file…"))
        add.clicked.connect(self._choose_files)
        self.open_button = QPushButton(_("Open"))
        self.open_button.clicked.connect(self._open_attachment)
        self.export_button = QPushButton(_("Save a copy…"))
        self.export_button.clicked.connect(self._export_attachment)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.clicked.connect(self._remove_attachment)
        buttons = QHBoxLayout()
        for button in (add, self.open_button, self.export_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addWidget(hint)
        layout.addWidget(self.attachment_list, 1)
        layout.addLayout(buttons)
        self.attachment_list.selectionModel().selectionChanged.connect(
            lambda *_a: self._update_buttons()
        )

    def count(self) -> int:
        return self.attachment_model.rowCount()

    def refresh(self) -> None:
        self.attachment_model.clear()
        if self.practice is not None:
            for attachment in self._ws.attachments.list(self.practice.id):
                item = QStandardItem(f"{attachment.file_name} — {describe_size(attachment.size)}")
                item.setData(attachment, ATTACHMENT_ROLE)
                item.setToolTip(f"{attachment.media_type}\nSHA-256 {attachment.sha256}")
                self.attachment_model.appendRow(item)
        for path in self.pending:
            item = QStandardItem(
                _("{name} — attached when the practice is saved").format(name=path.name)
            )
            item.setData(path, ATTACHMENT_ROLE)
            self.attachment_model.appendRow(item)
        self.changed.emit()
        self._update_buttons()

    def _selected(self) -> Attachment | Path | None:
        indexes = self.attachment_list.selectionModel().selectedIndexes()
        if not indexes:
            return None
        value = indexes[0].data(ATTACHMENT_ROLE)
        return value if isinstance(value, (Attachment, Path)) else None

    def _update_buttons(self) -> None:
        chosen = self._selected()
        stored = isinstance(chosen, Attachment)
        self.open_button.setEnabled(stored)
        self.export_button.setEnabled(stored)
        self.remove_button.setEnabled(chosen is not None)

    def _choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self,
            _("Attach evidence"),
            str(Path.home()),
            _("Documents and images (*.pdf *.png *.jpg *.jpeg *.gif *.tif *.tiff *.doc *.docx"
              " *.xls *.xlsx *.ppt *.pptx *.odt *.ods *.odp)"),
        )  # fmt: skip
        for path in paths:
            self.attach(Path(path))

    def attach(self, path: Path) -> bool:
        """Attach at once to a saved practice; check and keep for later for a new one."""
        if self.practice is None:
            if attempt(self, lambda: self._ws.attachments.check(path)) is None:
                return False
            self.pending.append(path)
            self.refresh()
            return True
        practice_id = self.practice.id
        added = attempt(self, lambda: self._ws.attachments.add(practice_id, path))
        self.refresh()
        return added is not None

    def _open_attachment(self) -> None:
        chosen = self._selected()
        if isinstance(chosen, Attachment):
            copy = attempt(self, lambda: self._ws.attachments.open_copy(chosen))
            if copy is not None:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))

    def _export_attachment(self) -> None:
        chosen = self._selected()
        if not isinstance(chosen, Attachment):
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save a copy"), str(Path.home() / chosen.file_name)
        )
        if path:
            attempt(self, lambda: self._ws.attachments.export(chosen, Path(path)))

    def _remove_attachment(self) -> None:
        chosen = self._selected()
        if isinstance(chosen, Path):
            self.pending.remove(chosen)
        elif isinstance(chosen, Attachment):
            text = _("Remove '{name}' from this practice's evidence?").format(name=chosen.file_name)
            if not confirm(self, text, _("Remove"), risky=True):
                return
            attempt(self, lambda: self._ws.attachments.remove(chosen.id))
        self.refresh()
