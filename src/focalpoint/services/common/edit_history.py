"""Undo and redo over the edits made since a workspace was opened.

Every edit is saved at once, in its own transaction, so there is nothing to "cancel": undoing an
edit is a new edit that puts the record back as it was, made through the same service (its
checks, its transaction, its audit line). A service that changes a record hands the history an
``Edit`` saying how to put the record back and how to make the change again.

The history lives in memory, per opened workspace: it covers the edits made since the window
opened, as a user expects from Edit → Undo, and nothing from earlier sessions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from enum import Enum

from focalpoint.domain.errors import FocalPointError

# Far more than anyone undoes; it bounds memory over a very long session.
MAX_EDITS = 500


class Area(Enum):
    """Which part of the workspace an edit changed (which views must show it again)."""

    ACTIONS = "actions"
    ENTITIES = "entities"
    PRACTICES = "practices"
    DIRECTORY = "directory"


@dataclass(frozen=True)
class Edit:
    """One saved change: a label for the Edit menu and the two ways to move across it."""

    label: str  # what the menu shows after "Undo": "status of 1.2.3"
    area: Area
    record_id: str  # the action code or the record's id, so a view can show it again
    undo: Callable[[], object]
    redo: Callable[[], object]
    # Edits with the same key, one right after another, undo as one: a note saved at every
    # pause in the typing is one edit to the person who typed it.
    merge_key: str = ""


class EditHistory:
    """The workspace's undo and redo stacks."""

    def __init__(self, limit: int = MAX_EDITS) -> None:
        self._done: list[Edit] = []
        self._undone: list[Edit] = []
        self._limit = limit
        self._replaying = False
        self._listeners: list[Callable[[], None]] = []

    def record(self, edit: Edit) -> None:
        """A new edit was saved: it can be undone, and what was undone can no longer be redone.

        Ignored while an undo or redo runs: those save through the services too.
        """
        if self._replaying:
            return
        last = self._done[-1] if self._done else None
        if last and edit.merge_key and last.merge_key == edit.merge_key and not self._undone:
            edit = replace(edit, undo=last.undo)
            self._done.pop()
        self._done.append(edit)
        del self._done[: -self._limit]
        self._undone.clear()
        self._changed()

    def undo(self) -> Edit:
        """Put back the last edit.

        When the service refuses (the record was merged away or deleted since, say), nothing
        changes in the workspace, the refusal propagates, and the edit leaves the history: it
        can no longer be undone, and keeping it would block every edit before it. When the
        machine fails instead (a full disk), the edit stays, to be tried again.
        """
        edit = self._done.pop()
        try:
            with self._replay():
                edit.undo()
        except FocalPointError:
            self._changed()
            raise
        except BaseException:  # the machine, not the record (a full disk): try again later
            self._done.append(edit)
            raise
        self._undone.append(edit)
        self._changed()
        return edit

    def redo(self) -> Edit:
        """Make the last undone edit again (refusals as for :meth:`undo`)."""
        edit = self._undone.pop()
        try:
            with self._replay():
                edit.redo()
        except FocalPointError:
            self._changed()
            raise
        except BaseException:
            self._undone.append(edit)
            raise
        self._done.append(edit)
        self._changed()
        return edit

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def undo_label(self) -> str:
        return self._done[-1].label if self._done else ""

    @property
    def redo_label(self) -> str:
        return self._undone[-1].label if self._undone else ""

    def forget(self, area: Area) -> None:
        """Forget the edits of one area, whose records were just replaced in bulk (an import):
        undoing one of them would quietly put back a value the import had replaced."""
        self._done = [e for e in self._done if e.area is not area]
        self._undone = [e for e in self._undone if e.area is not area]
        self._changed()

    def subscribe(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` whenever what can be undone or redone changes."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[], None]) -> None:
        """Stop calling ``listener`` (its window closed; the workspace, and this history, stay
        open for the next one)."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener()

    @contextmanager
    def _replay(self) -> Iterator[None]:
        self._replaying = True
        try:
            yield
        finally:
            self._replaying = False
