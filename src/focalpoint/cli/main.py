"""The command line: the same services as the window, for scripts, tests and unattended use."""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path

from focalpoint import __version__
from focalpoint.cli.argparse_messages import translate_argparse
from focalpoint.cli.country.submissions import register
from focalpoint.domain.errors import EntityInUse, FocalPointError, InvalidInput
from focalpoint.domain.history import change_text
from focalpoint.domain.plan import plan_to_dict
from focalpoint.domain.practices import Practice
from focalpoint.domain.records import EntityDraft, Profile
from focalpoint.domain.vocab import COUNTRIES, ActionStatus, EntityType
from focalpoint.i18n import (
    LANGUAGES,
    _,
    current_language,
    format_timestamp,
    ngettext,
    pick,
    set_language,
)
from focalpoint.paths import data_dir
from focalpoint.services.common.vocabularies import vocabularies
from focalpoint.services.country.report_data import SECTIONS
from focalpoint.services.country.workspace import Workspace
from focalpoint.storage.country.schema import DB_NAME
from focalpoint.storage.country.settings_store import peek_language

ENV_LANG = "FOCALPOINT_LANG"
Handler = Callable[[Workspace, argparse.Namespace], int]


def _common(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS lets --data-dir and --lang stand before or after the command name.
    parser.add_argument(
        "--data-dir",
        default=argparse.SUPPRESS,
        metavar="DIR",
        help=_("workspace folder (default: $FOCALPOINT_DATA_DIR or the user data folder)"),
    )
    parser.add_argument(
        "--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=_("language of messages")
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="focalpoint",
        description=_(
            "FocalPoint: the RCM Strategic Plan for migrant children, offline. "
            "Without a command, opens the window."
        ),
    )
    parser.add_argument("--version", action="version", version=f"FocalPoint {__version__}")
    _common(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(
        name: str,
        help_text: str,
        handler: Handler,
        parent: argparse._SubParsersAction[argparse.ArgumentParser] | None = None,
    ) -> argparse.ArgumentParser:
        sub = (parent or commands).add_parser(name, help=help_text, description=help_text)
        _common(sub)
        sub.set_defaults(handler=handler)
        return sub

    setup = command("setup", _("set the country, the officer and the language"), _setup)
    setup.add_argument(
        "--country",
        required=True,
        help=_("ISO code: {codes}").format(codes=", ".join(sorted(COUNTRIES))),
    )
    setup.add_argument("--name", required=True, help=_("officer's name"))
    setup.add_argument("--title", default="", help=_("officer's job title"))
    setup.add_argument("--institution", default="", help=_("officer's institution"))
    setup.add_argument("--email", default="")
    setup.add_argument("--phone", default="")

    plan = commands.add_parser("plan", help=_("show or import the plan"))
    plan_commands = plan.add_subparsers(dest="plan_command", metavar="COMMAND", required=True)
    show = command(
        "show", _("print the plan with this country's assignments"), _plan_show, plan_commands
    )
    show.add_argument("--json", action="store_true", help=_("print JSON"))
    imp = command(
        "import", _("install a newer plan file from the Secretariat"), _plan_import, plan_commands
    )
    imp.add_argument("file", type=Path)

    entity = commands.add_parser("entity", help=_("keep the national entity directory"))
    entity_commands = entity.add_subparsers(dest="entity_command", metavar="COMMAND", required=True)
    add = command("add", _("add an entity"), _entity_add, entity_commands)
    add.add_argument("name")
    _entity_fields(add)
    edit = command("edit", _("change an entity"), _entity_edit, entity_commands)
    edit.add_argument("entity", help=_("name, acronym or id"))
    edit.add_argument("--name")
    _entity_fields(edit, defaults=False)
    listing = command("list", _("list the entities"), _entity_list, entity_commands)
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    merge = command(
        "merge", _("merge a duplicate into the entity to keep"), _entity_merge, entity_commands
    )
    merge.add_argument("keep", help=_("the entity to keep"))
    merge.add_argument("duplicate", help=_("the duplicate to fold into it"))
    retire = command("retire", _("retire an entity"), _entity_retire, entity_commands)
    retire.add_argument("entity")
    retire.add_argument(
        "--force", action="store_true", help=_("retire even if it is still responsible for actions")
    )
    restore = command("restore", _("bring back a retired entity"), _entity_restore, entity_commands)
    restore.add_argument("entity")

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
    report = command(
        "report", _("write the country report as a PDF (in the --lang language)"), _report
    )
    report.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf")
    report.add_argument(
        "--sections",
        default=",".join(SECTIONS),
        help=_("comma-separated, any of: {names}").format(names=", ".join(SECTIONS)),
    )
    history = command("history", _("show who changed an action, when, and what"), _history)
    history.add_argument("code")
    history.add_argument("--json", action="store_true", help=_("print JSON"))

    directory = commands.add_parser(
        "directory", help=_("export or import the directory of services (CSV with HXL, GeoJSON)")
    )
    directory_commands = directory.add_subparsers(
        dest="directory_command", metavar="COMMAND", required=True
    )
    export = command(
        "export",
        _("write every service to a CSV file or a GeoJSON map file"),
        _directory_export,
        directory_commands,
    )
    export.add_argument(
        "--format",
        choices=("csv", "geojson"),
        default="csv",
        help=_("CSV with HXL hashtags, or GeoJSON points for a map (default: csv)"),
    )
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help=_("the file to write (default: print to the screen)"),
    )
    directory_import = command(
        "import",
        _("add and update services from a CSV file; nothing is imported if a row is wrong"),
        _directory_import,
        directory_commands,
    )
    directory_import.add_argument("file", type=Path)

    practice = commands.add_parser("practice", help=_("the case-protection practices"))
    practice_commands = practice.add_subparsers(
        dest="practice_command", metavar="COMMAND", required=True
    )
    practices = command("list", _("list the practices"), _practice_list, practice_commands)
    practices.add_argument("--json", action="store_true", help=_("print JSON"))
    register(commands, command)
    return parser


def _entity_fields(sub: argparse.ArgumentParser, defaults: bool = True) -> None:
    default = "" if defaults else None
    sub.add_argument("--acronym", default=default)
    sub.add_argument(
        "--type", default="other" if defaults else None, choices=[t.value for t in EntityType]
    )
    sub.add_argument("--parent", default=None, help=_("parent institution (name or acronym)"))
    for flag in ("contact-person", "email", "phone", "address", "notes"):
        sub.add_argument(f"--{flag}", default=default)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code (0 done, 1 refused, 2 misused)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    set_language(_language_for(args_list))
    translate_argparse()
    parser = build_parser()
    args = parser.parse_args(args_list)
    if getattr(args, "lang", None):
        set_language(args.lang)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return _run(args)
    except FocalPointError as error:
        print(_("focalpoint: {message}").format(message=error), file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silences the flush at exit
        return 0


def _run(args: argparse.Namespace) -> int:
    """The command itself, in its workspace (or in none, for a command that needs none)."""
    folder = data_dir(getattr(args, "data_dir", None))
    standalone = getattr(args, "standalone", None)
    if standalone is not None and not (folder / DB_NAME).exists():
        # Checking a package needs no workspace; none is created just to do it.
        return int(standalone(args))
    workspace = Workspace.open(folder)
    try:
        return int(args.handler(workspace, args))
    finally:
        workspace.close()


def _language_for(args: list[str]) -> str:
    """--lang, else $FOCALPOINT_LANG, else the workspace's saved language, else English.

    Known before the parser is built, so that --help and usage errors are translated too.
    """
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang")
    early.add_argument("--data-dir")
    known, _rest = early.parse_known_args(args)
    if known.lang in LANGUAGES:
        return str(known.lang)
    if os.environ.get(ENV_LANG) in LANGUAGES:
        return os.environ[ENV_LANG]
    try:
        saved = peek_language(data_dir(known.data_dir))
    except FocalPointError:
        saved = None  # reported properly when the workspace is opened
    return saved if saved in LANGUAGES else "en"


def _setup(ws: Workspace, args: argparse.Namespace) -> int:
    current = ws.profile.get()
    language = getattr(args, "lang", None) or (current.language if current else "es")
    profile = ws.profile.save(
        Profile(
            language=language,
            country=args.country,
            name=args.name,
            title=args.title,
            institution=args.institution,
            email=args.email,
            phone=args.phone,
        )
    )
    set_language(profile.language)
    print(
        _("Workspace set up for {country}, officer {name}.").format(
            country=pick(COUNTRIES[profile.country]), name=profile.name
        )
    )
    return 0


def _plan_show(ws: Workspace, args: argparse.Namespace) -> int:
    overview = ws.plan.overview()
    entities = overview.entities
    info = overview.info
    if args.json:
        data = plan_to_dict(overview.document)
        data["assignments"] = {
            code: {
                "lead": entities[a.lead_id].name if a.lead_id else None,
                "supporting": [entities[s].name for s in a.support_ids],
                "status": a.status.value,
                "note": a.note,
                "updated_at": a.updated_at,
                "updated_by": a.updated_by,
                "in_plan": code in set(overview.document.action_codes()),
            }
            for code, a in sorted(overview.assignments.items())
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    assigned, total = overview.coverage()
    print(f"{pick(info.title)}")
    print(
        _("Plan {code}, version {version}").format(code=info.code, version=info.version)
        + (" — " + _("provisional") if info.provisional else "")
    )
    print(
        _("{assigned} of {total} actions have a responsible entity").format(
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


def _plan_import(ws: Workspace, args: argparse.Namespace) -> int:
    report = ws.plan.import_file(args.file)
    print(
        _("Plan {code} updated from version {old} to {new}.").format(
            code=report.plan_code, old=report.old_version or "—", new=report.new_version
        )
    )
    print(_("{n} assignments kept.").format(n=len(report.kept_assignments)))
    if report.unmatched_assignments:
        print(
            _(
                "These assignments no longer match an action of the plan; they are kept and "
                "listed apart: {codes}"
            ).format(codes=", ".join(report.unmatched_assignments))
        )
    return 0


def _draft_from(args: argparse.Namespace, ws: Workspace, base: EntityDraft | None) -> EntityDraft:
    values = asdict(base) if base else {}
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
    base = EntityDraft(
        **{k: v for k, v in asdict(current).items() if k in EntityDraft.__dataclass_fields__}
    )
    entity = ws.entities.update(current.id, _draft_from(args, ws, base))
    print(_("Saved {name}.").format(name=entity.display_name))
    return 0


def _entity_list(ws: Workspace, args: argparse.Namespace) -> int:
    entities = ws.entities.all()
    usage = ws.entities.usage()
    if args.json:
        print(
            json.dumps(
                [{**asdict(e), "actions": usage.get(e.id, 0)} for e in entities],
                ensure_ascii=False,
                indent=2,
            )
        )
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
        print(_("focalpoint: {message}").format(message=error), file=sys.stderr)
        print(_("Use --force to retire it anyway."), file=sys.stderr)
        return 1
    print(_("Retired {name}.").format(name=entity.display_name))
    return 0


def _entity_restore(ws: Workspace, args: argparse.Namespace) -> int:
    match = [
        e
        for e in ws.entities.all()
        if e.retired and args.entity.lower() in (e.id, e.name.lower(), e.acronym.lower())
    ]
    if len(match) != 1:
        print(
            _("focalpoint: {message}").format(
                message=_("No retired entity named '{text}'.").format(text=args.entity)
            ),
            file=sys.stderr,
        )
        return 1
    ws.entities.restore(match[0].id)
    print(_("Restored {name}.").format(name=match[0].display_name))
    return 0


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


def _report(ws: Workspace, args: argparse.Namespace) -> int:
    sections = [s.strip() for s in args.sections.split(",") if s.strip()]
    result = ws.reports.make(args.output, getattr(args, "lang", None), sections)
    print(
        ngettext(
            "Report written to {path} ({pages} page).",
            "Report written to {path} ({pages} pages).",
            result.pages,
        ).format(path=result.path, pages=result.pages)
    )
    return 0


def _history(ws: Workspace, args: argparse.Namespace) -> int:
    entries = ws.assignments.history(args.code)
    if args.json:
        print(json.dumps([asdict(e) for e in entries], ensure_ascii=False, indent=2))
        return 0
    if not entries:
        print(_("No changes recorded for action {code}.").format(code=args.code))
    for e in entries:
        print(f"{format_timestamp(e.at)}  {e.actor or '—'}  {change_text(e)}")
    return 0


def _directory_export(ws: Workspace, args: argparse.Namespace) -> int:
    if args.output is None:
        if isinstance(sys.stdout, io.TextIOWrapper):
            # The CSV writes its own line ends; the file is UTF-8 whatever the console's code page.
            sys.stdout.reconfigure(encoding="utf-8", newline="")
        if args.format == "csv":
            ws.exchange.write_csv(sys.stdout)
        else:
            ws.exchange.write_geojson(sys.stdout)
        return 0
    if args.format == "csv":
        count = ws.exchange.export_csv(args.output)
        print(
            ngettext(
                "{n} service written to {path}.", "{n} services written to {path}.", count
            ).format(n=count, path=args.output)
        )
        return 0
    result = ws.exchange.export_geojson(args.output)
    print(
        ngettext(
            "{n} service written to {path}.", "{n} services written to {path}.", result.written
        ).format(n=result.written, path=args.output)
    )
    if result.left_out:
        print(
            ngettext(
                "{n} service has no coordinates and is not on the map.",
                "{n} services have no coordinates and are not on the map.",
                result.left_out,
            ).format(n=result.left_out)
        )
    return 0


def _directory_import(ws: Workspace, args: argparse.Namespace) -> int:
    try:
        report = ws.exchange.import_csv(args.file)
    except InvalidInput as error:
        print(_("focalpoint: {message}").format(message=error), file=sys.stderr)
        for detail in error.details:
            print(f"  {detail}", file=sys.stderr)
        return 1
    print(
        _(
            "Imported {file}: organisations created {orgs}, updated {orgs_updated}; services "
            "created {created}, updated {updated}, unchanged {unchanged}."
        ).format(
            file=args.file.name,
            orgs=report.organisations_created,
            orgs_updated=report.organisations_updated,
            created=report.services_created,
            updated=report.services_updated,
            unchanged=report.services_unchanged,
        )
    )
    return 0


def _practice_list(ws: Workspace, args: argparse.Namespace) -> int:
    vocab = vocabularies()
    summaries = ws.practices.summaries()
    if args.json:
        names = {e.id: e.display_name for e in ws.entities.all()}
        practices = [_practice_json(ws.practices.get(p.id), names) for p in summaries]
        print(json.dumps(practices, ensure_ascii=False, indent=2))
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
