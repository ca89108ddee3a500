"""``focalpoint setup``: the country, the officer and the language of this workspace."""

from __future__ import annotations

import argparse
from pathlib import Path

from focalpoint.cli.commands import Command, Commands
from focalpoint.domain.records import Profile
from focalpoint.domain.vocab import COUNTRIES
from focalpoint.i18n import _, pick, set_language
from focalpoint.services.country.workspace import Workspace


def register(commands: Commands, command: Command) -> None:
    setup = command("setup", _("set the country, the officer and the language"), _setup)
    setup.set_defaults(creates_workspace=True)  # the one command that may make a workspace
    setup.add_argument(
        "--country",
        required=True,
        help=_("ISO code: {codes}").format(codes=", ".join(sorted(COUNTRIES))),
    )
    setup.add_argument("--name", required=True, help=_("officer's name"))
    setup.add_argument("--title", default="", help=_("officer's job title"))
    setup.add_argument("--institution", default="", help=_("officer's institution"))
    setup.add_argument("--email", default="")
    setup.add_argument("--phone", default="")
    setup.add_argument(
        "--secretariat-key",
        type=Path,
        metavar="FILE",
        help=_(
            "the Secretariat's key file, trusted at once while no Secretariat key is (a later "
            "one: focalpoint key trust-secretariat FILE --fingerprint F)"
        ),
    )


def _setup(ws: Workspace, args: argparse.Namespace) -> int:
    if args.secretariat_key is not None:  # a bad key file is said before anything is saved
        ws.secretariat.read_key_file(args.secretariat_key)
    current = ws.profile.get()
    language = getattr(args, "lang", None) or (current.language if current else "es")
    profile = ws.profile.save(
        Profile(
            language=language,
            country=args.country,
            name=args.name,
            title=args.title,
            institution=args.institution,
            email=args.email,
            phone=args.phone,
        )
    )
    set_language(profile.language)
    print(
        _("Workspace set up for {country}, officer {name}.").format(
            country=pick(COUNTRIES[profile.country]), name=profile.name
        )
    )
    if args.secretariat_key is not None:
        trusted = ws.secretariat.pin_at_first_run(args.secretariat_key)
        print(
            _(
                "This workspace now trusts {name}, key {fingerprint}: plan versions and "
                "receipts must be signed with it."
            ).format(name=trusted.name, fingerprint=trusted.fingerprint)
        )
    return 0
