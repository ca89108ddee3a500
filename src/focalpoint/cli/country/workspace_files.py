"""``focalpoint workspace export FILE`` and ``workspace import FILE``: a workspace in one file,
to move it to another computer."""

from __future__ import annotations

import argparse
from pathlib import Path

from focalpoint.cli.commands import Command, Commands, group, json_option, print_json, refuse
from focalpoint.cli.country.backups import as_json, fresh_in_place_of_damaged
from focalpoint.cli.progress import long_work
from focalpoint.domain.evidence import describe_size
from focalpoint.i18n import _
from focalpoint.paths import data_dir
from focalpoint.services.country.backups import contents_text
from focalpoint.services.country.workspace import Workspace
from focalpoint.services.country.workspace_move import (
    Imported,
    import_workspace,
    preview,
    replace_workspace,
)


def register(commands: Commands, command: Command) -> None:
    workspace = group(
        commands, "workspace", _("the whole workspace in one file, to move to another computer")
    )
    export = command("export", _("write the whole workspace into one file"), _export, workspace)
    export.add_argument("file", type=Path, metavar="FILE", help=_("the file to write"))
    json_option(export)
    take = command(
        "import",
        _("make the workspace (--data-dir) from a workspace file"),
        _import_over,
        workspace,
    )
    take.add_argument("file", type=Path, metavar="FILE", help=_("the workspace file"))
    take.add_argument(
        "--replace",
        action="store_true",
        help=_("replace the workspace already there (it is backed up first)"),
    )
    json_option(take)
    # With no workspace in the folder yet, nothing is opened: the file becomes one.
    take.set_defaults(standalone=_import_new, on_damaged=_import_over_damaged)


def _export(ws: Workspace, args: argparse.Namespace) -> int:
    with long_work(_("Writing {name}…").format(name=args.file.name)) as work:
        made = ws.backups.export(args.file, work.progress, work.cancelled)
    if args.json:
        print_json(as_json(made))
        return 0
    print(_("Written: {path} ({size})").format(path=made.path, size=describe_size(made.size)))
    print(contents_text(made.counts))
    return 0


def _import_new(args: argparse.Namespace) -> int:
    folder = data_dir(getattr(args, "data_dir", None))
    with long_work(
        _("Reading {name}…").format(name=args.file.name), _("Stopped. Nothing was imported.")
    ) as work:
        done = import_workspace(args.file, folder, work.progress, work.cancelled)
    return _said(done, args)


def _import_over(ws: Workspace, args: argparse.Namespace) -> int:
    if not args.replace:
        return refuse(
            _(
                "There is already a workspace in {folder}. Add --replace to replace it (it is "
                "backed up first), or choose another folder with --data-dir."
            ).format(folder=ws.folder)
        )
    with long_work(
        _("Reading {name}…").format(name=args.file.name), _("Stopped. Nothing was imported.")
    ) as work:
        done = replace_workspace(ws, args.file, work.progress, work.cancelled)
    return _said(done, args)


def _import_over_damaged(args: argparse.Namespace, folder: Path) -> int:
    """``--replace`` over a damaged workspace: the file checked first, then the damaged one
    set aside (never deleted) and the workspace file put in its place."""
    if not args.replace:
        return refuse(
            _(
                "The workspace in {folder} is damaged. Add --replace to put this file in its "
                "place (the damaged file is set aside, not deleted)."
            ).format(folder=folder)
        )
    preview(args.file)  # a file that is not a sound workspace file changes nothing
    ws = fresh_in_place_of_damaged(folder)
    try:
        return _import_over(ws, args)
    finally:
        ws.close()


def _said(done: Imported, args: argparse.Namespace) -> int:
    if args.json:
        print_json(
            {
                "folder": str(done.folder),
                "contents": as_json(done.contents),
                "replaced": as_json(done.replaced) if done.replaced else None,
            }
        )
        return 0
    if done.replaced is None:
        print(
            _("Workspace made in {folder} from {file}.").format(folder=done.folder, file=args.file)
        )
    else:
        print(
            _("The workspace in {folder} now holds {file}.").format(
                folder=done.folder, file=args.file
            )
        )
    print(contents_text(done.contents.counts))
    if done.replaced is not None:
        print(
            _("The workspace it replaced is backup {id} ({path}).").format(
                id=done.replaced.id, path=done.replaced.path
            )
        )
    return 0
