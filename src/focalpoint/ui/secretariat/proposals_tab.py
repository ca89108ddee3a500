"""The Proposals tab: every country's amendment proposals side by side per action (sorted by the
action's code, one row per country's proposal), their state, the chosen one in full, and the
buttons that answer it: incorporated (into which plan version), declined (why) or under
discussion. The answers travel back in each country's next receipt."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.proposals import (
    RegionalProposal,
    kind_label,
    language_label,
    state_label,
)
from focalpoint.i18n import N_, _, format_timestamp, ngettext
from focalpoint.services.secretariat.proposals import ProposalGroup
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from focalpoint.ui.feedback import attempt
from focalpoint.ui.secretariat.inbox_details import country_name
from focalpoint.ui.widgets.buttons import dialog_buttons
from focalpoint.ui.widgets.labels import wrapped
from focalpoint.ui.widgets.record_table import RecordTable
from focalpoint.ui.widgets.table_model import AnyIndex, RowTableModel
from focalpoint.ui.widgets.text_area import text_area

_COLOURS = {"incorporated": "#1b5e20", "declined": "#b00020", "discussion": "#8a5a00"}
# The state filter: what the Secretariat looks for (None: every proposal).
_FILTERS = (
    (N_("Every proposal"), None),
    (N_("Not answered yet"), "submitted"),
    (N_("Under discussion"), "discussion"),
    (N_("Incorporated"), "incorporated"),
    (N_("Declined"), "declined"),
)


class Row:
    """A proposal with its target's title, as one row of the table."""

    def __init__(self, proposal: RegionalProposal, title: str, first: bool) -> None:
        self.proposal = proposal
        self.title = title
        self.first = first  # the first row of its action: the code and title are shown there

    @property
    def id(self) -> str:
        return f"{self.proposal.country}:{self.proposal.proposal_id}"


def answer_text(p: RegionalProposal) -> str:
    if p.state == "incorporated":
        return _("Incorporated in version {v}").format(v=p.state_version)
    if p.state == "declined":
        return _("Declined: {reason}").format(reason=" ".join(p.state_reason.split()))
    if p.state == "discussion":
        return _("Under discussion") + (f": {p.state_reason}" if p.state_reason else "")
    return _("Not answered yet")


class ProposalsModel(RowTableModel[Row]):
    COLUMNS = (N_("For"), N_("Country"), N_("Kind"), N_("Proposal"), N_("State"))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.record(index.row()) if index.isValid() else None
        if row is None:
            return None
        p, column = row.proposal, index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:  # the action once, then its other countries' proposals under it
                return f"{p.target_code}  {row.title}" if row.first else ""
            return (
                "",
                country_name(p.country),
                kind_label(p.kind),
                " ".join(p.text.split())[:200],
                answer_text(p)[:120],
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                f"{p.target_code} {row.title}",
                p.short_id,
                language_label(p.language),
                p.text[:1000],
                answer_text(p)[:1000],
            )[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == 4 and p.state in _COLOURS:
            return QBrush(QColor(_COLOURS[p.state]))
        return None


class ProposalsTab(QWidget):
    answered = Signal()  # an answer was given or changed

    def __init__(self, workspace: SecretariatWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._loaded = False
        intro = wrapped(
            _(
                "The countries' proposals to amend the plan, side by side per action. Answer "
                "each one; the answer goes back to the country with its next receipt."
            )
        )
        self.filter = QComboBox()
        self.filter.setAccessibleName(_("Show"))
        for label, state in _FILTERS:
            self.filter.addItem(_(label), state)
        self.filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.count = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Show:")))
        top.addWidget(self.filter)
        top.addWidget(self.count, 1)

        self.model = ProposalsModel(self)
        self.table = RecordTable(self.model, _("Amendment proposals"))
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.stretch_first([(1, 130), (2, 120), (3, 320), (4, 200)])
        self.details = QTextBrowser()
        self.details.setAccessibleName(_("The chosen proposal"))
        self.incorporate = QPushButton(_("Incorporated…"))
        self.incorporate.clicked.connect(lambda: self.ask("incorporated"))
        self.decline = QPushButton(_("Declined…"))
        self.decline.clicked.connect(lambda: self.ask("declined"))
        self.discuss = QPushButton(_("Under discussion…"))
        self.discuss.clicked.connect(lambda: self.ask("discussion"))
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(_("Answer:")))
        for button in (self.incorporate, self.decline, self.discuss):
            buttons.addWidget(button)
        buttons.addStretch(1)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.details, 1)
        side_layout.addLayout(buttons)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_chosen())
        self._show_chosen()

    def showEvent(self, event: QShowEvent) -> None:
        if not self._loaded:  # read when first shown, then after each change
            self.reload()
        super().showEvent(event)

    def follow(self) -> None:
        """Packages came in: their proposals with them (read now if on show, else when shown)."""
        if self.isVisible():
            self.reload()
        else:
            self._loaded = False

    def reload(self) -> None:
        chosen = self.table.chosen()
        groups: list[ProposalGroup] = attempt(self, self._ws.proposals.by_target) or []
        wanted = self.filter.currentData()
        rows: list[Row] = []
        for group in groups:
            shown = [p for p in group.proposals if wanted in (None, p.state)]
            rows += [Row(p, group.target_title, n == 0) for n, p in enumerate(shown)]
        self.model.set_rows(rows)
        self._loaded = True
        waiting = sum(1 for g in groups for p in g.proposals if p.state == "submitted")
        total = sum(len(g.proposals) for g in groups)
        self.count.setText(
            ngettext(
                "{n} proposal from the countries, {waiting} not answered yet.",
                "{n} proposals from the countries, {waiting} not answered yet.",
                total,
            ).format(n=total, waiting=waiting)
        )
        if chosen is not None and self.model.row_of(chosen.id) >= 0:
            self.table.choose(chosen.id)
        elif rows:
            self.table.selectRow(0)
        self._show_chosen()

    def chosen(self) -> RegionalProposal | None:
        row = self.table.chosen()
        return row.proposal if row is not None else None

    def _show_chosen(self) -> None:
        row = self.table.chosen()
        for button in (self.incorporate, self.decline, self.discuss):
            button.setEnabled(row is not None)
        if row is None:
            self.details.setHtml(
                "<p style='color:#555'>"
                + escape(_("No proposal received yet, or none in this state."))
                + "</p>"
            )
            return
        self.details.setHtml(details_html(row.proposal, row.title))

    def ask(self, state: str) -> AnswerDialog | None:
        """The answer's dialog for the chosen proposal (returned open, for tests)."""
        p = self.chosen()
        if p is None:
            return None
        dialog = AnswerDialog(self, p, state)
        dialog.open()
        return dialog

    def answer(self, state: str, reason: str = "", version: str = "") -> bool:
        """Give the chosen proposal this answer; False (with the reason shown) if refused."""
        p = self.chosen()
        if p is None:
            return False
        done = attempt(self, lambda: self._ws.proposals.mark(p.short_id, state, reason, version))
        if done is None:
            return False
        self.reload()
        self.answered.emit()
        return True


