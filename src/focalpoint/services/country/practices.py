"""Case-protection practices: record, link to actions, mark ready, delete and restore."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import fields, replace
from functools import partial

from focalpoint.domain.errors import InvalidInput, NeedsConfirmation, NotFound
from focalpoint.domain.practices import Practice, PracticeState, PracticeSummary
from focalpoint.domain.records import AuditEntry
from focalpoint.domain.text import check_visible
from focalpoint.i18n import _, ngettext
from focalpoint.services.common.edit_history import Area, Edit, EditHistory
from focalpoint.services.common.vocabularies import readable, search_words, vocabularies
from focalpoint.services.country.practice_listing import PracticeListing
from focalpoint.services.country.profile import ProfileService
from focalpoint.storage.country import (
    audit_store,
    entity_store,
    plan_store,
    practice_store,
    search_index,
)
from focalpoint.storage.sqlite import Database

MAX_TITLE_LENGTH = 300
MAX_TEXT_LENGTH = 20_000
_PERIOD = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")
# Fields whose change is written to the history as text; long texts are kept whole there too.
_AUDITED = (
    "title",
    "summary",
    "description",
    "categories",
    "populations",
    "phases",
    "national",
    "subdivisions",
    "entity_ids",
    "partners",
    "period_start",
    "period_end",
    "results",
    "lessons",
    "contact",
    "action_codes",
    "state",
)


class PracticeService(PracticeListing):
    """Every method that changes data is one transaction, recorded in the audit log; the list
    reads through :class:`PracticeListing`."""

    def __init__(self, db: Database, profile: ProfileService, edits: EditHistory) -> None:
        self._db = db
        self._profile = profile
        self._edits = edits

    def summaries(self, include_deleted: bool = False) -> list[PracticeSummary]:
        with self._db.reading() as conn:
            return practice_store.summaries(conn, include_deleted)

    def search(self, text: str) -> set[str] | None:
        """Ids of practices whose words start with what was typed; None when nothing was."""
        with self._db.reading() as conn:
            return search_index.matching(conn, "practice", text)

    def country(self) -> str:
        profile = self._profile.get()
        return profile.country if profile else ""

    def get(self, practice_id: str) -> Practice:
        with self._db.reading() as conn:
            practice = practice_store.get(conn, practice_id)
        if practice is None:
            raise NotFound(_("That practice is not in this workspace."))
        return practice

    def for_action(self, action_code: str) -> list[tuple[str, str, PracticeState]]:
        """The practices that serve one action: (id, title, state)."""
        with self._db.reading() as conn:
            rows = practice_store.for_action(conn, action_code)
        return [(pid, title, PracticeState(state)) for pid, title, state in rows]

    def history(self, practice_id: str) -> list[AuditEntry]:
        with self._db.reading() as conn:
            return readable(audit_store.history(conn, "practice", practice_id))

    def save(self, practice: Practice) -> Practice:
        """Add (no id) or change a practice; refused whole when any field is wrong."""
        clean = self._clean(practice)
        actor = self._profile.actor()
        with self._db.transaction() as conn:
            before = practice_store.get(conn, clean.id) if clean.id else None
            self._check_links(conn, clean, before)
            if clean.id and before is None:
                raise NotFound(_("That practice is not in this workspace."))
            if before is not None and before.deleted:
                raise InvalidInput(_("This practice was deleted. Restore it before changing it."))
            practice_id = practice_store.save(conn, clean)
            saved = practice_store.get(conn, practice_id)
            assert saved is not None
            _index(conn, saved)
            if before is None:
                audit_store.record(conn, actor, "practice", practice_id, "created", "", saved.title)
            else:
                for f in _AUDITED:
                    audit_store.record(
                        conn, actor, "practice", practice_id, f,
                        _audit_text(conn, f, getattr(before, f)),
                        _audit_text(conn, f, getattr(saved, f)),
                    )  # fmt: skip
        if before is None:
            # Undoing an addition deletes it as the Delete button does (restorable, so redo can).
            self._offer(
                _("new practice “{title}”"),
                saved,
                partial(self.delete, saved.id, force=True),
                partial(self.restore, saved.id),
            )
        elif any(getattr(before, f) != getattr(saved, f) for f in _AUDITED):
            self._offer(
                _("changes to practice “{title}”"),
                saved,
                partial(self.save, before),
                partial(self.save, saved),
            )
        return saved

    def set_state(self, practice_id: str, state: PracticeState) -> Practice:
        practice = self.get(practice_id)
        return self.save(replace(practice, state=state))

    def delete(self, practice_id: str, force: bool = False) -> Practice:
        """Delete (a tombstone that can be restored); a practice serving actions asks first."""
        actor = self._profile.actor()
        with self._db.transaction() as conn:
            practice = practice_store.get(conn, practice_id)
            if practice is None or practice.deleted:
                raise NotFound(_("That practice is not in this workspace."))
            if practice.action_codes and not force:
                raise NeedsConfirmation(
                    ngettext(
                        "'{title}' serves {n} action of the plan: {codes}. Deleting it removes "
                        "it from that action; it can be restored later.",
                        "'{title}' serves {n} actions of the plan: {codes}. Deleting it removes "
                        "it from those actions; it can be restored later.",
                        len(practice.action_codes),
                    ).format(
                        title=practice.title,
                        n=len(practice.action_codes),
                        codes=", ".join(practice.action_codes),
                    ),
                    practice.action_codes,
                )
            practice_store.set_deleted(conn, practice_id, True)
            search_index.remove(conn, "practice", practice_id)
            audit_store.record(conn, actor, "practice", practice_id, "deleted", "", practice.title)
        self._offer(
            _("deleting practice “{title}”"),
            practice,
            partial(self.restore, practice_id),
            partial(self.delete, practice_id, force=True),
        )
        return practice

    def restore(self, practice_id: str) -> Practice:
        actor = self._profile.actor()
        with self._db.transaction() as conn:
            practice = practice_store.get(conn, practice_id)
            if practice is None:
                raise NotFound(_("That practice is not in this workspace."))
            if not practice.deleted:
                return practice
            practice_store.set_deleted(conn, practice_id, False)
            restored = practice_store.get(conn, practice_id)
            assert restored is not None
            _index(conn, restored)
            audit_store.record(conn, actor, "practice", practice_id, "deleted", practice.title, "")
        self._offer(
            _("restoring practice “{title}”"),
            restored,
            partial(self.delete, practice_id, force=True),
            partial(self.restore, practice_id),
        )
        return restored

    def _offer(
        self,
        label: str,
        practice: Practice,
        undo: Callable[[], object],
        redo: Callable[[], object],
    ) -> None:
        """Record an edit of one practice for Undo; ``label`` names it with ``{title}``."""
        edit = Edit(label.format(title=practice.title), Area.PRACTICES, practice.id, undo, redo)
        self._edits.record(edit)

    def _clean(self, practice: Practice) -> Practice:
        values = {f.name: getattr(practice, f.name) for f in fields(practice)}
        for key, value in values.items():
            if isinstance(value, str):
                values[key] = value.strip()
                check_visible(values[key])
                limit = MAX_TITLE_LENGTH if key == "title" else MAX_TEXT_LENGTH
                if len(values[key]) > limit:
                    raise InvalidInput(
                        _("A field is too long (at most {n} characters).").format(n=limit)
                    )
        if not values["title"]:
            raise InvalidInput(_("Please enter the practice's title."))
        vocab = vocabularies()
        values["categories"] = vocab.practice_category.check(values["categories"], _("category"))
        values["populations"] = vocab.population.check(values["populations"], _("population"))
        values["phases"] = vocab.migration_phase.check(values["phases"], _("migration phase"))
        values["partners"] = tuple(
            dict.fromkeys(p.strip() for p in values["partners"] if p.strip())
        )
        values["entity_ids"] = tuple(dict.fromkeys(values["entity_ids"]))
        values["action_codes"] = tuple(
            dict.fromkeys(c.strip() for c in values["action_codes"] if c.strip())
        )
        values["state"] = PracticeState(values["state"])
        values["national"], values["subdivisions"] = self._scope(
            bool(values["national"]), values["subdivisions"]
        )
        for key in ("period_start", "period_end"):
            if values[key] and not _PERIOD.match(values[key]):
                raise InvalidInput(
                    _("Write the period as a year or a year and month, such as 2024 or 2024-03.")
                )
        start, end = values["period_start"], values["period_end"]
        if start and end and end < start:
            raise InvalidInput(_("The period ends before it starts."))
        clean = Practice(**values)
        if clean.state is PracticeState.READY:
            _check_ready(clean)
        return clean

    def _scope(self, national: bool, subdivisions: tuple[str, ...]) -> tuple[bool, tuple[str, ...]]:
        """National, or a list of the country's own ISO 3166-2 subdivisions."""
        if national:
            return True, ()
        from focalpoint.services.common import geography

        profile = self._profile.get()
        country = profile.country if profile else ""
        known = {s.code for s in geography.subdivisions(country)}
        wanted = tuple(dict.fromkeys(s.strip().upper() for s in subdivisions if s.strip()))
        if not wanted:
            raise InvalidInput(
                _("Choose the subdivisions where the practice works, or mark it as national.")
            )
        unknown = [s for s in wanted if s not in known]
        if unknown:
            raise InvalidInput(
                _("Not a subdivision of this country: {codes}.").format(codes=", ".join(unknown))
            )
        return False, tuple(sorted(wanted))

    @staticmethod
    def _check_links(conn: sqlite3.Connection, practice: Practice, before: Practice | None) -> None:
        """New links must name what exists; links the practice already had are kept even if
        a plan update dropped their action (like assignments, never silently lost)."""
        kept = set(before.action_codes) if before else set()
        for entity_id in practice.entity_ids:
            if entity_store.get(conn, entity_id) is None:
                raise NotFound(_("An implementing entity is not in the directory."))
        known = plan_store.action_codes(conn)
        unknown = [c for c in practice.action_codes if c not in known and c not in kept]
        if unknown:
            raise InvalidInput(
                _("These actions are not in the plan: {codes}.").format(codes=", ".join(unknown))
            )


