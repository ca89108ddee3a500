"""The first question a new workspace asks: does its user work for a country or for the
Technical Secretariat? A workspace is one kind for good, so the answer is asked once, before
anything is written."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QRadioButton, QVBoxLayout, QWidget

from focalpoint.i18n import _
from focalpoint.paths import COUNTRY, SECRETARIAT
from focalpoint.ui.widgets.labels import wrapped


class WorkspaceKindDialog(QDialog):
    """Two choices, each with a line saying what it means; OK keeps the one ticked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Welcome to FocalPoint"))
        self.setMinimumWidth(560)
        self.country = QRadioButton(_("I work for a country"))
        self.secretariat = QRadioButton(_("I work for the Technical Secretariat"))
        self.country.setChecked(True)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped(_("Who will use this workspace? This cannot be changed later.")))
        for choice, explained in (
            (
                self.country,
                _(
                    "Carry your country's part of the regional plan: responsible entities, "
                    "practices, services, reports, and signed submissions to the Secretariat."
                ),
            ),
            (
                self.secretariat,
                _(
                    "Receive the countries' submissions, keep their keys, consolidate the "
                    "regional matrix and answer each country with a signed receipt."
                ),
            ),
        ):
            layout.addSpacing(6)
            layout.addWidget(choice)
            note = wrapped(explained)
            note.setIndent(24)
            layout.addWidget(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addSpacing(8)
        layout.addWidget(buttons)

    def kind(self) -> str:
        return SECRETARIAT if self.secretariat.isChecked() else COUNTRY
