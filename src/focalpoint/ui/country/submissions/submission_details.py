"""Everything recorded about one submission, from File → Submissions → Details…"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from focalpoint.domain.evidence import describe_size
from focalpoint.domain.submissions import ReceiptRecord, Submission, state_label
from focalpoint.i18n import _, format_timestamp
from focalpoint.ui.country.submissions.record_counts import contents_text
from focalpoint.ui.widgets.labels import mono_font, selectable, wrapped
from focalpoint.ui.widgets.screen_fit import open_size, scroll_when_short

# A return's reason is cut to this many characters in the list; the tooltip has all of it.
SHORT_REASON = 60


def state_tip(row: Submission) -> str:
    """The state, since when, and the note that came with it (why it was returned)."""
    tip = _("{state} on {when}").format(
        state=state_label(row.state), when=format_timestamp(row.state_at)
    )
    if row.state_note:
        tip += "\n" + row.state_note
    return tip


def answer_text(receipt: ReceiptRecord | None) -> str:
    """A receipt in one short line: accepted, or returned and why (cut short)."""
    if receipt is None:
        return _("no receipt yet")
    if receipt.decision == "accepted":
        return _("accepted on {when}").format(when=format_timestamp(receipt.decided_at))
    reason = " ".join(receipt.reason.split())
    if len(reason) > SHORT_REASON:
        reason = reason[: SHORT_REASON - 1] + "…"
    return _("returned: {reason}").format(reason=reason)


def answer_tip(receipt: ReceiptRecord | None) -> str:
    if receipt is None:
        return _("No receipt from the Secretariat has been imported for this submission.")
    when = format_timestamp(receipt.decided_at)
    if receipt.decision == "accepted":
        tip = _("Accepted by the Secretariat on {when} (signed receipt).").format(when=when)
    else:
        tip = _("Returned by the Secretariat on {when} (signed receipt).").format(when=when)
    return tip + ("\n" + receipt.reason if receipt.reason else "")


class SubmissionDetails(QDialog):
    """Everything recorded about one submission, selectable for copying into an e-mail."""

    def __init__(
        self,
        row: Submission,
        kept: Path,
        parent: QWidget | None = None,
        receipt: ReceiptRecord | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Submission {n}").format(n=row.sequence))
        self.setMinimumWidth(640)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        mono = mono_font(self.font().pointSize())
        facts: list[tuple[str, str, bool]] = [
            (_("Number"), str(row.sequence), False),
            (_("Signed on"), format_timestamp(row.created_at), False),
            (_("Signed by"), row.created_by or "—", False),
            (_("State"), state_tip(row), False),
            (_("Secretariat's answer"), answer_tip(receipt), False),
            (_("Plan"), f"{row.plan_code} {row.plan_version}", False),
            (_("Contents"), contents_text(row.counts), False),
            (_("Key fingerprint"), row.fingerprint, True),
            (_("File"), row.file_name, False),
            (_("Size"), describe_size(row.size), False),
            (_("SHA-256"), row.sha256, True),
        ]
        if row.encrypted_name:
            facts += [
                (_("Encrypted file"), row.encrypted_name, False),
                (_("SHA-256 of the encrypted file"), row.encrypted_sha256, True),
            ]
        facts.append((_("Kept in"), str(kept.parent), False))
        for label, value, is_mono in facts:
            field = selectable(wrapped(value))
            if is_mono:
                field.setFont(mono)
            form.addRow(label, field)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        # On a short screen (text at 200%) the facts scroll; squeezed, they would lose the
        # bottom of each line.
        facts_box = QWidget()
        facts_box.setLayout(form)
        scroll_when_short(facts_box)
        layout = QVBoxLayout(self)
        layout.addWidget(facts_box, 1)
        layout.addWidget(buttons)
        open_size(self, 760, facts_box.sizeHint().height() + buttons.sizeHint().height() + 40)
