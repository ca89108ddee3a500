"""The inbox: the packages received, newest first, with their place in the chain and what they
change; receive more (the button, or files dropped on the window), accept one, return one.

Receiving runs in the background: checking a batch of large packages takes seconds.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from focalpoint.i18n import N_, _, format_timestamp, ngettext
from focalpoint.services.secretariat.inbox_text import changes_line, placement_label
from focalpoint.services.secretariat.intake import REFUSED, STATE_LABELS, InboxRow
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from focalpoint.ui.feedback import show_error
from focalpoint.ui.tasks import TaskRunner
from focalpoint.ui.widgets.record_table import RecordTable
from focalpoint.ui.widgets.table_model import AnyIndex, RowTableModel


class InboxModel(RowTableModel[InboxRow]):
    COLUMNS = (
        N_("Country"),
        N_("Submission"),
        N_("State"),
        N_("Place"),
        N_("Officer"),
        N_("Received"),
        N_("Changes"),
    )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.record(index.row()) if index.isValid() else None
        if row is None or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        p = row.package
        values = (
            p.country,
            str(p.sequence),
            _(STATE_LABELS.get(p.state, p.state)),
            placement_label(p.placement),
            p.officer_name,
            format_timestamp(p.received_at),
            changes_line(json.loads(p.changes)),
        )
        text = values[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and p.reason:
            return _("Returned: {reason}").format(reason=p.reason)
        return text


class InboxTab(QWidget):
    def __init__(self, workspace: SecretariatWorkspace, tasks: TaskRunner) -> None:
        super().__init__()
        self._ws = workspace
        self._tasks = tasks
        self.model = InboxModel(self)
        self.table = RecordTable(self.model, _("Inbox"))
        self.table.stretch_first([])
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in ((0, 70), (1, 90), (2, 100), (3, 120), (4, 180), (5, 160)):
            self.table.setColumnWidth(column, width)
        self.count = QLabel()
        self.receive_button = QPushButton(_("Receive packages…"))
        self.accept_button = QPushButton(_("Accept"))
        self.return_button = QPushButton(_("Return…"))
        self.receive_button.clicked.connect(self.choose_files)
        self.accept_button.clicked.connect(self._accept)
        self.return_button.clicked.connect(self._return)
        self.table.selectionModel().selectionChanged.connect(self._follow)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        for button in (self.receive_button, self.accept_button, self.return_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        rows: list[InboxRow] = []
        while page := self._ws.intake.page(offset=len(rows)):
            rows += page
        self.model.set_rows(rows)
        self.count.setText(
            ngettext("{n} package received", "{n} packages received", len(rows)).format(n=len(rows))
        )
        self._follow()

    def _follow(self) -> None:
        chosen = self.table.chosen()
        pending = chosen is not None and chosen.package.state == "pending"
        self.accept_button.setEnabled(pending)
        self.return_button.setEnabled(pending)

    # -- receiving --------------------------------------------------------------------------
    def choose_files(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileNames(
            self,
            _("Packages to receive"),
            "",
            _("Submission packages (*.zip *.age);;All files (*)"),
        )
        if chosen:
            self.receive([Path(c) for c in chosen])

    def receive(self, paths: Sequence[Path]) -> None:
        """Take in ``paths`` in the background (the passphrase asked first when one is
        encrypted); then say what became of each file."""
        passphrase: str | None = None
        if self._ws.intake.needs_passphrase(paths):
            passphrase, ok = QInputDialog.getText(
                self,
                _("Passphrase"),
                _("Some packages are encrypted. The Secretariat key's passphrase:"),
                QLineEdit.EchoMode.Password,
            )
            if not ok:
                return
        self.receive_button.setEnabled(False)
        self._tasks.run(
            lambda: self._ws.intake.receive(list(paths), passphrase),
            self._received,
            self._failed,
        )

    def _received(self, results: list[Any]) -> None:
        self.receive_button.setEnabled(True)
        self.reload()
        lines = [f"{r.file.name}: {r.reason}" for r in results]
        refused = sum(r.outcome == REFUSED for r in results)
        box = QMessageBox(
            QMessageBox.Icon.Warning if refused else QMessageBox.Icon.Information,
            _("Packages received"),
            ngettext(
                "{n} file refused; the others were taken in.",
                "{n} files refused; the others were taken in.",
                refused,
            ).format(n=refused)
            if refused
            else _("Every file was taken in."),
            parent=self,
        )
        box.setDetailedText("\n".join(lines))
        box.setInformativeText("\n".join(lines[:8]))
        box.exec()

    def _failed(self, error: Exception) -> None:
        self.receive_button.setEnabled(True)
        show_error(self, error)

    # -- deciding ---------------------------------------------------------------------------
    decided = Signal()  # the regional picture changed

    def _accept(self) -> None:
        chosen = self.table.chosen()
        if chosen is None:
            return
        try:
            self._ws.consolidation.accept(chosen.package.id)
        except Exception as error:
            show_error(self, error)
        self.reload()
        self.decided.emit()

    def _return(self) -> None:
        chosen = self.table.chosen()
        if chosen is None:
            return
        reason, ok = QInputDialog.getMultiLineText(
            self,
            _("Return a submission"),
            _("Why is submission {n} of {country} returned? The country reads this.").format(
                n=chosen.package.sequence, country=chosen.package.country
            ),
        )
        if not ok:
            return
        try:
            self._ws.consolidation.return_(chosen.package.id, reason)
        except Exception as error:
            show_error(self, error)
        self.reload()
