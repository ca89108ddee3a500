"""The services tab: the directory of specialized actors and services as a list and a map.

Its parts: the list and its filters here; the map page (``service_map``), the services without
coordinates (``unplaced_list``), and importing and exporting (``service_exchange``).

The list is a page at a time (``ServiceTableModel``): each filter or order is one count and one
page, whatever the size of the directory, so it answers every keystroke; the map follows once
typing pauses, in the background.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.directory import ServiceColumn, ServiceFilter
from focalpoint.domain.listing import Sorting
from focalpoint.i18n import _, current_language, ngettext
from focalpoint.services.common.vocabularies import vocabularies
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.directory.service_exchange import ServiceExchange
from focalpoint.ui.country.directory.service_model import ServiceTableModel
from focalpoint.ui.country.directory.unplaced_list import UnplacedServices
from focalpoint.ui.feedback import attempt, confirm, show_error
from focalpoint.ui.tasks import TaskRunner
from focalpoint.ui.widgets.buttons import RecordButtons
from focalpoint.ui.widgets.filter_bar import FilterBar, count_text, grouped
from focalpoint.ui.widgets.paged_model import pages_of
from focalpoint.ui.widgets.record_table import RecordTable
from focalpoint.ui.widgets.service_map import ServiceMap

# Redrawing the map on every keystroke would make typing lag; the map waits this long.
MAP_FOLLOWS_TYPING_MS = 250


class DirectoryView(QWidget):
    """Filters on top; the list on the left; the map and the unplaced services on the right."""

    changed = Signal()
    loaded = Signal()  # the list shows the latest filter

    def __init__(
        self, workspace: Workspace, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        from focalpoint.services.common import geography

        self._ws = workspace
        self._unplaced_stale = True  # the "without coordinates" tree, built when looked at
        self.filter = ServiceFilter()
        self.sorting = Sorting(ServiceColumn.NAME)
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
        self._map_timer = QTimer(self)
        self._map_timer.setSingleShot(True)
        self._map_timer.setInterval(MAP_FOLLOWS_TYPING_MS)
        self._map_timer.timeout.connect(self._update_map)

        self.model = ServiceTableModel(self._subdivision_names, self)
        self.model.failed.connect(lambda error: show_error(self, error))
        self.table = RecordTable(self.model, _("Services"))
        self.table.setWordWrap(False)
        self.table.stretch_first(((1, 170), (2, 150), (3, 105), (4, 100)))
        self.table.sortable(0)
        self.model.sort_requested.connect(self._sort)  # after: the list is read once, below
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.activated.connect(lambda _i: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())

        from focalpoint.services.common import geography

        self.map_page = ServiceMap(
            workspace.directory, tasks, geography.country_shape(country), self._describe_service
        )
        self.map = self.map_page.map
        self.map_page.service_chosen.connect(self.select)  # chosen in the list too
        self.map_page.service_opened.connect(self.open_service)
        self.map_page.unplaced_counted.connect(self._unplaced_counted)
        self.unplaced = UnplacedServices(self._subdivision_names)
        self.unplaced_model = self.unplaced.services
        self.unplaced.service_opened.connect(self.open_service)
        self.right = QTabWidget()
        self.right.addTab(self.map_page, _("Map"))
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
        self.buttons.set_read_only(workspace.read_only)
        self.exchange.import_button.setEnabled(not workspace.read_only)  # see _busy there

        buttons = self.buttons.row(self.count)
        # What concerns the directory as a whole (its organisations, a CSV file in or out) has a
        # row of its own: beside the filters or the record's buttons, it made the tab wider
        # than an 800-pixel window (a 1600-pixel screen at 200%).
        whole = QHBoxLayout()
        whole.addWidget(organisations)
        whole.addWidget(self.exchange.import_button)
        whole.addWidget(self.exchange.export_button)
        whole.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(buttons)
        left_layout.addLayout(whole)
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

    # -- filtering and sorting ----------------------------------------------------------------
    def reload(self) -> None:
        """Show the services again (after an edit here or elsewhere), keeping the one chosen."""
        self.apply_filters()

    def _typed(self) -> None:
        """The list answers every keystroke; the map follows once typing pauses."""
        self.apply_filters(map_now=False)
        self._map_timer.start()

    def _sort(self, column: int, descending: bool) -> None:
        self.sorting = Sorting(self.model.ORDERS[column], descending)
        self._show()

    def apply_filters(self, map_now: bool = True) -> None:
        self.filter = ServiceFilter(
            self.search.text(),
            self.service_type.currentData() or "",
            self.population.currentData() or "",
            self.subdivision.currentData() or "",
            self.show_deleted.isChecked(),
        )
        self._show()
        if map_now:
            self._map_timer.stop()
            self._update_map()
        self._unplaced_stale = True
        self._fill_unplaced()

    def _show(self) -> None:
        """The list for the current filter and order: counted, its first page read; the
        service chosen before is chosen again if it is still in the list."""
        selected = self.selected_id()
        wanted, sorting, directory = self.filter, self.sorting, self._ws.directory
        try:
            self.model.show(pages_of(directory, wanted, sorting))
            total = directory.count(ServiceFilter(include_deleted=wanted.include_deleted))
        except Exception as error:
            show_error(self, error)
            return
        shown = self.model.rowCount()
        self.count.setText(
            count_text(
                ngettext("{n} service", "{n} services", shown).format(n=grouped(shown)),
                shown,
                total,
            )
        )
        if selected:
            self.select(selected)
        self._update_buttons()
        self.loaded.emit()

    def _update_map(self) -> None:
        self.map_page.show_filter(self.filter)

    def _unplaced_counted(self, count: int) -> None:
        self.right.setTabText(1, _("Without coordinates ({n})").format(n=grouped(count)))

    def _fill_unplaced(self) -> None:
        """The services with no point, grouped by subdivision; built only when looked at."""
        if self.right.currentIndex() != 1 or not self._unplaced_stale:
            return
        self._unplaced_stale = False
        wanted, directory = self.filter, self._ws.directory
        groups = attempt(self, lambda: directory.unplaced_groups(wanted))
        self.unplaced.fill(
            groups or [],
            lambda code: attempt(self, lambda: directory.unplaced_in(wanted, code)) or [],
        )

    # -- selection and editing --------------------------------------------------------------
    def _describe_service(self, service_id: str) -> str:
        try:
            service = self._ws.directory.service(service_id)
            organisation = self._ws.directory.organisation(service.organisation_id)
        except Exception:  # gone since the map was drawn: no tooltip rather than an error
            return ""
        return f"{service.name}\n{organisation.display_name}"

    def selected_id(self) -> str | None:
        chosen = self.table.chosen()
        return chosen.id if chosen else None

    def select(self, service_id: str) -> None:
        """Choose a service's row (nothing if the filter leaves it out)."""
        self.table.choose(service_id)

    def _selection_changed(self) -> None:
        self.map_page.select(self.table.chosen())
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
