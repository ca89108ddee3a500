"""``focalpoint ts proposals`` and ``ts proposal mark``: the countries' amendment proposals
side by side per action, and the Secretariat's answers."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from focalpoint.cli.commands import Commands, group, json_option, print_json
from focalpoint.cli.secretariat.commands import SecretariatCommand
from focalpoint.domain.proposals import ANSWERS, RegionalProposal, kind_label, state_label
from focalpoint.domain.text import one_line
from focalpoint.i18n import _, format_timestamp

if TYPE_CHECKING:
    from focalpoint.services.secretariat.workspace import SecretariatWorkspace


def register(ts: Commands, command: SecretariatCommand) -> None:
    listing = command(
        "proposals", _("list the countries' amendment proposals, per action"), _proposals
    )
    listing.add_argument("--country", metavar="XX", help=_("only this country's proposals"))
    json_option(listing)
    proposal = group(ts, "proposal", _("answer the countries' amendment proposals"))
    mark = command(
        "mark",
        _("answer a proposal: incorporated (into a plan version), declined or under discussion"),
        _mark,
        proposal,
    )
    mark.add_argument(
        "id", metavar="ID", help=_("the proposal, as `ts proposals` shows it (such as SV-1a2b3c4d)")
    )
    mark.add_argument(
        "state",
        metavar="|".join(ANSWERS),
        help=_("the answer: {answers}").format(answers=", ".join(ANSWERS)),
    )
    mark.add_argument("--reason", default="", metavar="TEXT", help=_("why (required to decline)"))
    mark.add_argument(
        "--version",
        default="",
        metavar="V",
        help=_("the plan version it went into (required for incorporated)"),
    )
    json_option(mark)


def _proposals(ws: SecretariatWorkspace, args: argparse.Namespace) -> int:
    from focalpoint.services.secretariat.registry import checked_country

    country = checked_country(args.country) if args.country else None
    groups = ws.proposals.by_target()
    if args.json:
        print_json(
            [
                {
                    "target_code": g.target_code,
                    "target_title": g.target_title,
                    "proposals": [_json(p) for p in g.proposals if country in (None, p.country)],
                }
                for g in groups
                if country is None or country in g.countries
            ]
        )
        return 0
    shown = [g for g in groups if country is None or country in g.countries]
    if not shown:
        print(_("No proposals received yet."))
    for g in shown:
        print(f"{g.target_code}  {g.target_title}".rstrip())
        for p in g.proposals:
            if country not in (None, p.country):
                continue
            print(f"  {p.short_id}  {kind_label(p.kind)}  [{p.language}]  {_answer_text(p)}")
            print(f"      {one_line(p.text)}")
            print("      " + _("Why: {text}").format(text=one_line(p.justification)))
    return 0


def _mark(ws: SecretariatWorkspace, args: argparse.Namespace) -> int:
    row, changed = ws.proposals.mark(args.id, args.state, args.reason, args.version)
    if args.json:
        print_json({**_json(row), "changed": changed})
        return 0
    if changed:
        print(_("{id}: {answer}.").format(id=row.short_id, answer=_answer_text(row)))
    else:
        print(_("{id} was marked so already; nothing changed.").format(id=row.short_id))
    return 0


def _answer_text(p: RegionalProposal) -> str:
    if p.state == "incorporated":
        return _("incorporated in version {v}").format(v=p.state_version)
    if p.state == "declined":
        return _("declined: {reason}").format(reason=one_line(p.state_reason, 60))
    return state_label(p.state)


def _json(p: RegionalProposal) -> dict[str, object]:
    return {
        "id": p.short_id,
        "proposal_id": p.proposal_id,
        "country": p.country,
        "package_id": p.package_id,
        "target_code": p.target_code,
        "kind": p.kind,
        "language": p.language,
        "text": p.text,
        "justification": p.justification,
        "proposed_at": p.proposed_at,
        "proposed_by": p.proposed_by,
        "state": p.state,
        "state_label": state_label(p.state),
        "reason": p.state_reason,
        "version": p.state_version,
        "answered_at": p.state_at,
        "answered_by": p.state_by,
        "answered": format_timestamp(p.state_at) if p.state_at else "",
    }
