"""The regional matrix on screen: every action of the plan against every country, each cell the
country's lead entity and status (its supporting entities and note in the tooltip), filtered by
axis and status, with completion per country and per axis; the spreadsheet is one button away.
The side panel shows the chosen cell in full and the accepted package that set it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.regional_matrix import MatrixCell, MatrixRow, RegionalMatrix
from focalpoint.domain.vocab import ActionStatus
from focalpoint.i18n import _
from focalpoint.render.regional_matrix import MISSING_TEXT, STATUS_FILLS
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from focalpoint.ui.feedback import show_error
from focalpoint.ui.secretariat.inbox_details import country_name
from focalpoint.ui.secretariat.matrix_panel import action_html, cell_html
from focalpoint.ui.widgets.table_model import AnyIndex, RowTableModel

_FILLS = {status: QBrush(QColor(colour)) for status, colour in STATUS_FILLS.items()}
_MISSING = QBrush(QColor(MISSING_TEXT))
# The fills are light whatever the system's colours: their text stays dark under a dark theme.
TEXT_ON_FILL = "#1a1a1a"
_TEXT = QBrush(QColor(TEXT_ON_FILL))


class MatrixModel(RowTableModel[MatrixRow]):
    """Code, action, then one column per country (its name in the reader's language)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.countries: tuple[str, ...] = ()

    def show_matrix(self, rows: list[MatrixRow], countries: tuple[str, ...]) -> None:
        with self.resetting(rows):
            self.countries = countries

    def columnCount(self, parent: AnyIndex | None = None) -> int:
        return 2 + len(self.countries)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return _("Code")
        if section == 1:
            return _("Action")
        code = self.countries[section - 2]
        return country_name(code)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.record(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if column < 2:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return row.action.code if column == 0 else row.action.title
            return None
        cell = row.cells.get(self.countries[column - 2])
        if role == Qt.ItemDataRole.DisplayRole:
            if cell is None:
                return _("No submission yet")
            return f"{cell.lead or _('No responsible entity')} · {cell.status.label}"
        if role == Qt.ItemDataRole.ToolTipRole and cell is not None:
            return _tooltip(cell)
        if role == Qt.ItemDataRole.BackgroundRole and cell is not None:
            return _FILLS[cell.status]
        if role == Qt.ItemDataRole.ForegroundRole and cell is not None:
            return _TEXT if cell.has_lead else _MISSING
        return None


def _tooltip(cell: MatrixCell) -> str:
    lines = [cell.lead or _("No responsible entity"), cell.status.label]
    if cell.supports:
        lines.append(_("Supporting: {names}").format(names="; ".join(cell.supports)))
    if cell.note:
        lines.append(_("Note: {note}").format(note=cell.note))
    return "\n".join(lines)


class MatrixTab(QWidget):
    def __init__(self, workspace: SecretariatWorkspace) -> None:
        super().__init__()
        self._ws = workspace
        self._matrix: RegionalMatrix | None = None
        self.model = MatrixModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Regional matrix"))
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.axis = QComboBox()
        self.axis.setAccessibleName(_("Axis"))
        self.status = QComboBox()
        self.status.setAccessibleName(_("Status"))
        self.status.addItem(_("Every status"), "")
        for status in ActionStatus:
            self.status.addItem(status.label, status.value)
        self.axis.currentIndexChanged.connect(self._filter)
        self.status.currentIndexChanged.connect(self._filter)
        self.completion = QLabel()
        self.completion.setWordWrap(True)
        self.axis_completion = QLabel()
        self.axis_completion.setWordWrap(True)
        self.panel = QTextBrowser()
        self.panel.setAccessibleName(_("The chosen cell"))
        self.panel.setOpenLinks(False)
        self.panel.setMinimumWidth(220)
        self.table.selectionModel().currentChanged.connect(self._show_cell)
        self.export_button = QPushButton(_("Export the spreadsheet…"))
        self.export_button.clicked.connect(self._export)
        filters = QHBoxLayout()
        filters.addWidget(self.axis)
        filters.addWidget(self.status)
        filters.addStretch(1)
        filters.addWidget(self.export_button)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([760, 300])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.completion)
        layout.addWidget(self.axis_completion)
        self._show_cell(QModelIndex())

    def showEvent(self, event: QShowEvent) -> None:
        # Built when first looked at: eleven countries' cells are not part of opening the window.
        if self._matrix is None:
            self.reload()
        super().showEvent(event)

    def follow(self) -> None:
        """The store changed elsewhere: built again now if on show, else when next shown."""
        if self.isVisible():
            self.reload()
        else:
            self._matrix = None

    def reload(self) -> None:
        try:
            self._matrix = self._ws.matrix.build()
        except Exception as error:
            show_error(self, error)
            return
        axes = sorted({row.action.axis_code for row in self._matrix.rows}, key=_natural)
        chosen = self.axis.currentData()
        self.axis.blockSignals(True)
        self.axis.clear()
        self.axis.addItem(_("Every axis"), "")
        for axis in axes:
            self.axis.addItem(_("Axis {code}").format(code=axis), axis)
        self.axis.setCurrentIndex(max(self.axis.findData(chosen or ""), 0))
        self.axis.blockSignals(False)
        self._filter()
        done = self._matrix.by_country()
        parts = [
            _("{country}: {done} of {applicable} completed").format(
                country=country_name(code),
                done=c.completed,
                applicable=c.applicable,
            )
            for code, c in done.items()
            if c.applicable
        ]
        self.completion.setText(
            "  ·  ".join(parts) or _("No country has an accepted submission yet.")
        )
        by_axis = [
            _("Axis {code}: {done} of {applicable} completed").format(
                code=axis, done=c.completed, applicable=c.applicable
            )
            for axis, c in self._matrix.by_axis().items()
            if c.applicable
        ]
        self.axis_completion.setText(
            _("All countries, by axis: {parts}").format(parts="  ·  ".join(by_axis))
            if by_axis
            else ""
        )
        self.axis_completion.setVisible(bool(by_axis))

    def _show_cell(self, index: QModelIndex) -> None:
        row = self.model.record(index.row()) if index.isValid() else None
        if row is None:
            self.panel.setHtml(
                "<p>{}</p>".format(_("Choose a cell to see it in full and which package set it."))
            )
            return
        if index.column() < 2:
            self.panel.setHtml(action_html(row, self.model.countries))
            return
        country = self.model.countries[index.column() - 2]
        origin = None
        if row.cells.get(country) is not None:
            try:
                origin = self._ws.consolidation.set_by(country, row.action.code)
            except Exception as error:
                show_error(self, error)
        self.panel.setHtml(cell_html(row, country, origin))

    def _filter(self) -> None:
        if self._matrix is None:
            return
        axis, status = self.axis.currentData() or "", self.status.currentData() or ""
        rows = [
            row
            for row in self._matrix.rows
            if (not axis or row.action.axis_code == axis)
            and (
                not status
                or any(c is not None and c.status.value == status for c in row.cells.values())
            )
        ]
        cell = self._current_cell()
        self.model.show_matrix(rows, self._matrix.countries)
        self.table.setColumnWidth(0, 70)
        self.table.setColumnWidth(1, 320)
        for column in range(2, self.model.columnCount()):
            self.table.setColumnWidth(column, 230)
        if cell is not None:  # the same action and country stay chosen, if still on show
            self._choose_cell(*cell)
        self._show_cell(self.table.currentIndex())  # the rows changed under the panel

    def _current_cell(self) -> tuple[str, int | str] | None:
        """The chosen cell as (action code, country or column): what survives a reading."""
        index = self.table.currentIndex()
        row = self.model.record(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        return row.action.code, (self.model.countries[column - 2] if column >= 2 else column)

    def _choose_cell(self, code: str, column: int | str) -> None:
        at = next((n for n, r in enumerate(self.model.rows) if r.action.code == code), -1)
        if isinstance(column, str):
            countries = self.model.countries
            column = countries.index(column) + 2 if column in countries else -1
        if at >= 0 and column >= 0:
            self.table.setCurrentIndex(self.model.index(at, column))

    def _export(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Where to save the regional matrix"), "matriz-regional.xlsx", "XLSX (*.xlsx)"
        )
        if not chosen:
            return
        try:
            self._ws.matrix.export(xlsx=Path(chosen))
        except Exception as error:
            show_error(self, error)


def _natural(code: str) -> tuple[int, str]:
    return (int(code), code) if code.isdigit() else (10**6, code)
