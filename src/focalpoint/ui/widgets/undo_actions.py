"""Edit → Undo and Redo over a workspace's edit history, named after what they would undo."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from focalpoint.domain.errors import FocalPointError
from focalpoint.i18n import _
from focalpoint.services.common.edit_history import Edit, EditHistory
from focalpoint.ui.feedback import show_error

# A menu entry stays readable: "Undo changes to practice “Casas de acogida famil…”".
_LONGEST_LABEL = 60


class UndoActions:
    """The two menu actions; ``before`` saves what is typed but not yet saved (so that it is
    what Undo takes back first) and ``after`` shows the record the undo or redo changed."""

    def __init__(
        self,
        history: EditHistory,
        parent: QWidget,
        before: Callable[[], object],
        after: Callable[[Edit], None],
    ) -> None:
        self._history = history
        self._before = before
        self._after = after
        self.undo = QAction(parent)
        self.undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo.triggered.connect(lambda: self._move(forward=False))
        self.redo = QAction(parent)
        # Ctrl+Shift+Z everywhere, and Ctrl+Y too where that is the platform's habit.
        keys = [
            QKeySequence("Ctrl+Shift+Z"),
            *QKeySequence.keyBindings(QKeySequence.StandardKey.Redo),
        ]
        self.redo.setShortcuts(list({key.toString(): key for key in keys}.values()))
        self.redo.triggered.connect(lambda: self._move(forward=True))
        self.last_message = ""
        history.subscribe(self._update)
        # The history outlives the window (a change of language builds a new one over the same
        # workspace): a closed window's menu must stop listening, and be let go.
        parent.destroyed.connect(self._detach)
        self._update()

    def _window(self) -> QWidget | None:
        parent = self.undo.parent()  # not kept here: a closed window must be let go
        return parent if isinstance(parent, QWidget) else None

    def _detach(self) -> None:
        self._history.unsubscribe(self._update)
        self._before = self._after = _nothing  # no reference back to the closed window

    def _move(self, forward: bool) -> None:
        self._before()
        history = self._history
        if not (history.can_redo if forward else history.can_undo):
            return
        try:
            edit = history.redo() if forward else history.undo()
        except FocalPointError as error:
            reason = error.message
            show_error(
                self._window(),
                FocalPointError(
                    _("This change can no longer be redone: {reason}").format(reason=reason)
                    if forward
                    else _("This change can no longer be undone: {reason}").format(reason=reason)
                ),
            )
            return
        except Exception as error:  # a full disk, a locked workspace: said plainly, logged
            show_error(self._window(), error)
            return
        done = _("Redone: {what}") if forward else _("Undone: {what}")
        self.last_message = done.format(what=edit.label)
        self._after(edit)

    def _update(self) -> None:
        undo, redo = self._history.undo_label, self._history.redo_label
        self.undo.setText(_("&Undo {what}").format(what=_short(undo)) if undo else _("&Undo"))
        self.redo.setText(_("&Redo {what}").format(what=_short(redo)) if redo else _("&Redo"))
        self.undo.setEnabled(bool(undo))
        self.redo.setEnabled(bool(redo))


def _nothing(*_args: object) -> None:
    return None


def _short(label: str) -> str:
    return label if len(label) <= _LONGEST_LABEL else label[: _LONGEST_LABEL - 1] + "…"
