"""Command-line faces of signing keys, submissions and verification (see ``cli``).

Passphrases come from ``--passphrase-file``, else $FOCALPOINT_PASSPHRASE, else a prompt that
does not echo; never from a command-line argument, which other users can read in `ps`.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from focalpoint.domain.errors import InvalidInput, PackageRefused
from focalpoint.domain.os_errors import os_reason
from focalpoint.domain.submissions import STATES, state_label
from focalpoint.i18n import _, format_timestamp, ngettext
from focalpoint.services.common.package_check import (
    check_fingerprint,
    check_package,
    verification_of,
)
from focalpoint.services.country.submission_preview import email_note
from focalpoint.services.country.workspace import Workspace

ENV_PASSPHRASE = "FOCALPOINT_PASSPHRASE"
Handler = Callable[[Workspace, argparse.Namespace], int]
Command = Callable[..., argparse.ArgumentParser]


def register(commands: Any, command: Command) -> None:
    """Add the key, export, verify and submission commands to the parser."""
    key = commands.add_parser("key", help=_("the signing key for submissions"))
    key_commands = key.add_subparsers(dest="key_command", metavar="COMMAND", required=True)
    create = command("create", _("make this workspace's signing key"), _key_create, key_commands)
    _passphrase_option(create)
    create.add_argument(
        "--replace",
        action="store_true",
        help=_("replace the current key (the Secretariat must register the new one)"),
    )
    show = command("show", _("show the key's fingerprint and public key"), _key_show, key_commands)
    show.add_argument("--json", action="store_true", help=_("print JSON"))
    export_key = command(
        "export", _("write the public key (PEM) to a file"), _key_export, key_commands
    )
    export_key.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    sheet = command(
        "sheet",
        _("write the key-registration sheet (PDF) for the Secretariat"),
        _key_sheet,
        key_commands,
    )
    sheet.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    change = command("passphrase", _("change the key's passphrase"), _key_passphrase, key_commands)
    _passphrase_option(change)
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
        key_commands,
    )
    recipient.add_argument("recipient", nargs="?", help=_("age1… (omit to show the current one)"))
    recipient.add_argument("--clear", action="store_true", help=_("stop encrypting"))

    export = command(
        "export",
        _("sign the next submission to the Secretariat and copy it to a folder"),
        _export,
    )
    export.add_argument("--out", type=Path, metavar="DIR", help=_("folder to copy the package to"))
    _passphrase_option(export)
    export.add_argument("--no-report", action="store_true", help=_("leave the country report out"))
    export.add_argument(
        "--encrypt",
        action="store_true",
        help=_("also encrypt the package to the Secretariat's age key"),
    )

    verify = command(
        "verify",
        _("check a submission package: signature, key and every file; exit 1 if not intact"),
        _verify,
    )
    verify.set_defaults(standalone=_verify_standalone)
    verify.add_argument("file", type=Path)
    verify.add_argument(
        "--key",
        metavar="FINGERPRINT",
        type=_fingerprint_argument,
        help=_("the registered fingerprint it must be signed with"),
    )
    verify.add_argument(
        "--previous",
        type=Path,
        metavar="FILE",
        help=_("the last package accepted from the country: this one must come after it"),
    )
    verify.add_argument(
        "--identity", type=Path, metavar="FILE", help=_("age identity to open an encrypted package")
    )
    verify.add_argument("--json", action="store_true", help=_("print JSON"))

    submission = commands.add_parser("submission", help=_("the submissions made so far"))
    sub_commands = submission.add_subparsers(
        dest="submission_command", metavar="COMMAND", required=True
    )
    listing = command("list", _("list every submission"), _submission_list, sub_commands)
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    mark = command(
        "mark",
        _("record that a submission was sent, acknowledged or returned"),
        _submission_mark,
        sub_commands,
    )
    mark.add_argument("number", type=int)
    mark.add_argument("state", choices=STATES[1:])
    mark.add_argument("--note", default="", help=_("the Secretariat's reason, for returned"))
    save = command(
        "save", _("copy a submission again, byte for byte"), _submission_save, sub_commands
    )
    save.add_argument("number", type=int)
    save.add_argument("folder", type=Path)
    save.add_argument(
        "--encrypted",
        action="store_true",
        help=_("copy the file encrypted for the Secretariat instead of the signed package"),
    )


def _passphrase_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="FILE",
        help=_("read the passphrase from the first line of FILE (or set ${name})").format(
            name=ENV_PASSPHRASE
        ),
    )


def _passphrase(args: argparse.Namespace, confirm: bool = False) -> str:
    """The passphrase: from --passphrase-file, then $FOCALPOINT_PASSPHRASE, then typed."""
    source = getattr(args, "passphrase_file", None)
    if source is not None:
        return _passphrase_from(source)
    if os.environ.get(ENV_PASSPHRASE):
        return os.environ[ENV_PASSPHRASE]
    if not sys.stdin.isatty():
        raise InvalidInput(
            _("Give the passphrase with --passphrase-file FILE or ${name}.").format(
                name=ENV_PASSPHRASE
            )
        )
    first = getpass.getpass(_("Passphrase: "))
    if confirm and getpass.getpass(_("Passphrase again: ")) != first:
        raise InvalidInput(_("The two passphrases differ. Nothing was changed."))
    return first


def _new_passphrase(file: Path | None) -> str:
    """A new passphrase: from its own file, or typed twice; never the old one's sources."""
    if file is not None:
        return _passphrase_from(file)
    if not sys.stdin.isatty():
        raise InvalidInput(_("Give the new passphrase with --new-passphrase-file FILE."))
    first = getpass.getpass(_("New passphrase: "))
    if getpass.getpass(_("New passphrase again: ")) != first:
        raise InvalidInput(_("The two passphrases differ. Nothing was changed."))
    return first


