"""The responsible national entities of the action on show: its lead and its supporters."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.records import Assignment, Entity
from focalpoint.i18n import _

ENTITY_ROLE = Qt.ItemDataRole.UserRole + 1


class ResponsibleEntities(QGroupBox):
    """A lead chosen in a list, supporters ticked in a filtered list; says what the user chose,
    and the panel saves it."""

    lead_chosen = Signal(object)  # an entity id, or None for no lead
    supports_chosen = Signal(list)  # the ids of the ticked entities
    new_entity_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Responsible national entities"), parent)
        self._loading = False
        self._shown_for = ""  # the action whose entities are listed
        self._order: list[str] = []  # their ids, in the order listed
        self.lead = QComboBox()
        self.lead.setAccessibleName(_("Lead entity"))
        self.lead.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        # Long names elide (the full name is in the list); with "New entity…" beside it the row
        # still fits a narrow panel at twice the text size.
        self.lead.setMinimumContentsLength(8)
        self.lead.activated.connect(self._lead_activated)
        self.new_entity = QPushButton(_("New entity…"))
        self.new_entity.clicked.connect(self.new_entity_requested)
        lead_row = QHBoxLayout()
        lead_row.addWidget(self.lead, 1)
        lead_row.addWidget(self.new_entity)

        self.support_model = QStandardItemModel(self)
        self.support_model.itemChanged.connect(self._support_toggled)
        self.support_proxy = QSortFilterProxyModel(self)
        self.support_proxy.setSourceModel(self.support_model)
        self.support_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.support_filter = QLineEdit()
        self.support_filter.setPlaceholderText(_("Filter entities"))
        self.support_filter.setClearButtonEnabled(True)
        self.support_filter.textChanged.connect(self.support_proxy.setFilterFixedString)
        self.supports = QListView()
        self.supports.setModel(self.support_proxy)
        self.supports.setMinimumHeight(90)
        self.supports.setMaximumHeight(160)
        self.supports.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.supports.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.supports.setAccessibleName(_("Supporting entities"))
        self.support_summary = QLabel()

        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # labels above, if narrow
        form.addRow(_("Lead entity"), lead_row)
        support_box = QVBoxLayout()
        support_box.addWidget(self.support_filter)
        support_box.addWidget(self.supports)
        support_box.addWidget(self.support_summary)
        form.addRow(_("Supporting entities"), support_box)

    def set_editable(self, editable: bool) -> None:
        for widget in (self.lead, self.new_entity, self.supports, self.support_filter):
            widget.setEnabled(editable)

    def show_assignment(self, a: Assignment, entities: dict[str, Entity]) -> None:
        self._loading = True
        try:
            self.lead.clear()
            self.lead.addItem(_("— no lead entity yet —"), None)
            for e in sorted(entities.values(), key=lambda e: e.name.casefold()):
                if not e.retired or e.id == a.lead_id:
                    label = e.display_name + (" " + _("(retired)") if e.retired else "")
                    self.lead.addItem(label, e.id)
            self.lead.setCurrentIndex(max(self.lead.findData(a.lead_id), 0))
            same_action = a.action_code == self._shown_for
            current = self.supports.currentIndex().data(ENTITY_ROLE) if same_action else None
            if not same_action:
                # Another action: its own list, unfiltered (a filter typed for the last action
                # would hide entities this one has ticked).
                self.support_filter.clear()
            self.support_model.clear()
            # Chosen entities first, so a long directory never hides what is ticked. Ticking
            # one keeps the order as it is (re-sorted under the cursor, the next Down and
            # Space would tick another entity than the one below): it changes when the action
            # is shown again.
            before = (
                {entity_id: n for n, entity_id in enumerate(self._order)} if same_action else {}
            )
            listed = sorted(
                entities.values(),
                key=lambda e: (
                    before.get(e.id, len(before)),
                    e.id not in a.support_ids,
                    e.name.casefold(),
                ),
            )
            self._order = []
            self._shown_for = a.action_code
            for e in listed:
                chosen = e.id in a.support_ids
                if e.id == a.lead_id or (e.retired and not chosen):
                    continue
                self._order.append(e.id)
                item = QStandardItem(e.display_name + (" " + _("(retired)") if e.retired else ""))
                item.setData(e.id, ENTITY_ROLE)
                item.setToolTip(e.display_name)
                item.setCheckable(True)
                item.setEditable(False)
                item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
                self.support_model.appendRow(item)
                if e.id == current:
                    self.supports.setCurrentIndex(self.support_proxy.mapFromSource(item.index()))
            names = [entities[i].display_name for i in a.support_ids if i in entities]
            self.support_summary.setText(
                _("Supporting: {names}").format(names="; ".join(names))
                if names
                else _("No supporting entities.")
            )
            if not entities:
                self.support_summary.setText(
                    _("The directory is empty: add the entities with “New entity…”.")
                )
        finally:
            self._loading = False

    def _lead_activated(self) -> None:
        if not self._loading:
            self.lead_chosen.emit(self.lead.currentData())

    def _support_toggled(self, _item: QStandardItem) -> None:
        if self._loading:
            return
        self.supports_chosen.emit(
            [
                self.support_model.item(r).data(ENTITY_ROLE)
                for r in range(self.support_model.rowCount())
                if self.support_model.item(r).checkState() == Qt.CheckState.Checked
            ]
        )
