"""``focalpoint ts matrix``: the regional matrix from the consolidated store, as files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from focalpoint.cli.commands import Commands
from focalpoint.cli.secretariat.commands import SecretariatCommand
from focalpoint.i18n import _

if TYPE_CHECKING:
    from focalpoint.services.secretariat.workspace import SecretariatWorkspace


def register(ts: Commands, command: SecretariatCommand) -> None:
    matrix = command(
        "matrix", _("write the regional matrix (each country's newest accepted data)"), _matrix
    )
    matrix.add_argument("--xlsx", type=Path, metavar="FILE", help=_("the spreadsheet to write"))
    matrix.add_argument("--csv", type=Path, metavar="FILE", help=_("the CSV file to write"))


def _matrix(ws: SecretariatWorkspace, args: argparse.Namespace) -> int:
    if args.xlsx is None and args.csv is None:
        print(_("Say which file to write: --xlsx FILE, --csv FILE, or both."), file=sys.stderr)
        return 2
    for path in ws.matrix.export(args.xlsx, args.csv):
        print(_("Written: {path}").format(path=path))
    return 0
