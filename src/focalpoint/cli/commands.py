"""What every command module shares: how a command is registered, --json, and refusals.

A command module (``cli.country.*``) has one ``register(commands, command)``; ``cli.main`` calls
each in turn with the top-level subparsers and its ``command`` helper, which adds the shared
``--data-dir``/``--lang`` options and the handler the dispatch runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

from focalpoint.i18n import _

if TYPE_CHECKING:  # the Secretariat's commands share this module, not the country's services
    from focalpoint.services.country.workspace import Workspace

Handler = Callable[["Workspace", argparse.Namespace], int]
Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


class Command(Protocol):
    """``command(name, help_text, handler, parent=None)``: add one command that does something."""

    def __call__(
        self, name: str, help_text: str, handler: Handler, parent: Commands | None = None
    ) -> argparse.ArgumentParser: ...


def group(commands: Commands, name: str, help_text: str) -> Commands:
    """A command that only holds others (``focalpoint entity add``…): where they are added."""
    parser = commands.add_parser(name, help=help_text)
    return parser.add_subparsers(dest=f"{name}_command", metavar="COMMAND", required=True)


def json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help=_("print JSON"))


def print_json(data: Any, indent: int | None = 2) -> None:
    """What ``--json`` prints: text as it is written (no ``\\u`` escapes), indented."""
    print(json.dumps(data, ensure_ascii=False, indent=indent))


def refuse(message: object, lines: Iterable[str] = ()) -> int:
    """Say on stderr why the command was refused, and any lines after it; returns 1."""
    print(_("focalpoint: {message}").format(message=message), file=sys.stderr)
    for line in lines:
        print(line, file=sys.stderr)
    return 1
