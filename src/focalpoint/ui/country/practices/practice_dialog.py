"""The form to record or change one practice, with its evidence and history."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from focalpoint.domain.errors import FocalPointError
from focalpoint.domain.evidence import MAX_ATTACHMENT_BYTES, describe_size
from focalpoint.domain.practices import Attachment, Practice, PracticeState
from focalpoint.domain.vocab import ORGANISATIONS
from focalpoint.i18n import N_, _, current_language, pick
from focalpoint.services.common.vocabularies import vocabularies
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.plan.history_model import HistoryTableModel
from focalpoint.ui.feedback import attempt, confirm, error_label
from focalpoint.ui.widgets.checklist import CheckList

ATTACHMENT_ROLE = Qt.ItemDataRole.UserRole + 1

NO_PERSONAL_DATA = N_(
    "Practices describe institutions and how they work, never a child. Do not write names, "
    "photos, case numbers or any other personal data of a child here or in the evidence."
)


class PracticeDialog(QDialog):
    """Saves through the service on Save; a refusal shows in the form, which stays open.

    Evidence for a practice already saved is attached at once (its own transaction); for a new
    practice the chosen files wait and are attached right after the practice is first saved.
    """

    def __init__(
        self, workspace: Workspace, practice: Practice | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ws = workspace
        # A practice without an id is a new one, pre-filled (e.g. with the action it serves).
        self._practice = practice if practice is not None and practice.id else None
        self._pending: list[Path] = []
        self.saved: Practice | None = None
        self.setWindowTitle(_("Edit practice") if self._practice else _("New practice"))
        self.resize(860, 680)
        p = practice or Practice(title="")

        reminder = QLabel("⚠ " + _(NO_PERSONAL_DATA))
        reminder.setWordWrap(True)
        reminder.setObjectName("reminder")
        reminder.setStyleSheet(
            "QLabel#reminder { background: #fff4ce; border: 1px solid #e0c060;"
            " border-radius: 4px; padding: 6px; }"
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(self._description_tab(p), _("Description"))
        self.tabs.addTab(self._classification_tab(p), _("Classification"))
        self.tabs.addTab(self._scope_tab(p), _("Where and who"))
        self.tabs.addTab(self._results_tab(p), _("Period and results"))
        self.tabs.addTab(self._actions_tab(p), _("Plan actions"))
        self.tabs.addTab(self._evidence_tab(), _("Evidence"))
        if self._practice is not None:
            self.tabs.addTab(self._history_tab(self._practice), _("History"))

        self.state = QComboBox()
        for state in PracticeState:
            self.state.addItem(state.label, state.value)
        self.state.setCurrentIndex(self.state.findData(p.state.value))
        self.error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(_("State:")))
        bottom.addWidget(self.state)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(reminder)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addLayout(bottom)
        self._refresh_attachments()

    # -- tabs -------------------------------------------------------------------------------
    def _description_tab(self, p: Practice) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.title = QLineEdit(p.title)
        self.title.setPlaceholderText(_("Required"))
        self.summary = QPlainTextEdit(p.summary)
        self.summary.setPlaceholderText(_("Two or three sentences: what it is and why it works."))
        self.summary.setMaximumHeight(90)
        self.description = QPlainTextEdit(p.description)
        form.addRow(_("Title:"), self.title)
        form.addRow(_("Summary:"), self.summary)
        form.addRow(_("Full description:"), self.description)
        return page

    def _classification_tab(self, p: Practice) -> QWidget:
        vocab = vocabularies()
        language = current_language()
        page = QWidget()
        grid = QGridLayout(page)
        self.categories = CheckList(_("Categories"))
        self.categories.set_items(
            [(t.code, t.label(language)) for t in vocab.practice_category.terms], p.categories
        )
        self.populations = CheckList(_("Populations served"))
        self.populations.set_items(
            [(t.code, t.label(language)) for t in vocab.population.terms], p.populations
        )
        self.phases = CheckList(_("Migration phase"))
        self.phases.set_items(
            [(t.code, t.label(language)) for t in vocab.migration_phase.terms], p.phases
        )
        self.phases.view.setMaximumHeight(90)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(QLabel(_("Categories:")))
        left.addWidget(self.categories, 1)
        right.addWidget(QLabel(_("Populations served:")))
        right.addWidget(self.populations, 1)
        right.addWidget(QLabel(_("Migration phase:")))
        right.addWidget(self.phases)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        return page

    def _scope_tab(self, p: Practice) -> QWidget:
        from focalpoint.services.common import geography

        page = QWidget()
        grid = QGridLayout(page)
        self.national = QRadioButton(_("National"))
        self.local = QRadioButton(_("In these subdivisions:"))
        group = QButtonGroup(page)
        group.addButton(self.national)
        group.addButton(self.local)
        (self.national if p.national else self.local).setChecked(True)
        self.subdivisions = CheckList(_("Subdivisions"), searchable=True)
        language = current_language()
        self.subdivisions.set_items(
            [
                (s.code, f"{s.name_in(language)} ({s.code})")
                for s in geography.subdivisions(self._ws.directory.country())
            ],
            p.subdivisions,
        )
        self.subdivisions.setEnabled(not p.national)
        self.local.toggled.connect(self.subdivisions.setEnabled)
        self.entities = CheckList(_("Implementing entities"), searchable=True)
        self.entities.set_items(
            [
                (e.id, e.display_name)
                for e in self._ws.entities.all()
                if not e.retired or e.id in p.entity_ids
            ],
            p.entity_ids,
        )
        known = list(ORGANISATIONS.values())
        self.partners = CheckList(_("Partner organisations"))
        self.partners.set_items([(name, name) for name in known], p.partners)
        self.other_partners = QLineEdit("; ".join(x for x in p.partners if x not in known))
        self.other_partners.setPlaceholderText(_("Other partners, separated by ;"))
        self.other_partners.setAccessibleName(_("Other partners"))
        grid.addWidget(QLabel(_("Geographic scope:")), 0, 0)
        grid.addWidget(self.national, 1, 0)
        grid.addWidget(self.local, 2, 0)
        grid.addWidget(self.subdivisions, 3, 0, 3, 1)
        grid.addWidget(QLabel(_("Implementing entities (national directory):")), 0, 1)
        grid.addWidget(self.entities, 1, 1, 3, 1)
        grid.addWidget(QLabel(_("Partner organisations (observers, civil society):")), 4, 1)
        grid.addWidget(self.partners, 5, 1)
        grid.addWidget(self.other_partners, 6, 1)
        return page

    def _results_tab(self, p: Practice) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.period_start = QLineEdit(p.period_start)
        self.period_end = QLineEdit(p.period_end)
        for edit in (self.period_start, self.period_end):
            edit.setPlaceholderText(_("YYYY or YYYY-MM"))
            edit.setMaximumWidth(140)
        period = QHBoxLayout()
        period.addWidget(self.period_start)
        period.addWidget(QLabel(_("to")))
        period.addWidget(self.period_end)
        period.addWidget(QLabel(_("(leave the end empty if it continues)")))
        period.addStretch(1)
        self.results = QPlainTextEdit(p.results)
        self.lessons = QPlainTextEdit(p.lessons)
        self.contact = QLineEdit(p.contact)
        self.contact.setPlaceholderText(_("Office, e-mail or phone of the institution"))
        form.addRow(_("Period:"), period)
        form.addRow(_("Results:"), self.results)
        form.addRow(_("Lessons learned:"), self.lessons)
        form.addRow(_("Contact:"), self.contact)
        return page

    def _actions_tab(self, p: Practice) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(_("The actions of the plan that this practice serves:")))
        self.plan_actions = CheckList(_("Plan actions"), searchable=True)
        actions = self._ws.plan.overview().document.actions()
        items = [(a.code, f"{a.code}  {pick(a.title)}") for a in actions]
        in_plan = {a.code for a in actions}
        # Links to actions a plan update dropped stay on show (ticked), so saving keeps them.
        items += [
            (code, f"{code}  " + _("(no longer in the plan)"))
            for code in p.action_codes
            if code not in in_plan
        ]
        self.plan_actions.set_items(items, p.action_codes)
        layout.addWidget(self.plan_actions)
        return page

    def _evidence_tab(self) -> QWidget:
        page = self._evidence_page = QWidget()
        layout = QVBoxLayout(page)
        hint = QLabel(
            _(
                "PDF, images and office documents, up to {limit} each. FocalPoint keeps its own "
                "copy inside the workspace."
            ).format(limit=describe_size(MAX_ATTACHMENT_BYTES))
            + " "
            + (
                _("Adding or removing a file takes effect at once.")
                if self._practice is not None
                else _("The files are attached when the practice is saved.")
            )
        )
        hint.setWordWrap(True)
        self.attachment_model = QStandardItemModel(self)
        self.attachment_list = QListView()
        self.attachment_list.setModel(self.attachment_model)
        self.attachment_list.setAccessibleName(_("Evidence"))
        self.attachment_list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.attachment_list.doubleClicked.connect(lambda _i: self._open_attachment())
        add = QPushButton(_("Add file…"))
        add.clicked.connect(self._choose_files)
        self.open_button = QPushButton(_("Open"))
        self.open_button.clicked.connect(self._open_attachment)
        self.export_button = QPushButton(_("Save a copy…"))
        self.export_button.clicked.connect(self._export_attachment)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.clicked.connect(self._remove_attachment)
        buttons = QHBoxLayout()
        for button in (add, self.open_button, self.export_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addWidget(hint)
        layout.addWidget(self.attachment_list, 1)
        layout.addLayout(buttons)
        self.attachment_list.selectionModel().selectionChanged.connect(
            lambda *_a: self._update_attachment_buttons()
        )
        return page

    def _history_tab(self, practice: Practice) -> QWidget:
        from PySide6.QtWidgets import QHeaderView, QTableView

        page = QWidget()
        layout = QVBoxLayout(page)
        model = HistoryTableModel(page)
        model.load(self._ws.practices.history(practice.id))
        view = QTableView()
        view.setModel(model)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        view.setWordWrap(True)
        layout.addWidget(view)
        return page

    # -- evidence ---------------------------------------------------------------------------
    def _refresh_attachments(self) -> None:
        self.attachment_model.clear()
        if self._practice is not None:
            for attachment in self._ws.attachments.list(self._practice.id):
                item = QStandardItem(f"{attachment.file_name} — {describe_size(attachment.size)}")
                item.setData(attachment, ATTACHMENT_ROLE)
                item.setToolTip(f"{attachment.media_type}\nSHA-256 {attachment.sha256}")
                self.attachment_model.appendRow(item)
        for path in self._pending:
            item = QStandardItem(
                _("{name} — attached when the practice is saved").format(name=path.name)
            )
            item.setData(path, ATTACHMENT_ROLE)
            self.attachment_model.appendRow(item)
        self._update_attachments_tab_title()
        self._update_attachment_buttons()

    def _update_attachments_tab_title(self) -> None:
        count = self.attachment_model.rowCount()
        index = self.tabs.indexOf(self._evidence_page)
        self.tabs.setTabText(index, _("Evidence ({n})").format(n=count) if count else _("Evidence"))

    def _selected_attachment(self) -> Attachment | Path | None:
        indexes = self.attachment_list.selectionModel().selectedIndexes()
        if not indexes:
            return None
        value = indexes[0].data(ATTACHMENT_ROLE)
        return value if isinstance(value, (Attachment, Path)) else None

    def _update_attachment_buttons(self) -> None:
        chosen = self._selected_attachment()
        stored = isinstance(chosen, Attachment)
        self.open_button.setEnabled(stored)
        self.export_button.setEnabled(stored)
        self.remove_button.setEnabled(chosen is not None)

    def _choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self,
            _("Attach evidence"),
            str(Path.home()),
            _("Documents and images (*.pdf *.png *.jpg *.jpeg *.gif *.tif *.tiff *.doc *.docx"
              " *.xls *.xlsx *.ppt *.pptx *.odt *.ods *.odp)"),
        )  # fmt: skip
        for path in paths:
            self.attach(Path(path))

    def attach(self, path: Path) -> bool:
        """Attach at once to a saved practice; check and keep for later for a new one."""
        if self._practice is None:
            if attempt(self, lambda: self._ws.attachments.check(path)) is None:
                return False
            self._pending.append(path)
            self._refresh_attachments()
            return True
        practice_id = self._practice.id
        added = attempt(self, lambda: self._ws.attachments.add(practice_id, path))
        self._refresh_attachments()
        return added is not None

    def _open_attachment(self) -> None:
        chosen = self._selected_attachment()
        if isinstance(chosen, Attachment):
            copy = attempt(self, lambda: self._ws.attachments.open_copy(chosen))
            if copy is not None:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))

    def _export_attachment(self) -> None:
        chosen = self._selected_attachment()
        if not isinstance(chosen, Attachment):
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save a copy"), str(Path.home() / chosen.file_name)
        )
        if path:
            attempt(self, lambda: self._ws.attachments.export(chosen, Path(path)))

    def _remove_attachment(self) -> None:
        chosen = self._selected_attachment()
        if isinstance(chosen, Path):
            self._pending.remove(chosen)
        elif isinstance(chosen, Attachment):
            text = _("Remove '{name}' from this practice's evidence?").format(name=chosen.file_name)
            if not confirm(self, text, _("Remove"), risky=True):
                return
            attempt(self, lambda: self._ws.attachments.remove(chosen.id))
        self._refresh_attachments()

    # -- saving -----------------------------------------------------------------------------
    def practice(self) -> Practice:
        """What the form holds now, as a practice to save."""
        others = [x.strip() for x in self.other_partners.text().split(";") if x.strip()]
        base = self._practice or Practice(title="")
        return replace(
            base,
            title=self.title.text(),
            summary=self.summary.toPlainText(),
            description=self.description.toPlainText(),
            categories=self.categories.checked(),
            populations=self.populations.checked(),
            phases=self.phases.checked(),
            national=self.national.isChecked(),
            subdivisions=self.subdivisions.checked(),
            entity_ids=self.entities.checked(),
            partners=(*self.partners.checked(), *others),
            period_start=self.period_start.text(),
            period_end=self.period_end.text(),
            results=self.results.toPlainText(),
            lessons=self.lessons.toPlainText(),
            contact=self.contact.text(),
            action_codes=self.plan_actions.checked(),
            state=PracticeState(self.state.currentData()),
        )

    def _save(self) -> None:
        try:
            saved = self._ws.practices.save(self.practice())
        except FocalPointError as error:
            self.error.setText(error.message)
            self.error.show()
            return
        self._practice = self.saved = saved
        pending, self._pending = self._pending, []
        failed = [path for path in pending if not self.attach(path)]
        if failed:  # the practice is saved; stay open so the user sees what is missing
            self.setWindowTitle(_("Edit practice"))
            self._refresh_attachments()
            return
        self.accept()
