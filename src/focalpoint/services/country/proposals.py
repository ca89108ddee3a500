"""The country's amendment proposals to the plan: written, edited or deleted while they are
drafts, carried by the next submission package, answered by the Secretariat in a receipt.

A proposal aims at what the installed plan holds: new wording or a comment at an action, a new
action or a paragraph at an objective. Each change is one transaction, recorded in the
workspace's history (record kind ``proposal``).
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterable
from dataclasses import replace

from focalpoint.domain.errors import InvalidInput, NotFound
from focalpoint.domain.proposals import (
    MAX_CODE,
    ON_ACTION,
    ON_OBJECTIVE,
    Answer,
    Proposal,
    checked_kind,
    checked_language,
    checked_texts,
    state_label,
)
from focalpoint.i18n import _
from focalpoint.services.country.profile import ProfileService
from focalpoint.storage.country import audit_store, proposal_store
from focalpoint.storage.sqlite import Database, now_iso

KIND = "proposal"  # in the workspace's history


class ProposalService:
    def __init__(self, db: Database, profile: ProfileService) -> None:
        self._db = db
        self._profile = profile

    def all(self) -> list[Proposal]:
        """Every proposal, newest first, with the Secretariat's answer when one came."""
        with self._db.reading() as conn:
            return proposal_store.all_proposals(conn)

    def drafts(self) -> list[Proposal]:
        """The proposals the next submission package will carry."""
        with self._db.reading() as conn:
            return proposal_store.drafts(conn)

    def for_target(self, code: str) -> list[Proposal]:
        """The proposals aimed at ``code``, newest first."""
        return [p for p in self.all() if p.target_code == code]

    def objective_of(self, action_code: str) -> str | None:
        """The objective an action sits under in the installed plan (where a new action or
        paragraph beside it is proposed)."""
        with self._db.reading() as conn:
            return proposal_store.parent_of(conn, action_code)

    def get(self, proposal_id: str) -> Proposal:
        with self._db.reading() as conn:
            return self._find(conn, proposal_id)

    def add(
        self,
        target_code: str,
        text: str,
        justification: str,
        language: str | None = None,
        kind: str | None = None,
    ) -> Proposal:
        """A new draft. ``language``: the workspace's by default; ``kind``: new wording at an
        action, a new action at an objective, by default."""
        actor = self._profile.actor()
        profile = self._profile.get()
        language = checked_language(language or (profile.language if profile else "es"))
        text, justification = checked_texts(text, justification)
        with self._db.transaction() as conn:
            code, kind = _checked_target(conn, target_code, kind)
            row = Proposal(
                id=str(uuid.uuid4()),
                target_code=code,
                kind=kind,
                language=language,
                text=text,
                justification=justification,
                created_at=now_iso(),
                created_by=actor,
                submission_id=None,
                state="draft",
                state_reason="",
                state_version="",
                answered_at=None,
            )
            proposal_store.add(conn, row)
            audit_store.record(conn, actor, KIND, row.id, "state", "", "draft")
        return row

    def edit(
        self,
        proposal_id: str,
        text: str | None = None,
        justification: str | None = None,
        language: str | None = None,
        kind: str | None = None,
        target_code: str | None = None,
    ) -> Proposal:
        """Change a draft; a proposal already sent is the Secretariat's to answer, not to edit."""
        actor = self._profile.actor()
        with self._db.transaction() as conn:
            current = self._find(conn, proposal_id)
            _still_draft(current)
            new_text, new_why = checked_texts(
                current.text if text is None else text,
                current.justification if justification is None else justification,
            )
            code, new_kind = _checked_target(
                conn,
                current.target_code if target_code is None else target_code,
                kind if kind is not None else (current.kind if target_code is None else None),
            )
            new = replace(
                current,
                target_code=code,
                kind=new_kind,
                language=checked_language(language or current.language),
                text=new_text,
                justification=new_why,
            )
            if not proposal_store.update_draft(conn, new):
                _still_draft(self._find(conn, current.id))
            for field in ("target_code", "kind", "language", "text", "justification"):
                old, value = getattr(current, field), getattr(new, field)
                if old != value:
                    audit_store.record(conn, actor, KIND, current.id, field, old, value)
        return new

    def delete(self, proposal_id: str) -> Proposal:
        """Delete a draft (a sent proposal stays, as the Secretariat has it)."""
        actor = self._profile.actor()
        with self._db.transaction() as conn:
            current = self._find(conn, proposal_id)
            _still_draft(current)
            proposal_store.delete_draft(conn, current.id)
            audit_store.record(conn, actor, KIND, current.id, "state", "draft", "deleted")
        return current

    def _find(self, conn: sqlite3.Connection, proposal_id: str) -> Proposal:
        """A proposal by its id, or by its first characters (at least four, unambiguous)."""
        typed = proposal_id.strip().lower()
        if "-" in typed[:3]:  # "SV-1a2b3c4d", as the list shows it
            typed = typed.split("-", 1)[1]
        found = proposal_store.get(conn, typed)
        if found is None and len(typed) >= 4:
            ids = proposal_store.ids_starting(conn, typed)
            if len(ids) > 1:
                raise InvalidInput(
                    _("Several proposals start with {id}: type more of its id.").format(
                        id=typed[:40]
                    )
                )
            found = proposal_store.get(conn, ids[0]) if ids else None
        if found is None:
            raise NotFound(
                _("No proposal has the id {id}. `focalpoint proposal list` shows them.").format(
                    id=proposal_id.strip()[:40]
                )
            )
        return found


