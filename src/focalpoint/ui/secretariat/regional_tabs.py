"""The regional compilation of practices and the regional services (list and map): every
country's consolidated records, searched as you type, filtered by country and vocabularies, a
record's details beside the list.

What a filter looks at is read in the background when a tab is first shown (about a second for
220,000 services); the list shows once it is there, and then each keystroke filters in memory.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.listing import Sorting
from focalpoint.domain.regional_lists import (
    RegionalPractice,
    RegionalPracticeFilter,
    RegionalService,
    RegionalServiceFilter,
    split_row_id,
)
from focalpoint.domain.vocab import COUNTRIES
from focalpoint.i18n import _, current_language, ngettext
from focalpoint.services.common import geography
from focalpoint.services.common.vocabularies import vocabularies
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from focalpoint.ui.feedback import show_error
from focalpoint.ui.secretariat.inbox_details import country_name
from focalpoint.ui.secretariat.regional_models import (
    RegionalPracticeModel,
    RegionalServiceModel,
    practice_html,
    service_html,
)
from focalpoint.ui.tasks import TaskRunner
from focalpoint.ui.widgets.filter_bar import FilterBar, count_text, grouped
from focalpoint.ui.widgets.paged_model import PagedTableModel, pages_of
from focalpoint.ui.widgets.record_table import RecordTable
from focalpoint.ui.widgets.service_map import ServiceMap

R = TypeVar("R", RegionalService, RegionalPractice)
# The map follows the words typed once typing rests this long (as on the country side).
MAP_FOLLOWS_TYPING_MS = 300
# Any other filter, a moment after the list has answered and painted: the map's work in the
# background holds Python's lock, and each of the list's reads waited for it (a page of the
# list took 0.5 s instead of 30 ms while the map read its 220,000 points).
MAP_AFTER_LIST_MS = 60


class _RegionalList(QWidget, Generic[R]):
    """Filters over a paged list, its count, and the chosen record's details beside it."""

    loaded = Signal()  # the list shows the latest filter
    exported = Signal(str)  # what an export wrote, said in the status bar

    def __init__(
        self,
        workspace: SecretariatWorkspace,
        tasks: TaskRunner,
        listing: Any,
        model: PagedTableModel[R],
        orders: tuple[str, ...],
        placeholder: str,
        name: str,
    ) -> None:
        super().__init__()
        self._ws = workspace
        self._tasks = tasks
        self._listing = listing
        self._ready = False
        self._reading = False
        self.changed = False  # the records were read again since the filter was last shown
        self._orders = orders  # the order of each column
        self.sorting = Sorting(orders[0])
        self.filters = FilterBar(placeholder, name, 3)
        self.search = self.filters.search
        language = current_language()
        self.country = self.filters.add_filter(
            _("Every country"),
            sorted(((c, n.get(language, c)) for c, n in COUNTRIES.items()), key=lambda i: i[1]),
            self.apply_filters,
        )
        self.search.textChanged.connect(self.apply_filters)
        self.model: PagedTableModel[R] = model
        self.model.failed.connect(lambda error: show_error(self, error))
        self.table: RecordTable[R] = RecordTable(model, name)
        self.table.setWordWrap(False)
        self.table.sortable(0)
        self.model.sort_requested.connect(self._sort)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._chosen())
        self.count = QLabel()
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self._choose_export)
        self.details = QTextBrowser()
        self.details.setAccessibleName(_("Details"))
        self.details.setOpenLinks(False)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._ready and not self._reading:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Read what the filters look at again (in the background), then show the list."""
        self._reading = True
        self.count.setText(_("Reading every country's records…"))

        def ready(_result: object) -> None:
            self._reading = False
            self._ready = True
            self.changed = True  # what follows the filter (the map) reads again
            self.apply_filters()

        def failed(error: Exception) -> None:
            self._reading = False
            self.count.setText("")
            show_error(self, error)

        self._tasks.run(self._listing.prepare, ready, failed)

    def follow(self) -> None:
        """A decision was taken: read again if the list was read (else when first shown)."""
        if self._ready and not self._reading:
            self.refresh()

    def wanted(self) -> Any:
        raise NotImplementedError

    def counted(self, n: int) -> str:
        raise NotImplementedError

    def describe(self, record: R) -> str:
        raise NotImplementedError

    def footer(self) -> QHBoxLayout:
        """The count, then the export button."""
        row = QHBoxLayout()
        row.addWidget(self.count, 1)
        row.addWidget(self.export_button)
        return row

    # -- exporting ------------------------------------------------------------------------------
    def export_to(self, path: Path) -> Any:
        """Write the list's export (in the background): ``Exported``."""
        raise NotImplementedError

    def export_choice(self) -> tuple[str, str, str]:
        """The save dialog's title, default file name and file types."""
        raise NotImplementedError

    def _choose_export(self) -> None:
        title, name, types = self.export_choice()
        chosen, _filter = QFileDialog.getSaveFileName(self, title, name, types)
        if chosen:
            self.export(Path(chosen))

    def export(self, path: Path) -> None:
        self.export_button.setEnabled(False)

        def done(result: Any) -> None:
            self.export_button.setEnabled(True)
            self.exported.emit(
                ngettext(
                    "{n} row written to {path}.", "{n} rows written to {path}.", result.rows
                ).format(n=grouped(result.rows), path=result.paths[0])
            )

        def failed(error: Exception) -> None:
            self.export_button.setEnabled(True)
            show_error(self, error)

        self._tasks.run(lambda: self.export_to(path), done, failed)

    def apply_filters(self) -> None:
        if not self._ready:
            return
        selected = self.table.chosen()
        wanted = self.wanted()
        try:
            # The total first: it checks that the store has not changed since the index was
            # read (another analyst's acceptance), before the filter's rows are read from it.
            total = self._listing.count(type(wanted)())
            self.model.show(pages_of(self._listing, wanted, self.sorting))
        except Exception as error:
            show_error(self, error)
            return
        shown = self.model.rowCount()
        self.count.setText(count_text(self.counted(shown), shown, total))
        if selected is not None:
            self.table.choose(selected.id)
        self.shown(wanted)
        self.loaded.emit()

    def shown(self, wanted: Any) -> None:
        """What else follows the filter (the map)."""

    def _sort(self, column: int, descending: bool) -> None:
        self.sorting = Sorting(self._orders[column], descending)
        self.apply_filters()

    def _chosen(self) -> None:
        record = self.table.chosen()
        if record is None:
            self.details.clear()
            return
        try:
            self.details.setHtml(self.describe(record))
        except Exception as error:
            show_error(self, error)


