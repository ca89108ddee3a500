"""``focalpoint plan show|import``: the plan with this country's answers, and its updates."""

from __future__ import annotations

import argparse
from pathlib import Path

from focalpoint.cli.commands import Command, Commands, group, json_option, print_json
from focalpoint.cli.plan_changes import change_lines
from focalpoint.cli.progress import long_work
from focalpoint.domain.plan import plan_to_dict
from focalpoint.domain.vocab import ActionStatus
from focalpoint.i18n import _, ngettext, pick
from focalpoint.services.country.plan import PlanOverview
from focalpoint.services.country.workspace import Workspace


def register(commands: Commands, command: Command) -> None:
    plan = group(commands, "plan", _("show or import the plan"))
    show = command("show", _("print the plan with this country's assignments"), _plan_show, plan)
    json_option(show)
    imp = command(
        "import",
        _("install a newer plan version signed by the Secretariat"),
        _plan_import,
        plan,
    )
    imp.add_argument("file", type=Path, help=_("the signed plan file"))
    imp.add_argument(
        "--check",
        action="store_true",
        help=_("only show what the new version would change; install nothing"),
    )


def _plan_show(ws: Workspace, args: argparse.Namespace) -> int:
    overview = ws.plan.overview()
    if args.json:
        sha256, signer = ws.plan.signature()
        shown = _plan_json(overview)
        # The signed version installed (null: the bundled provisional plan, not signed).
        shown["signature"] = {"sha256": sha256, "key_id": signer} if sha256 else None
        print_json(shown)
        return 0
    entities = overview.entities
    info = overview.info
    assigned, total = overview.coverage()
    print(f"{pick(info.title)}")
    print(
        _("Plan {code}, version {version}").format(code=info.code, version=info.version)
        + (" — " + _("provisional") if info.provisional else "")
    )
    sha256, _signer = ws.plan.signature()
    if sha256:
        print(_("Signed by the Secretariat; SHA-256 {sha256}").format(sha256=sha256))
    print(
        _("Actions with a responsible entity: {assigned} of {total}").format(
            assigned=assigned, total=total
        )
    )
    for axis in overview.document.axes:
        print(f"\n{axis.code}  {pick(axis.title)}")
        for obj in axis.objectives:
            print(f"  {obj.code}  {pick(obj.title)}")
            for action in obj.actions:
                a = overview.assignments.get(action.code)
                lead = entities[a.lead_id].display_name if a and a.lead_id else "—"
                status = a.status.label if a else ActionStatus.NOT_STARTED.label
                print(f"    {action.code}  {pick(action.title)}")
                print(f"           {lead} · {status}")
    orphans = overview.orphaned()
    if orphans:
        print("\n" + _("Assignments to actions no longer in the plan:"))
        for a in orphans:
            lead = entities[a.lead_id].display_name if a.lead_id else "—"
            print(f"    {a.action_code}  {lead} · {a.status.label}")
    return 0


def _plan_json(overview: PlanOverview) -> dict[str, object]:
    """The plan file's own form, and beside it every assignment with its entities' names."""
    entities = overview.entities
    orphaned = {a.action_code for a in overview.orphaned()}
    data = plan_to_dict(overview.document)
    data["assignments"] = {
        code: {
            "lead": entities[a.lead_id].name if a.lead_id else None,
            "supporting": [entities[s].name for s in a.support_ids],
            "status": a.status.value,
            "note": a.note,
            "updated_at": a.updated_at,
            "updated_by": a.updated_by,
            "in_plan": code not in orphaned,
        }
        for code, a in sorted(overview.assignments.items())
    }
    return data


def _plan_import(ws: Workspace, args: argparse.Namespace) -> int:
    if args.check:
        return _plan_check(ws, args.file)
    with long_work(
        _("Importing {name}…").format(name=args.file.name), _("Stopped. Nothing was imported.")
    ) as work:
        report = ws.plan.import_file(args.file, work.progress, work.cancelled)
    print(
        _("Plan {code} updated from version {old} to {new}.").format(
            code=report.plan_code, old=report.old_version or "—", new=report.new_version
        )
    )
    kept = len(report.kept_assignments)
    print(ngettext("{n} assignment kept.", "{n} assignments kept.", kept).format(n=kept))
    for old, new in report.moved_assignments:
        print(_("The assignment of {old} follows its action, now {new}.").format(old=old, new=new))
    for old, new in report.moved_links:
        print(
            _(
                "The practices linked to {old}, and your proposals about it not sent yet, "
                "follow it, now {new}."
            ).format(old=old, new=new)
        )
    if report.unmatched_assignments:
        print(
            _(
                "These assignments no longer match an action of the plan; they are kept and "
                "listed apart: {codes}"
            ).format(codes=", ".join(report.unmatched_assignments))
        )
    return 0


def _plan_check(ws: Workspace, path: Path) -> int:
    """What taking in the file would change, and nothing installed."""
    update = ws.plan.check_file(path)
    print(
        _("Version {new} of the plan {code}, signed by the Secretariat; installed: {old}.").format(
            new=update.info.version, code=update.info.code, old=update.old.version
        )
    )
    print("\n".join(change_lines(update.changes)))
    kept = len(update.kept)
    print(
        ngettext("{n} assignment would be kept.", "{n} assignments would be kept.", kept).format(
            n=kept
        )
    )
    for old, new in update.moved:
        print(
            _("The assignment of {old} would follow its action, now {new}.").format(
                old=old, new=new
            )
        )
    if update.unmatched:
        print(
            _(
                "These assignments would no longer match an action of the plan (kept and "
                "listed apart): {codes}"
            ).format(codes=", ".join(update.unmatched))
        )
    print(
        _("Nothing was installed. To install it: focalpoint plan import {file}").format(file=path)
    )
    return 0
