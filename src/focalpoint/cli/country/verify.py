"""``focalpoint verify``: check a submission package, with or without a workspace.

Where there is no workspace (the Secretariat's machine, a reviewer's) none is created: the
dispatch runs :func:`_verify_standalone` instead. ``--json`` always prints one answer on stdout.

Without ``--key`` (and for a key this workspace never had) a package can be intact while who
signed it is unproven: any key can sign, and the signer's name is what the package claims.
The answer says so in words and ``--json`` says ``"signer_proven": false``; the exit status
stays 0, because it answers "is this file intact, as it was signed?". Proof of the signer is
asked for with ``--key``: a package signed with any other key then exits 1. A script that
must know who signed passes ``--key`` (or checks ``signer_proven``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from focalpoint.cli.commands import Command, Commands, json_option, print_json
from focalpoint.domain.errors import InvalidInput, PackageRefused
from focalpoint.i18n import _, format_timestamp, ngettext
from focalpoint.services.common.package_check import Verification, check_fingerprint, verify_file
from focalpoint.services.country.workspace import Workspace


def register(commands: Commands, command: Command) -> None:
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
    json_option(verify)


def _fingerprint_argument(text: str) -> str:
    try:
        return check_fingerprint(text)
    except InvalidInput as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _verify_standalone(args: argparse.Namespace) -> int:
    return _verify(None, args)


def _verify(ws: Workspace | None, args: argparse.Namespace) -> int:
    try:
        if ws is None:
            result = verify_file(args.file, args.key, args.previous, args.identity)
        else:
            result = ws.submissions.verify(args.file, args.key, args.previous, args.identity)
    except PackageRefused as refusal:
        if args.json:
            print_json({"valid": False, "reason": refusal.reason, "message": str(refusal)}, None)
        else:
            print(_("NOT VALID: {message}").format(message=refusal), file=sys.stderr)
        return 1
    except InvalidInput as problem:
        if not args.json:
            raise
        # A script reads one answer on stdout, even when the file is not there to check.
        print_json({"valid": False, "reason": "unusable", "message": str(problem)}, None)
        return 1
    if args.json:
        print_json(_verification_json(result))
        return 0
    _print_verification(result, fingerprint_given=bool(args.key))
    return 0


def _verification_json(result: Verification) -> dict[str, object]:
    return {
        "valid": True,
        "country": result.country,
        "sequence": result.sequence,
        "created_at": result.created_at.isoformat(),
        "signer": result.signer,
        "fingerprint": result.fingerprint,
        # False: intact, but signed by a key nobody vouched for (no --key, not this workspace's).
        "signer_proven": result.signer_proven,
        "sha256": result.sha256,
        "size": result.size,
        "members": [{"path": p, "size": s} for p, s in result.members],
        "gap": result.gap,
    }


def _print_verification(result: Verification, fingerprint_given: bool) -> None:
    when = format_timestamp(result.created_at.isoformat())
    if result.signer_proven:
        print(
            _("Valid: submission {n} from {country}, signed by {signer} on {when}.").format(
                n=result.sequence, country=result.country, signer=result.signer, when=when
            )
        )
    else:
        print(
            _(
                "Intact, but the signer is not proven: submission {n} from {country}, signed "
                "on {when} by a key no one has vouched for. The name “{signer}” is only what "
                "the package claims."
            ).format(n=result.sequence, country=result.country, signer=result.signer, when=when)
        )
    print(_("Key fingerprint: {fingerprint}").format(fingerprint=result.fingerprint))
    if not result.signer_proven:
        print(
            _(
                "To prove who signed, compare this fingerprint with the one registered for "
                "the country, or verify again with --key FINGERPRINT."
            )
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
