"""A form that asks before Cancel, Esc or its close button throws away what was typed.

A form's values are read from its own inputs, whatever they are, when it is first shown and
again when it is cancelled: every form gets the question without listing its fields, and a field
added later is covered without anyone remembering to.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QAbstractProxyModel, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from focalpoint.i18n import _
from focalpoint.ui.feedback import confirm

# Set on an input whose text is not part of the record (a filter over a list of choices).
NOT_DATA = "notFormData"
# Lists longer than this are results, not choices a user ticks.
_MAX_CHOICES = 5000


def form_values(root: QWidget) -> tuple[object, ...]:
    """What a user has entered in every input under ``root``, in a comparable form."""
    values: list[object] = []
    for widget in root.findChildren(QWidget):
        if widget.property(NOT_DATA):
            continue
        if isinstance(widget, QLineEdit):
            if widget.parent() is not None and isinstance(widget.parent(), QAbstractSpinBox):
                continue  # the spin box answers for it
            values.append(widget.text())
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            values.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            values.append((widget.currentIndex(), widget.currentText()))
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            values.append(widget.isChecked())
        elif isinstance(widget, QAbstractSpinBox):
            values.append(widget.text())
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            values.append(_ticks(widget.model()))
    return tuple(values)


def _ticks(model: QAbstractItemModel) -> tuple[object, ...]:
    """The tick boxes of a list of choices, read from the unfiltered model: a filter typed over
    the list hides rows, it does not change what is ticked."""
    while isinstance(model, QAbstractProxyModel) and model.sourceModel() is not None:
        model = model.sourceModel()
    rows = model.rowCount()
    if rows == 0 or rows > _MAX_CHOICES:
        return ()
    if not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsUserCheckable:
        return ()
    role = Qt.ItemDataRole.CheckStateRole
    return tuple(model.index(row, 0).data(role) for row in range(rows))


class GuardedForm(QDialog):
    """A dialog that asks before dropping changes (Cancel, Esc and the close button all land in
    :meth:`reject`)."""

    _initial: tuple[object, ...] | None = None

    def showEvent(self, event: QShowEvent) -> None:
        if self._initial is None:  # the form as it opened, once filled
            self._initial = form_values(self)
        super().showEvent(event)

    def has_changes(self) -> bool:
        return self._initial is not None and form_values(self) != self._initial

    def may_close(self) -> bool:
        """Whether the form may close without saving: nothing changed, or the user said so."""
        return not self.has_changes() or confirm(
            self,
            _("You have changed this form. Close it and lose those changes?"),
            _("Discard changes"),
            risky=True,
        )

    def reject(self) -> None:
        if self.may_close():
            super().reject()
