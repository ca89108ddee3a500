"""Moving a workspace to another computer: a workspace file made into a workspace.

The file is the same archive a backup is (``package/workspace_archive``), written by
``BackupService.export``. Taking it in is done before any workspace is open: it is unpacked
into a hidden staging folder inside the target folder, every file checked and the database
checked whole, and only then are the evidence and submissions folders renamed into place and
the database last, so that a refused or stopped import leaves no workspace behind.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.os_errors import os_reason
from focalpoint.i18n import _
from focalpoint.package import workspace_archive as archive_format
from focalpoint.services.common.files import place, working_name
from focalpoint.services.common.progress import Progress, Stop, share
from focalpoint.services.country.backups import Backup, describe, remove_stale_staging
from focalpoint.services.country.workspace import Workspace
from focalpoint.services.country.workspace_folder import workspace_exists
from focalpoint.storage.country import workspace_snapshot


@dataclass(frozen=True)
class Imported:
    """What an import made: the folder, what the file held, the backup of what it replaced."""

    folder: Path
    contents: Backup
    replaced: Backup | None = None


def preview(source: Path) -> Backup:
    """What a workspace file holds (its manifest, checked against the file), before import."""
    path = _existing(source)
    return describe(path, archive_format.read_manifest(path))


def import_workspace(
    source: Path,
    folder: Path,
    progress: Progress | None = None,
    cancelled: Stop | None = None,
) -> Imported:
    """Make a workspace in ``folder`` (which holds none) from the workspace file ``source``.

    ``folder`` may be new if its parent exists (a typo never makes a tree of folders).
    """
    path = _existing(source)
    folder = Path(folder).expanduser()
    if workspace_exists(folder):
        raise InvalidInput(
            _(
                "There is already a workspace in {folder}. Choose another folder, or replace "
                "it (it is backed up first). Nothing was changed."
            ).format(folder=folder)
        )
    for name in (archive_format.ATTACHMENTS, archive_format.SUBMISSIONS):
        if (folder / name).is_dir() and any((folder / name).iterdir()):
            raise InvalidInput(
                _(
                    "The folder {folder} holds files of an earlier workspace ({name}). Choose an "
                    "empty folder. Nothing was changed."
                ).format(folder=folder, name=name)
            )
    made = _make_folder(folder)
    remove_stale_staging(folder, "import")
    staging = working_name(folder / "import")
    try:
        staging.mkdir(mode=0o700)
        manifest = archive_format.extract(path, staging, share(progress, 0, 0.9), cancelled)
        workspace_snapshot.check(staging / archive_format.DATABASE)
        for name in (archive_format.ATTACHMENTS, archive_format.SUBMISSIONS):
            target = folder / name
            if target.is_dir():
                target.rmdir()  # empty, checked above
            os.replace(staging / name, target)
        place(staging / archive_format.DATABASE, folder / archive_format.DATABASE)
    except OSError as exc:
        _undo(folder, made)
        raise InvalidInput(
            _("The workspace could not be made in {folder}: {reason}.").format(
                folder=folder, reason=os_reason(exc)
            )
        ) from exc
    except BaseException:
        _undo(folder, made)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    workspace = Workspace.open(folder)  # migrates a file from an older FocalPoint
    try:
        # The backup folder named a place on the other computer; here backups start at home.
        if workspace.backups.folder() != workspace.backups.default_folder:
            workspace.backups.set_folder(None)
    finally:
        workspace.close()
    if progress is not None:
        progress(1.0)
    return Imported(folder, describe(path, manifest))


def replace_workspace(
    workspace: Workspace,
    source: Path,
    progress: Progress | None = None,
    cancelled: Stop | None = None,
) -> Imported:
    """Replace the open workspace with the file ``source``; it is backed up first.

    The workspace object is stale afterwards: the caller closes it (and reopens the folder).
    """
    path = _existing(source)
    done = workspace.backups.restore_file(path, progress, cancelled)
    return Imported(workspace.folder, done.restored, done.safety)


def _existing(source: Path) -> Path:
    path = Path(source).expanduser()
    if not path.is_file():
        raise InvalidInput(_("The file {path} does not exist.").format(path=path))
    return path


def _make_folder(folder: Path) -> bool:
    """Make ``folder`` (private) if it is missing and its parent exists; whether it was made."""
    if folder.is_dir():
        return False
    if folder.exists():
        raise InvalidInput(
            _("{path} is a file, not a folder. Choose a folder. Nothing was changed.").format(
                path=folder
            )
        )
    if not folder.parent.is_dir():
        raise InvalidInput(
            _(
                "The folder {parent} does not exist. Check the path, or create that folder first. "
                "Nothing was created."
            ).format(parent=folder.parent)
        )
    try:
        folder.mkdir(mode=0o700)
    except OSError as exc:
        raise InvalidInput(
            _("The folder {path} cannot be created: {reason}.").format(
                path=folder, reason=os_reason(exc)
            )
        ) from exc
    return True


def _undo(folder: Path, made: bool) -> None:
    """After a refused import: the files moved in go, and the folder if this import made it."""
    if (folder / archive_format.DATABASE).exists():
        return  # the workspace was whole: never remove one
    for name in (archive_format.ATTACHMENTS, archive_format.SUBMISSIONS):
        shutil.rmtree(folder / name, ignore_errors=True)
    if made:
        shutil.rmtree(folder, ignore_errors=True)
