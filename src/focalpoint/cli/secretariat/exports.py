"""``focalpoint ts directory`` and ``ts practices``: the regional directory of services and the
regional compilation of practices, from the consolidated store, as files to circulate."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from focalpoint.cli.commands import Commands
from focalpoint.cli.secretariat.commands import SecretariatCommand
from focalpoint.domain.errors import InvalidInput
from focalpoint.i18n import _, ngettext

if TYPE_CHECKING:
    from focalpoint.services.secretariat.exports import Exported
    from focalpoint.services.secretariat.workspace import SecretariatWorkspace


def register(ts: Commands, command: SecretariatCommand) -> None:
    directory = command(
        "directory",
        _("write the regional directory of services (CSV with HXL hashtags, GeoJSON)"),
        _directory,
    )
    directory.add_argument("--csv", type=Path, metavar="FILE", help=_("the CSV file to write"))
    directory.add_argument(
        "--geojson", type=Path, metavar="FILE", help=_("the GeoJSON map file to write")
    )
    directory.add_argument(
        "--country",
        nargs="+",
        action="extend",
        default=[],
        metavar="XX",
        help=_("only these countries (ISO codes; default: every country)"),
    )

    practices = command(
        "practices",
        _("write the regional compilation of practices (CSV, spreadsheet)"),
        _practices,
    )
    practices.add_argument("--csv", type=Path, metavar="FILE", help=_("the CSV file to write"))
    practices.add_argument("--xlsx", type=Path, metavar="FILE", help=_("the spreadsheet to write"))
    practices.add_argument(
        "--category",
        action="append",
        default=[],
        metavar="CODE",
        help=_("only practices of this category (e.g. alternative_care; repeat for several)"),
    )
    practices.add_argument(
        "--population",
        action="append",
        default=[],
        metavar="CODE",
        help=_("only practices for this population (repeat for several)"),
    )
    practices.add_argument(
        "--country",
        action="append",
        default=[],
        metavar="XX",
        help=_("only this country's practices (ISO code; repeat for several)"),
    )


def _directory(ws: SecretariatWorkspace, args: argparse.Namespace) -> int:
    from focalpoint.services.secretariat.exports import country_codes

    if args.csv is None and args.geojson is None:
        return _misused(_("Say which file to write: --csv FILE, --geojson FILE, or both."))
    try:
        countries = country_codes(args.country)
    except InvalidInput as error:
        return _misused(error.message)
    done = ws.directory_export.export(args.csv, args.geojson, countries)
    _written(done)
    print(ngettext("{n} service written.", "{n} services written.", done.rows).format(n=done.rows))
    if args.geojson is not None and done.unplaced:
        print(
            ngettext(
                "{n} service has no coordinates and is not in the GeoJSON file.",
                "{n} services have no coordinates and are not in the GeoJSON file.",
                done.unplaced,
            ).format(n=done.unplaced)
        )
    return 0


def _practices(ws: SecretariatWorkspace, args: argparse.Namespace) -> int:
    from focalpoint.services.secretariat.exports import country_codes

    if args.csv is None and args.xlsx is None:
        return _misused(_("Say which file to write: --csv FILE, --xlsx FILE, or both."))
    try:
        countries = country_codes(args.country)
        ws.practices_export.check(args.category, args.population)
    except InvalidInput as error:
        return _misused(error.message)
    done = ws.practices_export.export(
        args.csv, args.xlsx, args.category, args.population, countries
    )
    _written(done)
    print(
        ngettext("{n} practice written.", "{n} practices written.", done.rows).format(n=done.rows)
    )
    return 0


def _written(done: Exported) -> None:
    for path in done.paths:
        print(_("Written: {path}").format(path=path))


def _misused(message: str) -> int:
    """A command given wrong: said on stderr, exit code 2 (as argparse's own usage errors)."""
    print(_("focalpoint: {message}").format(message=message), file=sys.stderr)
    return 2
