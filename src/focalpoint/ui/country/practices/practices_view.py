"""The practices tab: every practice of the country, searched as you type and filtered."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from focalpoint.domain.errors import NeedsConfirmation
from focalpoint.domain.practices import Practice, PracticeState, PracticeSummary
from focalpoint.domain.text import has_words
from focalpoint.i18n import _, current_language, ngettext
from focalpoint.services.common.vocabularies import vocabularies
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.practices.practice_model import PracticeTableModel
from focalpoint.ui.feedback import attempt, confirm, show_error
from focalpoint.ui.tasks import TaskRunner
from focalpoint.ui.widgets.buttons import RecordButtons
from focalpoint.ui.widgets.filter_bar import FilterBar, count_text
from focalpoint.ui.widgets.record_table import RecordTable
from focalpoint.ui.widgets.row_loader import RowLoader


class PracticesView(QWidget):
    """Search box and filters over the list; double-click or Enter opens a practice."""

    changed = Signal()
    loaded = Signal()  # the rows are read and on show

    def __init__(
        self, workspace: Workspace, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._all: list[PracticeSummary] = []
        self._loader = RowLoader(tasks, self)
        self._loader.loaded.connect(self._rows_read)
        self._select_when_read = ""
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

        self.model = PracticeTableModel(self)
        self.table = RecordTable(self.model, _("Practices"))
        self.table.setWordWrap(False)
        self.table.stretch_first(((1, 150), (2, 260), (3, 110), (4, 150), (5, 150)))
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
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons.row(self.count))
        self.reload()

    def reload(self) -> None:
        """Read the practices again (after an edit here or elsewhere), off the window's thread;
        the list fills and filters when they arrive."""
        include = self.show_deleted.isChecked()
        if not self._all:
            self.count.setText(_("Reading the practices…"))
        self._loader.load(lambda: self._ws.practices.summaries(include_deleted=include))

    def _rows_read(self, rows: list[PracticeSummary]) -> None:
        self._all = rows
        self.apply_filters()
        if self._select_when_read:
            self.select(self._select_when_read)
        self.loaded.emit()

    def apply_filters(self) -> None:
        found = self._ws.practices.search_keys(self.search.text())
        category, population = self.category.currentData(), self.population.currentData()
        subdivision, state = self.subdivision.currentData(), self.state.currentData()
        rows = [
            p
            for p in self._all
            if (
                found is None
                or p.search_key in found
                or (p.deleted and has_words(p.title, self.search.text()))
            )
            and (not category or category in p.categories)
            and (not population or population in p.populations)
            and (not subdivision or p.national or subdivision in p.subdivisions)
            and (not state or p.state.value == state)
        ]
        selected = self.selected_id()
        self.model.load(rows, self._subdivision_names)
        self.count.setText(
            count_text(
                ngettext("{n} practice", "{n} practices", len(rows)).format(n=len(rows)),
                len(rows),
                len(self._all),
            )
        )
        if selected:
            self.select(selected)
        self._update_buttons()

    def selected_id(self) -> str | None:
        chosen = self.table.chosen()
        return chosen.id if chosen else None

    def select(self, practice_id: str) -> None:
        """Choose a practice's row; asked while the rows are being read, once they are in."""
        self._select_when_read = practice_id if self._loader.busy else ""
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
