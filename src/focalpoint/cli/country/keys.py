"""``focalpoint key …``: the signing key for submissions, and the Secretariat's age key."""

from __future__ import annotations

import argparse
from pathlib import Path

from focalpoint.cli.commands import Command, Commands, group, json_option, print_json
from focalpoint.cli.passphrases import passphrase_option, read_new_passphrase, read_passphrase
from focalpoint.i18n import _, format_timestamp
from focalpoint.services.country.workspace import Workspace


def register(commands: Commands, command: Command) -> None:
    key = group(commands, "key", _("the signing key for submissions"))
    create = command("create", _("make this workspace's signing key"), _key_create, key)
    passphrase_option(create)
    create.add_argument(
        "--replace",
        action="store_true",
        help=_("replace the current key (the Secretariat must register the new one)"),
    )
    show = command("show", _("show the key's fingerprint and public key"), _key_show, key)
    json_option(show)
    export_key = command("export", _("write the public key (PEM) to a file"), _key_export, key)
    export_key.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    sheet = command(
        "sheet", _("write the key-registration sheet (PDF) for the Secretariat"), _key_sheet, key
    )
    sheet.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    change = command("passphrase", _("change the key's passphrase"), _key_passphrase, key)
    passphrase_option(change)
    change.add_argument(
        "--new-passphrase-file",
        type=Path,
        metavar="FILE",
        help=_("read the new passphrase from the first line of FILE"),
    )
    recipient = command(
        "secretariat",
        _("set the Secretariat's age public key, to encrypt submissions to it"),
        _secretariat_key,
        key,
    )
    recipient.add_argument("recipient", nargs="?", help=_("age1… (omit to show the current one)"))
    recipient.add_argument("--clear", action="store_true", help=_("stop encrypting"))
    trust = command(
        "trust-secretariat",
        _("trust the Secretariat's key file, once its fingerprint is read to you by phone"),
        _trust_secretariat,
        key,
    )
    trust.add_argument("file", type=Path, metavar="FILE", help=_("the Secretariat's key file"))
    trust.add_argument(
        "--fingerprint",
        required=True,
        metavar="F",
        help=_("the fingerprint the Secretariat reads out to you (XXXX-XXXX-XXXX-XXXX)"),
    )
    json_option(trust)


def _key_create(ws: Workspace, args: argparse.Namespace) -> int:
    info = ws.keys.create(read_passphrase(args.passphrase_file, confirm=True), replace=args.replace)
    print(_("Signing key created. Fingerprint: {fingerprint}").format(fingerprint=info.fingerprint))
    print(
        _(
            "Send the registration sheet (`focalpoint key sheet -o key.pdf`) to the Secretariat "
            "by a channel other than e-mail with submissions."
        )
    )
    return 0


def _key_show(ws: Workspace, args: argparse.Namespace) -> int:
    keys = ws.keys.on_record()
    if args.json:
        print_json(
            [
                {
                    "fingerprint": k.fingerprint,
                    "key_id": k.key_id,
                    "created_at": k.created_at,
                    "replaced_at": k.replaced_at,
                    "public_key_pem": k.pem(),
                }
                for k in keys
            ]
        )
        return 0
    current = next((k for k in keys if k.current), None)
    if current is None:
        print(_("This workspace has no signing key yet (`focalpoint key create`)."))
        return 0
    print(_("Fingerprint: {fingerprint}").format(fingerprint=current.fingerprint))
    print(_("Key id:      {key_id}").format(key_id=current.key_id))
    print(_("Created:     {when}").format(when=format_timestamp(current.created_at)))
    print(current.pem(), end="")
    for old in keys:
        if not old.current:
            print(
                _("Replaced key {fingerprint} (until {when})").format(
                    fingerprint=old.fingerprint, when=format_timestamp(old.replaced_at or "")
                )
            )
    return 0


def _key_export(ws: Workspace, args: argparse.Namespace) -> int:
    path = ws.keys.export_public(args.output)
    print(_("Public key written to {path}.").format(path=path))
    return 0


def _key_sheet(ws: Workspace, args: argparse.Namespace) -> int:
    path = ws.keys.registration_sheet(args.output, getattr(args, "lang", None))
    print(_("Registration sheet written to {path}.").format(path=path))
    return 0


def _key_passphrase(ws: Workspace, args: argparse.Namespace) -> int:
    old = read_passphrase(args.passphrase_file)
    new = read_new_passphrase(args.new_passphrase_file)
    ws.keys.change_passphrase(old, new)
    print(_("The passphrase has been changed."))
    return 0


def _secretariat_key(ws: Workspace, args: argparse.Namespace) -> int:
    if args.clear:
        ws.submissions.set_secretariat_recipient("")
        print(_("Submissions will no longer be encrypted."))
    elif args.recipient:
        value = ws.submissions.set_secretariat_recipient(args.recipient)
        print(_("Secretariat key set: {recipient}").format(recipient=value))
    else:
        print(ws.submissions.secretariat_recipient() or _("No Secretariat key is set."))
    return 0


def _trust_secretariat(ws: Workspace, args: argparse.Namespace) -> int:
    row = ws.secretariat.trust(args.file, args.fingerprint)
    if args.json:
        print_json(
            {
                "name": row.name,
                "fingerprint": row.fingerprint,
                "key_id": row.key_id,
                "age_recipient": row.age_recipient,
                "pinned_at": row.pinned_at,
            }
        )
        return 0
    print(
        _("This workspace now trusts {name}, key {fingerprint}.").format(
            name=row.name, fingerprint=row.fingerprint
        )
    )
    print(
        _("Receipts must be signed with this key; packages are encrypted to {recipient}.").format(
            recipient=row.age_recipient
        )
    )
    return 0
