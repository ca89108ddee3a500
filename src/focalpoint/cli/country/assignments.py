"""``focalpoint assign|unassign|status|note|history``: this country's answer for one action."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from focalpoint.cli.commands import Command, Commands, json_option, print_json
from focalpoint.domain.history import change_text
from focalpoint.domain.vocab import ActionStatus
from focalpoint.i18n import _, format_timestamp
from focalpoint.services.country.workspace import Workspace


def register(commands: Commands, command: Command) -> None:
    assign = command(
        "assign", _("name the lead (or, with --support, a supporting) entity"), _assign
    )
    assign.add_argument("code")
    assign.add_argument("entity")
    assign.add_argument("--support", action="store_true")
    unassign = command("unassign", _("remove the lead entity, or one supporting entity"), _unassign)
    unassign.add_argument("code")
    unassign.add_argument("entity", nargs="?")
    status = command("status", _("set an action's status"), _status)
    status.add_argument("code")
    status.add_argument("status", choices=[s.value for s in ActionStatus])
    note = command("note", _("set an action's progress note"), _note)
    note.add_argument("code")
    note.add_argument("text")
    history = command("history", _("show who changed an action, when, and what"), _history)
    history.add_argument("code")
    json_option(history)


def _assign(ws: Workspace, args: argparse.Namespace) -> int:
    entity = ws.entities.resolve(args.entity)
    if args.support:
        ws.assignments.add_support(args.code, entity.id)
        print(_("{name} supports action {code}.").format(name=entity.display_name, code=args.code))
    else:
        ws.assignments.set_lead(args.code, entity.id)
        print(_("{name} leads action {code}.").format(name=entity.display_name, code=args.code))
    return 0


def _unassign(ws: Workspace, args: argparse.Namespace) -> int:
    if args.entity:
        ws.assignments.remove_support(args.code, ws.entities.resolve(args.entity).id)
    else:
        ws.assignments.set_lead(args.code, None)
    print(_("Saved."))
    return 0


def _status(ws: Workspace, args: argparse.Namespace) -> int:
    a = ws.assignments.set_status(args.code, args.status)
    print(_("Action {code}: {status}.").format(code=args.code, status=a.status.label))
    return 0


def _note(ws: Workspace, args: argparse.Namespace) -> int:
    ws.assignments.set_note(args.code, args.text)
    print(_("Saved."))
    return 0


def _history(ws: Workspace, args: argparse.Namespace) -> int:
    entries = ws.assignments.history(args.code)
    if args.json:
        print_json([asdict(e) for e in entries])
        return 0
    if not entries:
        print(_("No changes recorded for action {code}.").format(code=args.code))
    for e in entries:
        print(f"{format_timestamp(e.at)}  {e.actor or '—'}  {change_text(e)}")
    return 0
