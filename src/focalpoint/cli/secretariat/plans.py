"""``focalpoint ts plan source|publish|list|file``: the current plan as a file to edit, signed plan
versions, the versions published, and a published version's signed file written again."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from focalpoint.cli.commands import Commands, group, json_option, print_json, refuse
from focalpoint.cli.passphrases import passphrase_option, read_passphrase
from focalpoint.cli.plan_changes import change_lines, changes_json
from focalpoint.cli.secretariat.commands import SecretariatCommand
from focalpoint.i18n import _, format_timestamp

if TYPE_CHECKING:
    from focalpoint.services.secretariat.workspace import SecretariatWorkspace


def register(ts: Commands, command: SecretariatCommand) -> None:
    plan = group(ts, "plan", _("publish signed versions of the plan"))
    publish = command(
        "publish",
        _("sign a plan file as the next version of the plan, for the countries to take in"),
        _publish,
        plan,
    )
    publish.add_argument("file", type=Path, metavar="FILE", help=_("the plan file (JSON)"))
    publish.add_argument(
        "--version",
        required=True,
        metavar="V",
        help=_("the version it becomes, higher than the latest published (such as 1.1)"),
    )
    publish.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="SIGNED",
        help=_("the signed plan file to write (required unless --check)"),
    )
    publish.add_argument(
        "--check",
        action="store_true",
        help=_("only show what the version changes; sign and record nothing"),
    )
    passphrase_option(publish)
    json_option(publish)
    listing = command("list", _("list the plan versions published, oldest first"), _list, plan)
    json_option(listing)
    source = command(
        "source",
        _("write the current plan as a plan file to edit into the next version"),
        _source,
        plan,
    )
    source.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE", help=_("the file to write")
    )
    again = command(
        "file",
        _("write the signed plan file of a published version again, to send it once more"),
        _file,
        plan,
    )
    again.add_argument("version", metavar="V", help=_("the version, as the list shows it"))
    again.add_argument(
        "-o", "--output", type=Path, required=True, metavar="SIGNED", help=_("the file to write")
    )


def _publish(ws: SecretariatWorkspace, args: argparse.Namespace) -> int:
    preview = ws.plan_versions.preview(args.file, args.version)  # refusals before the passphrase
    if args.check:
        if args.json:
            print_json({"version": preview.info.version, "changes": changes_json(preview.changes)})
            return 0
        print(
            _("Version {new} of the plan {code}, from version {old}:").format(
                new=preview.info.version, code=preview.info.code, old=preview.base.info.version
            )
        )
        print("\n".join(change_lines(preview.changes)))
        return 0
    if args.output is None:
        return refuse(_("Give the signed plan file to write with -o SIGNED (or use --check)."))
    published, changes = ws.plan_versions.publish(
        args.file, args.version, args.output, read_passphrase(args.passphrase_file)
    )
    if args.json:
        print_json(
            {
                "code": published.code,
                "version": published.version,
                "sha256": published.sha256,
                "file": str(args.output),
                "changes": changes_json(changes),
            }
        )
        return 0
    print(
        _("Version {new} of the plan {code}, from version {old}:").format(
            new=published.version, code=published.code, old=changes.old_version
        )
    )
    print("\n".join(change_lines(changes)))
    print(_("Signed plan file written: {path}").format(path=args.output))
    return 0


def _list(ws: SecretariatWorkspace, args: argparse.Namespace) -> int:
    versions = ws.plan_versions.versions()
    if args.json:
        print_json(
            [
                {
                    "code": v.code,
                    "version": v.version,
                    "sha256": v.sha256,
                    "lineage": [{"version": p.version, "sha256": p.sha256} for p in v.lineage],
                    "key_id": v.key_id,
                    "published_at": v.published_at,
                    "published_by": v.published_by,
                }
                for v in versions
            ]
        )
        return 0
    if not versions:
        print(
            _(
                "No plan version published yet: the Secretariat works with the bundled plan "
                "{version}."
            ).format(version=ws.plans.current_document().info.version)
        )
        return 0
    for v in versions:
        print(
            _("{code} {version}  published {when} by {who}  SHA-256 {sha}").format(
                code=v.code,
                version=v.version,
                when=format_timestamp(v.published_at),
                who=v.published_by,
                sha=v.sha256[:16] + "…",
            )
        )
    return 0


def _file(ws: SecretariatWorkspace, args: argparse.Namespace) -> int:
    written = ws.plan_versions.save_signed(args.version, args.output)
    print(_("Signed plan file written: {path}").format(path=written))
    return 0


def _source(ws: SecretariatWorkspace, args: argparse.Namespace) -> int:
    written = ws.plan_versions.write_source(args.output)
    print(
        _(
            "Plan file written: {path}. Edit it, then: focalpoint ts plan publish {path} "
            "--version V"
        ).format(path=written)
    )
    return 0
