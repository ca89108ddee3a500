"""Long work on the workspace (a backup, a restore, a move) with a progress dialog and Cancel."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QProgressDialog, QWidget

from focalpoint.domain.errors import Cancelled
from focalpoint.ui.feedback import show_error
from focalpoint.ui.tasks import TaskContext, TaskRunner

STEPS = 1000


def run_with_dialog(
    parent: QWidget,
    tasks: TaskRunner,
    label: str,
    work: Callable[[TaskContext], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[Exception], None] | None = None,
) -> QProgressDialog:
    """Run ``work(context)`` in the background behind a window-modal progress dialog.

    Cancel asks the work to stop at its next check (its working files are removed, nothing is
    replaced); a refusal is shown in a message box, then ``on_failed`` hears it.
    """
    from focalpoint.i18n import _

    dialog = QProgressDialog(label, _("Cancel"), 0, STEPS, parent)
    dialog.setWindowTitle(_("FocalPoint"))
    dialog.setMinimumDuration(300)  # quick work never flashes a dialog
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)

    def done(result: Any) -> None:
        dialog.close()
        on_done(result)

    def failed(error: Exception) -> None:
        dialog.close()
        if not isinstance(error, Cancelled):
            show_error(parent, error)
        if on_failed is not None:
            on_failed(error)

    def progressed(fraction: float) -> None:
        dialog.setValue(int(min(max(fraction, 0.0), 1.0) * (STEPS - 1)))

    def run(context: TaskContext) -> Any:
        return work(context)

    context = tasks.run_with_progress(run, done, failed, progressed)
    dialog.canceled.connect(context.cancel)
    dialog.open()
    return dialog
