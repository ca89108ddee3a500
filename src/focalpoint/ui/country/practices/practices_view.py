"""The practices tab: every practice of the country, searched as you type and filtered.

The list is a page at a time (``PracticeTableModel``): each filter or order is one count and one
page, however many practices the country has.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from focalpoint.domain.errors import NeedsConfirmation
from focalpoint.domain.listing import Sorting
from focalpoint.domain.practices import Practice, PracticeColumn, PracticeFilter, PracticeState
from focalpoint.i18n import _, current_language, ngettext
from focalpoint.services.common.vocabularies import vocabularies
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.practices.practice_model import PracticeTableModel
from focalpoint.ui.feedback import attempt, confirm, show_error
from focalpoint.ui.tasks import TaskRunner
from focalpoint.ui.widgets.buttons import RecordButtons
from focalpoint.ui.widgets.filter_bar import FilterBar, count_text, grouped
from focalpoint.ui.widgets.paged_model import pages_of
from focalpoint.ui.widgets.record_table import RecordTable

LAST_CHANGE_COLUMN = 5


class PracticesView(QWidget):
    """Search box and filters over the list; double-click or Enter opens a practice."""

    changed = Signal()
    loaded = Signal()  # the list shows the latest filter

    def __init__(
        self, workspace: Workspace, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ws = workspace
        self.filter = PracticeFilter()
        # Newest edit first, as the list always opened.
        self.sorting = Sorting(PracticeColumn.CHANGED, descending=True)
        vocab = vocabularies()
        language = current_language()

        filters = FilterBar(
            _("Search practices: title, text, entity, partner…"), _("Search practices"), 3
        )
        self.search = filters.search
        self.category = filters.add_filter(
            _("All categories"),
            [(t.code, t.label(language)) for t in vocab.practice_category.terms],
            self.apply_filters,
        )
        self.population = filters.add_filter(
            _("All populations"),
            [(t.code, t.label(language)) for t in vocab.population.terms],
            self.apply_filters,
        )
        from focalpoint.services.common import geography

        subdivisions = geography.subdivisions(workspace.directory.country())
        self._subdivision_names = {s.code: s.name_in(language) for s in subdivisions}
        self.subdivision = filters.add_filter(
            _("Everywhere"),
            [(s.code, s.name_in(language)) for s in subdivisions],
            self.apply_filters,
        )
        self.state = filters.add_filter(
            _("Any state"), [(s.value, s.label) for s in PracticeState], self.apply_filters
        )
        self.show_deleted = filters.add_show_deleted()
        self.search.textChanged.connect(self.apply_filters)
        self.show_deleted.toggled.connect(self.reload)

        self.model = PracticeTableModel(self._subdivision_names, self)
        self.model.failed.connect(lambda error: show_error(self, error))
        self.table = RecordTable(self.model, _("Practices"))
        self.table.setWordWrap(False)
        self.table.stretch_first(((1, 150), (2, 260), (3, 110), (4, 150), (5, 150)))
        self.table.sortable(LAST_CHANGE_COLUMN, descending=True)
        self.model.sort_requested.connect(self._sort)  # after: the list is read once, below
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.activated.connect(lambda _i: self.open_selected())

        self.count = QLabel()
        self.buttons = RecordButtons(
            _("New practice…"),
            _("Open…"),
            lambda: self.open_practice(None),
            self.open_selected,
            self.delete_selected,
            self.restore_selected,
        )
        self.open_button = self.buttons.edit
        self.delete_button = self.buttons.delete
        self.restore_button = self.buttons.restore
        self.buttons.set_read_only(workspace.read_only)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons.row(self.count))
        self.reload()

    def reload(self) -> None:
        """Show the practices again (after an edit here or elsewhere), keeping the one chosen."""
        self.apply_filters()

    def _sort(self, column: int, descending: bool) -> None:
        self.sorting = Sorting(self.model.ORDERS[column], descending)
        self._show()

    def apply_filters(self) -> None:
        self.filter = PracticeFilter(
            self.search.text(),
            self.category.currentData() or "",
            self.population.currentData() or "",
            self.subdivision.currentData() or "",
            self.state.currentData() or "",
            self.show_deleted.isChecked(),
        )
        self._show()

    def _show(self) -> None:
        """The list for the current filter and order: counted, its first page read; the
        practice chosen before is chosen again if it is still in the list."""
        selected = self.selected_id()
        wanted, sorting, practices = self.filter, self.sorting, self._ws.practices
        try:
            self.model.show(pages_of(practices, wanted, sorting))
            total = practices.count(PracticeFilter(include_deleted=wanted.include_deleted))
        except Exception as error:
            show_error(self, error)
            return
        shown = self.model.rowCount()
        self.count.setText(
            count_text(
                ngettext("{n} practice", "{n} practices", shown).format(n=grouped(shown)),
                shown,
                total,
            )
        )
        if selected:
            self.select(selected)
        self._update_buttons()
        self.loaded.emit()

    def selected_id(self) -> str | None:
        chosen = self.table.chosen()
        return chosen.id if chosen else None

    def select(self, practice_id: str) -> None:
        """Choose a practice's row (nothing if the filter leaves it out)."""
        self.table.choose(practice_id)

    def _update_buttons(self) -> None:
        self.buttons.follow(self.table.chosen())

    def open_selected(self) -> None:
        chosen = self.table.chosen()
        if chosen is not None and not chosen.deleted:
            self.open_practice(chosen.id)

    def open_practice(self, practice_id: str | None, template: Practice | None = None) -> None:
        """Open a practice, or a new one (pre-filled from ``template``, e.g. its action)."""
        from focalpoint.ui.country.practices.practice_dialog import PracticeDialog

        practice: Practice | None = template
        if practice_id is not None:
            practice = attempt(self, lambda: self._ws.practices.get(practice_id))
            if practice is None:
                return
        dialog = PracticeDialog(self._ws, practice, self)
        dialog.exec()
        if dialog.saved is not None:
            self.reload()
            self.select(dialog.saved.id)
            self.changed.emit()

    def delete_selected(self) -> None:
        chosen = self.table.chosen()
        if chosen is None:
            return
        try:
            self._ws.practices.delete(chosen.id)
        except NeedsConfirmation as question:
            if not confirm(self, question.message, _("Delete"), risky=True):
                return
            if attempt(self, lambda: self._ws.practices.delete(chosen.id, force=True)) is None:
                return
        except Exception as error:
            show_error(self, error)
            return
        self.reload()
        self.changed.emit()
        window = self.window()
        if isinstance(window, QMainWindow):  # the view can also stand alone (tests, a dialog)
            window.statusBar().showMessage(
                _("“{title}” deleted. Tick “Show deleted” to restore it.").format(
                    title=chosen.title
                ),
                8000,
            )

    def restore_selected(self) -> None:
        chosen = self.table.chosen()
        if (
            chosen is not None
            and attempt(self, lambda: self._ws.practices.restore(chosen.id)) is not None
        ):
            self.reload()
            self.select(chosen.id)
            self.changed.emit()
