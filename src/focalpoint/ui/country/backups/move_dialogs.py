"""File → Move to another computer… writes the workspace into one file; on the new computer the
first window takes such a file in ("Open a workspace file from another computer…")."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from focalpoint.domain.evidence import describe_size
from focalpoint.i18n import _, format_timestamp
from focalpoint.services.country.backups import Backup, contents_text
from focalpoint.services.country.workspace import Workspace
from focalpoint.services.country.workspace_move import Imported, import_workspace, preview
from focalpoint.ui.country.backups.work_progress import run_with_dialog
from focalpoint.ui.feedback import attempt, confirm
from focalpoint.ui.tasks import TaskContext, TaskRunner

FILE_FILTER = "FocalPoint (*.zip)"


def suggested_name(workspace: Workspace) -> str:
    profile = workspace.profile.get()
    country = profile.country if profile else ""
    return (
        _("FocalPoint workspace {country} {date}.zip")
        .format(country=country, date=date.today().isoformat())
        .replace("  ", " ")
    )


def move_to_another_computer(
    parent: QWidget, workspace: Workspace, tasks: TaskRunner, target: Path | None = None
) -> None:
    """Ask where (unless ``target``), write the file in the background, then say what it is."""
    if target is None:
        path, _filter = QFileDialog.getSaveFileName(
            parent,
            _("Move to another computer"),
            str(Path.home() / suggested_name(workspace)),
            FILE_FILTER,
        )
        if not path:
            return
        target = Path(path)

    def work(context: TaskContext) -> Backup:
        return workspace.backups.export(target, context.progress, context.cancelled)

    def done(made: Backup) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            _("Move to another computer"),
            _("The whole workspace is in {path} ({size}).").format(
                path=made.path, size=describe_size(made.size)
            ),
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.setInformativeText(
            "\n\n".join(
                (
                    _("It holds: {contents}.").format(contents=contents_text(made.counts)),
                    _(
                        "Copy it to the other computer and start FocalPoint there: the first "
                        "window offers “Open a workspace file from another computer…”."
                    ),
                    _(
                        "Keep the file safe: it holds your contacts and your signing key, "
                        "still locked by its passphrase."
                    ),
                )
            )
        )
        box.open()

    run_with_dialog(parent, tasks, _("Writing {name}…").format(name=target.name), work, done)


def import_at_first_run(dialog: QDialog, folder: Path, source: Path | None = None) -> None:
    """The first window's "Open a workspace file from another computer…": the workspace made in
    ``folder``, then the dialog accepted (the application opens it as any other)."""
    tasks = TaskRunner(parent=dialog)  # lives as long as the dialog, which waits for it
    choose_and_import(dialog, folder, tasks, lambda _made: dialog.accept(), source)


def choose_and_import(
    parent: QWidget,
    folder: Path,
    tasks: TaskRunner,
    on_done: Callable[[Imported], None],
    source: Path | None = None,
) -> None:
    """Ask for a workspace file (unless ``source``), show what it holds, and make the
    workspace in ``folder`` from it in the background; ``on_done`` once it is there."""
    if source is None:
        path, _filter = QFileDialog.getOpenFileName(
            parent, _("Open a workspace file"), str(Path.home()), FILE_FILTER
        )
        if not path:
            return
        source = Path(path)
    chosen = source
    shown = attempt(parent, lambda: preview(chosen))
    if shown is None:
        return
    text = "\n\n".join(
        (
            _("This file holds the workspace of {country}, saved {when}.").format(
                country=shown.country or "—", when=format_timestamp(shown.created_at)
            ),
            _("It holds: {contents}.").format(contents=contents_text(shown.counts)),
            _("FocalPoint will make your workspace from it in {folder}.").format(folder=folder),
        )
    )
    if not confirm(parent, text, _("Open it")):
        return

    def work(context: TaskContext) -> Imported:
        return import_workspace(chosen, folder, context.progress, context.cancelled)

    run_with_dialog(parent, tasks, _("Reading {name}…").format(name=chosen.name), work, on_done)
