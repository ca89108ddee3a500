"""``focalpoint ts key register|revoke|file`` and ``ts keys``: the registry of country keys, and
the Secretariat's own key file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from focalpoint.cli.commands import Commands, group, json_option, print_json
from focalpoint.cli.passphrases import passphrase_option, read_passphrase
from focalpoint.cli.secretariat.commands import SecretariatCommand
from focalpoint.domain.trust import KEY_STATE_LABELS, CountryKeyRecord
from focalpoint.i18n import _, format_timestamp

if TYPE_CHECKING:
    from focalpoint.services.secretariat.workspace import SecretariatWorkspace


def register(ts: Commands, command: SecretariatCommand) -> None:
    key = group(ts, "key", _("register or revoke a country's key"))
    add = command(
        "register",
        _("trust a country's key, once its fingerprint read over the phone is typed back"),
        _register,
        key,
    )
    add.add_argument(
        "file",
        type=Path,
        metavar="FILE",
        help=_("the country's public key (PEM) or the QR text of its registration sheet"),
    )
    add.add_argument("--country", required=True, metavar="XX", help=_("the country's code"))
    add.add_argument(
        "--fingerprint",
        required=True,
        metavar="F",
        help=_("the fingerprint as the country's focal point reads it (spaces and case ignored)"),
    )
    add.add_argument(
        "--replace",
        action="store_true",
        help=_("put this key in place of the country's current one (the old one stays on record)"),
    )
    add.add_argument("--note", default="", help=_("a note kept with the key"))
    revoke = command("revoke", _("refuse what a country's key signs from a date on"), _revoke, key)
    revoke.add_argument("country", metavar="XX", help=_("the country's code"))
    revoke.add_argument(
        "--from",
        dest="from_day",
        required=True,
        metavar="DATE",
        help=_("the first day refused (YYYY-MM-DD, UTC)"),
    )
    revoke.add_argument(
        "--fingerprint",
        metavar="F",
        help=_("which key (default: the country's current one)"),
    )
    key_file = command(
        "file",
        _("write the key file countries import to trust the Secretariat"),
        _key_file,
        key,
    )
    key_file.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE",
        help=_("where to write it (FocalPoint-Secretariat-key.json)"),
    )
    passphrase_option(key_file)
    listing = command("keys", _("list the registered country keys"), _keys)
    listing.add_argument("--country", metavar="XX", help=_("only this country's keys"))
    json_option(listing)


def _register(ws: SecretariatWorkspace, args: argparse.Namespace) -> int:
    done = ws.registry.register_file(
        args.file, args.country, args.fingerprint, note=args.note, replace=args.replace
    )
    print(
        _("Key {fingerprint} registered for {country}.").format(
            fingerprint=done.key.fingerprint, country=done.key.country
        )
    )
    if done.replaced is not None:
        print(
            _("It replaces {fingerprint}, which stays valid for what it signed before now.").format(
                fingerprint=done.replaced.fingerprint
            )
        )
    return 0


def _key_file(ws: SecretariatWorkspace, args: argparse.Namespace) -> int:
    info = ws.keys.write_key_file(args.output, read_passphrase(args.passphrase_file))
    print(_("Key file written to {path}.").format(path=args.output))
    print(
        _(
            "Its fingerprint is {fingerprint}: read it to each country's focal point over the "
            "phone when they import the file."
        ).format(fingerprint=info.fingerprint)
    )
    return 0


def _revoke(ws: SecretariatWorkspace, args: argparse.Namespace) -> int:
    key = ws.registry.revoke(args.country, args.from_day, args.fingerprint)
    print(
        _(
            "Key {fingerprint} of {country} revoked: what it signed from {day} on will be refused."
        ).format(fingerprint=key.fingerprint, country=key.country, day=key.revoked_from)
    )
    return 0


def _keys(ws: SecretariatWorkspace, args: argparse.Namespace) -> int:
    keys = _all(ws, args.country)
    if args.json:
        print_json([_as_json(k) for k in keys])
        return 0
    if not keys:
        print(_("No country key is registered yet."))
        return 0
    for k in keys:
        line = _("{country}  {fingerprint}  {state}  registered {when} by {who}").format(
            country=k.country,
            fingerprint=k.fingerprint,
            state=_(KEY_STATE_LABELS[k.state]),
            when=format_timestamp(k.registered_at),
            who=k.registered_by,
        )
        if k.revoked_from:
            line += "  " + _("refused from {day}").format(day=k.revoked_from)
        if k.replaced_at:
            line += "  " + _("replaced {when}").format(when=format_timestamp(k.replaced_at))
        print(line)
    return 0


def _all(ws: SecretariatWorkspace, country: str | None) -> list[CountryKeyRecord]:
    """Every key, read a page at a time (a registry holds tens of keys, not thousands)."""
    keys: list[CountryKeyRecord] = []
    while page := ws.registry.page(country, offset=len(keys)):
        keys += page
    return keys


def _as_json(key: CountryKeyRecord) -> dict[str, Any]:
    from focalpoint.package.keys import PublicKey

    return {
        "country": key.country,
        "fingerprint": key.fingerprint,
        "key_id": key.key_id,
        "state": key.state.value,
        "public_key": PublicKey(key.public_key).base64,
        "registered_at": key.registered_at,
        "registered_by": key.registered_by,
        "replaced_at": key.replaced_at,
        "replaced_by": key.replaced_by,
        "revoked_from": key.revoked_from,
        "note": key.note,
    }
