"""``focalpoint ts …``: the Technical Secretariat's commands, over its own workspace.

Each module adds its commands through ``register(ts, command)``, as the country's do; the
``command`` given here adds ``--database-url`` and marks the command as the Secretariat's, so
that ``cli.main`` opens a Secretariat workspace for it. Nothing here imports the Secretariat's
services at module level: the country's commands never load SQLAlchemy.
"""

from __future__ import annotations

import argparse
from typing import cast

from focalpoint.cli.commands import Command, Commands, Handler, group
from focalpoint.cli.secretariat import (
    exports,
    intake,
    keys,
    matrix,
    plans,
    proposals,
    report,
    setup,
)
from focalpoint.cli.secretariat.commands import SecretariatCommand, SecretariatHandler
from focalpoint.i18n import _
from focalpoint.paths import SECRETARIAT

GROUPS = (setup, keys, intake, matrix, exports, plans, proposals, report)


def register(commands: Commands, command: Command) -> None:
    ts = group(commands, "ts", _("the Technical Secretariat's workspace"))

    def ts_command(
        name: str,
        help_text: str,
        handler: SecretariatHandler,
        parent: Commands | None = None,
    ) -> argparse.ArgumentParser:
        sub = command(name, help_text, cast(Handler, handler), parent or ts)
        sub.add_argument(
            "--database-url",
            default=argparse.SUPPRESS,
            metavar="URL",
            help=_(
                "the Secretariat's PostgreSQL database (default: $FOCALPOINT_DATABASE_URL, or "
                "a SQLite file in the workspace folder)"
            ),
        )
        sub.set_defaults(side=SECRETARIAT)
        return sub

    typed: SecretariatCommand = ts_command
    for module in GROUPS:
        module.register(ts, typed)
