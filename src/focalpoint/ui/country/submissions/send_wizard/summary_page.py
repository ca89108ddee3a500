"""Page 1 of sending: the submission's number, what it carries, what changed, what to look at."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from focalpoint.domain.evidence import describe_size
from focalpoint.domain.history import Change, change_sentence
from focalpoint.i18n import _, format_timestamp, ngettext
from focalpoint.services.country.submission_preview import Preview
from focalpoint.ui.country.submissions.colours import BAD, WARNING
from focalpoint.ui.country.submissions.record_counts import kinds_text
from focalpoint.ui.feedback import show_error
from focalpoint.ui.widgets.labels import selectable, wrapped

if TYPE_CHECKING:
    from focalpoint.ui.country.submissions.send_wizard.wizard import SubmissionWizard

# The list of changes shows this many; the package carries them all.
MAX_LISTED = 1000


@dataclass(frozen=True)
class Look:
    """What the first page shows, read off the window's thread."""

    preview: Preview
    sentences: tuple[tuple[str, str], ...]  # (the change as a sentence, when and who)


def change_sentences(changes: tuple[Change, ...]) -> list[tuple[str, str]]:
    """Each change as a sentence that names its record, with when and who for a tooltip."""
    return [
        (
            change_sentence(change),
            _("{when}, {who}").format(
                when=format_timestamp(change.entry.at), who=change.entry.actor or "—"
            ),
        )
        for change in changes[:MAX_LISTED]
    ]


def _icon_line(icon: QStyle.StandardPixmap, text: str, colour: str = "") -> QWidget:
    line = QWidget()
    row = QHBoxLayout(line)
    row.setContentsMargins(0, 0, 0, 0)
    picture = QLabel()
    picture.setPixmap(line.style().standardIcon(icon).pixmap(18, 18))
    picture.setAlignment(Qt.AlignmentFlag.AlignTop)
    words = wrapped(text)
    if colour:
        words.setStyleSheet(f"color: {colour};")
    row.addWidget(picture)
    row.addWidget(words, 1)
    return line


def _clear(layout: QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()


class SummaryPage(QWizardPage):
    """Page 1: the submission's number, what it carries, what changed, what to look at."""

    loaded = Signal()

    def __init__(self, wizard: SubmissionWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.look: Look | None = None
        self.setTitle(_("What will be sent"))
        self.state = wrapped(_("Reading the workspace…"))
        self.counts = QFormLayout()
        self.counts.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.since = wrapped()
        self.since.setTextFormat(Qt.TextFormat.PlainText)
        self.toggle = QToolButton()
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.toggled.connect(self._show_changes)
        self.changes = QListWidget()
        self.changes.setAccessibleName(_("Changes"))
        self.changes.setWordWrap(True)
        self.changes.setAlternatingRowColors(True)
        self.changes.hide()
        self.notes = QVBoxLayout()
        self.notes.setSpacing(4)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addLayout(self.counts)
        layout.addSpacing(6)
        layout.addLayout(self.notes)
        layout.addSpacing(6)
        layout.addWidget(self.since)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.changes, 1)
        layout.addStretch(0)
        self.toggle.hide()

    def initializePage(self) -> None:
        if self.look is None:
            self.load()

    def load(self) -> None:
        ws = self._wizard.workspace

        def work() -> Look:
            preview = ws.submissions.preview()
            return Look(preview, tuple(change_sentences(preview.changes)))

        def failed(error: Exception) -> None:
            self.state.setText(_("The workspace could not be read."))
            show_error(self, error)

        self._wizard.tasks.run(work, self.show_look, failed)

    def show_look(self, look: Look) -> None:
        self.look = look
        preview = look.preview
        self.setSubTitle(
            _("Submission {n} to the Technical Secretariat of the RCM.").format(n=preview.sequence)
        )
        self.state.setText(_("The package will carry:"))
        counts = preview.counts
        while self.counts.rowCount():
            self.counts.removeRow(0)
        attachments = counts["attachments"]
        rows = (
            (
                _("Actions of the plan"),
                _("with a responsible entity: {assigned} of {total}").format(
                    assigned=counts["actions_assigned"], total=counts["actions"]
                ),
            ),
            (_("National entities"), str(counts["entities"])),
            (
                _("Practices"),
                ngettext(
                    "{n} ({drafts} still a draft)",
                    "{n} ({drafts} still drafts)",
                    counts["practices_draft"],
                ).format(n=counts["practices"], drafts=counts["practices_draft"])
                if counts["practices_draft"]
                else str(counts["practices"]),
            ),
            (
                _("Evidence files"),
                _("{n} ({size})").format(
                    n=attachments, size=describe_size(counts["attachment_bytes"])
                )
                if attachments
                else "0",
            ),
            (_("Organisations"), str(counts["organisations"])),
            (_("Services"), str(counts["services"])),
            # The proposals not sent yet: this package carries them (0 in an older preview).
            (_("Amendment proposals"), str(counts.get("proposals", 0))),
        )
        for label, value in rows:
            self.counts.addRow(label, selectable(QLabel(value)))

        changed = kinds_text(preview.changes_by_kind())
        if preview.last is None:
            since = _("This is the first submission: everything is new.")
        elif changed:
            since = _("Changed since submission {n} of {date}: {what}.").format(
                n=preview.last.sequence,
                date=format_timestamp(preview.last.created_at),
                what=changed,
            )
        else:
            since = _("Nothing has changed since submission {n} of {date}.").format(
                n=preview.last.sequence, date=format_timestamp(preview.last.created_at)
            )
        if preview.last is None and changed:
            since += " " + _("Recorded so far: {what}.").format(what=changed)
        self.since.setText(since)
        self.changes.clear()
        for sentence, when in look.sentences:
            item = QListWidgetItem(sentence)
            item.setToolTip(when)
            self.changes.addItem(item)
        hidden = len(preview.changes) - len(look.sentences)
        if hidden > 0:
            more = QListWidgetItem(
                ngettext("…and {n} more change.", "…and {n} more changes.", hidden).format(n=hidden)
            )
            more.setFlags(Qt.ItemFlag.NoItemFlags)
            self.changes.addItem(more)
        self._toggle_text()
        self.toggle.setVisible(bool(preview.changes))

        _clear(self.notes)
        warning = QStyle.StandardPixmap.SP_MessageBoxWarning
        for text in preview.warnings:
            self.notes.addWidget(_icon_line(warning, text, WARNING))
        if not preview.has_key:
            self.notes.addWidget(
                _icon_line(
                    QStyle.StandardPixmap.SP_MessageBoxInformation,
                    _("This workspace has no signing key yet: you will create one before signing."),
                )
            )
        for text in preview.blocking:
            self.notes.addWidget(_icon_line(QStyle.StandardPixmap.SP_MessageBoxCritical, text, BAD))
        if preview.blocking:
            self.notes.addWidget(
                wrapped(_("This must be put right before the submission can be signed."))
            )
        self.completeChanged.emit()
        self.loaded.emit()

    def _show_changes(self, shown: bool) -> None:
        self.changes.setVisible(shown)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self._toggle_text()

    def _toggle_text(self) -> None:
        total = len(self.look.preview.changes) if self.look else 0
        if self.toggle.isChecked():
            text = ngettext("Hide the change", "Hide the {n} changes", total)
        else:
            text = ngettext("Show the change", "Show the {n} changes", total)
        self.toggle.setText(text.format(n=total))

    def isComplete(self) -> bool:
        return self.look is not None and not self.look.preview.blocking
