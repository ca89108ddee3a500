"""The buttons that close a form, and the row of buttons under a list of records."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton

from focalpoint.i18n import _

Standard = QDialogButtonBox.StandardButton


def dialog_buttons(
    dialog: QDialog,
    accept_text: str,
    on_accept: Callable[[], None],
    accept: Standard = Standard.Ok,
    read_only: bool = False,
) -> QDialogButtonBox:
    """``accept`` (shown as ``accept_text``) and Cancel, which rejects ``dialog``.

    Our words, not Qt's: Qt's own "OK"/"Cancel" follow its catalogue, which may not be installed
    for the interface's language. ``read_only``: a record of a read-only workspace, opened to be
    read; ``accept`` is disabled and Cancel reads Close.
    """
    box = QDialogButtonBox(accept | Standard.Cancel)
    box.button(accept).setText(accept_text)
    box.button(Standard.Cancel).setText(_("Close") if read_only else _("Cancel"))
    if read_only:
        box.button(accept).setEnabled(False)
        box.button(accept).setToolTip(_("This workspace is read-only."))
    box.accepted.connect(on_accept)
    box.rejected.connect(dialog.reject)
    return box


class Deletable(Protocol):
    """A record deleted as a tombstone, which can be restored."""

    @property
    def deleted(self) -> bool: ...


class RecordButtons:
    """New…, Edit… (or Open…), Delete and Restore under a list of records that are deleted as
    tombstones; which of them apply follows the record chosen (:meth:`follow`)."""

    def __init__(
        self,
        new_text: str,
        edit_text: str,
        on_new: Callable[[], None],
        on_edit: Callable[[], None],
        on_delete: Callable[[], None],
        on_restore: Callable[[], None],
    ) -> None:
        self.new = QPushButton(new_text)
        self.new.clicked.connect(lambda: on_new())
        self.edit = QPushButton(edit_text)
        self.edit.clicked.connect(lambda: on_edit())
        self.delete = QPushButton(_("Delete"))
        self.delete.clicked.connect(lambda: on_delete())
        self.restore = QPushButton(_("Restore"))
        self.restore.clicked.connect(lambda: on_restore())
        self.read_only = False  # records shown, never changed: Edit… opens them to read

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.new.setEnabled(not read_only)
        self.follow(None)

    @property
    def all(self) -> tuple[QPushButton, ...]:
        return (self.new, self.edit, self.delete, self.restore)

    def row(self, count: QLabel) -> QHBoxLayout:
        """The count on the left, taking the room left; the buttons on the right."""
        row = QHBoxLayout()
        row.addWidget(count, 1)
        for button in self.all:
            row.addWidget(button)
        return row

    def follow(self, chosen: Deletable | None) -> None:
        """A deleted record can only be restored; a live one edited or deleted."""
        live = chosen is not None and not chosen.deleted
        self.edit.setEnabled(live)
        self.delete.setEnabled(live and not self.read_only)
        self.restore.setEnabled(chosen is not None and chosen.deleted and not self.read_only)
