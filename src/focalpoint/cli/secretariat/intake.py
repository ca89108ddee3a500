"""``focalpoint ts receive|inbox|accept|return``: packages in, the inbox, the decisions."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from focalpoint.cli.commands import Commands, json_option, print_json
from focalpoint.cli.passphrases import passphrase_option, read_passphrase
from focalpoint.cli.secretariat.commands import SecretariatCommand
from focalpoint.i18n import _, format_timestamp
from focalpoint.services.secretariat.inbox_text import changes_line, placement_label

if TYPE_CHECKING:
    from focalpoint.services.secretariat.intake import InboxRow, ReceiveResult
    from focalpoint.services.secretariat.workspace import SecretariatWorkspace


def register(ts: Commands, command: SecretariatCommand) -> None:
    receive = command(
        "receive",
        _("take in submission packages (encrypted ones too): checked, placed, kept as pending"),
        _receive,
    )
    receive.add_argument("files", nargs="+", type=Path, metavar="FILE", help=_("the packages"))
    passphrase_option(receive)
    json_option(receive)
    inbox = command("inbox", _("list the received packages, newest first"), _inbox)
    inbox.add_argument("--country", metavar="XX", help=_("only this country's packages"))
    inbox.add_argument(
        "--state",
        choices=("pending", "accepted", "returned", "superseded"),
        help=_("only the packages in this state"),
    )
    json_option(inbox)
    accept = command("accept", _("accept received packages into the regional store"), _accept)
    accept.add_argument(
        "ids",
        nargs="+",
        metavar="ID",
        help=_("the packages' ids, as the inbox shows them (a country's in the order given)"),
    )
    back = command("return", _("return a received package to its country, saying why"), _return)
    back.add_argument("id", metavar="ID", help=_("the package's id, as the inbox shows it"))
    back.add_argument("--reason", required=True, metavar="TEXT", help=_("why, in any language"))
    receipt = command(
        "receipt", _("write the signed receipt of an accepted or returned package"), _receipt
    )
    receipt.add_argument("id", metavar="ID", help=_("the package's id, as the inbox shows it"))
    receipt.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE", help=_("the receipt to write")
    )
    passphrase_option(receipt)


def _receive(ws: SecretariatWorkspace, args: argparse.Namespace) -> int:
    passphrase = None
    if ws.intake.needs_passphrase(args.files):  # asked only when a file is encrypted
        passphrase = read_passphrase(args.passphrase_file)
    results = ws.intake.receive(args.files, passphrase)
    if args.json:
        print_json([_result_json(r) for r in results])
    else:
        for r in results:
            _print_result(r)
    return 1 if any(r.outcome == "refused" for r in results) else 0


def _print_result(r: ReceiveResult) -> None:
    if r.outcome == "refused":
        print(_("{file}: refused: {reason}").format(file=r.file, reason=r.reason), file=sys.stderr)
    elif r.outcome == "duplicate":
        print(_("{file}: already received ({id}).").format(file=r.file, id=r.id))
    else:
        print(
            _("{file}: received from {country}, {placement} Id: {id}").format(
                file=r.file, country=r.country, placement=r.reason, id=r.id
            )
        )


def _result_json(r: ReceiveResult) -> dict[str, Any]:
    return {
        "file": str(r.file),
        "outcome": r.outcome,
        "code": r.code,
        "reason": r.reason,
        "country": r.country or None,
        "sequence": r.sequence,
        "id": r.id or None,
    }


def _inbox(ws: SecretariatWorkspace, args: argparse.Namespace) -> int:
    rows: list[InboxRow] = []
    while page := ws.intake.page(args.country, args.state, offset=len(rows)):
        rows += page
    if args.json:
        print_json([_row_json(r) for r in rows])
        return 0
    if not rows:
        print(_("The inbox is empty."))
        return 0
    from focalpoint.services.secretariat.intake import STATE_LABELS

    for row in rows:
        p = row.package
        print(
            _(
                "{id}  {country} #{sequence}  {state}  {placement}  by {officer}, made {created}, "
                "received {received}, key {fingerprint}"
            ).format(
                id=p.id,
                country=p.country,
                sequence=p.sequence,
                state=_(STATE_LABELS[p.state]),
                placement=placement_label(p.placement),
                officer=p.officer_name,
                created=format_timestamp(p.created_at),
                received=format_timestamp(p.received_at),
                fingerprint=row.fingerprint,
            )
        )
        print("    " + changes_line(json.loads(p.changes)))
        if p.reason:
            print("    " + _("Returned: {reason}").format(reason=p.reason))
    return 0


def _row_json(row: InboxRow) -> dict[str, Any]:
    p = row.package
    return {
        "id": p.id,
        "country": p.country,
        "sequence": p.sequence,
        "state": p.state,
        "placement": p.placement,
        "missing": [int(n) for n in p.missing.split(",") if n],
        "officer": p.officer_name,
        "created_at": p.created_at,
        "received_at": p.received_at,
        "plan": {"code": p.plan_code, "version": p.plan_version},
        "sha256": p.sha256,
        "previous_sha256": p.previous_sha256,
        "fingerprint": row.fingerprint,
        "changes": json.loads(p.changes),
        "reason": p.reason,
        "decided_at": p.decided_at,
        "decided_by": p.decided_by,
    }


def _accept(ws: SecretariatWorkspace, args: argparse.Namespace) -> int:
    from focalpoint.services.secretariat.consolidation import Decision

    outcomes = ws.consolidation.accept_many(args.ids)
    for package_id, outcome in zip(args.ids, outcomes, strict=True):
        if not isinstance(outcome, Decision):
            print(_("{id}: {reason}").format(id=package_id, reason=outcome), file=sys.stderr)
            continue
        p = outcome.package
        if not outcome.changed:
            print(
                _("Submission {n} of {country} was accepted already; nothing was changed.").format(
                    n=p.sequence, country=p.country
                )
            )
        elif p.state == "superseded":
            print(
                _(
                    "Submission {n} of {country} accepted, but a newer one was accepted before: "
                    "it is kept as superseded and the regional store is unchanged."
                ).format(n=p.sequence, country=p.country)
            )
        else:
            print(
                _("Submission {n} of {country} accepted into the regional store.").format(
                    n=p.sequence, country=p.country
                )
            )
    return 0 if all(isinstance(o, Decision) for o in outcomes) else 1


def _return(ws: SecretariatWorkspace, args: argparse.Namespace) -> int:
    decision = ws.consolidation.return_(args.id, args.reason)
    p = decision.package
    print(
        _("Submission {n} of {country} returned: {reason}").format(
            n=p.sequence, country=p.country, reason=p.reason
        )
    )
    return 0


def _receipt(ws: SecretariatWorkspace, args: argparse.Namespace) -> int:
    ws.intake.get(args.id)  # an unknown id is said before the passphrase is asked
    path = ws.receipts.write(args.id, args.output, read_passphrase(args.passphrase_file))
    print(_("Receipt written: {path}").format(path=path))
    return 0
