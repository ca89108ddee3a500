"""``focalpoint entity …``: the national entity directory (add, edit, list, merge, retire)."""

from __future__ import annotations

import argparse
from dataclasses import asdict, fields

from focalpoint.cli.commands import Command, Commands, group, json_option, print_json, refuse
from focalpoint.domain.errors import EntityInUse
from focalpoint.domain.records import Entity, EntityDraft
from focalpoint.domain.vocab import EntityType
from focalpoint.i18n import _, ngettext
from focalpoint.services.country.workspace import Workspace


def register(commands: Commands, command: Command) -> None:
    entity = group(commands, "entity", _("keep the national entity directory"))
    add = command("add", _("add an entity"), _entity_add, entity)
    add.add_argument("name")
    _entity_fields(add)
    edit = command("edit", _("change an entity"), _entity_edit, entity)
    edit.add_argument("entity", help=_("name, acronym or id"))
    edit.add_argument("--name")
    _entity_fields(edit, defaults=False)
    listing = command("list", _("list the entities"), _entity_list, entity)
    json_option(listing)
    merge = command("merge", _("merge a duplicate into the entity to keep"), _entity_merge, entity)
    merge.add_argument("keep", help=_("the entity to keep"))
    merge.add_argument("duplicate", help=_("the duplicate to fold into it"))
    retire = command("retire", _("retire an entity"), _entity_retire, entity)
    retire.add_argument("entity")
    retire.add_argument(
        "--force", action="store_true", help=_("retire even if it is still responsible for actions")
    )
    restore = command("restore", _("bring back a retired entity"), _entity_restore, entity)
    restore.add_argument("entity")


def _entity_fields(sub: argparse.ArgumentParser, defaults: bool = True) -> None:
    default = "" if defaults else None
    sub.add_argument("--acronym", default=default)
    sub.add_argument(
        "--type", default="other" if defaults else None, choices=[t.value for t in EntityType]
    )
    sub.add_argument("--parent", default=None, help=_("parent institution (name or acronym)"))
    for flag in ("contact-person", "email", "phone", "address", "notes"):
        sub.add_argument(f"--{flag}", default=default)


def _draft_from(args: argparse.Namespace, ws: Workspace, current: Entity | None) -> EntityDraft:
    """The options given, over the entity's current values (when it is an edit)."""
    values = {f.name: getattr(current, f.name) for f in fields(EntityDraft)} if current else {}
    for key in ("name", "acronym", "type", "contact_person", "email", "phone", "address", "notes"):
        value = getattr(args, key, None)
        if value is not None:
            values[key] = value
    if args.parent is not None:
        values["parent_id"] = ws.entities.resolve(args.parent).id if args.parent else None
    return EntityDraft(**values)


def _entity_add(ws: Workspace, args: argparse.Namespace) -> int:
    entity = ws.entities.add(_draft_from(args, ws, None))
    print(_("Added {name} ({id}).").format(name=entity.display_name, id=entity.id))
    return 0


def _entity_edit(ws: Workspace, args: argparse.Namespace) -> int:
    current = ws.entities.resolve(args.entity)
    entity = ws.entities.update(current.id, _draft_from(args, ws, current))
    print(_("Saved {name}.").format(name=entity.display_name))
    return 0


def _entity_list(ws: Workspace, args: argparse.Namespace) -> int:
    entities = ws.entities.all()
    usage = ws.entities.usage()
    if args.json:
        print_json([{**asdict(e), "actions": usage.get(e.id, 0)} for e in entities])
        return 0
    if not entities:
        print(_("The directory is empty. Add an entity with: focalpoint entity add NAME"))
    for e in entities:
        flag = "  " + _("(retired)") if e.retired else ""
        print(
            f"{e.id[:8]}  {e.display_name}  · {e.type.label} · "
            + ngettext("{n} action", "{n} actions", usage.get(e.id, 0)).format(n=usage.get(e.id, 0))
            + flag
        )
    return 0


def _entity_merge(ws: Workspace, args: argparse.Namespace) -> int:
    keep, drop = ws.entities.resolve(args.keep), ws.entities.resolve(args.duplicate)
    report = ws.entities.merge(keep.id, drop.id)
    print(
        _("Merged {old} into {new}; {n} actions moved.").format(
            old=report.merged_name, new=report.kept.display_name, n=len(report.moved_codes)
        )
    )
    return 0


def _entity_retire(ws: Workspace, args: argparse.Namespace) -> int:
    entity = ws.entities.resolve(args.entity)
    try:
        ws.entities.retire(entity.id, force=args.force)
    except EntityInUse as error:
        return refuse(error, [_("Use --force to retire it anyway.")])
    print(_("Retired {name}.").format(name=entity.display_name))
    return 0


def _entity_restore(ws: Workspace, args: argparse.Namespace) -> int:
    entity = ws.entities.resolve(args.entity, retired=True)
    ws.entities.restore(entity.id)
    print(_("Restored {name}.").format(name=entity.display_name))
    return 0
