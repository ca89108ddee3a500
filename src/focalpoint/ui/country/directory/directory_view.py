"""The services tab: the directory of specialized actors and services as a list and a map."""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.directory import ImportReport, ServiceSummary
from focalpoint.domain.errors import FocalPointError
from focalpoint.i18n import _, current_language, ngettext
from focalpoint.services.common.vocabularies import vocabularies
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.directory.service_model import ServiceTableModel, type_colours
from focalpoint.ui.feedback import attempt, confirm, show_error
from focalpoint.ui.tasks import TaskRunner
from focalpoint.ui.widgets.filter_bar import filter_combo
from focalpoint.ui.widgets.row_loader import RowLoader

if TYPE_CHECKING:
    from focalpoint.ui.widgets.map_projection import MapPoint
    from focalpoint.ui.widgets.map_view import MapView

# Redrawing 20,000 points on every keystroke would make typing lag; the map waits this long.
MAP_FOLLOWS_TYPING_MS = 250
SERVICE_ROLE = Qt.ItemDataRole.UserRole + 1


class DirectoryView(QWidget):
    """Filters on top; the list on the left; the map and the unplaced services on the right."""

    changed = Signal()
    loaded = Signal()  # the rows are read and on show

    def __init__(
        self, workspace: Workspace, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        from focalpoint.services.common import geography
        from focalpoint.ui.widgets.map_view import MapView

        self._ws = workspace
        self._tasks = tasks
        self._all: list[ServiceSummary] = []
        self._loader = RowLoader(tasks, self)
        self._loader.loaded.connect(self._rows_read)
        self._select_when_read = ""
        self._unplaced_stale = True  # the "without coordinates" tree, built when looked at
        self.shown: list[ServiceSummary] = []
        vocab = vocabularies()
        language = current_language()
        country = workspace.directory.country()
        subdivisions = geography.subdivisions(country)
        self._subdivision_names = {s.code: s.name_in(language) for s in subdivisions}

        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search services: name, organisation, place, referral…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Search services"))
        self.service_type = filter_combo(
            _("All types"),
            [(t.code, t.label(language)) for t in vocab.service_type.terms],
            self.apply_filters,
        )
        self.population = filter_combo(
            _("All populations"),
            [(t.code, t.label(language)) for t in vocab.population.terms],
            self.apply_filters,
        )
        self.subdivision = filter_combo(
            _("Everywhere"),
            [(s.code, s.name_in(language)) for s in subdivisions],
            self.apply_filters,
        )
        self.show_deleted = QCheckBox(_("Show deleted"))
        self.search.textChanged.connect(self._typed)
        self.show_deleted.toggled.connect(self.reload)
        self._points: dict[str, MapPoint] = {}
        self._map_timer = QTimer(self)
        self._map_timer.setSingleShot(True)
        self._map_timer.setInterval(MAP_FOLLOWS_TYPING_MS)
        self._map_timer.timeout.connect(self._update_map)

        self.model = ServiceTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Services"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 170), (2, 150), (3, 105), (4, 100)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.activated.connect(lambda _i: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())

        self.map: MapView = MapView()
        self.map.set_palette(type_colours())
        self.map.set_shape(geography.country_shape(country))
        self.map.point_activated.connect(self.open_service)
        self.unplaced_model = QStandardItemModel(self)
        self.unplaced = QTreeView()
        self.unplaced.setModel(self.unplaced_model)
        self.unplaced.setHeaderHidden(True)
        self.unplaced.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.unplaced.setAccessibleName(_("Services without coordinates"))
        self.unplaced.doubleClicked.connect(self._open_unplaced)
        self.right = QTabWidget()
        self.right.addTab(self._map_page(), _("Map"))
        self.right.addTab(self.unplaced, _("Without coordinates"))
        self.right.currentChanged.connect(lambda _i: self._fill_unplaced())

        self.count = QLabel()
        new = QPushButton(_("New service…"))
        new.clicked.connect(lambda: self.open_service(None))
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.restore_button = QPushButton(_("Restore"))
        self.restore_button.clicked.connect(self.restore_selected)
        organisations = QPushButton(_("Organisations…"))
        organisations.clicked.connect(self.open_organisations)
        self.import_button = QPushButton(_("Import CSV…"))
        self.import_button.setToolTip(
            _("Load a spreadsheet of services (CSV, with or without HXL hashtags).")
        )
        self.import_button.clicked.connect(self._choose_import)
        self.export_button = QPushButton(_("Export"))
        export_menu = QMenu(self.export_button)
        export_menu.addAction(_("CSV with HXL hashtags…"), lambda: self._choose_export("csv"))
        export_menu.addAction(_("GeoJSON for QGIS…"), lambda: self._choose_export("geojson"))
        self.export_button.setMenu(export_menu)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        for combo in (self.service_type, self.population, self.subdivision):
            filters.addWidget(combo, 1)
        filters.addWidget(self.show_deleted)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        for button in (new, self.edit_button, self.delete_button, self.restore_button):
            buttons.addWidget(button)
        buttons.addSpacing(16)
        buttons.addWidget(organisations)
        filters.addWidget(self.import_button)
        filters.addWidget(self.export_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(buttons)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([720, 540])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        self.reload()

    def _map_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.map, 1)
        language = current_language()
        colours = type_colours()
        legend = QLabel(
            " &nbsp; ".join(
                f'<span style="color:{colours[t.code].name()}">●</span>&nbsp;'
                + escape(t.label(language)).replace(" ", "&nbsp;")
                for t in vocabularies().service_type.terms
                if t.code in colours
            )
        )
        legend.setWordWrap(True)
        legend.setAccessibleName(_("Legend"))
        hint = QLabel(_("Wheel or +/− to zoom, drag to move, 0 to see the whole country."))
        hint.setStyleSheet("color: #666;")
        layout.addWidget(legend)
        layout.addWidget(hint)
        return page

    # -- reading and filtering --------------------------------------------------------------
    def reload(self) -> None:
        """Read the services again, off the window's thread; the list fills when they arrive."""
        include = self.show_deleted.isChecked()
        if not self._all:
            self.count.setText(_("Reading the directory…"))
        self._loader.load(lambda: self._ws.directory.summaries(include_deleted=include))

    def _rows_read(self, rows: list[ServiceSummary]) -> None:
        from focalpoint.ui.widgets.map_projection import MapPoint

        self._all = rows
        self._points = {
            s.id: MapPoint(
                s.id, s.longitude, s.latitude, s.service_type, f"{s.name}\n{s.organisation}"
            )
            for s in self._all
            if s.longitude is not None and s.latitude is not None and not s.deleted
        }
        self.apply_filters()
        if self._select_when_read:
            self.select(self._select_when_read)
        self.loaded.emit()

    def _typed(self) -> None:
        """The list answers every keystroke; the map follows once typing pauses."""
        self.apply_filters(map_now=False)
        self._map_timer.start()

    def apply_filters(self, map_now: bool = True) -> None:
        found = self._ws.directory.search_keys(self.search.text())
        kind, population = self.service_type.currentData(), self.population.currentData()
        subdivision = self.subdivision.currentData()
        if found is None and not (kind or population or subdivision):
            self.shown = self._all
        else:
            self.shown = [
                s
                for s in self._all
                if (found is None or s.search_key in found or s.deleted)
                and (not kind or s.service_type == kind)
                and (not population or population in s.populations)
                and (not subdivision or s.subdivision == subdivision)
            ]
        selected = self.selected_id()
        self.model.load(self.shown, self._subdivision_names)
        if map_now:
            self._map_timer.stop()
            self._update_map()
        unplaced = sum(1 for s in self.shown if s.latitude is None or s.longitude is None)
        self.right.setTabText(1, _("Without coordinates ({n})").format(n=unplaced))
        self.count.setText(
            ngettext("{n} service", "{n} services", len(self.shown)).format(n=len(self.shown))
            + (
                " " + _("(of {total})").format(total=len(self._all))
                if len(self.shown) != len(self._all)
                else ""
            )
        )
        self._unplaced_stale = True
        self._fill_unplaced()
        if selected:
            self.select(selected)
        self._update_buttons()

    def _update_map(self) -> None:
        points = self._points
        self.map.set_points([points[s.id] for s in self.shown if s.id in points])
        self.map.select(self.selected_id())

    def _fill_unplaced(self) -> None:
        """The services with no point, grouped by subdivision; built only when looked at."""
        if self.right.currentIndex() != 1 or not self._unplaced_stale:
            return
        self._unplaced_stale = False
        groups: dict[str, list[ServiceSummary]] = {}
        for s in self.shown:
            if s.latitude is None or s.longitude is None:
                groups.setdefault(s.subdivision, []).append(s)
        self.unplaced_model.clear()
        for code in sorted(groups, key=lambda c: (not c, self._subdivision_names.get(c, c))):
            name = self._subdivision_names.get(code, code) if code else _("Subdivision not said")
            parent = QStandardItem(f"{name} ({len(groups[code])})")
            for s in groups[code]:
                child = QStandardItem(f"{s.name} — {s.organisation}")
                child.setData(s.id, SERVICE_ROLE)
                parent.appendRow(child)
            self.unplaced_model.appendRow(parent)
        self.unplaced.expandAll()

    # -- selection and editing --------------------------------------------------------------
    def selected_id(self) -> str | None:
        chosen = self._selected()
        return chosen.id if chosen else None

    def _selected(self) -> ServiceSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def select(self, service_id: str) -> None:
        """Choose a service's row; asked while the rows are being read, once they are in."""
        self._select_when_read = service_id if self._loader.busy else ""
        row = self.model.row_of(service_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _selection_changed(self) -> None:
        self.map.select(self.selected_id())
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self._selected()
        self.edit_button.setEnabled(chosen is not None and not chosen.deleted)
        self.delete_button.setEnabled(chosen is not None and not chosen.deleted)
        self.restore_button.setEnabled(chosen is not None and chosen.deleted)

    def edit_selected(self) -> None:
        chosen = self._selected()
        if chosen is not None and not chosen.deleted:
            self.open_service(chosen.id)

    def _open_unplaced(self) -> None:
        index = self.unplaced.currentIndex()
        service_id = index.data(SERVICE_ROLE) if index.isValid() else None
        if service_id:
            self.open_service(str(service_id))

    def open_service(self, service_id: str | None) -> None:
        from focalpoint.ui.country.directory.service_form import ServiceForm

        service = None
        if service_id is not None:
            self.select(service_id)
            service = attempt(self, lambda: self._ws.directory.service(service_id))
            if service is None:
                return
        form = ServiceForm(self._ws, service, self)
        form.exec()
        if form.saved is not None:
            self.reload()
            self.select(form.saved.id)
            self.changed.emit()

    def delete_selected(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        text = _("Delete the service “{name}”? It can be restored later.").format(name=chosen.name)
        if not confirm(self, text, _("Delete"), risky=True):
            return
        if attempt(self, lambda: self._ws.directory.delete_service(chosen.id)) is None:
            return
        self.reload()
        self.changed.emit()

    def restore_selected(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        if attempt(self, lambda: self._ws.directory.restore_service(chosen.id)) is not None:
            self.reload()
            self.select(chosen.id)
            self.changed.emit()

    # -- exchange with other tools ----------------------------------------------------------
    def _choose_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import services"), str(Path.home()), _("CSV files (*.csv *.txt)")
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Import in the background; all rows or none, and the reason for every refused row."""
        self._busy(True, _("Importing {name}…").format(name=path.name))

        def done(report: ImportReport) -> None:
            self._busy(False)
            self.reload()
            self.changed.emit()
            self.last_message = _(
                "{name} imported: {services} new service(s), {updated} updated, "
                "{organisations} new organisation(s)."
            ).format(
                name=path.name,
                services=report.services_created,
                updated=report.services_updated,
                organisations=report.organisations_created,
            )
            QMessageBox.information(self, _("Import"), self.last_message)

        def failed(error: Exception) -> None:
            self._busy(False)
            self.last_message = str(error)
            if isinstance(error, FocalPointError) and error.details:
                box = QMessageBox(
                    QMessageBox.Icon.Warning, _("Import"), error.message,
                    QMessageBox.StandardButton.Ok, self,
                )  # fmt: skip
                box.setDetailedText("\n".join(error.details))
                box.exec()
            else:
                show_error(self, error)

        self._tasks.run(lambda: self._ws.exchange.import_csv(path), done, failed)

    def _choose_export(self, kind: str) -> None:
        suffix = ".csv" if kind == "csv" else ".geojson"
        country = self._ws.directory.country()
        name = _("Services {country} {date}").format(country=country, date=date.today().isoformat())
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Export services"),
            str(Path.home() / (name + suffix)),
            _("CSV files (*.csv)") if kind == "csv" else _("GeoJSON files (*.geojson *.json)"),
        )
        if path:
            self.export_file(kind, Path(path))

    def export_file(self, kind: str, path: Path) -> None:
        self._busy(True, _("Writing {name}…").format(name=path.name))

        def work() -> str:
            if kind == "csv":
                count = self._ws.exchange.export_csv(path)
                return _("{n} service(s) written to {name}.").format(n=count, name=path.name)
            result = self._ws.exchange.export_geojson(path)
            return _(
                "{n} service(s) written to {name}; {left} without coordinates left out."
            ).format(n=result.written, name=path.name, left=result.left_out)

        def done(message: str) -> None:
            self._busy(False)
            self.last_message = message
            self.count.setText(message)

        def failed(error: Exception) -> None:
            self._busy(False)
            show_error(self, error)

        self._tasks.run(work, done, failed)

    def _busy(self, busy: bool, message: str = "") -> None:
        """While an import or export runs, nothing here can start another edit."""
        for widget in (self.import_button, self.export_button, self.table):
            widget.setEnabled(not busy)
        if busy:
            self.count.setText(message)

    def open_organisations(self) -> None:
        from focalpoint.ui.country.directory.organisations_dialog import OrganisationsDialog

        dialog = OrganisationsDialog(self._ws.directory, self)
        dialog.changed.connect(self.reload)
        dialog.exec()