class RegionalPracticesTab(_RegionalList[RegionalPractice]):
    """The regional compilation of practices: by category (alternatives to detention),
    population and country."""

    def __init__(self, workspace: SecretariatWorkspace, tasks: TaskRunner) -> None:
        super().__init__(
            workspace,
            tasks,
            workspace.regional_practices,
            RegionalPracticeModel(),
            RegionalPracticeModel.ORDERS,
            _("Search practices: title, summary, partner, contact…"),
            _("Regional practices"),
        )
        self.export_button.setText(_("Export the compilation…"))
        vocab = vocabularies()
        language = current_language()
        self.category = self.filters.add_filter(
            _("All categories"),
            [(t.code, t.label(language)) for t in vocab.practice_category.terms],
            self.apply_filters,
        )
        self.population = self.filters.add_filter(
            _("All populations"),
            [(t.code, t.label(language)) for t in vocab.population.terms],
            self.apply_filters,
        )
        self.table.stretch_first(((1, 110), (2, 70), (3, 190), (4, 100), (5, 120)))
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table, 1)
        column.addLayout(self.footer())
        split.addWidget(left)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([900, 380])
        layout = QVBoxLayout(self)
        layout.addLayout(self.filters)
        layout.addWidget(split, 1)

    def wanted(self) -> RegionalPracticeFilter:
        return RegionalPracticeFilter(
            self.search.text(),
            self.country.currentData() or "",
            self.category.currentData() or "",
            self.population.currentData() or "",
        )

    def counted(self, n: int) -> str:
        return ngettext("{n} practice", "{n} practices", n).format(n=grouped(n))

    def export_choice(self) -> tuple[str, str, str]:
        return (
            _("Export the compilation (the country, category and population chosen)"),
            "practicas-regionales.xlsx",
            "XLSX (*.xlsx);;CSV (*.csv)",
        )

    def export_to(self, path: Path) -> Any:
        wanted = self.wanted()
        csv = path.suffix.lower() == ".csv"
        return self._ws.practices_export.export(
            csv=path if csv else None,
            xlsx=None if csv else path,
            categories=[wanted.category] if wanted.category else [],
            populations=[wanted.population] if wanted.population else [],
            countries=[wanted.country] if wanted.country else [],
        )

    def describe(self, record: RegionalPractice) -> str:
        found = self._ws.regional_practices.record(record.id)
        if found is None:
            return _("This record is no longer in the country's accepted submission.")
        return practice_html(record.country, found)


