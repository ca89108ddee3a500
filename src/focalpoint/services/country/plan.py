"""The plan: installing the bundled reconstruction, importing the Secretariat's files, the tree."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.plan import (
    PLAN_FORMAT,
    PLAN_FORMAT_VERSION,
    Action,
    PlanDocument,
    PlanInfo,
    code_key,
    plan_from_dict,
)
from focalpoint.domain.records import Assignment, Entity, PlanImportReport
from focalpoint.domain.text import excerpt
from focalpoint.i18n import _
from focalpoint.paths import BUNDLED_PLAN, RESOURCES
from focalpoint.services.common.files import read_bounded
from focalpoint.services.common.progress import Progress, Stop, stop_if_cancelled
from focalpoint.services.common.safeguard import Safeguard, no_backup
from focalpoint.services.country.profile import ProfileService
from focalpoint.storage.country import assignment_store, audit_store, entity_store, plan_store
from focalpoint.storage.sqlite import Database

MAX_PLAN_FILE_BYTES = 20 * 1024 * 1024
SYSTEM_ACTOR = "FocalPoint"
PLAN_SCHEMA = RESOURCES / "schemas" / "plan.schema.json"
# Where an import's progress stands once the file is read and checked against the schema (most
# of the time; replacing the plan's rows is the rest).
CHECKED_AT = 0.6


@dataclass(frozen=True)
class PlanOverview:
    """Everything the plan views show, read in one consistent snapshot."""

    document: PlanDocument
    assignments: dict[str, Assignment]
    entities: dict[str, Entity]

    @property
    def info(self) -> PlanInfo:
        return self.document.info

    def orphaned(self) -> list[Assignment]:
        """Assignments whose action is no longer in the plan (kept, never dropped)."""
        codes = set(self.document.action_codes())
        return sorted(
            (a for code, a in self.assignments.items() if code not in codes),
            key=lambda a: code_key(a.action_code),
        )

    def coverage(self) -> tuple[int, int]:
        """(actions with a lead responsible entity, all actions)."""
        codes = self.document.action_codes()
        assigned = sum(1 for c in codes if c in self.assignments and self.assignments[c].lead_id)
        return assigned, len(codes)


def read_plan_file(path: Path) -> PlanDocument:
    """Read and check a plan file; refuses, with a readable reason, anything malformed."""
    too_large = _("The file is too large to be a plan file (more than {size} MB).").format(
        size=MAX_PLAN_FILE_BYTES // (1024 * 1024)
    )
    raw = read_bounded(path, MAX_PLAN_FILE_BYTES, too_large)
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InvalidInput(_("This is not a FocalPoint plan file.")) from exc
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            _("The plan file is not valid JSON (line {line}, column {column}).").format(
                line=exc.lineno, column=exc.colno
            )
        ) from exc
    except (ValueError, RecursionError) as exc:  # absurd numbers, absurd nesting
        raise InvalidInput(_("This is not a FocalPoint plan file.")) from exc
    try:  # JSON can escape a lone surrogate ("\ud800"), which no database can hold
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidInput(
            _("The plan file holds text that is not valid Unicode. Ask for the file again.")
        ) from exc
    return parse_plan(data)


def parse_plan(data: Any) -> PlanDocument:
    """Check parsed plan JSON against the published schema, then the plan's own rules."""
    if not isinstance(data, dict) or data.get("format") != PLAN_FORMAT:
        raise InvalidInput(_("This is not a FocalPoint plan file."))
    # The domain check gives the clearer message for a wrong format version.
    if data.get("format_version") == PLAN_FORMAT_VERSION:
        import jsonschema  # imported here: it is not needed to start the app

        schema = json.loads(PLAN_SCHEMA.read_text(encoding="utf-8"))
        validator = jsonschema.Draft202012Validator(
            schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )
        error = jsonschema.exceptions.best_match(validator.iter_errors(data))
        if error is not None:
            where = "/".join(excerpt(str(p), 30, 10) for p in error.absolute_path) or "/"
            raise InvalidInput(
                _("The plan file does not follow the plan format at {where}: {problem}").format(
                    where=excerpt(where), problem=_schema_problem(error)
                )
            )
    return plan_from_dict(data)