def record_answers(
    conn: sqlite3.Connection, actor: str, answers: Iterable[Answer]
) -> list[Proposal]:
    """Take in the Secretariat's answers (from a receipt, inside its transaction); returns the
    proposals whose answer changed.

    An answer is taken only for a proposal this workspace sent, and only when it is newer than
    the one on record: a receipt taken in again, or an older one after a newer, changes nothing.
    """
    changed = []
    for given in answers:
        current = proposal_store.get(conn, given.proposal_id)
        if current is None or current.draft:
            continue
        if current.answered_at and (given.answered_at or "") <= current.answered_at:
            continue
        if (current.state, current.state_reason, current.state_version) == (
            given.state,
            given.reason,
            given.version,
        ):
            continue
        proposal_store.answer(
            conn, current.id, given.state, given.reason, given.version, given.answered_at
        )
        audit_store.record(conn, actor, KIND, current.id, "state", current.state, given.state)
        updated = proposal_store.get(conn, current.id)
        assert updated is not None
        changed.append(updated)
    return changed


def _checked_target(conn: sqlite3.Connection, code: str, kind: str | None) -> tuple[str, str]:
    """The target's code and the proposal's kind, each fitting the other and the plan."""
    code = code.strip()
    level = proposal_store.level_of(conn, code) if 0 < len(code) <= MAX_CODE else None
    if kind is None:
        kind = "new_action" if level == "objective" else "wording"
    kind = checked_kind(kind)
    if kind in ON_ACTION and level != "action":
        raise InvalidInput(
            _(
                "The installed plan has no action {code}: new wording or a comment is "
                "proposed for an action (such as 1.1.1)."
            ).format(code=code[:MAX_CODE] or "—")
        )
    if kind in ON_OBJECTIVE and level != "objective":
        raise InvalidInput(
            _(
                "The installed plan has no objective {code}: a new action or paragraph is "
                "proposed under an objective (such as 1.1)."
            ).format(code=code[:MAX_CODE] or "—")
        )
    return code, kind


def _still_draft(proposal: Proposal) -> None:
    if not proposal.draft:
        raise InvalidInput(
            _(
                "This proposal was sent to the Secretariat already ({state}); it can no "
                "longer be changed or deleted. Write a new one instead."
            ).format(state=state_label(proposal.state))
        )