def _passphrase_from(path: Path) -> str:
    """The first line of a file; a byte-order mark (Notepad writes one) is not part of it."""
    try:
        lines = Path(path).read_text("utf-8-sig").splitlines()
    except UnicodeDecodeError:
        # The codec's own message quotes the offending byte: a byte of the passphrase.
        raise InvalidInput(
            _("The passphrase file {path} is not UTF-8 text.").format(path=path)
        ) from None
    except OSError as exc:
        raise InvalidInput(
            _("The passphrase file {path} cannot be read: {reason}.").format(
                path=path, reason=os_reason(exc)
            )
        ) from exc
    return lines[0] if lines else ""


def _key_create(ws: Workspace, args: argparse.Namespace) -> int:
    info = ws.keys.create(_passphrase(args, confirm=True), replace=args.replace)
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
    current = next((k for k in keys if k.current), None)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "fingerprint": k.fingerprint,
                        "key_id": k.key_id,
                        "created_at": k.created_at,
                        "replaced_at": k.replaced_at,
                        "public_key_pem": k.pem(),
                    }
                    for k in keys
                ],
                indent=2,
            )
        )
        return 0
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
    old = _passphrase(args)
    new = _new_passphrase(args.new_passphrase_file)
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


def _export(ws: Workspace, args: argparse.Namespace) -> int:
    for warning in ws.submissions.preview().warnings:
        print(_("Warning: {text}").format(text=warning), file=sys.stderr)
    sent = ws.submissions.send(
        _passphrase(args),
        args.out,
        include_report=not args.no_report,
        language=getattr(args, "lang", None),
        encrypt=args.encrypt,
    )
    row = sent.submission
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


def _fingerprint_argument(text: str) -> str:
    try:
        return check_fingerprint(text)
    except InvalidInput as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _verify_standalone(args: argparse.Namespace) -> int:
    """``verify`` where there is no workspace: the same checks, nothing created."""
    with tempfile.TemporaryDirectory(prefix="focalpoint-verify-") as scratch:
        return _verify(None, args, Path(scratch))


def _verify(ws: Workspace | None, args: argparse.Namespace, scratch: Path | None = None) -> int:
    try:
        if ws is None:
            checked = check_package(args.file, args.key, args.previous, args.identity, scratch)
            result = verification_of(checked)
        else:
            result = ws.submissions.verify(args.file, args.key, args.previous, args.identity)
    except PackageRefused as refusal:
        if args.json:
            answer = {"valid": False, "reason": refusal.reason, "message": str(refusal)}
            print(json.dumps(answer, ensure_ascii=False))
        else:
            print(_("NOT VALID: {message}").format(message=refusal), file=sys.stderr)
        return 1
    except InvalidInput as problem:
        if not args.json:
            raise
        # A script reads one answer on stdout, even when the file is not there to check.
        answer = {"valid": False, "reason": "unusable", "message": str(problem)}
        print(json.dumps(answer, ensure_ascii=False))
        return 1
    if args.json:
        print(
            json.dumps(
                {
                    "valid": True,
                    "country": result.country,
                    "sequence": result.sequence,
                    "created_at": result.created_at.isoformat(),
                    "signer": result.signer,
                    "fingerprint": result.fingerprint,
                    "sha256": result.sha256,
                    "size": result.size,
                    "members": [{"path": p, "size": s} for p, s in result.members],
                    "gap": result.gap,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    print(
        _("Valid: submission {n} from {country}, signed by {signer} on {when}.").format(
            n=result.sequence,
            country=result.country,
            signer=result.signer,
            when=format_timestamp(result.created_at.isoformat()),
        )
    )
    print(_("Key fingerprint: {fingerprint}").format(fingerprint=result.fingerprint))
    if not args.key:
        print(
            _("No --key given: compare this fingerprint with the one registered for the country.")
        )
    print(f"SHA-256 {result.sha256}")
    print(
        ngettext("{n} file intact:", "{n} files intact:", len(result.members)).format(
            n=len(result.members)
        )
    )
    for path, size in result.members:
        print(f"  {size:>12,}  {path}")
    if result.gap:
        print(
            ngettext(
                "Warning: {n} submission is missing between the previous one and this one.",
                "Warning: {n} submissions are missing between the previous one and this one.",
                result.gap,
            ).format(n=result.gap),
            file=sys.stderr,
        )
    return 0


def _submission_list(ws: Workspace, args: argparse.Namespace) -> int:
    rows = ws.submissions.history()
    if args.json:
        print(
            json.dumps(
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
                    }
                    for r in rows
                ],
                ensure_ascii=False,
                indent=2,
            )
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
