"""The signing key: see its fingerprint, create it, change its passphrase, replace it, export it.

The fingerprint is what the Secretariat reads back by phone before it registers the key, so it
is shown large, monospaced and selectable.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from focalpoint.i18n import _, format_timestamp
from focalpoint.package.keys import MIN_PASSPHRASE
from focalpoint.services.country.signing_keys import KeyInfo
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.feedback import confirm, error_label, show_error
from focalpoint.ui.tasks import TaskRunner


def default_folder() -> Path:
    """Where a file the user takes away goes first: their Documents folder, else home."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def fingerprint_font(points: int = 20) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(points)
    font.setBold(True)
    return font


def fingerprint_label(text: str = "", points: int = 20) -> QLabel:
    """A fingerprint to read aloud: large, monospaced, selectable with mouse and keyboard."""
    label = QLabel(text)
    label.setFont(fingerprint_font(points))
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    label.setAccessibleName(_("Key fingerprint"))
    return label


def selectable(label: QLabel) -> QLabel:
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    return label


def wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def short_fingerprint(fingerprint: str) -> str:
    """The first two groups, enough to tell one key's files from another's."""
    return "-".join(fingerprint.split("-")[:2])


def safe_name(text: str) -> str:
    """A file name piece without characters that some systems refuse."""
    return re.sub(r'[\\/:*?"<>|]+', "-", text).strip() or "FocalPoint"


def passphrase_rule() -> str:
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
            return _("Type the current passphrase.")
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
    ) -> None:
        super().__init__(parent)
        self._work = work
        self._tasks = tasks
        self.result_value: Any = None
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.intro = wrapped(intro)
        self.fields = PassphraseFields(old=old)
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


