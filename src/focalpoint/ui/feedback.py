"""How the window tells the user that something was refused or went wrong: never a traceback."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtWidgets import QLabel, QWidget

from focalpoint.domain.errors import FocalPointError
from focalpoint.i18n import _

log = logging.getLogger("focalpoint")
T = TypeVar("T")


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """A message box in the user's language; unexpected errors are logged with their traceback."""
    if isinstance(error, FocalPointError):
        text = error.message
    else:
        log.error("Unexpected error", exc_info=error)
        text = _(
            "Something went wrong and nothing was changed. The details were written to "
            "the log file in the workspace folder."
        )
    from PySide6.QtWidgets import QMessageBox  # first needed long after start-up

    box = QMessageBox(
        QMessageBox.Icon.Warning, _("FocalPoint"), text, QMessageBox.StandardButton.Ok, parent
    )
    box.exec()


def attempt(parent: QWidget | None, work: Callable[[], T]) -> T | None:
    """Run one edit; on refusal show why and return None (the edit changed nothing)."""
    try:
        return work()
    except FocalPointError as error:
        show_error(parent, error)
    except Exception as error:  # an unexpected bug must not take the window down
        show_error(parent, error)
    return None


def confirm(parent: QWidget | None, text: str, ok_label: str, risky: bool = False) -> bool:
    """Ask before doing ``ok_label``; with ``risky``, Enter answers Cancel, not the action."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Question,
        _("FocalPoint"),
        text,
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    ok = box.addButton(ok_label, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel if risky else ok)
    box.exec()
    return box.clickedButton() is ok


def error_label() -> QLabel:
    """The line in a form that says, in red, why OK did not save (hidden until then; see
    :func:`hide_when_edited`)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #b3261e;")
    label.hide()
    return label


def hide_when_edited(label: QLabel, form: QWidget) -> None:
    """The form's error line says why OK did not save: once the user changes any field of
    ``form``, it no longer stands, so it goes until OK is pressed again (called once the
    form's fields are made)."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit

    for edit in form.findChildren(QLineEdit):
        edit.textEdited.connect(label.hide)  # typed, not set by the form itself
    for box in form.findChildren(QComboBox):
        box.activated.connect(label.hide)
    for area in form.findChildren(QPlainTextEdit):
        area.textChanged.connect(label.hide)
    for button in form.findChildren(QAbstractButton):
        if button.isCheckable():
            button.clicked.connect(label.hide)


def tell_no_such_file(parent: QWidget, path: Path) -> None:
    """Say, without blocking, that a file handed to the window (a double-click, the command
    line, a later launch) is not there."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Warning,
        _("FocalPoint"),
        _(
            "There is no file {path}. It may have been moved, renamed or deleted. "
            "Nothing was opened."
        ).format(path=path),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.open()
