"""The services tab: the directory of specialized actors and services as a list and a map.

Its parts: the list and its filters here; the map page (``service_map``), the services without
coordinates (``unplaced_list``), and importing and exporting (``service_exchange``).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget

from focalpoint.domain.directory import ServiceSummary
from focalpoint.domain.text import has_words
from focalpoint.i18n import _, current_language, ngettext
from focalpoint.services.common.vocabularies import vocabularies
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.directory.service_exchange import ServiceExchange
from focalpoint.ui.country.directory.service_map import ServiceMap, map_points
from focalpoint.ui.country.directory.service_model import ServiceTableModel
from focalpoint.ui.country.directory.unplaced_list import UnplacedServices
from focalpoint.ui.feedback import attempt, confirm
from focalpoint.ui.tasks import TaskRunner
from focalpoint.ui.widgets.buttons import RecordButtons
from focalpoint.ui.widgets.filter_bar import FilterBar, count_text
from focalpoint.ui.widgets.map_projection import MapPoint
from focalpoint.ui.widgets.record_table import RecordTable
from focalpoint.ui.widgets.row_loader import RowLoader

# Redrawing 20,000 points on every keystroke would make typing lag; the map waits this long.
MAP_FOLLOWS_TYPING_MS = 250


class DirectoryView(QWidget):
    """Filters on top; the list on the left; the map and the unplaced services on the right."""

    changed = Signal()
    loaded = Signal()  # the rows are read and on show

    def __init__(
        self, workspace: Workspace, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        from focalpoint.services.common import geography

        self._ws = workspace
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

        filters = FilterBar(
            _("Search services: name, organisation, place, referral…"), _("Search services"), 2
        )
        self.search = filters.search
        self.service_type = filters.add_filter(
            _("All types"),
            [(t.code, t.label(language)) for t in vocab.service_type.terms],
            self.apply_filters,
        )
        self.population = filters.add_filter(
            _("All populations"),
            [(t.code, t.label(language)) for t in vocab.population.terms],
            self.apply_filters,
        )
        self.subdivision = filters.add_filter(
            _("Everywhere"),
            [(s.code, s.name_in(language)) for s in subdivisions],
            self.apply_filters,
        )
        self.show_deleted = filters.add_show_deleted()
        self.search.textChanged.connect(self._typed)
        self.show_deleted.toggled.connect(self.reload)
        self._points: dict[str, MapPoint] = {}
        self._map_timer = QTimer(self)
        self._map_timer.setSingleShot(True)
        self._map_timer.setInterval(MAP_FOLLOWS_TYPING_MS)
        self._map_timer.timeout.connect(self._update_map)

        self.model = ServiceTableModel(self)
        self.table = RecordTable(self.model, _("Services"))
        self.table.setWordWrap(False)
        self.table.stretch_first(((1, 170), (2, 150), (3, 105), (4, 100)))
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.activated.connect(lambda _i: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())

        map_page = ServiceMap(country)
        self.map = map_page.map
        self.map.point_activated.connect(self.open_service)
        self.unplaced = UnplacedServices(self._subdivision_names)
        self.unplaced_model = self.unplaced.services
        self.unplaced.service_opened.connect(self.open_service)
        self.right = QTabWidget()
        self.right.addTab(map_page, _("Map"))
        self.right.addTab(self.unplaced, _("Without coordinates"))
        self.right.currentChanged.connect(lambda _i: self._fill_unplaced())

        self.count = QLabel()
        self.buttons = RecordButtons(
            _("New service…"),
            _("Edit…"),
            lambda: self.open_service(None),
            self.edit_selected,
            self.delete_selected,
            self.restore_selected,
        )
        self.edit_button = self.buttons.edit
        self.delete_button = self.buttons.delete
        self.restore_button = self.buttons.restore
        organisations = QPushButton(_("Organisations…"))
        organisations.clicked.connect(self.open_organisations)
        self.exchange = ServiceExchange(workspace, tasks, self)
        self.exchange.busy.connect(self._busy)
        self.exchange.imported.connect(self._imported)
        self.exchange.exported.connect(self.count.setText)

        buttons = self.buttons.row(self.count)
        buttons.addSpacing(16)
        buttons.addWidget(organisations)
        filters.addWidget(self.exchange.import_button)
        filters.addWidget(self.exchange.export_button)
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

    # -- reading and filtering --------------------------------------------------------------
    def reload(self) -> None:
        """Read the services again, off the window's thread; the list fills when they arrive."""
        include = self.show_deleted.isChecked()
        if not self._all:
            self.count.setText(_("Reading the directory…"))
        self._loader.load(lambda: self._ws.directory.summaries(include_deleted=include))

    def _rows_read(self, rows: list[ServiceSummary]) -> None:
        self._all = rows
        self._points = map_points(rows)
        self.apply_filters()
        if self._select_when_read:
            self.select(self._select_when_read)
        self.loaded.emit()

    def _typed(self) -> None:
        """The list answers every keystroke; the map follows once typing pauses."""
        self.apply_filters(map_now=False)
        self._map_timer.start()

    def apply_filters(self, map_now: bool = True) -> None:
        typed = self.search.text()
        found = self._ws.directory.search_keys(typed)
        kind, population = self.service_type.currentData(), self.population.currentData()
        subdivision = self.subdivision.currentData()
        if found is None and not (kind or population or subdivision):
            self.shown = self._all
        else:
            self.shown = [
                s
                for s in self._all
                if (
                    found is None
                    or s.search_key in found
                    # Deleted services leave the search index: matched by name, to restore.
                    or (s.deleted and has_words(s.name, typed))
                )
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
            count_text(
                ngettext("{n} service", "{n} services", len(self.shown)).format(n=len(self.shown)),
                len(self.shown),
                len(self._all),
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
        self.unplaced.fill(self.shown)

    # -- selection and editing --------------------------------------------------------------
    def selected_id(self) -> str | None:
        chosen = self.table.chosen()
        return chosen.id if chosen else None

    def select(self, service_id: str) -> None:
        """Choose a service's row; asked while the rows are being read, once they are in."""
        self._select_when_read = service_id if self._loader.busy else ""
        self.table.choose(service_id)

    def _selection_changed(self) -> None:
        self.map.select(self.selected_id())
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.buttons.follow(self.table.chosen())

    def edit_selected(self) -> None:
        chosen = self.table.chosen()
        if chosen is not None and not chosen.deleted:
            self.open_service(chosen.id)

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
        chosen = self.table.chosen()
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
        chosen = self.table.chosen()
        if chosen is None:
            return
        if attempt(self, lambda: self._ws.directory.restore_service(chosen.id)) is not None:
            self.reload()
            self.select(chosen.id)
            self.changed.emit()

    # -- importing and exporting ------------------------------------------------------------
    def _busy(self, busy: bool, message: str) -> None:
        """While an import or export runs, the list cannot start another edit."""
        self.table.setEnabled(not busy)
        if busy:
            self.count.setText(message)

    def _imported(self) -> None:
        self.reload()
        self.changed.emit()

    def open_organisations(self) -> None:
        from focalpoint.ui.country.directory.organisations_dialog import OrganisationsDialog

        dialog = OrganisationsDialog(self._ws.directory, self)
        dialog.changed.connect(self.reload)
        dialog.exec()
