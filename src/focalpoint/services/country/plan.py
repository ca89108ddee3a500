"""The plan: installing the bundled reconstruction, taking in the Secretariat's signed versions,
the tree.

Only a plan file signed by the Secretariat key the workspace trusts is taken in, newer than the
installed version and continuing it (its lineage names the installed version by its hash, when
that was signed); the bundled provisional plan is the one unsigned plan, installed at set-up.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.plan import (
    PLAN_FORMAT,
    Action,
    PlanDocument,
    PlanInfo,
    code_key,
    version_key,
)
from focalpoint.domain.plan_changes import PlanChanges, follow_codes, plan_changes
from focalpoint.domain.plan_versions import Predecessor
from focalpoint.domain.records import Assignment, Entity, PlanImportReport
from focalpoint.i18n import _
from focalpoint.paths import BUNDLED_PLAN
from focalpoint.services.common.files import read_bounded
from focalpoint.services.common.plan_file import (
    MAX_PLAN_FILE_BYTES,
    check_unicode,
    parse_plan,
    read_plan_file,
)
from focalpoint.services.common.progress import Progress, Stop, stop_if_cancelled
from focalpoint.services.common.safeguard import Safeguard, no_backup
from focalpoint.services.country.practices import reindex_practice
from focalpoint.services.country.profile import ProfileService
from focalpoint.storage.country import (
    assignment_store,
    audit_store,
    entity_store,
    plan_store,
    practice_store,
    proposal_store,
    secretariat_store,
)
from focalpoint.storage.sqlite import Database

if TYPE_CHECKING:  # cryptography loads only when a signed file is read
    from focalpoint.package.signed_plan import SignedPlan

__all__ = ["MAX_PLAN_FILE_BYTES", "PlanService", "parse_plan", "read_plan_file"]

SYSTEM_ACTOR = "FocalPoint"
# Where an import's progress stands once the file is read, its signature checked and the plan
# checked against the schema (most of the time; replacing the plan's rows is the rest).
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


@dataclass(frozen=True)
class PlanUpdate:
    """What taking in a signed plan file would do, before anything is changed."""

    document: PlanDocument  # the new version
    old: PlanInfo  # the version installed now
    changes: PlanChanges
    kept: tuple[str, ...]  # assignments whose action keeps its code
    moved: tuple[tuple[str, str], ...]  # assignments that follow their action: (old, new)
    unmatched: tuple[str, ...]  # assignments that match no action of the new version
    sha256: str  # of the signed document
    key_id: str  # the Secretariat key that signed it

    @property
    def info(self) -> PlanInfo:
        return self.document.info


class PlanService:
    """Keeps one plan in the workspace and reports what each new version does to assignments."""

    def __init__(self, db: Database, profile: ProfileService) -> None:
        self._db = db
        self._profile = profile
        self.safeguard: Safeguard = no_backup

    def info(self) -> PlanInfo | None:
        with self._db.reading() as conn:
            return plan_store.installed_info(conn)

    def signature(self) -> tuple[str, str]:
        """The installed version's (SHA-256 of its signed document, id of the Secretariat key
        that signed it): both "" for the bundled provisional plan."""
        with self._db.reading() as conn:
            return plan_store.installed_signature(conn)

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

    def check_file(self, path: Path) -> PlanUpdate:
        """What taking in the signed plan file at ``path`` would do; nothing is changed.

        Refused in words (:class:`InvalidInput` or :class:`PackageRefused`), as
        :meth:`import_file` would refuse it: an unsigned file, a file signed by a key other than
        the trusted Secretariat's, damaged, malformed, for another plan, not newer than the
        installed version, or not continuing it (its lineage lacks the installed version).
        """
        signed, document = self._read_signed(path)
        with self._db.reading() as conn:
            return self._update(conn, signed.sha256, signed.lineage, signed.key_id, document)

    def import_file(
        self,
        path: Path,
        progress: Progress | None = None,
        cancelled: Stop | None = None,
        expected_sha256: str = "",
    ) -> PlanImportReport:
        """Install the newer plan version in the signed plan file at ``path``, in one
        transaction: every assignment is kept, those of a renamed or moved action follow it,
        those that match no action are listed.

        ``expected_sha256`` (what :meth:`check_file` showed) refuses a file that changed since.
        ``progress`` hears the file read and checked, then written; ``cancelled`` stops it after
        either, and a stop while writing rolls the one transaction back.
        """
        report = progress or (lambda _fraction: None)
        report(0.0)
        signed, document = self._read_signed(path)
        if expected_sha256 and signed.sha256 != expected_sha256:
            raise InvalidInput(
                _(
                    "The plan file changed since its changes were shown. Nothing was changed: "
                    "open it again."
                )
            )
        report(CHECKED_AT)
        stop_if_cancelled(cancelled)
        actor = self._profile.actor()
        with self.safeguard("plan_import"), self._db.transaction() as conn:
            update = self._update(conn, signed.sha256, signed.lineage, signed.key_id, document)
            plan_store.replace_plan(conn, document, signed.sha256, signed.key_id)
            plan_store.follow_assignments(conn, update.moved)
            links = _follow_links(conn, document)
            new = document.info
            audit_store.record(
                conn, actor, "plan", new.code, "version", update.old.version, new.version
            )
            # One line per action moved, whether its assignment, its links or both followed it:
            # the action's history reads a move once.
            for old_code, new_code in sorted({*update.moved, *links}, key=lambda m: code_key(m[0])):
                audit_store.record(conn, actor, "plan", new_code, "code", old_code, new_code)
            stop_if_cancelled(cancelled)  # the last moment a stop can still undo it all
        report(1.0)
        changes = update.changes
        return PlanImportReport(
            plan_code=new.code,
            old_version=update.old.version,
            new_version=new.version,
            added_codes=tuple(a.code for a in changes.added),
            removed_codes=tuple(a.code for a in changes.removed),
            kept_assignments=update.kept,
            unmatched_assignments=update.unmatched,
            moved_assignments=update.moved,
            moved_links=links,
        )

    def _read_signed(self, path: Path) -> tuple[SignedPlan, PlanDocument]:
        """The signed plan file at ``path``, its signature checked against the trusted
        Secretariat key, and the plan it holds, checked as any plan file is."""
        from focalpoint.package.keys import PublicKey
        from focalpoint.package.signed_plan import (
            MAX_BYTES,
            looks_signed,
            read_signed_plan,
            too_large_message,
        )

        data = read_bounded(Path(path), MAX_BYTES, too_large_message())
        if not looks_signed(data):
            raise InvalidInput(_unsigned_message(data))
        with self._db.reading() as conn:
            trusted = secretariat_store.current_key(conn)
        if trusted is None:
            raise InvalidInput(
                _(
                    "This workspace does not trust a Secretariat key yet, so no plan file can "
                    "be checked. Nothing was changed: trust the Secretariat's key first (File → "
                    "Trust the Secretariat's key…, or `focalpoint key trust-secretariat FILE "
                    "--fingerprint F`)."
                )
            )
        signed = read_signed_plan(data, PublicKey(trusted.public_key))
        check_unicode(signed.plan_file)
        document = parse_plan(signed.plan_file)
        return signed, document

    def _update(
        self,
        conn: sqlite3.Connection,
        sha256: str,
        lineage: tuple[Predecessor, ...],
        key_id: str,
        document: PlanDocument,
    ) -> PlanUpdate:
        """What ``document`` does to this workspace, refused when it may not replace the plan
        installed (another plan, not newer, a fork)."""
        current = plan_store.load_plan(conn)
        if current is None:
            raise InvalidInput(_("No plan is installed in this workspace."))
        old, new = current.info, document.info
        installed_sha256, _signed_by = plan_store.installed_signature(conn)
        if old.code != new.code:
            raise InvalidInput(
                _(
                    "This file holds the plan {new}, but this workspace follows the plan "
                    "{current}. Nothing was changed."
                ).format(new=new.code, current=old.code)
            )
        if new.version_key < old.version_key or (
            new.version_key == old.version_key and not (old.provisional and not new.provisional)
        ):
            raise InvalidInput(
                _(
                    "This workspace already has version {current} of the plan; the file holds "
                    "version {new}. Nothing was changed."
                ).format(current=old.version, new=new.version)
            )
        if any(version_key(p.version) >= new.version_key for p in lineage):
            raise InvalidInput(
                _(
                    "This plan file names, among the versions before it, one that is not older "
                    "than its own version {version}. Nothing was changed: ask the Secretariat "
                    "for the file again."
                ).format(version=new.version)
            )
        if installed_sha256 and Predecessor(old.version, installed_sha256) not in lineage:
            raise InvalidInput(
                _(
                    "This plan file (version {new}) forks from another predecessor: it does not "
                    "continue version {current} installed here. Nothing was changed: ask the "
                    "Secretariat which version stands."
                ).format(new=new.version, current=old.version)
            )
        assigned = set(assignment_store.all_assignments(conn))
        followed = follow_codes(document, assigned)
        kept = {code for code, target in followed.items() if code == target}
        # A former code follows its action only where that action has no assignment of its own.
        moved = {
            code: target
            for code, target in followed.items()
            if code != target and target not in assigned
        }
        return PlanUpdate(
            document=document,
            old=old,
            changes=plan_changes(current, document),
            kept=_sorted(kept),
            moved=tuple(sorted(moved.items(), key=lambda pair: code_key(pair[0]))),
            unmatched=_sorted(assigned - kept - set(moved)),
            sha256=sha256,
            key_id=key_id,
        )


def _unsigned_message(data: bytes) -> str:
    """Why a file that is no signed document is refused: an unsigned plan file is named as one."""
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        document = None
    if isinstance(document, dict) and document.get("format") == PLAN_FORMAT:
        return _(
            "This plan file is not signed by the Secretariat, so it was not installed. Nothing "
            "was changed: only a plan file signed with the Secretariat's key is taken in."
        )
    return _("This is not a FocalPoint plan file.")


def _sorted(codes: set[str]) -> tuple[str, ...]:
    return tuple(sorted(codes, key=code_key))


def _follow_links(conn: sqlite3.Connection, document: PlanDocument) -> tuple[tuple[str, str], ...]:
    """The practices' links and the unsent proposals of a renamed or moved action follow it to
    its new code, as its assignment does: (old code, new code) of each action they followed."""
    codes = practice_store.linked_codes(conn) | proposal_store.draft_action_codes(conn)
    moves = {code: to for code, to in follow_codes(document, codes).items() if code != to}
    for practice_id in practice_store.follow_actions(conn, moves):
        reindex_practice(conn, practice_id)  # a practice is found by its actions' codes
    proposal_store.follow_actions(conn, moves)
    return tuple(sorted(moves.items(), key=lambda pair: code_key(pair[0])))