class KeyDialog(QDialog):
    """Settings → Signing key: the key and everything one does with it."""

    key_changed = Signal()

    def __init__(
        self, workspace: Workspace, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._tasks = tasks
        self.setWindowTitle(_("Signing key"))
        self.setMinimumWidth(640)

        intro = wrapped(
            _(
                "Every submission to the Technical Secretariat is signed with this key, so that "
                "the Secretariat can tell that it comes from you and was not changed on the way. "
                "The Secretariat registers the key's fingerprint once."
            )
        )
        self.state = wrapped()
        self.fingerprint = fingerprint_label()
        self.created = selectable(wrapped())
        self.reminder = wrapped(
            _(
                "Send the registration sheet to the Secretariat by a channel other than the one "
                "you use for submissions, or read this fingerprint to them by phone."
            )
        )
        self.reminder.setStyleSheet("color: palette(placeholder-text);")
        self.earlier_title = QLabel(_("Earlier keys (replaced, kept on record):"))
        self.earlier = selectable(QLabel())
        self.earlier.setFont(fingerprint_font(11))
        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card_layout = QVBoxLayout(card)
        for widget in (self.state, self.fingerprint, self.created, self.reminder):
            card_layout.addWidget(widget)

        self.create_button = QPushButton(_("Create key…"))
        self.create_button.clicked.connect(lambda: self.create_key())
        self.change_button = QPushButton(_("Change passphrase…"))
        self.change_button.clicked.connect(lambda: self.change_passphrase())
        self.replace_button = QPushButton(_("Replace key…"))
        self.replace_button.clicked.connect(lambda: self.replace_key())
        self.export_button = QPushButton(_("Export public key…"))
        self.export_button.clicked.connect(lambda: self.export_public())
        self.sheet_button = QPushButton(_("Save registration sheet…"))
        self.sheet_button.clicked.connect(lambda: self.save_sheet())
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        self.message = selectable(wrapped())

        key_row = QHBoxLayout()
        for button in (self.create_button, self.change_button, self.replace_button):
            key_row.addWidget(button)
        key_row.addStretch(1)
        file_row = QHBoxLayout()
        for button in (self.export_button, self.sheet_button):
            file_row.addWidget(button)
        file_row.addStretch(1)
        file_row.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(card)
        layout.addWidget(self.earlier_title)
        layout.addWidget(self.earlier)
        layout.addLayout(key_row)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(file_row)
        self.refresh()

    # -- showing ------------------------------------------------------------------------------
    def refresh(self) -> None:
        key = self._ws.keys.current()
        earlier = [k for k in self._ws.keys.on_record() if not k.current]
        if key is None:
            self.state.setText(
                _("This workspace has no signing key yet. Create one before your first submission.")
            )
            self.fingerprint.setText("")
            self.created.setText("")
        else:
            self.state.setText(_("Fingerprint of your signing key:"))
            self.fingerprint.setText(key.fingerprint)
            self.created.setText(
                _("Created {when} by {who}.").format(
                    when=format_timestamp(key.created_at), who=key.created_by or "—"
                )
            )
        for widget in (self.fingerprint, self.created, self.reminder):
            widget.setVisible(key is not None)
        self.earlier_title.setVisible(bool(earlier))
        self.earlier.setVisible(bool(earlier))
        self.earlier.setText(
            "\n".join(
                _("{fingerprint}   replaced {when}").format(
                    fingerprint=k.fingerprint, when=format_timestamp(k.replaced_at or "")
                )
                for k in earlier
            )
        )
        self.create_button.setVisible(key is None)
        for button in (
            self.change_button,
            self.replace_button,
            self.export_button,
            self.sheet_button,
        ):
            button.setVisible(key is not None)
        # The fingerprint appears after Create or Replace: grow to show it whole, never shrink.
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.resize(self.size().expandedTo(self.sizeHint()))

    def _said(self, text: str) -> None:
        self.message.setText(text)

    # -- the key ------------------------------------------------------------------------------
    def create_key(self, replace: bool = False) -> KeyInfo | None:
        if replace:
            title, ok = _("Replace the signing key"), _("Replace key")
            intro = _(
                "Choose the passphrase of the new key. You will type it every time you sign a "
                "submission."
            )
        else:
            title, ok = _("Create a signing key"), _("Create key")
            intro = _(
                "Choose a passphrase for your signing key. You will type it every time you sign "
                "a submission; keep it to yourself."
            )
        dialog = PassphraseDialog(
            title,
            intro,
            ok,
            lambda _old, new: self._ws.keys.create(new, replace=replace),
            self._tasks,
            parent=self,
        )
        if not dialog.exec() or not isinstance(dialog.result_value, KeyInfo):
            return None
        key = dialog.result_value
        self.refresh()
        self._said(
            _(
                "The key {fingerprint} is ready. Save the registration sheet and send it to the "
                "Secretariat: it checks your submissions only once it has registered the key."
            ).format(fingerprint=key.fingerprint)
        )
        self.key_changed.emit()
        return key

    def change_passphrase(self) -> bool:
        dialog = PassphraseDialog(
            _("Change the passphrase"),
            _(
                "The key stays the same, so the Secretariat does not need to register anything "
                "again."
            ),
            _("Change passphrase"),
            lambda old, new: self._ws.keys.change_passphrase(old, new),
            self._tasks,
            old=True,
            parent=self,
        )
        if not dialog.exec():
            return False
        self._said(_("The passphrase was changed."))
        return True

    def replace_key(self) -> KeyInfo | None:
        key = self._ws.keys.current()
        if key is None:
            return self.create_key()
        text = _(
            "Replace the signing key only if it is lost, its passphrase forgotten, or someone "
            "else may know it.\n\nThe Secretariat must register the new key before it can check "
            "your next submission: send it the new registration sheet. The old fingerprint "
            "{fingerprint} stays on record, and submissions signed with it stay valid."
        ).format(fingerprint=key.fingerprint)
        if not confirm(self, text, _("Replace key"), risky=True):
            return None
        return self.create_key(replace=True)

    # -- files --------------------------------------------------------------------------------
    def _country(self) -> str:
        profile = self._ws.profile.get()
        return profile.country if profile else ""

    def suggested_key_name(self) -> str:
        key = self._ws.keys.current()
        short = short_fingerprint(key.fingerprint) if key else ""
        return safe_name(f"FocalPoint-{self._country()}-key-{short}.pem")

    def suggested_sheet_name(self) -> str:
        key = self._ws.keys.current()
        short = short_fingerprint(key.fingerprint) if key else ""
        sheet = _("key-registration")  # a file name: no spaces
        return safe_name(f"FocalPoint-{self._country()}-{sheet}-{short}.pdf")

    def export_public(self, target: Path | None = None) -> Path | None:
        if target is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self,
                _("Export the public key"),
                str(default_folder() / self.suggested_key_name()),
                _("Public keys (*.pem)"),
            )
            if not chosen:
                return None
            target = Path(chosen)
        if target.suffix.lower() != ".pem":
            target = target.with_name(target.name + ".pem")
        try:
            written = self._ws.keys.export_public(target)
        except Exception as error:
            show_error(self, error)
            return None
        self._said(_("The public key was saved as {path}.").format(path=written))
        return written

    def save_sheet(self, target: Path | None = None) -> Path | None:
        if target is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self,
                _("Save the registration sheet"),
                str(default_folder() / self.suggested_sheet_name()),
                _("PDF documents (*.pdf)"),
            )
            if not chosen:
                return None
            target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            written = self._ws.keys.registration_sheet(target)
        except Exception as error:
            show_error(self, error)
            return None
        self._said(
            _(
                "The registration sheet was saved as {path}. Print it, sign it and send it to "
                "the Secretariat."
            ).format(path=written)
        )
        return written
