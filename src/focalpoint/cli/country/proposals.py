"""``focalpoint proposal add|list|delete``: amendment proposals to the plan, sent to the
Secretariat with the next submission."""

from __future__ import annotations

import argparse

from focalpoint.cli.commands import Command, Commands, group, json_option, print_json
from focalpoint.domain.proposals import KINDS, Proposal, kind_label, short_id, state_label
from focalpoint.domain.text import one_line
from focalpoint.i18n import _, format_timestamp
from focalpoint.services.country.workspace import Workspace


def register(commands: Commands, command: Command) -> None:
    proposal = group(commands, "proposal", _("amendment proposals to the plan"))
    add = command(
        "add",
        _("propose new wording for an action, or a new action or paragraph under an objective"),
        _add,
        proposal,
    )
    add.add_argument(
        "code", metavar="CODE", help=_("the action (such as 1.1.1) or objective (such as 1.1)")
    )
    add.add_argument("--text", required=True, metavar="TEXT", help=_("the text you propose"))
    add.add_argument("--why", required=True, metavar="TEXT", help=_("its justification"))
    # --lang, shared by every command for its messages, also names the text's language here, as
    # the issue's `proposal add CODE --text TEXT --why TEXT [--lang L]` has it: one who writes
    # in French reads the answer in French.
    for action in add._actions:
        if action.dest == "lang":
            action.help = _(
                "the language of the text, es, en or fr, and of the messages (default: the "
                "workspace's)"
            )
    add.add_argument(
        "--kind",
        metavar="K",
        help=_("{kinds} (default: wording for an action, new_action for an objective)").format(
            kinds=", ".join(KINDS)
        ),
    )
    json_option(add)
    listing = command("list", _("list the proposals, their state and the answers"), _list, proposal)
    json_option(listing)
    edit = command("edit", _("change a proposal not sent yet"), _edit, proposal)
    edit.add_argument("id", metavar="ID", help=_("the proposal's id, as the list shows it"))
    edit.add_argument("--text", metavar="TEXT", help=_("the new text"))
    edit.add_argument("--why", metavar="TEXT", help=_("the new justification"))
    edit.add_argument(
        "--kind", metavar="K", help=_("the new kind: {kinds}").format(kinds=", ".join(KINDS))
    )
    for action in edit._actions:
        if action.dest == "lang":
            action.help = _("the language of the text, es, en or fr, and of the messages")
    delete = command("delete", _("delete a proposal not sent yet"), _delete, proposal)
    delete.add_argument("id", metavar="ID", help=_("the proposal's id, as the list shows it"))


def _add(ws: Workspace, args: argparse.Namespace) -> int:
    row = ws.proposals.add(args.code, args.text, args.why, getattr(args, "lang", None), args.kind)
    if args.json:
        print_json(_json(ws, row))
        return 0
    print(
        _("Proposal {id} ({kind}, {code}) saved; the next submission sends it.").format(
            id=short_id(_country(ws), row.id), kind=kind_label(row.kind), code=row.target_code
        )
    )
    return 0


def _list(ws: Workspace, args: argparse.Namespace) -> int:
    rows = ws.proposals.all()
    if args.json:
        print_json([_json(ws, row) for row in rows])
        return 0
    if not rows:
        print(_("No proposals yet. Add one with: focalpoint proposal add CODE --text … --why …"))
    country = _country(ws)
    for row in rows:
        print(
            f"{short_id(country, row.id)}  {row.target_code}  {kind_label(row.kind)}"
            f"  [{row.language}]  {state_label(row.state)}"
        )
        print(f"    {one_line(row.text)}")
        if row.state == "incorporated":
            print("    " + _("Incorporated in plan version {v}.").format(v=row.state_version))
        elif row.state_reason:
            print("    " + _("Secretariat: {reason}").format(reason=one_line(row.state_reason)))
        if row.answered_at:
            print("    " + _("Answered {when}").format(when=format_timestamp(row.answered_at)))
    return 0


def _edit(ws: Workspace, args: argparse.Namespace) -> int:
    row = ws.proposals.edit(args.id, args.text, args.why, getattr(args, "lang", None), args.kind)
    print(_("Proposal {id} changed.").format(id=short_id(_country(ws), row.id)))
    return 0


def _delete(ws: Workspace, args: argparse.Namespace) -> int:
    row = ws.proposals.delete(args.id)
    print(_("Proposal {id} deleted.").format(id=short_id(_country(ws), row.id)))
    return 0


def _country(ws: Workspace) -> str:
    profile = ws.profile.get()
    return profile.country if profile else "--"


def _json(ws: Workspace, row: Proposal) -> dict[str, object]:
    return {
        "id": row.id,
        "short_id": short_id(_country(ws), row.id),
        "target_code": row.target_code,
        "kind": row.kind,
        "kind_label": kind_label(row.kind),
        "language": row.language,
        "text": row.text,
        "justification": row.justification,
        "created_at": row.created_at,
        "created_by": row.created_by,
        "submission_id": row.submission_id,
        "state": row.state,
        "state_label": state_label(row.state),
        "reason": row.state_reason,
        "version": row.state_version,
        "answered_at": row.answered_at,
    }
