"""File → Amendment proposals…: every proposal the country wrote, its state and the
Secretariat's answer, and the chosen one in full; a draft can still be deleted."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.proposals import Proposal, kind_label, language_label, short_id, state_label
from focalpoint.i18n import N_, _, format_timestamp, ngettext
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.feedback import attempt, confirm
from focalpoint.ui.widgets.labels import wrapped
from focalpoint.ui.widgets.record_table import RecordTable
from focalpoint.ui.widgets.screen_fit import open_size
from focalpoint.ui.widgets.table_model import AnyIndex, RowTableModel

# The colour of each state in the list: an answer stands out from what waits for one.
_COLOURS = {"incorporated": "#1b5e20", "declined": "#b00020", "discussion": "#8a5a00"}


def answer_text(p: Proposal) -> str:
    """The Secretariat's answer in one line ("" while there is none)."""
    if p.state == "incorporated":
        return _("Incorporated in plan version {v}").format(v=p.state_version)
    if p.state == "declined":
        return _("Declined: {reason}").format(reason=p.state_reason)
    if p.state == "discussion":
        return p.state_reason or _("Under discussion")
    return ""


class ProposalTableModel(RowTableModel[Proposal]):
    COLUMNS = (N_("Proposal"), N_("For"), N_("Kind"), N_("State"), N_("Answer"))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        p = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (
                " ".join(p.text.split())[:200],
                p.target_code,
                kind_label(p.kind),
                state_label(p.state),
                " ".join(answer_text(p).split())[:200],
            )[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and p.state in _COLOURS:
            from PySide6.QtGui import QColor

            return QColor(_COLOURS[p.state])
        return None


class ProposalsDialog(QDialog):
    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        profile = workspace.profile.get()
        self._country = profile.country if profile else "--"
        self.setWindowTitle(_("Amendment proposals"))
        open_size(self, 900, 600)
        intro = wrapped(
            _(
                "Your proposals to amend the plan. Drafts go to the Secretariat with your next "
                "submission; its answers come back with its receipts (File → Import a receipt…). "
                "To write one, choose an action in the plan and click “Propose a change…”."
            )
        )
        self.model = ProposalTableModel(self)
        self.table = RecordTable(self.model, _("Amendment proposals"))
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.stretch_first([(1, 60), (2, 110), (3, 150), (4, 180)])
        self.details = QTextBrowser()
        self.details.setAccessibleName(_("The chosen proposal"))
        self.details.setOpenLinks(False)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.count = QLabel()
        self.delete = QPushButton(_("Delete draft"))
        self.delete.clicked.connect(self.delete_selected)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.count, 1)
        row.addWidget(self.delete)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(split, 1)
        layout.addLayout(row)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_chosen())
        self.reload()

    def reload(self) -> None:
        rows = self._ws.proposals.all()
        self.model.set_rows(rows)
        drafts = sum(1 for p in rows if p.draft)
        answered = sum(1 for p in rows if p.answered_at)
        self.count.setText(
            ngettext(
                "{n} proposal: {drafts} not sent yet, {answered} answered.",
                "{n} proposals: {drafts} not sent yet, {answered} answered.",
                len(rows),
            ).format(n=len(rows), drafts=drafts, answered=answered)
        )
        if rows:
            self.table.selectRow(0)
        self._show_chosen()

    def _show_chosen(self) -> None:
        p = self.table.chosen()
        self.delete.setEnabled(p is not None and p.draft and not self._ws.read_only)
        if p is None:
            self.details.setHtml(
                "<p style='color:#555'>" + escape(_("No proposal written yet.")) + "</p>"
            )
            return
        self.details.setHtml(details_html(self._country, p))

    def delete_selected(self) -> None:
        p = self.table.chosen()
        if p is None or not p.draft:
            return
        question = _("Delete this draft proposal for {code}? It has not been sent.").format(
            code=p.target_code
        )
        if not confirm(self, question, _("Delete"), risky=True):
            return
        if attempt(self, lambda: self._ws.proposals.delete(p.id)) is not None:
            self.reload()
            self.changed.emit()


def proposal_lines(found: list[Proposal]) -> str:
    """The action panel's lines: each proposal for the action, its kind, state and answer."""
    if not found:
        return "<span style='color:#555'>" + escape(_("No proposal written yet.")) + "</span>"
    lines = []
    for p in found:
        colour = _COLOURS.get(p.state, "#555")
        answer = answer_text(p)
        shown = " ".join(p.text.split())
        shown = shown if len(shown) <= 80 else shown[:79] + "…"
        lines.append(
            f"{escape(kind_label(p.kind))}: “{escape(shown)}” "
            f"<span style='color:{colour}'>({escape(answer or state_label(p.state))})</span>"
        )
    return "<br>".join(lines)


def details_html(country: str, p: Proposal) -> str:
    """One proposal in full: what, for what, why, and the answer."""
    facts = [
        (_("Proposal"), short_id(country, p.id)),
        (_("For"), p.target_code),
        (_("Kind"), kind_label(p.kind)),
        (_("Language"), language_label(p.language)),
        (_("Written"), f"{format_timestamp(p.created_at)} · {p.created_by}"),
        (_("State"), state_label(p.state)),
    ]
    if p.answered_at:
        facts.append((_("Answered"), format_timestamp(p.answered_at)))
    rows = "".join(
        f"<tr><td style='color:#555;padding-right:12px'>{escape(k)}</td><td>{escape(v)}</td></tr>"
        for k, v in facts
    )
    parts = [f"<table>{rows}</table>"]
    answer = answer_text(p)
    if answer:
        parts.append(
            f"<h4>{escape(_('The Secretariat’s answer'))}</h4><p>{_paragraphs(answer)}</p>"
        )
    parts.append(f"<h4>{escape(_('Proposed text'))}</h4><p>{_paragraphs(p.text)}</p>")
    parts.append(f"<h4>{escape(_('Justification'))}</h4><p>{_paragraphs(p.justification)}</p>")
    return "".join(parts)


def _paragraphs(text: str) -> str:
    return escape(text).replace("\n", "<br>")
