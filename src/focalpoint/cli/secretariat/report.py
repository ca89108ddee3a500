"""``focalpoint ts report``: the regional report as a PDF, in the --lang language."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from focalpoint.cli.commands import Commands
from focalpoint.cli.progress import long_work
from focalpoint.cli.secretariat.commands import SecretariatCommand
from focalpoint.i18n import _, ngettext

if TYPE_CHECKING:
    from focalpoint.services.secretariat.workspace import SecretariatWorkspace


def register(ts: Commands, command: SecretariatCommand) -> None:
    report = command(
        "report",
        _("write the regional report as a PDF (in the --lang language)"),
        _report,
    )
    report.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf")
    report.add_argument(
        "--open-only",
        action="store_true",
        help=_(
            "show in the matrix only the actions still open: not completed in at least one "
            "country that has reported"
        ),
    )


def _report(ws: SecretariatWorkspace, args: argparse.Namespace) -> int:
    with long_work(_("Writing {name}…").format(name=args.output.name)) as work:
        result = ws.regional_report.make(
            args.output,
            getattr(args, "lang", None),
            args.open_only,
            work.progress,
            work.cancelled,
        )
    print(
        ngettext(
            "Report written to {path} ({pages} page).",
            "Report written to {path} ({pages} pages).",
            result.pages,
        ).format(path=result.path, pages=result.pages)
    )
    return 0
