"""The national entity directory: add, edit, merge duplicates, retire."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import partial

from focalpoint.domain.errors import EntityInUse, InvalidInput, NotFound
from focalpoint.domain.records import AuditEntry, Entity, EntityDraft
from focalpoint.domain.text import check_email
from focalpoint.domain.vocab import EntityType
from focalpoint.i18n import _, ngettext
from focalpoint.services.common.edit_history import Area, Edit, EditHistory
from focalpoint.services.country.practices import reindex_practice
from focalpoint.services.country.profile import ProfileService
from focalpoint.storage.country import assignment_store, audit_store, entity_store, practice_store
from focalpoint.storage.sqlite import Database

MAX_FIELD_LENGTH = 2000


@dataclass(frozen=True)
class MergeReport:
    kept: Entity
    merged_name: str
    moved_codes: tuple[str, ...]


class EntityService:
    """Every method is one edit in one transaction, recorded in the audit log."""

    def __init__(self, db: Database, profile: ProfileService, edits: EditHistory) -> None:
        self._db = db
        self._profile = profile
        self._edits = edits

    @property
    def read_only(self) -> bool:
        """The workspace can only be read: every change here is refused in words."""
        return self._db.read_only

    def all(self, include_retired: bool = True) -> list[Entity]:
        with self._db.reading() as conn:
            return entity_store.list_all(conn, include_retired)

    def usage(self) -> dict[str, int]:
        """How many actions each entity is named on."""
        with self._db.reading() as conn:
            return entity_store.usage_counts(conn)

    def get(self, entity_id: str) -> Entity:
        with self._db.reading() as conn:
            entity = entity_store.get(conn, entity_id)
        if entity is None:
            raise NotFound(_("That entity is not in the directory."))
        return entity

    def history(self, entity_id: str) -> list[AuditEntry]:
        """Every change to the entity, newest first."""
        with self._db.reading() as conn:
            return audit_store.history(conn, "entity", entity_id)

    def resolve(self, text: str, retired: bool = False) -> Entity:
        """Find an entity by its id, exact name or acronym (for the command line).

        ``retired``: only among the retired entities (the one to bring back).
        """
        wanted = text.strip().lower()
        candidates = self.all()  # retired ones too: they can still be edited and restored
        if retired:
            candidates = [e for e in candidates if e.retired]
        for test in (
            lambda e: e.id == text.strip(),
            lambda e: e.name.lower() == wanted,
            lambda e: e.acronym.lower() == wanted and bool(e.acronym),
            lambda e: e.id.startswith(text.strip()) and len(text.strip()) >= 6,
        ):
            found = [e for e in candidates if test(e)]
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                raise InvalidInput(
                    _("'{text}' names more than one entity: {names}.").format(
                        text=text, names="; ".join(e.display_name for e in found)
                    )
                )
        if retired:
            raise NotFound(_("No retired entity named '{text}'.").format(text=text))
        raise NotFound(_("No entity named '{text}' in the directory.").format(text=text))

    def add(self, draft: EntityDraft) -> Entity:
        clean = self._clean(draft)
        actor = self._profile.actor()
        with self._db.transaction() as conn:
            self._check(conn, clean, None)
            entity = entity_store.insert(conn, clean)
            audit_store.record(conn, actor, "entity", entity.id, "created", "", entity.name)
        # Undoing an addition retires the entity: ids stay stable, so a redo brings it back.
        self._offer(
            _("new entity {name}"),
            entity,
            partial(self.retire, entity.id, force=True),
            partial(self.restore, entity.id),
        )
        return entity

    def update(self, entity_id: str, draft: EntityDraft) -> Entity:
        clean = self._clean(draft)
        actor = self._profile.actor()
        with self._db.transaction() as conn:
            before = entity_store.get(conn, entity_id)
            if before is None:
                raise NotFound(_("That entity is not in the directory."))
            self._check(conn, clean, entity_id)
            entity_store.update(conn, entity_id, clean)
            for f in entity_store.FIELDS:
                old, new = str(getattr(before, f) or ""), str(getattr(clean, f) or "")
                if f == "parent_id":  # the history names the institution, not its id
                    f, old, new = "parent", _entity_name(conn, old), _entity_name(conn, new)
                audit_store.record(conn, actor, "entity", entity_id, f, old, new)
            after = entity_store.get(conn, entity_id)
        assert after is not None
        if _draft(before) != clean:
            self._offer(
                _("changes to {name}"),
                after,
                partial(self.update, entity_id, _draft(before)),
                partial(self.update, entity_id, clean),
            )
        return after

    def merge(self, keep_id: str, drop_id: str) -> MergeReport:
        """Fold a duplicate into ``keep_id``: its assignments follow, it stays as a tombstone."""
        if keep_id == drop_id:
            raise InvalidInput(_("Choose two different entities to merge."))
        actor = self._profile.actor()
        with self._db.transaction() as conn:
            keep, drop = entity_store.get(conn, keep_id), entity_store.get(conn, drop_id)
            if keep is None or drop is None:
                raise NotFound(_("That entity is not in the directory."))
            codes = assignment_store.replace_entity(conn, drop_id, keep_id, actor)
            for practice_id in practice_store.replace_entity(conn, drop_id, keep_id):
                audit_store.record(
                    conn, actor, "practice", practice_id, "merge",
                    drop.display_name, keep.display_name,
                )  # fmt: skip
                reindex_practice(conn, practice_id)
            entity_store.mark_merged(conn, drop_id, keep_id)
            if keep.retired and not drop.retired:
                entity_store.set_retired(conn, keep_id, False)
            audit_store.record(conn, actor, "entity", drop_id, "merged_into", "", keep.name)
            audit_store.record(conn, actor, "entity", keep_id, "merged_from", "", drop.name)
            for code in codes:
                audit_store.record(
                    conn, actor, "action", code, "merge", drop.display_name, keep.display_name
                )
            kept = entity_store.get(conn, keep_id)
        assert kept is not None
        return MergeReport(kept, drop.display_name, tuple(codes))

    def retire(self, entity_id: str, force: bool = False) -> Entity:
        """Hide an entity from new choices; one still in use needs ``force`` (a confirmation)."""
        actor = self._profile.actor()
        with self._db.transaction() as conn:
            entity = entity_store.get(conn, entity_id)
            if entity is None:
                raise NotFound(_("That entity is not in the directory."))
            in_use = tuple(assignment_store.actions_naming(conn, entity_id))
            if in_use and not force:
                raise EntityInUse(
                    ngettext(
                        "{name} is still responsible for {n} action: {codes}. That assignment "
                        "keeps it, marked as retired.",
                        "{name} is still responsible for {n} actions: {codes}. Those assignments "
                        "keep it, marked as retired.",
                        len(in_use),
                    ).format(name=entity.display_name, n=len(in_use), codes=", ".join(in_use)),
                    in_use,
                )
            entity_store.set_retired(conn, entity_id, True)
            audit_store.record(conn, actor, "entity", entity_id, "retired", "", "yes")
            after = entity_store.get(conn, entity_id)
        assert after is not None
        self._offer(
            _("retiring {name}"),
            after,
            partial(self.restore, entity_id),
            partial(self.retire, entity_id, force=True),
        )
        return after

    def restore(self, entity_id: str) -> Entity:
        actor = self._profile.actor()
        with self._db.transaction() as conn:
            if entity_store.get(conn, entity_id) is None:
                raise NotFound(_("That entity is not in the directory."))
            entity_store.set_retired(conn, entity_id, False)
            audit_store.record(conn, actor, "entity", entity_id, "retired", "yes", "")
            after = entity_store.get(conn, entity_id)
        assert after is not None
        self._offer(
            _("bringing back {name}"),
            after,
            partial(self.retire, entity_id, force=True),
            partial(self.restore, entity_id),
        )
        return after

    def _offer(
        self, label: str, entity: Entity, undo: Callable[[], object], redo: Callable[[], object]
    ) -> None:
        """Record an edit of one entity for Undo; ``label`` names it with ``{name}``."""
        named = label.format(name=entity.display_name)
        self._edits.record(Edit(named, Area.ENTITIES, entity.id, undo, redo))

    @staticmethod
    def _clean(draft: EntityDraft) -> EntityDraft:
        values = {f.name: getattr(draft, f.name) for f in fields(draft)}
        for key, value in values.items():
            if isinstance(value, str):
                values[key] = value.strip()
                if len(values[key]) > MAX_FIELD_LENGTH:
                    raise InvalidInput(
                        _("A field is too long (at most {n} characters).").format(
                            n=MAX_FIELD_LENGTH
                        )
                    )
        try:
            values["type"] = EntityType(values["type"])
        except ValueError as exc:
            raise InvalidInput(
                _("Unknown entity type '{type}'. Use one of: {values}.").format(
                    type=values["type"], values=", ".join(t.value for t in EntityType)
                )
            ) from exc
        values["parent_id"] = values["parent_id"] or None
        if not values["name"]:
            raise InvalidInput(_("Please enter the entity's name."))
        check_email(values["email"])
        return EntityDraft(**values)

    @staticmethod
    def _check(conn: sqlite3.Connection, draft: EntityDraft, entity_id: str | None) -> None:
        same = entity_store.find_by_name(conn, draft.name)
        if same is not None and same.id != entity_id:
            raise InvalidInput(
                _("An entity named '{name}' is already in the directory.").format(name=same.name)
            )
        if draft.parent_id is not None:
            if draft.parent_id == entity_id:
                raise InvalidInput(_("An entity cannot be its own parent institution."))
            if entity_store.get(conn, draft.parent_id) is None:
                raise NotFound(_("The parent institution is not in the directory."))
            if entity_id is not None and entity_id in entity_store.ancestors(conn, draft.parent_id):
                raise InvalidInput(_("An entity cannot be placed under one of its own sub-units."))


def _draft(entity: Entity) -> EntityDraft:
    """The editable part of a stored entity (what an undo of an update writes back)."""
    return EntityDraft(**{f.name: getattr(entity, f.name) for f in fields(EntityDraft)})


def _entity_name(conn: sqlite3.Connection, entity_id: str) -> str:
    entity = entity_store.get(conn, entity_id) if entity_id else None
    return entity.display_name if entity else ""
