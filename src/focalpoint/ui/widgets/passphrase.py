"""Passphrase fields and the small dialog that asks for them, wherever a signing key is made,
unlocked or given a new passphrase."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from focalpoint.i18n import _
from focalpoint.package.keys import MIN_PASSPHRASE
from focalpoint.ui.feedback import error_label, hide_when_edited, show_error
from focalpoint.ui.tasks import TaskRunner
from focalpoint.ui.widgets.labels import wrapped


def passphrase_rule() -> str:
    """The rule shown under a new passphrase, in the interface language."""
    return _(
        "At least {n} characters. Nobody can recover a forgotten passphrase: if it is lost, "
        "the key has to be replaced."
    ).format(n=MIN_PASSPHRASE)


class PassphraseFields(QWidget):
    """Masked passphrase fields with a “show” toggle: the old one (to change it), the new one
    twice (to create a key or change the passphrase), or just the one (to sign)."""

    changed = Signal()

    def __init__(self, old: bool = False, new: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.old = QLineEdit() if old else None
        self.new = QLineEdit() if new else None
        self.repeat = QLineEdit() if new else None
        self.rule = wrapped(passphrase_rule()) if new else None
        self.show_box = QCheckBox(_("Show the passphrase"))
        self.show_box.toggled.connect(self._show)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        rows: list[tuple[str, QLineEdit | None]] = [
            (_("Current passphrase") if new else _("Passphrase"), self.old),
            (_("New passphrase") if old else _("Passphrase"), self.new),
            (_("Repeat it"), self.repeat),
        ]
        for text, field in rows:
            if field is None:
                continue
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setMinimumWidth(260)
            field.setAccessibleName(text)
            field.textChanged.connect(self.changed)
            form.addRow(text, field)
        if self.rule is not None:
            form.addRow("", self.rule)
        form.addRow("", self.show_box)

    def fields(self) -> list[QLineEdit]:
        return [f for f in (self.old, self.new, self.repeat) if f is not None]

    def _show(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        for field in self.fields():
            field.setEchoMode(mode)

    def old_text(self) -> str:
        return self.old.text() if self.old is not None else ""

    def new_text(self) -> str:
        return self.new.text() if self.new is not None else ""

    def problem(self) -> str:
        """Why the new passphrase cannot be used yet ("" when it can)."""
        if self.old is not None and not self.old.text():
            return _("Type the current passphrase.") if self.new else _("Type the passphrase.")
        if self.new is None or self.repeat is None:
            return ""
        if len(self.new.text()) < MIN_PASSPHRASE:
            return _("Choose a passphrase of at least {n} characters.").format(n=MIN_PASSPHRASE)
        if self.new.text() != self.repeat.text():
            return _("The two passphrases are not the same. Type them again.")
        return ""

    def clear(self) -> None:
        for field in self.fields():
            field.clear()

    def focus(self) -> None:
        fields = self.fields()
        if fields:
            fields[0].setFocus()


class PassphraseDialog(QDialog):
    """Asks for a passphrase (or two) and runs the key work in the background.

    A refusal (a wrong current passphrase) is shown in a message box and the dialog stays open,
    with nothing changed.
    """

    def __init__(
        self,
        title: str,
        intro: str,
        ok_label: str,
        work: Callable[[str, str], Any],
        tasks: TaskRunner,
        old: bool = False,
        parent: QWidget | None = None,
        new: bool = True,
    ) -> None:
        super().__init__(parent)
        self._work = work
        self._tasks = tasks
        self.result_value: Any = None
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.intro = wrapped(intro)
        self.fields = PassphraseFields(old=old, new=new)  # old alone: the key's, to sign
        self.error = error_label()
        self.fields.changed.connect(self.error.hide)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton(ok_label, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(6)
        layout.addWidget(self.fields)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.fields.focus()
        hide_when_edited(self.error, self)

    def submit(self) -> None:
        problem = self.fields.problem()
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        self.setEnabled(False)
        old, new = self.fields.old_text(), self.fields.new_text()

        def done(value: Any) -> None:
            self.setEnabled(True)
            self.result_value = value
            self.accept()

        def failed(error: Exception) -> None:
            self.setEnabled(True)
            show_error(self, error)
            if self.fields.old is not None:
                self.fields.old.selectAll()
                self.fields.old.setFocus()

        self._tasks.run(lambda: self._work(old, new), done, failed)
