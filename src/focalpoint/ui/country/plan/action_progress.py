"""The progress of the action on show: its status, and the note that saves itself."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.records import Assignment
from focalpoint.domain.vocab import ActionStatus
from focalpoint.i18n import _
from focalpoint.services.country.assignments import AssignmentService
from focalpoint.ui.feedback import attempt
from focalpoint.ui.widgets.text_area import text_area

NOTE_SAVE_DELAY_MS = 800


class ActionProgress(QGroupBox):
    """The status says what the user chose (the panel saves it); the note saves itself 0.8 s
    after typing stops, and when the user leaves the action."""

    status_chosen = Signal(str)  # an ActionStatus value
    note_saved = Signal(object)  # the Assignment as stored now

    def __init__(self, assignments: AssignmentService, parent: QWidget | None = None) -> None:
        super().__init__(_("Progress"), parent)
        self._assignments = assignments
        self.code = ""  # the action on show
        self._editable = False
        self._loading = False
        self._note_dirty = False
        # Notes whose save was refused (busy or full disk), by action code, until one succeeds.
        self._unsaved: dict[str, str] = {}

        self.status = QComboBox()
        for status in ActionStatus:
            self.status.addItem(status.label, status.value)
        self.status.activated.connect(self._status_activated)

        self.note = text_area()
        self.note.setPlaceholderText(_("What has been done, what is pending, next steps…"))
        self.note.setMinimumHeight(90)
        self.note.textChanged.connect(self._note_edited)
        self.note_state = QLabel()
        self.note_state.setStyleSheet("color: #555;")
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_SAVE_DELAY_MS)
        self._note_timer.timeout.connect(self.save_note)

        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # labels above, if narrow
        form.addRow(_("Status"), self.status)
        note_box = QVBoxLayout()
        note_box.addWidget(self.note)
        note_box.addWidget(self.note_state)
        form.addRow(_("Progress note"), note_box)

    def set_action(self, code: str, editable: bool) -> None:
        """Follow another action (after :meth:`leave_note` for the one before)."""
        self.code = code
        self._editable = editable
        for widget in (self.status, self.note):
            widget.setEnabled(editable)

    def show_assignment(self, a: Assignment) -> None:
        self._loading = True
        try:
            self.status.setCurrentIndex(self.status.findData(a.status.value))
            # Never overwrite what the user is typing and has not saved yet.
            if not self._note_dirty and self.note.toPlainText() != a.note:
                self.note.setPlainText(a.note)
                self.note_state.setText("")
        finally:
            self._loading = False

    def show_unsaved(self) -> None:
        """A note typed earlier for this action and refused then: back on screen, not lost."""
        if self.code in self._unsaved:
            self._loading = True
            self.note.setPlainText(self._unsaved[self.code])
            self._loading = False
            self._note_dirty = True
            self.note_state.setText(_("Not saved."))

    def _status_activated(self) -> None:
        if not self._loading and self._editable:
            self.status_chosen.emit(self.status.currentData())

    def _note_edited(self) -> None:
        if self._loading or not self._editable:
            return
        self._note_dirty = True
        self.note_state.setText(_("Saving…"))
        self._note_timer.start()

    def leave_note(self) -> None:
        """Before showing another action: save the note, or keep it aside if that fails."""
        if not self.save_note():
            self._unsaved[self.code] = self.note.toPlainText()
        self._note_dirty = False

    def unsaved_notes(self) -> list[str]:
        """Try every note still unsaved once more; the codes of those that still fail."""
        self.leave_note()
        for code, text in list(self._unsaved.items()):
            if attempt(self, partial(self._assignments.set_note, code, text)):
                del self._unsaved[code]
        return sorted(self._unsaved)

    def save_note(self) -> bool:
        """Save a note that is still waiting for its pause; False if the save was refused."""
        self._note_timer.stop()
        if not self._note_dirty or not self.code or not self._editable:
            return True
        text = self.note.toPlainText()
        result = attempt(self, lambda: self._assignments.set_note(self.code, text))
        if result is None:
            # Still dirty: the text stays on screen and is tried again at the next pause,
            # on leaving the action (kept aside), or on closing.
            self.note_state.setText(_("Not saved."))
            return False
        self._note_dirty = False
        self._unsaved.pop(self.code, None)
        self.note_saved.emit(result)
        self.note_state.setText(_("Saved."))
        return True
