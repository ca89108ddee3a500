""" "Propose a change…": an amendment proposal for the action on show, or under its objective.

The kinds aimed at the action (new wording, a comment) and those aimed at its objective (a new
action, a paragraph) are offered together; the dialog says which of the two the proposal goes
to. It is saved as a draft, which the next submission sends to the Secretariat.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.proposals import (
    KINDS,
    LANGUAGES,
    MAX_JUSTIFICATION,
    MAX_TEXT,
    ON_ACTION,
    Proposal,
    kind_label,
    language_label,
)
from focalpoint.i18n import _
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.feedback import attempt
from focalpoint.ui.widgets.buttons import dialog_buttons
from focalpoint.ui.widgets.labels import wrapped
from focalpoint.ui.widgets.screen_fit import open_size
from focalpoint.ui.widgets.text_area import text_area


class ProposalDialog(QDialog):
    """Write one proposal for ``action_code``; ``saved`` holds it once stored."""

    def __init__(
        self, workspace: Workspace, action_code: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._action = action_code
        self._objective = workspace.proposals.objective_of(action_code)
        self.saved: Proposal | None = None
        self.setWindowTitle(_("Propose a change to action {code}").format(code=action_code))
        open_size(self, 640, 560)

        intro = wrapped(
            _(
                "Your proposal is saved here as a draft and goes to the Secretariat with your "
                "next submission. Its answer comes back with the Secretariat's receipt."
            )
        )
        self.kind = QComboBox()
        for kind in KINDS:
            if kind in ON_ACTION or self._objective:
                self.kind.addItem(kind_label(kind), kind)
        self.kind.currentIndexChanged.connect(lambda _i: self._show_target())
        self.target = QLabel()
        self.target.setWordWrap(True)
        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(language_label(code), code)
        profile = workspace.profile.get()
        if profile is not None:
            self.language.setCurrentIndex(max(0, self.language.findData(profile.language)))
        self.text = text_area()
        self.text.setAccessibleName(_("Proposed text"))
        self.justification = text_area()
        self.justification.setAccessibleName(_("Justification"))
        self.text_count = QLabel()
        self.why_count = QLabel()
        self.text.textChanged.connect(lambda: self._count(self.text, self.text_count, MAX_TEXT))
        self.justification.textChanged.connect(
            lambda: self._count(self.justification, self.why_count, MAX_JUSTIFICATION)
        )

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("&Kind:"), self.kind)
        form.addRow(_("For:"), self.target)
        form.addRow(_("&Language:"), self.language)
        form.addRow(_("Proposed &text:"), self.text)
        form.addRow("", self.text_count)
        form.addRow(_("&Justification:"), self.justification)
        form.addRow("", self.why_count)
        self.buttons = dialog_buttons(self, _("Save the proposal"), self._save)
        self.buttons.button(self.buttons.StandardButton.Ok).setEnabled(not workspace.read_only)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form, 1)
        layout.addWidget(self.buttons)
        self._show_target()
        self._count(self.text, self.text_count, MAX_TEXT)
        self._count(self.justification, self.why_count, MAX_JUSTIFICATION)
        self.text.setFocus()

    @property
    def chosen_kind(self) -> str:
        return str(self.kind.currentData())

    @property
    def target_code(self) -> str:
        if self.chosen_kind in ON_ACTION or not self._objective:
            return self._action
        return self._objective

    def _show_target(self) -> None:
        if self.chosen_kind in ON_ACTION:
            self.target.setText(_("Action {code}").format(code=self._action))
        else:
            self.target.setText(
                _("Objective {code}, beside action {action}").format(
                    code=self._objective, action=self._action
                )
            )

    @staticmethod
    def _count(field: QPlainTextEdit, label: QLabel, limit: int) -> None:
        n = len(field.toPlainText().strip())
        label.setText(_("{n} of {max} characters").format(n=n, max=limit))
        label.setStyleSheet("color:#b00020" if n > limit else "color:#555")

    def _save(self) -> None:
        saved = attempt(
            self,
            lambda: self._ws.proposals.add(
                self.target_code,
                self.text.toPlainText(),
                self.justification.toPlainText(),
                str(self.language.currentData()),
                self.chosen_kind,
            ),
        )
        if saved is not None:
            self.saved = saved
            self.accept()