class RegionalServicesTab(_RegionalList[RegionalService]):
    """Every country's services: the list, the map of the region beside it, by country, type
    and population."""

    def __init__(self, workspace: SecretariatWorkspace, tasks: TaskRunner) -> None:
        super().__init__(
            workspace,
            tasks,
            workspace.regional_services,
            RegionalServiceModel(),
            RegionalServiceModel.ORDERS,
            _("Search services: name, organisation, municipality, address…"),
            _("Regional services"),
        )
        self.export_button.setText(_("Export the directory…"))
        self._drawn = False
        self._map_wanted: RegionalServiceFilter | None = None
        self._map_drawn: RegionalServiceFilter | None = None
        self._map_timer = QTimer(self)
        self._map_timer.setSingleShot(True)
        self._map_timer.setInterval(MAP_FOLLOWS_TYPING_MS)
        self._map_timer.timeout.connect(self._draw_map)
        vocab = vocabularies()
        language = current_language()
        self.service_type = self.filters.add_filter(
            _("All types"),
            [(t.code, t.label(language)) for t in vocab.service_type.terms],
            self.apply_filters,
        )
        self.population = self.filters.add_filter(
            _("All populations"),
            [(t.code, t.label(language)) for t in vocab.population.terms],
            self.apply_filters,
        )
        self.table.stretch_first(((1, 90), (2, 150), (3, 115), (4, 95), (5, 95)))
        self.map_page = ServiceMap(
            workspace.regional_services,
            tasks,
            None,  # the region is drawn when the tab is first shown (0.3 s of shapes)
            self._describe_point,
            hint=_("Wheel or +/− to zoom, drag to move, 0 to see the whole region."),
        )
        self.map_page.map.setAccessibleName(_("Map of the region's services"))
        self.map_page.service_chosen.connect(self._open_point)  # found in the list
        self.map_page.service_opened.connect(self._open_point)
        self.map_page.unplaced_counted.connect(self._unplaced)
        self.unplaced = QLabel()
        self.unplaced.setStyleSheet("color: #555;")
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table, 1)
        column.addLayout(self.footer())
        right = QSplitter(Qt.Orientation.Vertical)
        map_box = QWidget()
        map_column = QVBoxLayout(map_box)
        map_column.setContentsMargins(0, 0, 0, 0)
        map_column.addWidget(self.map_page, 1)
        map_column.addWidget(self.unplaced)
        right.addWidget(map_box)
        right.addWidget(self.details)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        right.setSizes([520, 170])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([780, 500])
        layout = QVBoxLayout(self)
        layout.addLayout(self.filters)
        layout.addWidget(split, 1)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._drawn:  # the shapes are read in the background, once the list is shown
            self._drawn = True
            QTimer.singleShot(
                MAP_AFTER_LIST_MS,
                self,
                lambda: self._tasks.run(
                    self._read_shapes,
                    self._shape_read,
                    lambda error: show_error(self, error),
                ),
            )
        super().showEvent(event)

    def close_work(self) -> None:
        self._map_timer.stop()
        self.map_page.close_work()

    def _read_shapes(self) -> tuple[Any, list[Any]]:
        """The countries the Secretariat works with as the map's land and its view (not
        Canada to Panama when the countries reporting are in Central America), the other
        members drawn around them; every member while none has a key on record."""
        codes = [c for c in self._ws.regional_services.map_countries() if c in COUNTRIES]
        if not codes:
            return geography.region_shape(COUNTRIES), []
        others = (geography.country_shape(c) for c in COUNTRIES if c not in codes)
        return geography.region_shape(codes), [o for o in others if o is not None]

    def _shape_read(self, shapes: tuple[Any, list[Any]]) -> None:
        shape, others = shapes
        if shiboken6.isValid(self.map_page.map):  # the window may have closed meanwhile
            self.map_page.map.set_shape(shape, others)

    def wanted(self) -> RegionalServiceFilter:
        return RegionalServiceFilter(
            self.search.text(),
            self.country.currentData() or "",
            self.service_type.currentData() or "",
            self.population.currentData() or "",
        )

    def counted(self, n: int) -> str:
        return ngettext("{n} service", "{n} services", n).format(n=grouped(n))

    def export_choice(self) -> tuple[str, str, str]:
        return (
            _("Export the regional directory (the country chosen, or every country)"),
            "directorio-regional.csv",
            "CSV + HXL (*.csv);;GeoJSON (*.geojson)",
        )

    def export_to(self, path: Path) -> Any:
        country = self.wanted().country
        geojson = path.suffix.lower() in (".geojson", ".json")
        return self._ws.directory_export.export(
            csv=None if geojson else path,
            geojson=path if geojson else None,
            countries=[country] if country else [],
        )

    def shown(self, wanted: Any) -> None:
        """The map follows once typing pauses (each keystroke's marks would be read in the
        background only to be thrown away, taking the keystrokes' time), any other choice a
        moment after the list has answered; a new order of the same services leaves it be."""
        self._map_wanted = wanted
        drawn = self._map_drawn
        if drawn == wanted and not self.changed:
            self._map_timer.stop()
            return
        if (
            drawn is not None
            and drawn.text != wanted.text
            and replace(drawn, text=wanted.text) == wanted
        ):
            self._map_timer.start(MAP_FOLLOWS_TYPING_MS)
        else:
            self._map_timer.start(MAP_AFTER_LIST_MS)

    def _draw_map(self) -> None:
        self._map_timer.stop()
        self.changed = False
        if self._map_wanted is not None:
            self._map_drawn = self._map_wanted
            self.map_page.show_filter(self._map_wanted)

    def describe(self, record: RegionalService) -> str:
        self.map_page.select(record)
        found = self._ws.regional_services.record(record.id)
        if found is None:
            return _("This record is no longer in the country's accepted submission.")
        service, organisation = found
        return service_html(record.country, service, organisation)

    def _describe_point(self, service_id: str) -> str:
        try:
            found = self._ws.regional_services.record(service_id)
        except Exception:  # gone since the map was drawn: no tooltip rather than an error
            return ""
        if found is None:
            return ""
        service, organisation = found
        country = split_row_id(service_id)[0]
        name = country_name(country)
        return f"{service.get('name', '')}\n{organisation.get('name', '')} · {name}"

    def _open_point(self, service_id: str) -> None:
        self.table.choose(service_id)
        chosen = self.table.chosen()
        if chosen is None or chosen.id != service_id:  # the list's filter leaves it out
            found = self._ws.regional_services.record(service_id)
            if found is not None:
                self.details.setHtml(service_html(split_row_id(service_id)[0], *found))

    def _unplaced(self, count: int) -> None:
        self.unplaced.setText(
            ngettext(
                "{n} of these services has no coordinates and is not on the map.",
                "{n} of these services have no coordinates and are not on the map.",
                count,
            ).format(n=grouped(count))
            if count
            else ""
        )
