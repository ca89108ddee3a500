"""``focalpoint report``: the country report as a PDF, in the --lang language."""

from __future__ import annotations

import argparse
from pathlib import Path

from focalpoint.cli.commands import Command, Commands
from focalpoint.cli.progress import long_work
from focalpoint.i18n import _, ngettext
from focalpoint.services.country.report_data import SECTIONS
from focalpoint.services.country.workspace import Workspace


def register(commands: Commands, command: Command) -> None:
    report = command(
        "report", _("write the country report as a PDF (in the --lang language)"), _report
    )
    report.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf")
    report.add_argument(
        "--sections",
        default=",".join(SECTIONS),
        help=_("comma-separated, any of: {names}").format(names=", ".join(SECTIONS)),
    )
    report.add_argument(
        "--full",
        action="store_true",
        help=_("list every practice, service and change, however many (long parts are summarised)"),
    )


def _report(ws: Workspace, args: argparse.Namespace) -> int:
    sections = [s.strip() for s in args.sections.split(",") if s.strip()]
    with long_work(_("Writing {name}…").format(name=args.output.name)) as work:
        result = ws.reports.make(
            args.output,
            getattr(args, "lang", None),
            sections,
            work.progress,
            work.cancelled,
            full=args.full,
        )
    print(
        ngettext(
            "Report written to {path} ({pages} page).",
            "Report written to {path} ({pages} pages).",
            result.pages,
        ).format(path=result.path, pages=result.pages)
    )
    return 0