class AnswerDialog(QDialog):
    """One answer: the plan version it went into, or why it is declined, or a note while under
    discussion; the service refuses what is missing, and the dialog stays open."""

    def __init__(self, tab: ProposalsTab, proposal: RegionalProposal, state: str) -> None:
        super().__init__(tab)
        self._tab = tab
        self.state = state
        titles = {
            "incorporated": _("Incorporated into the plan"),
            "declined": _("Declined"),
            "discussion": _("Under discussion"),
        }
        self.setWindowTitle(titles[state])
        self.setMinimumWidth(520)
        about = wrapped(
            _("{id} from {country} for {code}: {kind}.").format(
                id=proposal.short_id,
                country=country_name(proposal.country),
                code=proposal.target_code,
                kind=kind_label(proposal.kind),
            )
        )
        self.version = QLineEdit(proposal.state_version)
        self.version.setPlaceholderText(_("such as 1.1"))
        self.reason = text_area(proposal.state_reason if proposal.state == state else "")
        self.reason.setAccessibleName(_("Reason"))
        form = QFormLayout()
        if state == "incorporated":
            form.addRow(_("Into plan &version:"), self.version)
        else:
            label = _("&Why:") if state == "declined" else _("&Note (optional):")
            form.addRow(label, self.reason)
        self.buttons = dialog_buttons(self, _("Answer"), self._save)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _save(self) -> None:
        if self._tab.answer(self.state, self.reason.toPlainText(), self.version.text()):
            self.accept()


def details_html(p: RegionalProposal, title: str) -> str:
    facts = [
        (_("Proposal"), p.short_id),
        (_("Country"), country_name(p.country)),
        (_("For"), f"{p.target_code} {title}".strip()),
        (_("Kind"), kind_label(p.kind)),
        (_("Language"), language_label(p.language)),
        (_("Proposed"), f"{format_timestamp(p.proposed_at)} · {p.proposed_by}"),
        (_("State"), state_label(p.state)),
    ]
    if p.state_at:
        facts.append((_("Answered"), f"{format_timestamp(p.state_at)} · {p.state_by or ''}"))
    rows = "".join(
        f"<tr><td style='color:#555;padding-right:12px'>{escape(k)}</td><td>{escape(v)}</td></tr>"
        for k, v in facts
    )
    parts = [f"<table>{rows}</table>"]
    if p.state != "submitted":
        parts.append(f"<h4>{escape(_('Answer'))}</h4><p>{_lines(answer_text(p))}</p>")
    parts.append(f"<h4>{escape(_('Proposed text'))}</h4><p>{_lines(p.text)}</p>")
    parts.append(f"<h4>{escape(_('Justification'))}</h4><p>{_lines(p.justification)}</p>")
    return "".join(parts)


def _lines(text: str) -> str:
    return escape(text).replace("\n", "<br>")
