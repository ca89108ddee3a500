"""File → Import plan file…: what a signed plan version changes, shown before it is applied.

The version is checked first (signed by the trusted Secretariat key, newer, continuing the
installed one); a refused file never reaches this dialog. Apply takes it in; Cancel leaves the
workspace as it was.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from focalpoint.i18n import _, ngettext
from focalpoint.services.country.plan import PlanUpdate
from focalpoint.ui.widgets.buttons import dialog_buttons
from focalpoint.ui.widgets.labels import wrapped
from focalpoint.ui.widgets.plan_changes_view import PlanChangesView


class PlanUpdateDialog(QDialog):
    def __init__(self, update: PlanUpdate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.update_shown = update
        info = update.info
        self.setWindowTitle(_("New version of the plan"))
        self.setMinimumSize(720, 520)
        intro = wrapped(
            _(
                "Version {new} of the plan {code}, signed by the Technical Secretariat. This "
                "workspace has version {old}."
            ).format(new=info.version, code=info.code, old=update.old.version)
        )
        moved, unmatched, kept = len(update.moved), len(update.unmatched), len(update.kept)
        summary = [
            ngettext(
                "{n} of your assignments stays as it is.",
                "{n} of your assignments stay as they are.",
                kept,
            ).format(n=kept)
        ]
        if moved:
            summary.append(
                ngettext(
                    "{n} assignment follows its action to a new code.",
                    "{n} assignments follow their action to a new code.",
                    moved,
                ).format(n=moved)
            )
        if unmatched:
            summary.append(
                ngettext(
                    "{n} assignment no longer matches an action: it is kept and listed under "
                    "“Not in the current plan”.",
                    "{n} assignments no longer match an action: they are kept and listed under "
                    "“Not in the current plan”.",
                    unmatched,
                ).format(n=unmatched)
            )
        self.summary = wrapped(" ".join(summary))
        self.changes = PlanChangesView()
        self.changes.show_changes(
            update.changes,
            [
                (
                    ngettext(
                        "{n} of your assignments follows its action",
                        "{n} of your assignments follow their action",
                        moved,
                    ),
                    [(f"{old} → {new}", _("assignment moved")) for old, new in update.moved],
                ),
                (
                    ngettext(
                        "{n} of your assignments no longer matches an action",
                        "{n} of your assignments no longer match an action",
                        unmatched,
                    ),
                    [(code, _("kept, listed apart")) for code in update.unmatched],
                ),
            ],
        )
        self.buttons = dialog_buttons(self, _("Apply"), self.accept)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.apply_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.summary)
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.buttons)
