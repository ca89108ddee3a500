"""``focalpoint``: with a command, the command line; without one, or with a file, the window."""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys


def main() -> int:
    # A frozen build starts itself again for the process that makes the next accepted
    # package's state (services/secretariat/consolidation): that start ends here.
    multiprocessing.freeze_support()
    args = sys.argv[1:]
    window_options = argparse.ArgumentParser(add_help=False)
    window_options.add_argument("--data-dir")
    window_options.add_argument("--lang")
    _known, rest = window_options.parse_known_args(args)
    if rest and not is_file_to_show(rest):
        try:
            from focalpoint.cli.main import main as cli_main

            return cli_main(args)
        except KeyboardInterrupt:  # Ctrl+C while the command line loads: nothing was begun
            return 130
    from focalpoint.app import main as app_main

    return app_main(args)


def is_file_to_show(rest: list[str]) -> bool:
    """Whether what is left after the window's options is one file for the window to show (a
    package double-clicked, or `focalpoint FILE`), not a command.

    A path (with a folder or a dot in it: no command name has one) goes to the window even when
    there is no such file, which the window says in the user's language. A bare name goes to
    the window only when it is an existing file and no command is called so.
    """
    if len(rest) != 1 or rest[0].startswith("-"):
        return False
    given = rest[0]
    if any(mark in given for mark in ("/", "\\", ".")):
        return True
    return os.path.isfile(given) and given not in command_names()


def command_names() -> set[str]:
    """The command line's commands (its parser is built only for a bare name that is a file)."""
    from focalpoint.cli.main import build_parser

    parser = build_parser()
    return {
        name
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    }


if __name__ == "__main__":
    sys.exit(main())
