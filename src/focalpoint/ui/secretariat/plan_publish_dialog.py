"""File → Publish a plan version…: choose a plan file, give its version, see what it changes
from the newest published version (added, removed, renamed, moved), then sign it with the
Secretariat's key and save the signed plan file the countries take in.

Nothing is recorded before the passphrase is given and the file is saved: the changes shown
are a preview, refreshed whenever the file or the version changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.plan import version_key
from focalpoint.i18n import _
from focalpoint.services.secretariat.plans import PlanPreview
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from focalpoint.ui.feedback import attempt
from focalpoint.ui.tasks import TaskRunner
from focalpoint.ui.widgets.labels import wrapped
from focalpoint.ui.widgets.passphrase import PassphraseDialog
from focalpoint.ui.widgets.plan_changes_view import PlanChangesView


def next_version(current: str, published: bool) -> str:
    """The version to suggest: 1.0 after the bundled provisional plan, else one more in the
    last place (1.0 → 1.1, 2.0.3 → 2.0.4)."""
    if not published:
        return f"{max(version_key(current)[0] + 1, 1)}.0"
    parts = current.split(".")
    return ".".join([*parts[:-1], str(int(parts[-1]) + 1)])


class PlanPublishDialog(QDialog):
    published_version = Signal(str)  # the version just published: the views list its actions

    def __init__(
        self, workspace: SecretariatWorkspace, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._tasks = tasks
        self.preview_shown: PlanPreview | None = None
        self.published: Path | None = None
        self.setWindowTitle(_("Publish a plan version"))
        self.setMinimumSize(760, 560)
        versions = workspace.plan_versions.versions()
        current = workspace.plans.current_document().info
        intro = wrapped(
            _(
                "The countries take in a plan version only when it is signed with the "
                "Secretariat's key and newer than the one they have. The current version is "
                "{version}{published}."
            ).format(
                version=current.version,
                published=_(", published") if versions else _(", the plan bundled with FocalPoint"),
            )
        )
        self.file = QLineEdit()
        self.file.setPlaceholderText(_("A plan file (JSON), as the plan format describes it"))
        self.file.setAccessibleName(_("Plan file"))
        choose = QPushButton(_("Choose…"))
        choose.clicked.connect(self._choose_file)
        # The next version starts as a copy of the current one, edited outside FocalPoint.
        self.start_from_current = QPushButton(_("Save the current plan to edit…"))
        self.start_from_current.clicked.connect(lambda: self.save_current())
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(choose)
        start_row = QHBoxLayout()
        start_row.addWidget(self.start_from_current)
        start_row.addStretch(1)
        self.version = QLineEdit(next_version(current.version, bool(versions)))
        self.version.setAccessibleName(_("Version"))
        self.version.setMaximumWidth(160)
        form = QFormLayout()
        form.addRow(_("Plan file:"), file_row)
        form.addRow("", start_row)
        form.addRow(_("Version:"), self.version)
        self.status = wrapped(_("Choose a plan file to see what it changes."))
        self.changes = PlanChangesView()
        self.buttons = QDialogButtonBox()
        self.sign = self.buttons.addButton(
            _("Sign and save…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.sign.setEnabled(False)
        self.buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._sign_and_save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.buttons)
        self.file.editingFinished.connect(self.refresh)
        self.version.editingFinished.connect(self.refresh)

    def save_current(self, target: Path | None = None) -> Path | None:
        """Write the current plan as a plan file to edit (asking where, unless ``target``)."""
        if target is None:
            current = self._ws.plans.current_document().info
            name, _filter = QFileDialog.getSaveFileName(
                self,
                _("Save the current plan to edit"),
                str(Path.home() / f"plan-{next_version(current.version, True)}.json"),
                _("Plan files (*.json)"),
            )
            if not name:
                return None
            target = Path(name)
        to_write = target
        written = attempt(self, lambda: self._ws.plan_versions.write_source(to_write))
        if written is not None:
            self.status.setText(
                _(
                    "The current plan was saved as {path}. Edit it (titles, descriptions, new "
                    "actions; an action given a new code names its old one under “formerly”), "
                    "then choose it here."
                ).format(path=written)
            )
        return written

    def set_file(self, path: Path) -> None:
        self.file.setText(str(path))
        self.refresh()

    def _choose_file(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, _("Plan file to publish"), str(Path.home()), _("Plan files (*.json)")
        )
        if chosen:
            self.set_file(Path(chosen))

    def refresh(self) -> None:
        """Preview the file as the version given, in the background."""
        path, version = self.file.text().strip(), self.version.text().strip()
        self.sign.setEnabled(False)
        self.preview_shown = None
        if not path:
            return
        self.status.setText(_("Reading {name}…").format(name=Path(path).name))

        def done(preview: PlanPreview) -> None:
            if (self.file.text().strip(), self.version.text().strip()) != (path, version):
                return  # edited meanwhile: the newer preview follows
            self.preview_shown = preview
            self.status.setText(
                _("Version {new} of the plan {code}, compared with version {old}:").format(
                    new=preview.info.version, code=preview.info.code, old=preview.base.info.version
                )
            )
            self.changes.show_changes(preview.changes)
            self.sign.setEnabled(True)

        def failed(error: Exception) -> None:
            self.changes.clear()
            self.status.setText(str(getattr(error, "message", error)))

        self._tasks.run(lambda: self._ws.plan_versions.preview(Path(path), version), done, failed)

    def _sign_and_save(self) -> None:
        preview = self.preview_shown
        if preview is None:
            return
        from focalpoint.package.signed_plan import file_name

        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            _("Where to save the signed plan file"),
            str(Path.home() / file_name(preview.info.code, preview.info.version)),
            _("Plan files (*.json)"),
        )
        if chosen:
            self.sign_to(Path(chosen))

    def sign_to(self, target: Path) -> None:
        """Ask for the key's passphrase, then sign the version shown and save it to ``target``."""
        preview = self.preview_shown
        if preview is None:
            return
        path, version = Path(self.file.text().strip()), preview.info.version
        ask = PassphraseDialog(
            _("Sign plan version {version}").format(version=version),
            _(
                "The plan file is signed with the Secretariat's key, and version {version} is "
                "recorded as published. The key's passphrase:"
            ).format(version=version),
            _("Sign and save"),
            lambda passphrase, _new: self._ws.plan_versions.publish(
                path, version, target, passphrase
            ),
            self._tasks,
            old=True,
            new=False,
            parent=self,
        )
        ask.accepted.connect(lambda: self._published(ask.result_value, target))
        self.passphrase_dialog = ask
        ask.open()

    def _published(self, result: Any, target: Path) -> None:
        published, _changes = result
        self.published = target
        self.status.setText(
            _("Version {version} is published: {path}").format(
                version=published.version, path=target
            )
        )
        self.sign.setEnabled(False)
        self.published_version.emit(published.version)
        box = QMessageBox(
            QMessageBox.Icon.Information,
            _("Plan version published"),
            _(
                "Version {version} is signed and saved as {path}. Send this file to the "
                "countries: each takes it in with File → Import plan file…."
            ).format(version=published.version, path=target),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.open()