def _schema_problem(error: Any) -> str:
    """The schema checker's words for a fault, a list or object it quotes named, not printed
    as Python (``[{'code': '2.1', …}] is not of type 'object'``)."""
    message = str(error.message)
    if isinstance(error.instance, dict | list) and error.instance:
        word = _("a list") if isinstance(error.instance, list) else _("an object")
        message = message.replace(repr(error.instance), word, 1)
    return excerpt(message)


class PlanService:
    """Keeps one plan in the workspace and reports what each new version does to assignments."""

    def __init__(self, db: Database, profile: ProfileService) -> None:
        self._db = db
        self._profile = profile
        self.safeguard: Safeguard = no_backup

    def info(self) -> PlanInfo | None:
        with self._db.reading() as conn:
            return plan_store.installed_info(conn)

    def ensure_installed(self) -> bool:
        """Install the bundled provisional plan into a workspace that has none; True if it did."""
        if self.info() is not None:
            return False
        document = read_plan_file(BUNDLED_PLAN)
        with self._db.transaction() as conn:
            if plan_store.installed_info(conn) is None:
                plan_store.replace_plan(conn, document)
                audit_store.record(
                    conn,
                    SYSTEM_ACTOR,  # before the first-run set-up: nobody is named yet
                    "plan",
                    document.info.code,
                    "version",
                    "",
                    document.info.version,
                )
        return True

    def overview(self) -> PlanOverview:
        with self._db.reading() as conn:
            document = plan_store.load_plan(conn)
            assignments = assignment_store.all_assignments(conn)
            entities = {e.id: e for e in entity_store.list_all(conn)}
        if document is None:
            raise InvalidInput(_("No plan is installed in this workspace."))
        return PlanOverview(document, assignments, entities)

    def outline(self) -> PlanOverview:
        """The overview the plan tree shows: its actions carry their code and title only (the
        rest is read for the action chosen, :meth:`action`)."""
        with self._db.reading() as conn:
            document = plan_store.load_outline(conn)
            assignments = assignment_store.all_assignments(conn)
            entities = {e.id: e for e in entity_store.list_all(conn)}
        if document is None:
            raise InvalidInput(_("No plan is installed in this workspace."))
        return PlanOverview(document, assignments, entities)

    def action(self, code: str) -> Action | None:
        """One action of the installed plan, whole; None when the plan has no such action."""
        with self._db.reading() as conn:
            return plan_store.action(conn, code)

    def import_file(
        self, path: Path, progress: Progress | None = None, cancelled: Stop | None = None
    ) -> PlanImportReport:
        """Install a newer version of the plan from ``path``, keeping every assignment.

        ``progress`` hears the file read and checked, then written; ``cancelled`` stops it after
        either, and a stop while writing rolls the one transaction back.
        """
        report = progress or (lambda _fraction: None)
        report(0.0)
        document = read_plan_file(path)
        report(CHECKED_AT)
        stop_if_cancelled(cancelled)
        new = document.info
        with self.safeguard("plan_import"), self._db.transaction() as conn:
            current = plan_store.installed_info(conn)
            if current is not None:
                if current.code != new.code:
                    raise InvalidInput(
                        _(
                            "This file holds the plan {new}, but this workspace follows the plan "
                            "{current}. Nothing was changed."
                        ).format(new=new.code, current=current.code)
                    )
                if new.version_key < current.version_key or (
                    new.version_key == current.version_key
                    and not (current.provisional and not new.provisional)
                ):
                    raise InvalidInput(
                        _(
                            "This workspace already has version {current} of the plan; "
                            "the file holds "
                            "version {new}. Nothing was changed."
                        ).format(current=current.version, new=new.version)
                    )
            old_codes = plan_store.action_codes(conn)
            assigned = set(assignment_store.all_assignments(conn))
            plan_store.replace_plan(conn, document)
            new_codes = set(document.action_codes())
            audit_store.record(
                conn,
                self._profile.actor(),
                "plan",
                new.code,
                "version",
                current.version if current else "",
                new.version,
            )
            stop_if_cancelled(cancelled)  # the last moment a stop can still undo it all
        report(1.0)
        return PlanImportReport(
            plan_code=new.code,
            old_version=current.version if current else "",
            new_version=new.version,
            added_codes=_sorted(new_codes - old_codes),
            removed_codes=_sorted(old_codes - new_codes),
            kept_assignments=_sorted(assigned & new_codes),
            unmatched_assignments=_sorted(assigned - new_codes),
        )


def _sorted(codes: set[str]) -> tuple[str, ...]:
    return tuple(sorted(codes, key=code_key))
