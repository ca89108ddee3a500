"""Naming the responsible entities for each action, its status and its progress note."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace

from focalpoint.domain.errors import InvalidInput, NotFound
from focalpoint.domain.records import Assignment, AuditEntry
from focalpoint.domain.vocab import ActionStatus
from focalpoint.i18n import _
from focalpoint.services.common.edit_history import Area, Edit, EditHistory
from focalpoint.services.country.profile import ProfileService
from focalpoint.storage.country import assignment_store, audit_store, entity_store, plan_store
from focalpoint.storage.sqlite import Database

MAX_NOTE_LENGTH = 20_000
# How an edit turns the stored assignment into the wanted one (inside the edit's transaction).
Change = Callable[[sqlite3.Connection, Assignment], Assignment]
# The parts of an assignment a user edits, and what the Edit menu calls each.
_EDITED = ("lead_id", "support_ids", "status", "note")


def _edit_label(code: str, changed: list[str]) -> str:
    if changed == ["lead_id", "support_ids"]:  # a supporting entity promoted to lead
        changed = ["lead_id"]
    if len(changed) != 1:
        return _("changes to action {code}").format(code=code)
    return {
        "lead_id": _("lead entity of {code}"),
        "support_ids": _("supporting entities of {code}"),
        "status": _("status of {code}"),
        "note": _("progress note of {code}"),
    }[changed[0]].format(code=code)


class AssignmentService:
    """Every method is one edit in one transaction, recorded in the audit log."""

    def __init__(self, db: Database, profile: ProfileService, edits: EditHistory) -> None:
        self._db = db
        self._profile = profile
        self._edits = edits

    def get(self, code: str) -> Assignment:
        with self._db.reading() as conn:
            self._require_action(conn, code)
            return assignment_store.get(conn, code)

    def all(self) -> dict[str, Assignment]:
        """Every assignment of the workspace by action code (orphaned ones included)."""
        with self._db.reading() as conn:
            return assignment_store.all_assignments(conn)

    def history(self, code: str) -> list[AuditEntry]:
        """Every change to the action's assignment, newest first, those made under an earlier
        code of the action included (and the plan version's move to the new one)."""
        with self._db.reading() as conn:
            return audit_store.action_history(conn, code)

    def set_lead(self, code: str, entity_id: str | None) -> Assignment:
        def change(conn: sqlite3.Connection, current: Assignment) -> Assignment:
            if entity_id is not None:
                self._require_usable_entity(conn, entity_id, current)
            supports = tuple(s for s in current.support_ids if s != entity_id)
            return replace(current, lead_id=entity_id, support_ids=supports)

        return self._edit(code, change)

    def set_supports(self, code: str, entity_ids: list[str]) -> Assignment:
        def change(conn: sqlite3.Connection, current: Assignment) -> Assignment:
            unique = list(dict.fromkeys(entity_ids))
            for eid in unique:
                self._require_usable_entity(conn, eid, current)
            if current.lead_id in unique:
                raise InvalidInput(_("The lead entity cannot also be a supporting entity."))
            return replace(current, support_ids=tuple(unique))

        return self._edit(code, change)

    def add_support(self, code: str, entity_id: str) -> Assignment:
        def change(conn: sqlite3.Connection, current: Assignment) -> Assignment:
            if entity_id in current.support_ids:
                return current
            self._require_usable_entity(conn, entity_id, current)
            if entity_id == current.lead_id:
                raise InvalidInput(_("The lead entity cannot also be a supporting entity."))
            return replace(current, support_ids=(*current.support_ids, entity_id))

        return self._edit(code, change)

    def remove_support(self, code: str, entity_id: str) -> Assignment:
        return self._edit(
            code,
            lambda _conn, current: replace(
                current, support_ids=tuple(s for s in current.support_ids if s != entity_id)
            ),
        )

    def set_status(self, code: str, status: ActionStatus | str) -> Assignment:
        try:
            value = ActionStatus(status)
        except ValueError as exc:
            raise InvalidInput(
                _("Unknown status '{status}'. Use one of: {values}.").format(
                    status=status, values=", ".join(s.value for s in ActionStatus)
                )
            ) from exc
        return self._edit(code, lambda _conn, current: replace(current, status=value))

    def set_note(self, code: str, note: str) -> Assignment:
        if len(note) > MAX_NOTE_LENGTH:
            raise InvalidInput(
                _("The progress note is too long (at most {n} characters).").format(
                    n=MAX_NOTE_LENGTH
                )
            )
        return self._edit(code, lambda _conn, current: replace(current, note=note))

    def _edit(self, code: str, change: Change) -> Assignment:
        """Read, change and write one assignment inside one transaction."""
        actor = self._profile.actor()
        with self._db.transaction() as conn:
            self._require_action(conn, code)
            before = assignment_store.get(conn, code)
            wanted = change(conn, before)
            if wanted == before:
                return before
            after = assignment_store.save(conn, wanted, actor)
            self._audit(conn, actor, before, after)
        self._record(before, after)
        return after

    def _record(self, before: Assignment, after: Assignment) -> None:
        """Offer the edit to Undo: only the parts it changed go back, so an undo of the note
        leaves a status changed since (by the command line, say) as it is."""
        changed = [f for f in _EDITED if getattr(before, f) != getattr(after, f)]
        old = {f: getattr(before, f) for f in changed}
        new = {f: getattr(after, f) for f in changed}
        code = after.action_code
        self._edits.record(
            Edit(
                _edit_label(code, changed),
                Area.ACTIONS,
                code,
                undo=lambda: self._put(code, old),
                redo=lambda: self._put(code, new),
                merge_key=f"note {code}" if changed == ["note"] else "",
            )
        )

    def _put(self, code: str, values: dict[str, object]) -> Assignment:
        """Put parts of an assignment back as they were (an undo, itself audited)."""

        def change(conn: sqlite3.Connection, current: Assignment) -> Assignment:
            wanted = replace(current, **values)  # type: ignore[arg-type]
            named = (wanted.lead_id,) if wanted.lead_id else ()
            for entity_id in (*named, *wanted.support_ids):
                if entity_store.get(conn, entity_id) is None:
                    raise NotFound(_("That entity is not in the directory."))
            if wanted.lead_id in wanted.support_ids:
                wanted = replace(
                    wanted, support_ids=tuple(s for s in wanted.support_ids if s != wanted.lead_id)
                )
            return wanted

        return self._edit(code, change)

    def _audit(
        self, conn: sqlite3.Connection, actor: str, before: Assignment, after: Assignment
    ) -> None:
        def names(ids: tuple[str, ...]) -> str:
            found = [entity_store.get(conn, i) for i in ids]
            return "; ".join(e.display_name for e in found if e)

        code = after.action_code
        lead_before = names((before.lead_id,) if before.lead_id else ())
        lead_after = names((after.lead_id,) if after.lead_id else ())
        audit_store.record(conn, actor, "action", code, "lead", lead_before, lead_after)
        audit_store.record(
            conn,
            actor,
            "action",
            code,
            "support",
            names(before.support_ids),
            names(after.support_ids),
        )
        audit_store.record(
            conn, actor, "action", code, "status", before.status.value, after.status.value
        )
        audit_store.record(
            conn, actor, "action", code, "note", before.note, after.note, coalesce=True
        )

    @staticmethod
    def _require_action(conn: sqlite3.Connection, code: str) -> None:
        if not plan_store.is_action(conn, code):
            if assignment_store.exists(conn, code):
                raise NotFound(
                    _(
                        "Action {code} is no longer in the plan; its assignment is kept but cannot "
                        "be changed."
                    ).format(code=code)
                )
            raise NotFound(_("There is no action {code} in the plan.").format(code=code))

    @staticmethod
    def _require_usable_entity(
        conn: sqlite3.Connection, entity_id: str, current: Assignment
    ) -> None:
        entity = entity_store.get(conn, entity_id)
        if entity is None:
            raise NotFound(_("That entity is not in the directory."))
        already = entity_id == current.lead_id or entity_id in current.support_ids
        if entity.retired and not already:
            raise InvalidInput(
                _("{name} is retired and cannot be given new actions.").format(
                    name=entity.display_name
                )
            )
