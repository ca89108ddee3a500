"""``focalpoint ts setup``: the Secretariat's name and language, and its key."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from focalpoint.cli.commands import Commands
from focalpoint.cli.passphrases import passphrase_option, read_passphrase
from focalpoint.cli.secretariat.commands import SecretariatCommand
from focalpoint.i18n import _, set_language

if TYPE_CHECKING:
    from focalpoint.services.secretariat.workspace import SecretariatWorkspace


def register(ts: Commands, command: SecretariatCommand) -> None:
    setup = command(
        "setup",
        _("set the Secretariat's name and language, and make its signing key"),
        _setup,
    )
    setup.set_defaults(creates_workspace=True)  # the one `ts` command that may make a workspace
    setup.add_argument("--name", required=True, help=_("the Secretariat's name"))
    passphrase_option(setup)


def _setup(ws: SecretariatWorkspace, args: argparse.Namespace) -> int:
    current = ws.profile.get()
    language = getattr(args, "lang", None) or (current.language if current else "es")
    key = ws.keys.current()
    # Asked before anything is saved: a set-up with no way to give a passphrase changes nothing.
    passphrase = read_passphrase(args.passphrase_file, confirm=True) if key is None else None
    profile = ws.profile.save(args.name, language)
    set_language(profile.language)
    print(_("Secretariat workspace set up: {name}.").format(name=profile.name))
    if key is None:
        assert passphrase is not None
        key = ws.keys.create(passphrase)
        print(
            _("Signing key created. Fingerprint: {fingerprint}").format(fingerprint=key.fingerprint)
        )
    else:
        print(_("Signing key: {fingerprint}").format(fingerprint=key.fingerprint))
    print(_("Key for encrypted packages (age): {recipient}").format(recipient=key.age_recipient))
    return 0
