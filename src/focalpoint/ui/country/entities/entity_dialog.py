"""The national entity directory: find, add, edit, merge duplicates, retire and restore."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.errors import EntityInUse, InvalidInput
from focalpoint.domain.records import Entity
from focalpoint.domain.text import fold
from focalpoint.i18n import _, ngettext
from focalpoint.services.country.entities import EntityService
from focalpoint.ui.country.entities.entity_form import EntityForm
from focalpoint.ui.country.entities.entity_model import EntityTableModel
from focalpoint.ui.feedback import attempt, confirm, show_error
from focalpoint.ui.widgets.buttons import dialog_buttons
from focalpoint.ui.widgets.filter_bar import FilterBar
from focalpoint.ui.widgets.record_table import RecordTable
from focalpoint.ui.widgets.screen_fit import open_size


class _EntityFilter(QSortFilterProxyModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.show_retired = False

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:  # type: ignore[no-untyped-def]
        model = self.sourceModel()
        assert isinstance(model, EntityTableModel)
        e = model.rows[source_row]
        if e.retired and not self.show_retired:
            return False
        return not self.text or self.text in fold(f"{e.name} {e.acronym} {e.type.label}")


class EntityDirectoryDialog(QDialog):
    """Emits ``changed`` after every saved edit so the plan views can repaint names."""

    changed = Signal()

    def __init__(self, entities: EntityService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = entities
        self.setWindowTitle(_("National entity directory"))
        open_size(self, 1000, 540)

        self.model = EntityTableModel(self)
        self.proxy = _EntityFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = RecordTable(self.model, proxy=self.proxy)
        self.table.setAccessibleName(_("National entities"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Long type and parent names elide, not push.
        self.table.stretch_first(((2, 170), (3, 160)))
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())

        top = FilterBar(_("Type to filter by name, acronym or type"))
        self.search = top.search
        self.search.textChanged.connect(self._filter)
        self.show_retired = top.add_check(_("Show retired entities"))
        self.show_retired.toggled.connect(self._filter)
        self.summary = QLabel()

        self.add_button = QPushButton(_("Add…"))
        self.edit_button = QPushButton(_("Edit…"))
        self.merge_button = QPushButton(_("Merge into…"))
        self.merge_button.setToolTip(
            _("Fold this duplicate into another entity; its actions follow.")
        )
        self.retire_button = QPushButton(_("Retire"))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.merge_button.clicked.connect(self.merge_selected)
        self.retire_button.clicked.connect(self.retire_or_restore_selected)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        close.rejected.connect(self.reject)

        side = QVBoxLayout()
        for button in (self.add_button, self.edit_button, self.merge_button, self.retire_button):
            side.addWidget(button)
        side.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle)
        layout.addWidget(self.summary)
        layout.addWidget(close)
        self.reload()

    def reload(self, select_id: str | None = None) -> None:
        entities = attempt(self, self._service.all) or []
        usage = attempt(self, self._service.usage) or {}
        self.model.load(entities, usage)
        active = sum(1 for e in entities if not e.retired)
        self.summary.setText(
            ngettext("{n} active entity", "{n} active entities", active).format(n=active)
            + ", "
            + ngettext("{n} retired", "{n} retired", len(entities) - active).format(
                n=len(entities) - active
            )
        )
        if select_id:
            self.select(select_id)
        self._update_buttons()

    def select(self, entity_id: str) -> None:
        self.table.choose(entity_id)

    def selected(self) -> Entity | None:
        return self.table.chosen()

    def _filter(self) -> None:
        self.proxy.beginFilterChange()
        self.proxy.text = fold(self.search.text().strip())
        self.proxy.show_retired = self.show_retired.isChecked()
        self.proxy.endFilterChange()
        self._update_buttons()

    def _update_buttons(self) -> None:
        entity = self.selected()
        self.edit_button.setEnabled(entity is not None)  # to read it, in a read-only one
        for button in (self.merge_button, self.retire_button):
            button.setEnabled(entity is not None and not self._service.read_only)
        self.add_button.setEnabled(not self._service.read_only)
        self.retire_button.setText(_("Restore") if entity and entity.retired else _("Retire"))

    def add(self) -> None:
        form = EntityForm(self._service, parent=self)
        if form.exec() and form.saved:
            self.reload(form.saved.id)
            self.changed.emit()

    def edit_selected(self) -> None:
        entity = self.selected()
        if entity is None:
            return
        form = EntityForm(self._service, entity, parent=self)
        if form.exec() and form.saved:
            self.reload(entity.id)
            self.changed.emit()

    def merge_selected(self) -> None:
        duplicate = self.selected()
        if duplicate is None:
            return
        found = attempt(self, lambda: self._service.all(include_retired=False))
        if found is None:
            return
        others = [e for e in found if e.id != duplicate.id]
        if not others:
            show_error(self, InvalidInput(_("There is no other entity to merge into.")))
            return
        chooser = _MergeChooser(duplicate, others, self)
        if not chooser.exec():
            return
        keep_id = chooser.keep.currentData()
        report = attempt(self, lambda: self._service.merge(keep_id, duplicate.id))
        if report:
            self.reload(keep_id)
            self.changed.emit()

    def retire_or_restore_selected(self) -> None:
        entity = self.selected()
        if entity is None:
            return
        if entity.retired:
            if attempt(self, lambda: self._service.restore(entity.id)):
                self.reload(entity.id)
                self.changed.emit()
            return
        try:
            self._service.retire(entity.id)
        except EntityInUse as error:
            if not confirm(self, error.message + "\n\n" + _("Retire it anyway?"), _("Retire")):
                return
            if attempt(self, lambda: self._service.retire(entity.id, force=True)) is None:
                return
        except Exception as error:
            show_error(self, error)
            return
        self.reload(entity.id)
        self.changed.emit()


class _MergeChooser(QDialog):
    """Which entity survives a merge, with what will happen spelled out."""

    def __init__(self, duplicate: Entity, others: list[Entity], parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Merge duplicate entities"))
        self.setMinimumWidth(520)
        text = QLabel(
            _(
                "Merge “{name}” into the entity below. Every action that names it will "
                "name the kept entity instead, and “{name}” leaves the directory. The "
                "history keeps a record of the merge."
            ).format(name=duplicate.display_name)
        )
        text.setWordWrap(True)
        self.keep = QComboBox()
        for e in others:
            self.keep.addItem(e.display_name, e.id)
        buttons = dialog_buttons(self, _("Merge"), self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(QLabel(_("Keep:")))
        layout.addWidget(self.keep)
        layout.addWidget(buttons)
