"""The form to add or change one service: who offers it, to whom, where, how to refer."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.directory import Service
from focalpoint.domain.errors import FocalPointError, InvalidInput
from focalpoint.domain.geography import CAPITALS
from focalpoint.i18n import _, current_language
from focalpoint.services.common.vocabularies import vocabularies
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.plan.history_model import HistoryTableModel
from focalpoint.ui.feedback import error_label, hide_when_edited
from focalpoint.ui.widgets.buttons import dialog_buttons
from focalpoint.ui.widgets.checklist import CheckList
from focalpoint.ui.widgets.guarded_form import GuardedForm
from focalpoint.ui.widgets.screen_fit import open_size
from focalpoint.ui.widgets.text_area import text_area

NO_AGE = -1


class ServiceForm(GuardedForm):
    """Saves on OK; the service is checked against the vocabularies and the country's map."""

    def __init__(
        self,
        workspace: Workspace,
        service: Service | None = None,
        parent: QWidget | None = None,
        organisation_id: str = "",
    ) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._service = service
        self.saved: Service | None = None
        self.setWindowTitle(_("Edit service") if service else _("New service"))
        open_size(self, 1180, 680)
        s = service or Service(organisation_id=organisation_id, name="", service_type="")
        vocab = vocabularies()
        language = current_language()

        self.organisation = QComboBox()
        self._fill_organisations(s.organisation_id)
        new_org = QPushButton(_("New organisation…"))
        new_org.clicked.connect(self._new_organisation)
        org_row = QHBoxLayout()
        org_row.addWidget(self.organisation, 1)
        org_row.addWidget(new_org)
        self.name = QLineEdit(s.name)
        self.name.setPlaceholderText(_("Required"))
        self.service_type = QComboBox()
        self.service_type.addItem(_("— choose —"), "")
        for term in vocab.service_type.terms:
            self.service_type.addItem(term.label(language), term.code)
        self.service_type.setCurrentIndex(max(0, self.service_type.findData(s.service_type)))
        self.age_min, self.age_max = self._age(s.age_min), self._age(s.age_max)
        self.age_min.setAccessibleName(_("Youngest age"))
        self.age_max.setAccessibleName(_("Oldest age"))
        ages = QHBoxLayout()
        ages.addWidget(self.age_min)
        ages.addWidget(QLabel(_("to")))
        ages.addWidget(self.age_max)
        ages.addWidget(QLabel(_("years")))
        ages.addStretch(1)
        self.languages = QLineEdit(s.languages)
        self.languages.setPlaceholderText(_("e.g. Spanish, K'iche', English"))
        self.cost = QComboBox()
        self.cost.addItem(_("— not said —"), "")
        for term in vocab.cost.terms:
            self.cost.addItem(term.label(language), term.code)
        self.cost.setCurrentIndex(max(0, self.cost.findData(s.cost)))
        self.hours = QLineEdit(s.hours)
        self.referral = text_area(s.referral)
        self.referral.setPlaceholderText(_("What the referring officer must do or send"))
        self.referral.setMaximumHeight(70)
        self.referral_contact = QLineEdit(s.referral_contact)
        self.referral_contact.setPlaceholderText(_("Office, person, phone or e-mail"))
        self.populations = CheckList(_("Populations served"))
        self.populations.set_items(
            [(t.code, t.label(language)) for t in vocab.population.terms], s.populations
        )

        from focalpoint.services.common import geography

        self.address = QLineEdit(s.address)
        self.subdivision = QComboBox()
        self.subdivision.addItem(_("— from the coordinates, or not said —"), "")
        for sub in geography.subdivisions(workspace.directory.country()):
            self.subdivision.addItem(f"{sub.name_in(language)} ({sub.code})", sub.code)
        self.subdivision.setCurrentIndex(max(0, self.subdivision.findData(s.subdivision)))
        self.municipality = QLineEdit(s.municipality)
        self.latitude = self._coordinate(s.latitude, -90, 90)
        self.longitude = self._coordinate(s.longitude, -180, 180)
        self.latitude.setAccessibleName(_("Latitude"))
        self.longitude.setAccessibleName(_("Longitude"))
        coordinates = QHBoxLayout()
        coordinates.addWidget(QLabel(_("Latitude")))
        coordinates.addWidget(self.latitude)
        coordinates.addWidget(QLabel(_("Longitude")))
        coordinates.addWidget(self.longitude)
        coordinates.addStretch(1)

        left = QFormLayout()
        # Narrow (a laptop, text at 200%), a label goes above its field, not off the right.
        left.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        left.addRow(_("Organisation:"), org_row)
        left.addRow(_("Service:"), self.name)
        left.addRow(_("Type:"), self.service_type)
        left.addRow(_("Ages:"), ages)
        left.addRow(_("Languages:"), self.languages)
        left.addRow(_("Cost:"), self.cost)
        left.addRow(_("Opening hours:"), self.hours)
        left.addRow(_("How to refer a child:"), self.referral)
        left.addRow(_("Refer to:"), self.referral_contact)
        left.addRow(_("Address:"), self.address)
        left.addRow(_("Subdivision:"), self.subdivision)
        left.addRow(_("Municipality:"), self.municipality)
        left.addRow(_("Coordinates:"), coordinates)
        profile = workspace.profile.get()
        lat, lon = CAPITALS.get(profile.country if profile else "", CAPITALS["SV"])
        # An example in the official's own country (its capital), not always El Salvador's.
        hint = QLabel(
            _("Decimal degrees, e.g. {lat} and {lon}. Optional.").format(lat=lat, lon=lon)
        )
        hint.setStyleSheet("color: #666;")
        left.addRow("", hint)
        right = QVBoxLayout()
        right.addWidget(QLabel(_("Populations served:")))
        right.addWidget(self.populations, 1)
        if service is not None:
            from PySide6.QtWidgets import QTableView

            history = HistoryTableModel(self)
            history.load(workspace.directory.history("service", service.id))
            view = QTableView()
            view.setModel(history)
            view.verticalHeader().hide()
            view.horizontalHeader().setStretchLastSection(True)
            view.setColumnWidth(0, 105)
            view.setColumnWidth(1, 75)
            view.setWordWrap(True)
            view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            view.setAccessibleName(_("History"))
            right.addWidget(QLabel(_("History:")))
            right.addWidget(view, 1)
        left_box = QVBoxLayout()
        left_box.addLayout(left)
        left_box.addStretch(1)  # rows keep their height; the spare room goes below them
        columns = QGridLayout()
        columns.addLayout(left_box, 0, 0)
        columns.addLayout(right, 0, 1)
        columns.setColumnStretch(0, 3)
        columns.setColumnStretch(1, 2)
        columns.setColumnMinimumWidth(1, 400)  # Spanish labels widen the form's first column
        self.error = error_label()
        buttons = dialog_buttons(self, _("Save"), self._save, read_only=workspace.read_only)
        # The fields scroll when the screen is smaller than the form (a laptop, text at 200%);
        # the error line and the buttons stay in view under them.
        body = QWidget()
        body.setLayout(columns)
        fields = QScrollArea()
        fields.setWidgetResizable(True)
        fields.setFrameShape(QScrollArea.Shape.NoFrame)
        fields.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes field to field, scrolling
        fields.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(fields, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        hide_when_edited(self.error, self)

    @staticmethod
    def _age(value: int | None) -> QSpinBox:
        box = QSpinBox()
        box.setRange(NO_AGE, 17)
        box.setSpecialValueText("—")
        box.setValue(NO_AGE if value is None else value)
        return box

    @staticmethod
    def _coordinate(value: float | None, low: float, high: float) -> QLineEdit:
        edit = QLineEdit("" if value is None else f"{value:.6f}".rstrip("0").rstrip("."))
        # No validator: it would follow the interface's locale and refuse "13.69" in Spanish.
        edit.setPlaceholderText(f"{low:g} … {high:g}")
        edit.setMaximumWidth(130)
        return edit

    def _fill_organisations(self, chosen: str) -> None:
        self.organisation.clear()
        self.organisation.addItem(_("— choose —"), "")
        for org in self._ws.directory.organisations():
            self.organisation.addItem(org.display_name, org.id)
        self.organisation.setCurrentIndex(max(0, self.organisation.findData(chosen)))

    def _new_organisation(self) -> None:
        from focalpoint.ui.country.directory.organisation_form import OrganisationForm

        form = OrganisationForm(self._ws.directory, parent=self)
        if form.exec() and form.saved is not None:
            self._fill_organisations(form.saved.id)

    def service(self) -> Service:
        """What the form holds now; coordinates typed with a comma are read as decimals."""
        base = self._service or Service(organisation_id="", name="", service_type="")
        return replace(
            base,
            organisation_id=str(self.organisation.currentData() or ""),
            name=self.name.text(),
            service_type=str(self.service_type.currentData() or ""),
            populations=self.populations.checked(),
            age_min=None if self.age_min.value() == NO_AGE else self.age_min.value(),
            age_max=None if self.age_max.value() == NO_AGE else self.age_max.value(),
            languages=self.languages.text(),
            cost=str(self.cost.currentData() or ""),
            hours=self.hours.text(),
            referral=self.referral.toPlainText(),
            referral_contact=self.referral_contact.text(),
            address=self.address.text(),
            subdivision=str(self.subdivision.currentData() or ""),
            municipality=self.municipality.text(),
            latitude=_number(self.latitude.text(), _("Latitude")),
            longitude=_number(self.longitude.text(), _("Longitude")),
        )

    def _save(self) -> None:
        try:
            if not self.organisation.currentData():
                raise InvalidInput(_("Choose the organisation that offers the service."))
            self.saved = self._ws.directory.save_service(self.service())
        except FocalPointError as error:
            self.error.setText(error.message)
            self.error.show()
            return
        self.accept()


def _number(text: str, what: str) -> float | None:
    cleaned = text.strip().replace(",", ".")
    if not cleaned:
        return None
    try:
        return float(cleaned)
    except ValueError as exc:
        raise InvalidInput(
            _("{what} must be a number in decimal degrees.").format(what=what)
        ) from exc
