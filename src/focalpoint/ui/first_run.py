"""The first question a new workspace asks: does its user work for a country or for the
Technical Secretariat? A workspace is one kind for good, so the answer is asked once, before
anything is written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from focalpoint.i18n import _
from focalpoint.paths import COUNTRY, SECRETARIAT
from focalpoint.ui.widgets.labels import wrapped

# Takes in a workspace file (``source``, or one the user chooses) and accepts the dialog once the
# workspace is made: given by the composition root, since this shared dialog knows neither side.
OpenFile = Callable[[QDialog, Path | None], None]


class WorkspaceKindDialog(QDialog):
    """Two choices, each with a line saying what it means; OK keeps the one ticked."""

    def __init__(self, parent: QWidget | None = None, open_file: OpenFile | None = None) -> None:
        super().__init__(parent)
        self._open_file = open_file
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
        if open_file is not None:  # a country's workspace moved from another computer
            self.from_file = QPushButton(_("Open a workspace file from another computer…"))
            self.from_file.clicked.connect(lambda: self.open_workspace_file())
            layout.addSpacing(10)
            layout.addWidget(
                wrapped(
                    _(
                        "Moving from another computer? Its workspace file has "
                        "everything: open it here instead."
                    )
                )
            )
            row = QHBoxLayout()
            row.addWidget(self.from_file)
            row.addStretch(1)
            layout.addLayout(row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addSpacing(8)
        layout.addWidget(buttons)

    def open_workspace_file(self, source: Path | None = None) -> None:
        """Make the country's workspace from a file written on another computer; OK once made."""
        assert self._open_file is not None
        self.country.setChecked(True)
        self._open_file(self, source)

    def kind(self) -> str:
        return SECRETARIAT if self.secretariat.isChecked() else COUNTRY
