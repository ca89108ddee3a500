"""File → Import a receipt: the Secretariat's answer to a submission, checked and taken in.

The result says which submission it answers and what the Secretariat decided (with its reason,
when it returned it); a refused file says why, and nothing changes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from focalpoint.domain.proposals import kind_label
from focalpoint.domain.proposals import state_label as proposal_state
from focalpoint.domain.submissions import state_label
from focalpoint.i18n import _, format_timestamp, ngettext
from focalpoint.services.country.secretariat import ReceiptImported
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.submissions.suggested_paths import default_folder
from focalpoint.ui.feedback import attempt


def choose_receipt(parent: QWidget) -> Path | None:
    chosen, _filter = QFileDialog.getOpenFileName(
        parent,
        _("Import a receipt from the Secretariat"),
        str(default_folder()),
        _("Receipts (*.json);;All files (*)"),
    )
    return Path(chosen) if chosen else None


def import_receipt(
    workspace: Workspace, parent: QWidget, path: Path | None = None
) -> ReceiptImported | None:
    """Take in the receipt at ``path`` (asked for when None); says what it did, or why not."""
    if path is None:
        path = choose_receipt(parent)
        if path is None:
            return None
    target = path
    done = attempt(parent, lambda: workspace.secretariat.import_receipt(target))
    if done is not None:
        result_box(done, parent).exec()
    return done


def result_text(done: ReceiptImported) -> str:
    row, receipt = done.submission, done.receipt
    when = format_timestamp(receipt.decided_at)
    if receipt.decision == "accepted":
        text = _("The Secretariat accepted submission {n} ({file}) on {when}.").format(
            n=row.sequence, file=row.file_name, when=when
        )
    else:
        text = _("The Secretariat returned submission {n} ({file}) on {when}.").format(
            n=row.sequence, file=row.file_name, when=when
        )
    if receipt.reason:
        text += "\n\n" + _("Reason: {reason}").format(reason=receipt.reason)
    if done.answered:
        lines = [
            f"• {p.target_code} ({kind_label(p.kind)}): {proposal_state(p.state)}"
            + (f" {p.state_version}" if p.state_version else "")
            + (f": {p.state_reason}" if p.state_reason else "")
            for p in done.answered[:10]
        ]
        if len(done.answered) > 10:
            lines.append("…")
        text += "\n\n" + ngettext(
            "It answers {n} of your amendment proposals (File → Amendment proposals…):",
            "It answers {n} of your amendment proposals (File → Amendment proposals…):",
            len(done.answered),
        ).format(n=len(done.answered))
        text += "\n" + "\n".join(lines)
    if done.already:
        text += "\n\n" + _(
            "This receipt was taken in before; submission {n} stays {state}."
        ).format(n=row.sequence, state=state_label(row.state))
    return text


def result_box(done: ReceiptImported, parent: QWidget | None) -> QMessageBox:
    accepted = done.receipt.decision == "accepted"
    box = QMessageBox(
        QMessageBox.Icon.Information if accepted else QMessageBox.Icon.Warning,
        _("Receipt from the Secretariat"),
        result_text(done),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.button(QMessageBox.StandardButton.Ok).setText(_("Close"))
    return box
