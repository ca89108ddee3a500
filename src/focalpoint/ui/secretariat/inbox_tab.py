"""The inbox: the packages received, newest first, with their place in the chain and what they
change; receive more (the button, or files dropped on the window), accept one, return one, write
the signed receipt of one decided. Under the list, the chosen package in full: who sent it, when,
its place, the decision, and every change it brings, by name.

Receiving runs in the background: checking a batch of large packages takes seconds. So does
working out a package's changes from its kept file, which the details panel waits for.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.errors import FocalPointError
from focalpoint.i18n import N_, _, format_timestamp, ngettext
from focalpoint.services.secretariat.change_details import SubmissionDetails
from focalpoint.services.secretariat.inbox_text import changes_line, placement_label
from focalpoint.services.secretariat.intake import REFUSED, STATE_LABELS, InboxRow
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from focalpoint.ui.feedback import log, show_error
from focalpoint.ui.secretariat.inbox_details import changes_html, country_name, summary_html
from focalpoint.ui.tasks import TaskRunner
from focalpoint.ui.widgets.passphrase import PassphraseDialog
from focalpoint.ui.widgets.record_table import RecordTable
from focalpoint.ui.widgets.table_model import AnyIndex, RowTableModel

RECEIPTED = ("accepted", "returned", "superseded")  # decided: a receipt answers them
_UNREADABLE = N_("The changes of this package cannot be read. The details are in the log file.")


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
    decided = Signal()  # the regional picture changed
    said = Signal(str)  # a line for the status bar
    # A batch ended: each file's ReceiveResult, before they are told (none if it failed or
    # the passphrase was not given).
    received = Signal(list)

    def __init__(self, workspace: SecretariatWorkspace, tasks: TaskRunner) -> None:
        super().__init__()
        self._ws = workspace
        self._tasks = tasks
        self.model = InboxModel(self)
        self.table = RecordTable(self.model, _("Inbox"))
        self.table.allow_many()  # eleven countries' packages are accepted at once
        header = self.table.horizontalHeader()  # the changes, last, take the room left
        header.setStretchLastSection(True)
        for column, width in ((0, 70), (1, 90), (2, 100), (3, 150), (4, 180), (5, 160)):
            self.table.setColumnWidth(column, width)
        self.details = QTextBrowser()
        self.details.setAccessibleName(_("The chosen package"))
        self.details.setOpenLinks(False)
        self.count = QLabel()
        self.receive_button = QPushButton(_("Receive packages…"))
        self.accept_button = QPushButton(_("Accept"))
        self.return_button = QPushButton(_("Return…"))
        self.receipt_button = QPushButton(_("Write receipt…"))
        self.receive_button.clicked.connect(self.choose_files)
        self.accept_button.clicked.connect(self._accept)
        self.return_button.clicked.connect(self._return)
        self.receipt_button.clicked.connect(self.write_receipt)
        # The same three on the chosen row's context menu.
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.menu_actions: dict[QPushButton, QAction] = {}
        for button in (self.accept_button, self.return_button, self.receipt_button):
            action = QAction(button.text(), self.table)
            action.triggered.connect(button.click)
            self.table.addAction(action)
            self.menu_actions[button] = action
        self.table.selectionModel().selectionChanged.connect(self._follow)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        for button in (
            self.receive_button,
            self.accept_button,
            self.return_button,
            self.receipt_button,
        ):
            buttons.addWidget(button)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(buttons)
        self.deciding = False  # an acceptance is being written (in the background)
        self._shown: str | None = None  # the package the details panel is for
        self.details_for: str | None = None  # …once its changes are shown in it
        self.reload()

    def reload(self) -> None:
        """Read the list again, keeping the packages chosen (all of them) and the details
        panel as it is, unless the package it shows changed."""
        chosen = self.table.chosen()
        chosen_ids = [row.id for row in self.table.chosen_all()]
        scrolled = self.table.verticalScrollBar().value()  # where the user is reading
        rows: list[InboxRow] = []
        while page := self._ws.intake.page(offset=len(rows)):
            rows += page
        self.model.set_rows(rows)
        self.count.setText(
            ngettext("{n} package received", "{n} packages received", len(rows)).format(n=len(rows))
        )
        if chosen is not None and chosen not in rows:
            self._shown = None  # its state changed (or it is gone): shown again
        if chosen_ids:
            self.table.choose_all(chosen_ids, chosen.id if chosen else None)
        self.table.verticalScrollBar().setValue(scrolled)
        self._follow()

    def _follow(self) -> None:
        chosen = self.table.chosen()
        several = len(self.table.chosen_all()) > 1
        pending = chosen is not None and chosen.package.state == "pending"
        for button, enabled in (
            # Not while a decision is being written: it would be asked twice.
            (self.accept_button, bool(self._pending_chosen()) and not self.deciding),
            (self.return_button, pending and not several and not self.deciding),
            (self.receipt_button, bool(self._decided_chosen())),
        ):
            button.setEnabled(enabled)
            self.menu_actions[button].setEnabled(enabled)
        if several:
            self._show_several()
        else:
            self._show_details(chosen)

    def _show_several(self) -> None:
        """What several chosen packages are, and what Accept will do with them."""
        self._shown = None
        chosen = self.table.chosen_all()
        pending = self._pending_chosen()
        lines = "".join(
            "<li>{}</li>".format(
                escape(
                    _("{country}, submission {n}: {state}").format(
                        country=country_name(r.package.country),
                        n=r.package.sequence,
                        state=_(STATE_LABELS.get(r.package.state, r.package.state)),
                    )
                )
            )
            for r in sorted(chosen, key=lambda r: (r.package.country, r.package.sequence))
        )
        heading = ngettext("{n} package chosen", "{n} packages chosen", len(chosen)).format(
            n=len(chosen)
        )
        what = (
            ngettext(
                "Accept accepts the pending one.",
                "Accept accepts the {n} pending ones, each country's in the order it sent them.",
                len(pending),
            ).format(n=len(pending))
            if pending
            else _("None of them is pending: there is nothing to accept.")
        )
        self.details.setHtml(f"<h3>{escape(heading)}</h3><p>{escape(what)}</p><ul>{lines}</ul>")

    # -- the chosen package in full -----------------------------------------------------------
    def _show_details(self, chosen: InboxRow | None) -> None:
        if chosen is None:
            self._shown = None
            self.details.setHtml(
                "<p>{}</p>".format(_("Choose a package to see it in full and what it changes."))
            )
            return
        if self._shown == chosen.id:
            return
        self._shown = chosen.id
        self.details_for = None
        summary = summary_html(chosen)
        self.details.setHtml(summary + "<p><i>{}</i></p>".format(_("Reading its changes…")))
        package_id = chosen.id

        def done(details: SubmissionDetails) -> None:
            if self._shown == package_id:
                self.details.setHtml(summary + changes_html(details))
                self.details_for = package_id

        def failed(error: Exception) -> None:
            if self._shown == package_id:
                if not isinstance(error, FocalPointError):
                    log.error("The changes of a package cannot be read", exc_info=error)
                text = error.message if isinstance(error, FocalPointError) else _(_UNREADABLE)
                self.details.setHtml(summary + f"<p>{escape(text)}</p>")
                self.details_for = package_id

        self._tasks.run(lambda: self._ws.intake.details(package_id), done, failed)

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
                self.received.emit([])
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
        self.received.emit(results)
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
        self.received.emit([])
        show_error(self, error)

    # -- deciding ---------------------------------------------------------------------------
    def _pending_chosen(self) -> list[InboxRow]:
        """The chosen packages still pending, each country's in the order it sent them."""
        found = [r for r in self.table.chosen_all() if r.package.state == "pending"]
        return sorted(found, key=lambda r: (r.package.country, r.package.sequence))

    def _deciding(self, deciding: bool) -> None:
        """An acceptance starts (Accept and Return wait for it) or ends."""
        self.deciding = deciding
        self._follow()

    def _accept(self) -> None:
        """Accept in the background: a large country's records take a few seconds to merge."""
        chosen = self._pending_chosen()
        if len(chosen) > 1:
            self._accept_many(chosen)
            return
        if not chosen:
            return
        package = chosen[0].package
        self._deciding(True)
        self.said.emit(
            _("Accepting submission {n} of {country}…").format(
                n=package.sequence, country=package.country
            )
        )

        def done(_result: object) -> None:
            self._deciding(False)
            self.said.emit(
                _("Submission {n} of {country} accepted.").format(
                    n=package.sequence, country=package.country
                )
            )
            self.reload()
            self.decided.emit()

        def failed(error: Exception) -> None:
            self._deciding(False)
            show_error(self, error)
            self.reload()

        self._tasks.run(lambda: self._ws.consolidation.accept(package.id), done, failed)

    def _accept_many(self, chosen: Sequence[InboxRow]) -> None:
        """Accept several in the background, a country at a time; say how far it is, and at
        the end which could not be accepted and why."""
        self._deciding(True)
        total = len(chosen)
        self.said.emit(
            ngettext("Accepting {n} submission…", "Accepting {n} submissions…", total).format(
                n=total
            )
        )

        def step(done: int, of: int) -> None:  # in the background: the signal crosses over
            self.said.emit(
                _("Accepting submissions: {done} of {total} done…").format(done=done, total=of)
            )

        def done(outcomes: list[object]) -> None:
            self._deciding(False)
            refused = [
                (row.package, str(outcome))
                for row, outcome in zip(chosen, outcomes, strict=True)
                if isinstance(outcome, FocalPointError)
            ]
            accepted = total - len(refused)
            self.said.emit(
                ngettext("{n} submission accepted.", "{n} submissions accepted.", accepted).format(
                    n=accepted
                )
            )
            self.reload()
            self.decided.emit()
            if refused:
                box = QMessageBox(
                    QMessageBox.Icon.Warning,
                    _("Accept submissions"),
                    ngettext(
                        "{n} submission could not be accepted; the others were.",
                        "{n} submissions could not be accepted; the others were.",
                        len(refused),
                    ).format(n=len(refused)),
                    parent=self,
                )
                box.setInformativeText(
                    "\n".join(
                        _("{country}, submission {n}: {reason}").format(
                            country=p.country, n=p.sequence, reason=reason
                        )
                        for p, reason in refused
                    )
                )
                box.exec()

        def failed(error: Exception) -> None:
            self._deciding(False)
            show_error(self, error)
            self.reload()

        ids = [row.package.id for row in chosen]
        self._tasks.run(lambda: self._ws.consolidation.accept_many(ids, step), done, failed)

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

    # -- answering ----------------------------------------------------------------------------
    def _decided_chosen(self) -> list[InboxRow]:
        """The chosen packages that a receipt answers (all of them, or none: a receipt is
        written for what the Secretariat decided)."""
        chosen = self.table.chosen_all()
        return chosen if chosen and all(r.package.state in RECEIPTED for r in chosen) else []

    def write_receipt(self) -> None:
        """Ask where, then the passphrase, and write the chosen decided package's receipt (or
        the receipts of several, into one folder)."""
        decided = self._decided_chosen()
        if len(decided) > 1:
            self._write_receipts(decided)
            return
        chosen = decided[0] if decided else None
        if chosen is None:
            return
        package_id = chosen.id
        try:
            name = self._ws.receipts.file_name(package_id)
        except Exception as error:
            show_error(self, error)
            return
        target, _filter = QFileDialog.getSaveFileName(
            self,
            _("Where to write the receipt"),
            name,
            _("Receipts (*.json);;All files (*)"),
        )
        if not target:
            return
        dialog = PassphraseDialog(
            _("Sign the receipt"),
            _(
                "The receipt for submission {n} of {country} is signed with the Secretariat's "
                "key. Type its passphrase."
            ).format(n=chosen.package.sequence, country=chosen.package.country),
            _("Write receipt"),
            lambda passphrase, _new: self._ws.receipts.write(package_id, Path(target), passphrase),
            self._tasks,
            old=True,
            new=False,
            parent=self,
        )
        if not dialog.exec() or not isinstance(dialog.result_value, Path):
            return
        self.said.emit(_("Receipt written: {path}").format(path=dialog.result_value))

    def _write_receipts(self, decided: Sequence[InboxRow]) -> None:
        """Each chosen package's receipt, under its own name, in a folder chosen once, signed
        with the passphrase typed once."""
        folder = QFileDialog.getExistingDirectory(self, _("Where to write the receipts"))
        if not folder:
            return
        ids = [row.id for row in decided]
        dialog = PassphraseDialog(
            _("Sign the receipts"),
            ngettext(
                "The receipt is signed with the Secretariat's key. Type its passphrase.",
                "The {n} receipts are signed with the Secretariat's key. Type its passphrase.",
                len(ids),
            ).format(n=len(ids)),
            _("Write receipts"),
            lambda passphrase, _new: self._ws.receipts.write_many(ids, Path(folder), passphrase),
            self._tasks,
            old=True,
            new=False,
            parent=self,
        )
        if not dialog.exec() or not isinstance(dialog.result_value, list):
            return
        self.said.emit(
            ngettext(
                "{n} receipt written in {path}", "{n} receipts written in {path}", len(ids)
            ).format(n=len(dialog.result_value), path=folder)
        )
