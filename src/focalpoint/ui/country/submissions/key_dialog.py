"""The signing key: see its fingerprint, create it, change its passphrase, replace it, export it.

The fingerprint is what the Secretariat reads back by phone before it registers the key, so it
is shown large, monospaced and selectable.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from focalpoint.i18n import _, format_timestamp
from focalpoint.services.country.signing_keys import KeyInfo
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.submissions.suggested_paths import (
    default_folder,
    safe_name,
    short_fingerprint,
)
from focalpoint.ui.feedback import confirm, show_error
from focalpoint.ui.help.context_help import help_link
from focalpoint.ui.help.guide_text import SIGNING_KEY
from focalpoint.ui.tasks import TaskRunner
from focalpoint.ui.widgets.labels import fingerprint_font, fingerprint_label, selectable, wrapped
from focalpoint.ui.widgets.passphrase import PassphraseDialog


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
        self.fingerprint_help = help_link(
            _("What is a fingerprint, and how is it checked?"), SIGNING_KEY
        )
        self.earlier_title = QLabel(_("Earlier keys (replaced, kept on record):"))
        self.earlier = selectable(QLabel())
        self.earlier.setFont(fingerprint_font(11))
        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card_layout = QVBoxLayout(card)
        for widget in (self.state, self.fingerprint, self.created, self.reminder):
            card_layout.addWidget(widget)
        card_layout.addWidget(self.fingerprint_help)

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
        # Help is reached last with Tab: the dialog opens with the focus on what it is for.
        QWidget.setTabOrder(close, self.fingerprint_help)
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
