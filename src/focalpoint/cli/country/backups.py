"""``focalpoint backup``: make, list and restore backups; where they go and how much room.

Automatic backups are not made by the command line at start: a script runs many commands a
minute, and a backup of a large workspace takes seconds. The window backs up at start-up (once
a day); every command that imports (plan, directory, receipt) backs up first, as the window
does.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from focalpoint.cli.commands import Command, Commands, group, json_option, print_json, refuse
from focalpoint.cli.progress import long_work
from focalpoint.domain.backup_rotation import DEFAULT_LIMIT_BYTES
from focalpoint.domain.evidence import describe_size
from focalpoint.i18n import _, format_timestamp
from focalpoint.services.country.backups import (
    MB,
    Backup,
    Restored,
    backups_in,
    contents_text,
    find_backup,
)
from focalpoint.services.country.workspace import Workspace


def register(commands: Commands, command: Command) -> None:
    backup = group(commands, "backup", _("backups of the workspace: make, list, restore"))
    create = command("create", _("back the workspace up now"), _create, backup)
    json_option(create)
    listing = command("list", _("list the backups, newest first"), _list, backup)
    json_option(listing)
    listing.set_defaults(on_damaged=_list_beside_damaged)
    restore = command(
        "restore",
        _("put a backup back in place of the workspace (the workspace is backed up first)"),
        _restore,
        backup,
    )
    restore.add_argument("id", metavar="ID", help=_("the backup's id, as `backup list` shows it"))
    restore.add_argument("--yes", action="store_true", help=_("restore without asking"))
    json_option(restore)
    restore.set_defaults(on_damaged=_restore_over_damaged)
    folder = command("folder", _("show or choose the folder backups go to"), _folder, backup)
    folder.add_argument("path", nargs="?", type=Path, metavar="PATH", help=_("the new folder"))
    folder.add_argument(
        "--default",
        action="store_true",
        help=_("back to the workspace's own backups folder"),
    )
    limit = command("limit", _("show or set how much room backups may take"), _limit, backup)
    limit.add_argument("mb", nargs="?", type=int, metavar="MB", help=_("the limit in MB"))


def as_json(backup: Backup) -> dict[str, object]:
    return {
        "id": backup.id,
        "created_at": backup.created_at,
        "reason": backup.reason,
        "kind": backup.kind,
        "size": backup.size,
        "counts": backup.counts,
        "country": backup.country,
        "schema_revision": backup.schema_revision,
        "app_version": backup.app_version,
        "path": str(backup.path),
    }


def _line(backup: Backup) -> str:
    return "  ".join(
        (
            backup.id,
            format_timestamp(backup.created_at),
            backup.reason_label,
            describe_size(backup.size),
            contents_text(backup.counts),
        )
    )


def _create(ws: Workspace, args: argparse.Namespace) -> int:
    with long_work(_("Backing up the workspace…")) as work:
        made = ws.backups.create(progress=work.progress, cancelled=work.cancelled)
    if args.json:
        print_json(as_json(made))
        return 0
    print(
        _("Backed up: {id} ({size}) in {folder}").format(
            id=made.id, size=describe_size(made.size), folder=made.path.parent
        )
    )
    print(contents_text(made.counts))
    return 0


def _list(ws: Workspace, args: argparse.Namespace) -> int:
    folder, limit = ws.backups.folder(), ws.backups.limit_bytes()
    return _print_list(ws.backups.list(), args, folder, limit, can_make=not ws.read_only)


def _print_list(
    listed: list[Backup], args: argparse.Namespace, folder: Path, limit: int, can_make: bool
) -> int:
    if args.json:
        print_json([as_json(b) for b in listed])
        return 0
    if not listed:
        # A workspace that cannot be written (or is damaged) cannot make one now.
        print(
            _("No backups yet. `focalpoint backup create` makes one.")
            if can_make
            else _("No backups in {folder}.").format(folder=folder)
        )
        return 0
    for backup in listed:
        print(_line(backup))
    total = sum(b.size for b in listed)
    print(
        _("{size} of {limit} used, in {folder}").format(
            size=describe_size(total), limit=describe_size(limit), folder=folder
        ),
        file=sys.stderr,
    )
    return 0


def _list_beside_damaged(args: argparse.Namespace, folder: Path) -> int:
    """The backups in a damaged workspace's own folder (the folder it chose, if another, is
    written in the damaged file); nothing is changed."""
    print(
        _(
            "The workspace file is damaged. These are the backups in its own folder; "
            "`focalpoint backup restore ID` puts one back (the damaged file is set aside)."
        ),
        file=sys.stderr,
    )
    own = folder / "backups"
    return _print_list(backups_in([own]), args, own, DEFAULT_LIMIT_BYTES, can_make=False)


def _restore(ws: Workspace, args: argparse.Namespace) -> int:
    backup = ws.backups.preview(args.id)
    if not _confirmed(backup, args):
        return 1
    with long_work(_("Restoring {id}…").format(id=backup.id)) as work:
        done = ws.backups.restore(backup.id, work.progress, work.cancelled)
    return _said_restored(done, args)


def _restore_over_damaged(args: argparse.Namespace, folder: Path) -> int:
    """A backup from the damaged workspace's own folder, in place of the damaged file (set
    aside, never deleted, once the user has said yes)."""
    backup = find_backup(backups_in([folder / "backups"]), args.id)
    if not _confirmed(backup, args):
        return 1
    ws = fresh_in_place_of_damaged(folder)
    try:
        with long_work(_("Restoring {id}…").format(id=backup.id)) as work:
            done = ws.backups.restore_file(backup.path, work.progress, work.cancelled)
    finally:
        ws.close()
    return _said_restored(done, args)


def fresh_in_place_of_damaged(folder: Path) -> Workspace:
    """Set the damaged workspace file aside, untouched, and open a new one in its place (the
    evidence and submissions stay where they are), saying so on stderr."""
    workspace, kept = Workspace.start_anew(folder)
    if kept is not None:  # None: the database itself was lost, nothing to move
        print(
            _("The damaged workspace file was set aside, untouched, as {path}.").format(path=kept),
            file=sys.stderr,
        )
    return workspace


def _confirmed(backup: Backup, args: argparse.Namespace) -> bool:
    """What the backup holds, on stderr; then yes from --yes or from the user at a terminal."""
    print(
        _("Backup {id}, made {when} ({reason}):").format(
            id=backup.id, when=format_timestamp(backup.created_at), reason=backup.reason_label
        ),
        file=sys.stderr,
    )
    print("  " + contents_text(backup.counts), file=sys.stderr)
    if args.yes:
        return True
    if not sys.stdin.isatty():
        refuse(_("Restoring replaces the workspace; add --yes to restore without being asked."))
        return False
    answer = input(_("Replace the workspace with this backup? [y/N] "))
    if answer.strip().lower() not in (_("y"), _("yes"), "y", "yes"):
        print(_("Nothing was restored."), file=sys.stderr)
        return False
    return True


def _said_restored(done: Restored, args: argparse.Namespace) -> int:
    if args.json:
        print_json({"restored": as_json(done.restored), "before_restore": as_json(done.safety)})
        return 0
    print(_("Restored {id}.").format(id=done.restored.id))
    print(
        _("The workspace as it was is backup {id}, if you need it back.").format(id=done.safety.id)
    )
    return 0


def _folder(ws: Workspace, args: argparse.Namespace) -> int:
    if args.default or args.path is not None:
        ws.backups.set_folder(None if args.default else args.path)
    print(ws.backups.folder())
    return 0


def _limit(ws: Workspace, args: argparse.Namespace) -> int:
    if args.mb is not None:
        ws.backups.set_limit_bytes(args.mb * MB)
    print(_("{n} MB").format(n=ws.backups.limit_bytes() // MB))
    return 0
