"""The command line: the same services as the window, for scripts, tests and unattended use.

This module holds the entry point, the options every command takes, and the dispatch; each
command group has its module in ``cli.country``, which adds its commands through
``register(commands, command)`` (see ``cli.commands``). The Secretariat's commands are the
``ts`` group (``cli.secretariat``), run in a Secretariat workspace.

Exit codes: 0 done, 1 refused (the reason on stderr), 2 misused (argparse's usage message),
130 stopped by Ctrl+C (what was left on stderr; see ``cli.progress``).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from focalpoint.cli.argparse_messages import translate_argparse
from focalpoint.cli.commands import Commands, Handler, refuse
from focalpoint.cli.country import (
    assignments,
    backups,
    directory,
    entities,
    keys,
    plan,
    practices,
    proposals,
    receipts,
    reports,
    setup,
    submissions,
    verify,
    workspace_files,
)
from focalpoint.cli.progress import Stopped
from focalpoint.cli.secretariat import register as register_secretariat
from focalpoint.domain.errors import FocalPointError, StorageError
from focalpoint.i18n import LANGUAGES, _, set_language
from focalpoint.paths import SECRETARIAT, data_dir
from focalpoint.services.country.workspace import Workspace
from focalpoint.services.country.workspace_folder import (
    lost_its_database,
    saved_language,
    workspace_exists,
)

ENV_LANG = "FOCALPOINT_LANG"
# A command ended by Ctrl+C: 128 + SIGINT, the status a shell gives it.
STOPPED = 130
# In the order `focalpoint --help` lists their commands.
GROUPS = (
    setup,
    plan,
    entities,
    assignments,
    reports,
    directory,
    practices,
    proposals,
    keys,
    submissions,
    receipts,
    verify,
    backups,
    workspace_files,
)


def _common(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS lets --data-dir and --lang stand before or after the command name.
    parser.add_argument(
        "--data-dir",
        default=argparse.SUPPRESS,
        metavar="DIR",
        help=_("workspace folder (default: $FOCALPOINT_DATA_DIR or the user data folder)"),
    )
    parser.add_argument(
        "--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=_("language of messages")
    )


class _VersionAction(argparse.Action):
    """``--version``: reads the version only when asked (the metadata costs some 40 ms)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        from focalpoint.version import app_version

        print(f"FocalPoint {app_version()}")  # on standard output, as argparse's own does
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="focalpoint",
        description=_(
            "FocalPoint: the RCM Strategic Plan for migrant children, offline. "
            "Without a command, opens the window."
        ),
    )
    parser.add_argument(
        "--version",
        action=_VersionAction,
        # argparse's own text for this one is not looked up in a catalogue: given here.
        help=_("show program's version number and exit"),
    )
    _common(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(
        name: str, help_text: str, handler: Handler, parent: Commands | None = None
    ) -> argparse.ArgumentParser:
        sub = (parent or commands).add_parser(name, help=help_text, description=help_text)
        _common(sub)
        sub.set_defaults(handler=handler)
        return sub

    for group in GROUPS:
        group.register(commands, command)
    register_secretariat(commands, command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code (0 done, 1 refused, 2 misused, 130 stopped)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    set_language(_language_for(args_list))
    translate_argparse()
    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as stop:  # --help or --version (0), a usage error argparse printed (2)
        return int(stop.code or 0)
    if getattr(args, "lang", None):
        set_language(args.lang)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    code = 0
    try:
        try:
            code = _run(args)
        except FocalPointError as error:
            code = refuse(error)
        except Stopped as stop:  # long work stopped by Ctrl+C: it says what was left
            code = _stopped(stop.message)
        except KeyboardInterrupt:  # Ctrl+C anywhere else (a prompt, opening the workspace)
            code = _stopped(_("Stopped."))
        sys.stdout.flush()  # here, not at exit, where a closed pipe could not be answered
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        # What is still buffered goes nowhere, or the flush at exit would fail on it again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return code


def _stopped(message: str) -> int:
    """Say in one line that Ctrl+C stopped the command, no traceback; returns 130."""
    try:
        print(message, file=sys.stderr)
    except BrokenPipeError:  # piped to a reader Ctrl+C stopped as well (`2>&1 | tee log`)
        # Still 130, and the line still buffered goes nowhere rather than fail again at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stderr.fileno())
    return STOPPED


def _run(args: argparse.Namespace) -> int:
    """The command itself, in its workspace (or in none, for a command that needs none)."""
    folder = data_dir(getattr(args, "data_dir", None))
    if getattr(args, "side", None) == SECRETARIAT:
        return _run_secretariat(args, folder)
    standalone = getattr(args, "standalone", None)
    # Checking a package needs no workspace; none is created just to do it. A workspace file
    # is not made into a folder that lost its database: that one is mended (below).
    on_damaged = getattr(args, "on_damaged", None)
    if (
        standalone is not None
        and not workspace_exists(folder)
        and not (on_damaged is not None and lost_its_database(folder))
    ):
        return int(standalone(args))
    # Only `setup` (and a command that brings a whole workspace) makes one: any other command
    # on a mistyped folder creates nothing.
    try:
        workspace = Workspace.open(folder, create=getattr(args, "creates_workspace", False))
    except StorageError as error:
        # A damaged workspace file: the commands that bring the workspace back (a backup, a
        # workspace file) still run; every other one is refused in the error's words.
        if not error.damaged or on_damaged is None:
            raise
        return int(on_damaged(args, folder))
    try:
        return int(args.handler(workspace, args))
    finally:
        # An import goes on when its backup could not be made, but never silently.
        for warning in workspace.backups.take_warnings():
            print(_("focalpoint: warning: {message}").format(message=warning), file=sys.stderr)
        workspace.close()


def _run_secretariat(args: argparse.Namespace, folder: Path) -> int:
    """A ``ts`` command, in the Secretariat's workspace (SQLAlchemy loads only here)."""
    from focalpoint.services.secretariat.workspace import SecretariatWorkspace

    workspace = SecretariatWorkspace.open(
        folder,
        getattr(args, "database_url", None),
        create=getattr(args, "creates_workspace", False),  # `ts setup` alone makes one
    )
    try:
        profile = workspace.profile.get()
        if profile and not getattr(args, "lang", None) and not os.environ.get(ENV_LANG):
            set_language(profile.language)
        return int(args.handler(workspace, args))
    finally:
        workspace.close()


def _language_for(args: list[str]) -> str:
    """--lang, else $FOCALPOINT_LANG, else the workspace's saved language, else English.

    Known before the parser is built, so that --help and usage errors are translated too.
    """
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang")
    early.add_argument("--data-dir")
    known, _rest = early.parse_known_args(args)
    if known.lang in LANGUAGES:
        return str(known.lang)
    if os.environ.get(ENV_LANG) in LANGUAGES:
        return os.environ[ENV_LANG]
    try:
        saved = saved_language(data_dir(known.data_dir))
    except FocalPointError:
        saved = None  # reported properly when the workspace is opened
    return saved if saved in LANGUAGES else "en"