def _check_ready(practice: Practice) -> None:
    """What the Secretariat needs before a practice can travel in a submission."""
    missing = [
        label
        for label, present in (
            (_("a summary"), practice.summary),
            (_("at least one category"), practice.categories),
            (_("at least one plan action it serves"), practice.action_codes),
        )
        if not present
    ]
    if missing:
        raise InvalidInput(
            _(
                "A practice ready for submission needs {missing}. It can be saved as a draft."
            ).format(missing=", ".join(missing))
        )


def reindex_practice(conn: sqlite3.Connection, practice_id: str) -> None:
    """Write a practice's words to the search index again (its entities were renamed or merged)."""
    practice = practice_store.get(conn, practice_id)
    if practice is not None and not practice.deleted:
        _index(conn, practice)


def _index(conn: sqlite3.Connection, practice: Practice) -> None:
    """Write the practice's words to the search index, with its entities' names and labels."""
    practice_store.index(conn, practice, _entity_names(conn, practice.entity_ids), search_words())


def _entity_names(conn: sqlite3.Connection, entity_ids: tuple[str, ...]) -> list[str]:
    names = []
    for entity_id in entity_ids:
        entity = entity_store.get(conn, entity_id)
        if entity is not None:
            names.append(entity.display_name)
    return names


def _audit_text(conn: sqlite3.Connection, field: str, value: object) -> str:
    """A field's value as the history shows it: entity names rather than ids, lists joined."""
    if field == "entity_ids":
        return "; ".join(_entity_names(conn, value))  # type: ignore[arg-type]
    if field == "national":
        return "yes" if value else ""
    if isinstance(value, tuple):
        return "; ".join(str(v) for v in value)
    return str(value)
