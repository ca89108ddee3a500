"""``focalpoint export`` and ``focalpoint submission …``: signing, sending, and the history."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from focalpoint.cli.commands import Command, Commands, group, json_option, print_json
from focalpoint.cli.passphrases import passphrase_option, read_passphrase
from focalpoint.cli.progress import Stopped, long_work
from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.submissions import STATES, ReceiptRecord, Submission, state_label
from focalpoint.i18n import _, format_timestamp
from focalpoint.services.country.submission_preview import email_note
from focalpoint.services.country.workspace import Workspace


def register(commands: Commands, command: Command) -> None:
    export = command(
        "export",
        _("sign the next submission to the Secretariat and copy it to a folder"),
        _export,
    )
    export.add_argument("--out", type=Path, metavar="DIR", help=_("folder to copy the package to"))
    passphrase_option(export)
    export.add_argument("--no-report", action="store_true", help=_("leave the country report out"))
    export.add_argument(
        "--encrypt",
        action="store_true",
        help=_("also encrypt the package to the Secretariat's age key"),
    )

    submission = group(commands, "submission", _("the submissions made so far"))
    listing = command("list", _("list every submission"), _submission_list, submission)
    json_option(listing)
    mark = command(
        "mark",
        _("record that a submission was sent, acknowledged or returned"),
        _submission_mark,
        submission,
    )
    mark.add_argument("number", type=int)
    mark.add_argument("state", choices=STATES[1:])
    mark.add_argument("--note", default="", help=_("the Secretariat's reason, for returned"))
    save = command(
        "save", _("copy a submission again, byte for byte"), _submission_save, submission
    )
    save.add_argument("number", type=int)
    save.add_argument("folder", type=Path)
    save.add_argument(
        "--encrypted",
        action="store_true",
        help=_("copy the file encrypted for the Secretariat instead of the signed package"),
    )


def _export(ws: Workspace, args: argparse.Namespace) -> int:
    # What would stop the export is said before the passphrase is asked for.
    preview = ws.submissions.preview()
    if preview.blocking:
        raise InvalidInput(" ".join(preview.blocking))
    ws.submissions.check_sendable(args.out, args.encrypt)
    for warning in preview.warnings:
        print(_("Warning: {text}").format(text=warning), file=sys.stderr)
    passphrase = read_passphrase(args.passphrase_file)
    before = _newest(ws)
    try:
        with long_work(_("Signing submission {n}…").format(n=preview.sequence)) as work:
            sent = ws.submissions.send(
                passphrase,
                args.out,
                include_report=not args.no_report,
                language=getattr(args, "lang", None),
                encrypt=args.encrypt,
                progress=work.progress,
                cancelled=work.cancelled,
            )
    except Stopped:
        # Stopped after the package was signed and recorded (a second Ctrl+C while copying):
        # that cannot be undone, and the message says so rather than "nothing was written".
        kept = _newest(ws)
        if kept is not None and (before is None or kept.id != before.id):
            raise Stopped(_kept_message(ws, kept, args.out)) from None
        raise
    row = sent.submission
    if sent.copy_error and work.cancelled():
        raise Stopped(_kept_message(ws, row, args.out))
    if sent.copy_error:
        raise InvalidInput(
            _(
                "Submission {n} is signed and kept in the workspace, but copying it failed: "
                "{reason} Copy it with `focalpoint submission save {n} FOLDER`."
            ).format(n=row.sequence, reason=sent.copy_error)
        )
    encrypted = bool(row.encrypted_name)
    path = sent.saved or ws.submissions.kept_file(row, encrypted=encrypted)
    print(
        _("Submission {n} signed with key {fingerprint}: {path}").format(
            n=row.sequence, fingerprint=row.fingerprint, path=path
        )
    )
    print(f"SHA-256 {row.encrypted_sha256 if encrypted else row.sha256}")
    note = email_note(row.size)
    if note:
        print(_("Warning: {text}").format(text=note), file=sys.stderr)
    return 0


def _newest(ws: Workspace) -> Submission | None:
    history = ws.submissions.history()  # newest first
    return history[0] if history else None


def _kept_message(ws: Workspace, row: Submission, out: Path | None) -> str:
    """What a stop left once the package was signed: kept and recorded, not copied."""
    if out is None:
        return _("Stopped, but submission {n} was signed already; it is kept in {path}.").format(
            n=row.sequence, path=ws.submissions.kept_file(row, bool(row.encrypted_name))
        )
    again = f"focalpoint submission save {row.sequence} {out}"
    return _(
        "Stopped. Submission {n} is signed and kept in the workspace, but it was not copied "
        "to {folder}. Copy it with `{command}`."
    ).format(
        n=row.sequence,
        folder=out,
        command=again + (" --encrypted" if row.encrypted_name else ""),
    )


def _submission_list(ws: Workspace, args: argparse.Namespace) -> int:
    rows = ws.submissions.history()
    if args.json:
        receipts = ws.secretariat.receipts()
        print_json(
            [
                {
                    "sequence": r.sequence,
                    "created_at": r.created_at,
                    "state": r.state,
                    "state_at": r.state_at,
                    "state_note": r.state_note,
                    "file": r.file_name,
                    "sha256": r.sha256,
                    "size": r.size,
                    "fingerprint": r.fingerprint,
                    "encrypted_file": r.encrypted_name,  # "" when not encrypted
                    "encrypted_sha256": r.encrypted_sha256,
                    # The Secretariat's signed answer, once taken in (null before).
                    "receipt": _receipt_json(receipts.get(r.id)),
                }
                for r in rows
            ]
        )
        return 0
    if not rows:
        print(_("No submissions yet."))
    for r in rows:
        prefix = (
            f"{r.sequence:>4}  {format_timestamp(r.created_at)}  {state_label(r.state):<14}"
            f"  {r.fingerprint}  "
        )
        print(f"{prefix}{r.sha256[:16]}…  {r.file_name}")
        if r.encrypted_name:  # the file the Secretariat receives: its hash too, under the first
            print(f"{' ' * len(prefix)}{r.encrypted_sha256[:16]}…  {r.encrypted_name}")
        if r.state == "returned" and r.state_note:  # what the Secretariat asks to change
            print(" " * len(prefix) + _("Reason: {reason}").format(reason=r.state_note))
    return 0


def _submission_mark(ws: Workspace, args: argparse.Namespace) -> int:
    row = ws.submissions.set_state(ws.submissions.by_number(args.number).id, args.state, args.note)
    print(_("Submission {n} is now {state}.").format(n=row.sequence, state=state_label(row.state)))
    return 0


def _submission_save(ws: Workspace, args: argparse.Namespace) -> int:
    path = ws.submissions.save_copy(
        ws.submissions.by_number(args.number).id, args.folder, args.encrypted
    )
    print(_("Copied to {path}.").format(path=path))
    return 0


def _receipt_json(receipt: ReceiptRecord | None) -> dict[str, str] | None:
    if receipt is None:
        return None
    return {
        "decision": receipt.decision,
        "reason": receipt.reason,
        "decided_at": receipt.decided_at,
        "imported_at": receipt.imported_at,
        "sha256": receipt.sha256,
    }
