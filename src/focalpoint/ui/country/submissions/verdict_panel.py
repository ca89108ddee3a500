"""The answer of a package check: a coloured heading, the reason, the facts, the files inside."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.errors import FocalPointError, PackageRefused
from focalpoint.domain.evidence import describe_size
from focalpoint.domain.vocab import COUNTRIES
from focalpoint.i18n import _, format_timestamp, pick
from focalpoint.services.country.submissions import Verification
from focalpoint.ui.country.submissions.colours import (
    BAD,
    BAD_BACKGROUND,
    GOOD,
    GOOD_BACKGROUND,
    NEUTRAL,
    NEUTRAL_BACKGROUND,
    WARNING,
)
from focalpoint.ui.widgets.labels import mono_font, selectable, wrapped


class VerdictPanel(QFrame):
    """Green with every fact for an intact package, red with the reason for a refused one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("answer")
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSize(font.pointSize() + 3)
        font.setBold(True)
        self.heading.setFont(font)
        self.icon = QLabel()
        self.reason = selectable(wrapped())
        self.facts = QWidget()
        self.facts_layout = QGridLayout(self.facts)
        self.facts_layout.setContentsMargins(0, 0, 0, 0)
        self.facts_layout.setColumnStretch(1, 1)
        self.members = QTableWidget(0, 2)
        self.members.setHorizontalHeaderLabels([_("File in the package"), _("Size")])
        self.members.setAccessibleName(_("Files in the package"))
        self.members.verticalHeader().hide()
        self.members.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.members.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.members.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.members.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        top = QHBoxLayout()
        top.addWidget(self.icon)
        top.addWidget(self.heading, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.reason)
        layout.addWidget(self.facts)
        layout.addWidget(self.members, 1)

    def _colour(self, good: bool | None) -> None:
        """Green for intact, red for refused, neutral for a package that cannot be opened here."""
        fg, bg, icon = {
            True: (GOOD, GOOD_BACKGROUND, QStyle.StandardPixmap.SP_DialogApplyButton),
            False: (BAD, BAD_BACKGROUND, QStyle.StandardPixmap.SP_MessageBoxCritical),
            None: (NEUTRAL, NEUTRAL_BACKGROUND, QStyle.StandardPixmap.SP_MessageBoxInformation),
        }[good]
        self.setStyleSheet(
            f"QFrame#answer {{ background: {bg}; border: 1px solid {fg}; border-radius: 4px; }}"
        )
        self.heading.setStyleSheet(f"color: {fg};")
        self.icon.setPixmap(self.style().standardIcon(icon).pixmap(28, 28))

    def _clear_facts(self) -> None:
        while self.facts_layout.count():
            item = self.facts_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # at once: deletion waits for the event loop
                widget.deleteLater()

    def _fact(self, label: str, value: str, mono: bool = False, colour: str = "") -> QLabel:
        row = self.facts_layout.rowCount()
        title = QLabel(label)
        title.setAlignment(Qt.AlignmentFlag.AlignTop)
        field = selectable(wrapped(value))
        if mono:
            field.setFont(mono_font(title.font().pointSize()))
        if colour:
            field.setStyleSheet(f"color: {colour};")
        self.facts_layout.addWidget(title, row, 0)
        self.facts_layout.addWidget(field, row, 1)
        return field

    def show_intact(self, result: Verification, name: str) -> None:
        """``result`` for the file called ``name``: who, when, which key, every file inside."""
        if result.signer_proven:
            self._colour(True)
            self.heading.setText(_("Intact and signed"))
            self.reason.setText(
                _("Every file is exactly as it was signed, and the signature is valid.")
            )
        else:
            # Intact, but anyone can make a key and write any name: not green, not red.
            self._colour(None)
            self.heading.setText(_("Intact, but the signer is not proven"))
            self.reason.setText(
                _(
                    "Every file is exactly as it was signed, but by a key this workspace has "
                    "never had, and no fingerprint was given to check it against. The signer's "
                    "name is only what the package claims. To prove who signed, type the "
                    "fingerprint registered for the country in “Expected fingerprint”."
                )
            )
        self._clear_facts()
        self._fact(_("File"), name)
        country = pick(COUNTRIES[result.country]) if result.country in COUNTRIES else ""
        self._fact(_("Country"), country or result.country)
        self._fact(_("Submission"), str(result.sequence))
        if result.signer_proven:
            self._fact(_("Signed by"), result.signer or "—")
        else:
            self._fact(
                _("Signed by"),
                _("{name} (as the package claims; not proven)").format(name=result.signer or "—"),
                colour=WARNING,
            )
        self._fact(_("Signed on"), format_timestamp(result.created_at.isoformat()))
        self._fact(_("Key fingerprint"), result.fingerprint, mono=True)
        if result.own_key:
            self._fact(_("Key"), _("This workspace's signing key."))
        else:
            self._fact(_("Key"), _("A key this workspace has never had (another workspace's)."))
        if result.on_record is True:
            self._fact(
                _("History"),
                _("Identical to submission {n} in this workspace's history.").format(
                    n=result.sequence
                ),
            )
        elif result.on_record is False:
            self._fact(
                _("History"),
                _(
                    "Not the same file as submission {n} in this workspace's history, although "
                    "signed with this workspace's key."
                ).format(n=result.sequence),
                colour=WARNING,
            )
        self._fact(_("SHA-256"), result.sha256, mono=True)
        self._fact(_("Size"), describe_size(result.size))
        self.members.setRowCount(len(result.members))
        for row, (member, size) in enumerate(result.members):
            self.members.setItem(row, 0, QTableWidgetItem(member))
            size_item = QTableWidgetItem(describe_size(size))
            size_item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.members.setItem(row, 1, size_item)
        self.facts.show()
        self.members.show()

    def show_refused(self, error: FocalPointError, name: str) -> None:
        """Why the file called ``name`` was refused, or could not be checked here."""
        sealed = isinstance(error, PackageRefused) and error.reason == "encrypted"
        if sealed:
            # Not a fault: only the Secretariat can open it. Red would alarm for nothing.
            self._colour(None)
            self.heading.setText(_("Encrypted for the Secretariat"))
        else:
            self._colour(False)
            self.heading.setText(
                _("Refused: do not trust this package")
                if isinstance(error, PackageRefused)
                else _("The package could not be checked")
            )
        self.reason.setText(error.message)
        self._clear_facts()
        self._fact(_("File"), name)
        self.facts.setVisible(True)
        self.members.hide()
