"""``focalpoint directory export|import``: the directory of services as CSV (HXL) or GeoJSON."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from focalpoint.cli.commands import Command, Commands, group, refuse
from focalpoint.cli.progress import long_work
from focalpoint.domain.errors import InvalidInput
from focalpoint.i18n import _, ngettext
from focalpoint.services.country.workspace import Workspace


def register(commands: Commands, command: Command) -> None:
    directory = group(
        commands,
        "directory",
        _("export or import the directory of services (CSV with HXL, GeoJSON)"),
    )
    export = command(
        "export",
        _("write every service to a CSV file or a GeoJSON map file"),
        _directory_export,
        directory,
    )
    export.add_argument(
        "--format",
        choices=("csv", "geojson"),
        default="csv",
        help=_("CSV with HXL hashtags, or GeoJSON points for a map (default: csv)"),
    )
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help=_("the file to write (default: print to the screen)"),
    )
    directory_import = command(
        "import",
        _("add and update services from a CSV file; nothing is imported if a row is wrong"),
        _directory_import,
        directory,
    )
    directory_import.add_argument("file", type=Path)


def _directory_export(ws: Workspace, args: argparse.Namespace) -> int:
    as_csv = args.format == "csv"
    if args.output is None:
        if isinstance(sys.stdout, io.TextIOWrapper):
            # The CSV writes its own line ends; the file is UTF-8 whatever the console's code page.
            sys.stdout.reconfigure(encoding="utf-8", newline="")
        (ws.exchange.write_csv if as_csv else ws.exchange.write_geojson)(sys.stdout)
        return 0
    with long_work(_("Writing {name}…").format(name=args.output.name)) as work:
        if as_csv:
            written = ws.exchange.export_csv(args.output, work.progress, work.cancelled)
            left_out = 0
        else:
            result = ws.exchange.export_geojson(args.output, work.progress, work.cancelled)
            written, left_out = result.written, result.left_out
    print(
        ngettext(
            "{n} service written to {path}.", "{n} services written to {path}.", written
        ).format(n=written, path=args.output)
    )
    if left_out:
        print(
            ngettext(
                "{n} service has no coordinates and is not on the map.",
                "{n} services have no coordinates and are not on the map.",
                left_out,
            ).format(n=left_out)
        )
    return 0


def _directory_import(ws: Workspace, args: argparse.Namespace) -> int:
    try:
        with long_work(
            _("Importing {name}…").format(name=args.file.name), _("Stopped. Nothing was imported.")
        ) as work:
            report = ws.exchange.import_csv(args.file, work.progress, work.cancelled)
    except InvalidInput as error:
        return refuse(error, [f"  {detail}" for detail in error.details])
    print(
        _(
            "Imported {file}: organisations created {orgs}, updated {orgs_updated}; services "
            "created {created}, updated {updated}, unchanged {unchanged}."
        ).format(
            file=args.file.name,
            orgs=report.organisations_created,
            orgs_updated=report.organisations_updated,
            created=report.services_created,
            updated=report.services_updated,
            unchanged=report.services_unchanged,
        )
    )
    return 0
