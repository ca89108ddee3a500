"""``focalpoint practice list``: the case-protection practices, as text or JSON."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from focalpoint.cli.commands import Command, Commands, group, json_option, print_json
from focalpoint.domain.practices import Practice
from focalpoint.i18n import _, current_language
from focalpoint.services.common.vocabularies import vocabularies
from focalpoint.services.country.workspace import Workspace


def register(commands: Commands, command: Command) -> None:
    practice = group(commands, "practice", _("the case-protection practices"))
    listing = command("list", _("list the practices"), _practice_list, practice)
    json_option(listing)


def _practice_list(ws: Workspace, args: argparse.Namespace) -> int:
    vocab = vocabularies()
    summaries = ws.practices.summaries()
    if args.json:
        names = {e.id: e.display_name for e in ws.entities.all()}
        print_json([_practice_json(ws.practices.get(p.id), names) for p in summaries])
        return 0
    if not summaries:
        print(_("No practices recorded yet."))
    for p in summaries:
        categories = vocab.practice_category.labels(p.categories) or "—"
        actions = ", ".join(p.action_codes) or "—"
        print(f"{p.id[:8]}  {p.title}")
        print(
            "          "
            + _("{state} · categories: {categories} · actions: {actions}").format(
                state=p.state.label, categories=categories, actions=actions
            )
        )
    return 0


def _practice_json(practice: Practice, entity_names: dict[str, str]) -> dict[str, object]:
    """A practice with its codes and, beside them, their labels in the --lang language."""
    vocab = vocabularies()
    data: dict[str, object] = asdict(practice)
    data["state"] = practice.state.value
    data["state_label"] = practice.state.label
    data["category_labels"] = [vocab.practice_category.label(c) for c in practice.categories]
    data["population_labels"] = [vocab.population.label(c) for c in practice.populations]
    data["phase_labels"] = [vocab.migration_phase.label(c) for c in practice.phases]
    data["subdivision_names"] = [_subdivision_name(code) for code in practice.subdivisions]
    data["entities"] = [entity_names.get(e, e) for e in practice.entity_ids]
    del data["deleted"]
    return data


def _subdivision_name(code: str) -> str:
    from focalpoint.services.common import geography

    found = geography.subdivision(code)
    return found.name_in(current_language()) if found else code
