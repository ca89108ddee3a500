"""``focalpoint receipt import FILE``: the Secretariat's answer to a submission."""

from __future__ import annotations

import argparse
from pathlib import Path

from focalpoint.cli.commands import Command, Commands, group, json_option, print_json
from focalpoint.domain.submissions import state_label
from focalpoint.i18n import _, format_timestamp, ngettext
from focalpoint.services.country.workspace import Workspace


def register(commands: Commands, command: Command) -> None:
    receipt = group(commands, "receipt", _("the Secretariat's receipts for submissions"))
    take = command(
        "import",
        _("take in a receipt: the submission it answers becomes acknowledged or returned"),
        _receipt_import,
        receipt,
    )
    take.add_argument("file", type=Path, metavar="FILE", help=_("the receipt file"))
    json_option(take)


def _receipt_import(ws: Workspace, args: argparse.Namespace) -> int:
    done = ws.secretariat.import_receipt(args.file)
    row, receipt = done.submission, done.receipt
    if args.json:
        print_json(
            {
                "submission": row.sequence,
                "file": row.file_name,
                "sha256": row.sha256,
                "decision": receipt.decision,
                "reason": receipt.reason,
                "decided_at": receipt.decided_at,
                "state": row.state,
                "already": done.already,
                "proposals_answered": [
                    {
                        "id": p.id,
                        "state": p.state,
                        "reason": p.state_reason,
                        "version": p.state_version,
                    }
                    for p in done.answered
                ],
            }
        )
        return 0
    when = format_timestamp(receipt.decided_at)
    if receipt.decision == "accepted":
        print(
            _("The Secretariat accepted submission {n} ({file}) on {when}.").format(
                n=row.sequence, file=row.file_name, when=when
            )
        )
    else:
        print(
            _("The Secretariat returned submission {n} ({file}) on {when}.").format(
                n=row.sequence, file=row.file_name, when=when
            )
        )
    if receipt.reason:
        print(_("Reason: {reason}").format(reason=receipt.reason))
    if done.answered:
        print(
            ngettext(
                "It answers {n} of your proposals: see `focalpoint proposal list`.",
                "It answers {n} of your proposals: see `focalpoint proposal list`.",
                len(done.answered),
            ).format(n=len(done.answered))
        )
    if done.already:
        print(
            _("This receipt was taken in before; submission {n} stays {state}.").format(
                n=row.sequence, state=state_label(row.state)
            )
        )
    return 0
