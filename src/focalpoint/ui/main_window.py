"""The main window: the plan tree with its filters on the left, the chosen action on the right."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from focalpoint import __version__
from focalpoint.domain.records import PlanImportReport
from focalpoint.domain.vocab import COUNTRIES, ActionStatus
from focalpoint.i18n import _, pick
from focalpoint.services.plan import PlanOverview
from focalpoint.services.workspace import Workspace
from focalpoint.tasks import TaskRunner
from focalpoint.ui.feedback import attempt, show_error
from focalpoint.ui.plan_model import (
    ACTION,
    CODE_ROLE,
    KIND_ROLE,
    ORPHAN,
    PlanFilterProxy,
    PlanTreeModel,
)

if TYPE_CHECKING:
    from focalpoint.ui.action_panel import ActionPanel
    from focalpoint.ui.entity_dialog import EntityDirectoryDialog

# Modules of screens that are not on the first one (the action panel, dialogs) are imported when
# first needed: every module and Qt class loaded before the first paint delays it.
FIRST_PAINT_GRACE_MS = 300


class MainWindow(QMainWindow):
    plan_loaded = Signal()
    language_changed = Signal()

    def __init__(self, workspace: Workspace, tasks: TaskRunner) -> None:
        super().__init__()
        self._ws = workspace
        self._tasks = tasks
        self._overview: PlanOverview | None = None
        self._load_pending = False
        self.resize(1280, 800)
        self._update_title()

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "background:#fff4ce; color:#4a3b00; padding:6px 10px; border-bottom:1px solid #e0c96b;"
        )
        self.banner.hide()
        self.coverage = QLabel(_("Loading the plan…"))
        self.coverage.setStyleSheet("font-weight:600;")

        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Type to filter by code, title or entity"))
        self.search.setClearButtonEnabled(True)
        self.axis = QComboBox()
        self.status = QComboBox()
        self.status.addItem(_("Any status"), "")
        for s in ActionStatus:
            self.status.addItem(s.label, s.value)
        self.unassigned = QCheckBox(_("Only actions without a responsible entity"))
        for signal in (
            self.search.textChanged,
            self.axis.currentIndexChanged,
            self.status.currentIndexChanged,
            self.unassigned.toggled,
        ):
            signal.connect(self._apply_filter)

        self.model = PlanTreeModel(self)
        self.proxy = PlanFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAccessibleName(_("Strategic Plan"))
        header = self.tree.header()
        # Fixed widths, not ResizeToContents: measuring 2,000 rows would cost seconds at start-up.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        metrics = self.tree.fontMetrics()
        header.resizeSection(0, metrics.horizontalAdvance("0.00.00") + 60)
        header.resizeSection(2, 200)
        header.resizeSection(3, max(metrics.horizontalAdvance(s.label) for s in ActionStatus) + 24)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)

        self._panel: ActionPanel | None = None
        self.placeholder = QLabel(
            _(
                "Choose an action in the plan to name its responsible "
                "entities and follow its progress."
            )
        )
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setMargin(24)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.axis, 1)
        filters.addWidget(self.status, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.addWidget(self.coverage)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.unassigned)
        left_layout.addWidget(self.tree, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.placeholder)
        self.splitter = splitter
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([790, 490])
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.banner)
        central_layout.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(_("Workspace: {path}").format(path=workspace.folder))
        self._build_menus()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        self.import_action = QAction(_("&Import plan file…"), self)
        self.import_action.triggered.connect(self._choose_plan_file)
        file_menu.addAction(self.import_action)
        open_folder = QAction(_("Open &workspace folder"), self)
        open_folder.triggered.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._ws.folder)))
        )
        file_menu.addAction(open_folder)
        file_menu.addSeparator()
        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        directory_menu = self.menuBar().addMenu(_("&Directory"))
        entities = QAction(_("National &entities…"), self)
        entities.setShortcut(QKeySequence("Ctrl+E"))
        entities.triggered.connect(self.open_directory)
        directory_menu.addAction(entities)
        settings_menu = self.menuBar().addMenu(_("&Settings"))
        profile = QAction(_("&Profile, country and language…"), self)
        profile.triggered.connect(self.open_settings)
        settings_menu.addAction(profile)
        help_menu = self.menuBar().addMenu(_("&Help"))
        about = QAction(_("&About FocalPoint"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)
        find = QAction(self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(lambda: self.search.setFocus())
        self.addAction(find)

    @property
    def panel(self) -> ActionPanel:
        """The action editor, built the first time an action is chosen."""
        if self._panel is None:
            from focalpoint.ui.action_panel import ActionPanel

            panel = ActionPanel(self._ws)
            panel.assignment_changed.connect(self._assignment_changed)
            panel.entities_changed.connect(self.refresh_entities)
            if self._overview is not None:
                panel.set_entities(self._overview.entities)
            self.splitter.replaceWidget(1, panel)
            self.placeholder.deleteLater()
            self._panel = panel
        return self._panel

    def _update_title(self) -> None:
        profile = self._ws.profile.get()
        country = pick(COUNTRIES[profile.country]) if profile else ""
        self.setWindowTitle(f"FocalPoint — {country}" if country else "FocalPoint")

    # -- the plan -------------------------------------------------------------------------
    def load_after_first_paint(self) -> None:
        """Read the plan once the empty window has been painted, so it is on screen at once."""
        self._load_pending = True
        QTimer.singleShot(FIRST_PAINT_GRACE_MS, self._load_if_pending)  # if never painted

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._load_pending:
            QTimer.singleShot(0, self._load_if_pending)

    def _load_if_pending(self) -> None:
        if self._load_pending:
            self._load_pending = False
            self.load_plan()

    def load_plan(self) -> None:
        """Read the plan and assignments and show them (also after an import)."""
        overview = attempt(self, self._ws.plan.overview)
        if overview is None:
            self.coverage.setText(_("The plan could not be read."))
            return
        self._overview = overview
        current = self._selected_code()
        self.model.load(overview)
        if self._panel is not None:
            self._panel.set_entities(overview.entities)
        self._fill_axes(overview)
        info = overview.info
        if info.provisional:
            self.banner.setText(
                _(
                    "<b>Provisional plan.</b> This is a reconstruction of the Strategic Plan "
                    "{code} (version {version}) made from public sources; it will be replaced when "
                    "the Technical Secretariat publishes the official plan file."
                ).format(code=info.code, version=info.version)
            )
            self.banner.setToolTip(pick(info.note))
        self.banner.setVisible(info.provisional)
        self.statusBar().showMessage(
            _("Plan {code}, version {version} · workspace: {path}").format(
                code=info.code, version=info.version, path=self._ws.folder
            )
        )
        self.tree.expandAll()
        self._update_coverage()
        if current:
            self.select_action(current)
        self.plan_loaded.emit()

    def _fill_axes(self, overview: PlanOverview) -> None:
        chosen = self.axis.currentData()
        self.axis.blockSignals(True)
        self.axis.clear()
        self.axis.addItem(_("All axes"), "")
        for axis in overview.document.axes:
            self.axis.addItem(f"{axis.code}. {pick(axis.title)}", axis.code)
        self.axis.setCurrentIndex(max(self.axis.findData(chosen), 0))
        self.axis.blockSignals(False)

    def _update_coverage(self) -> None:
        if self._overview is None:
            return
        assigned, total = self._overview.coverage()
        text = _("{assigned} of {total} actions have a responsible entity").format(
            assigned=assigned, total=total
        )
        if self.proxy.is_filtering():
            shown = self._count_shown()
            text += " · " + _("showing {shown}").format(shown=shown)
        self.coverage.setText(text)

    def _count_shown(self, parent: QModelIndex | None = None) -> int:
        parent = parent or QModelIndex()
        count = 0
        for row in range(self.proxy.rowCount(parent)):
            index = self.proxy.index(row, 0, parent)
            if index.data(KIND_ROLE) in (ACTION, ORPHAN):
                count += 1
            else:
                count += self._count_shown(index)
        return count

    def _apply_filter(self) -> None:
        status = self.status.currentData()
        self.proxy.set_criteria(
            self.search.text(),
            self.axis.currentData() or "",
            ActionStatus(status) if status else None,
            self.unassigned.isChecked(),
        )
        self.tree.expandAll()
        self._update_coverage()

    def _selected_code(self) -> str:
        index = self.tree.currentIndex()
        if index.isValid() and index.data(KIND_ROLE) in (ACTION, ORPHAN):
            return str(index.data(CODE_ROLE))
        return ""

    def select_action(self, code: str) -> bool:
        source = self.model.index_for_code(code)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            return False
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        kind = current.data(KIND_ROLE) if current.isValid() else None
        if kind not in (ACTION, ORPHAN) or self._overview is None:
            if self._panel is not None:
                self._panel.clear()
            return
        code = str(current.data(CODE_ROLE))
        node = self.model.action_node(code)
        action = next((a for a in self._overview.document.actions() if a.code == code), None)
        breadcrumb = ""
        if node and node.parent and node.parent.parent and kind == ACTION:
            obj, axis = node.parent, node.parent.parent
            breadcrumb = f"{axis.code}. {axis.title} › {obj.code} {obj.title}"
        self.panel.show_action(code, action, breadcrumb, node.assignment if node else None)

    def _assignment_changed(self, assignment: object) -> None:
        from focalpoint.domain.records import Assignment

        assert isinstance(assignment, Assignment)
        self.model.update_assignment(assignment)
        if self._overview is not None:
            self._overview.assignments[assignment.action_code] = assignment
        self._update_coverage()

    def refresh_entities(self) -> None:
        entities = attempt(self, self._ws.entities.all)
        if entities is None or self._overview is None:
            return
        by_id = {e.id: e for e in entities}
        self._overview.entities.clear()
        self._overview.entities.update(by_id)
        # A merge moves assignments, so re-read them; the tree keeps its shape.
        assignments = attempt(self, lambda: self._ws.plan.overview().assignments) or {}
        self._overview.assignments.clear()
        self._overview.assignments.update(assignments)
        self.model.set_entities(by_id)
        for a in assignments.values():
            self.model.update_assignment(a)
        if self._panel is not None:
            self._panel.set_entities(by_id)
        self._update_coverage()

    # -- dialogs ----------------------------------------------------------------------------
    def open_directory(self) -> EntityDirectoryDialog:
        from focalpoint.ui.entity_dialog import EntityDirectoryDialog

        dialog = EntityDirectoryDialog(self._ws.entities, self)
        dialog.changed.connect(self.refresh_entities)
        dialog.open()
        return dialog

    def open_settings(self) -> None:
        before = self._ws.profile.get()
        from focalpoint.ui.setup_dialog import SetupDialog

        dialog = SetupDialog(self._ws.profile, first_run=False, parent=self)
        if dialog.exec():
            after = self._ws.profile.get()
            self._update_title()
            if before is None or after is None or before.language != after.language:
                self.language_changed.emit()

    def _choose_plan_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import plan file"), str(Path.home()), _("Plan files (*.json)")
        )
        if path:
            self.import_plan_file(Path(path))

    def import_plan_file(self, path: Path) -> None:
        """Install the plan in ``path`` in the background, then report what happened."""
        self.import_action.setEnabled(False)
        self.statusBar().showMessage(_("Importing {name}…").format(name=path.name))

        def done(report: PlanImportReport) -> None:
            self.import_action.setEnabled(True)
            self.load_plan()
            self._show_import_report(report)

        def failed(error: Exception) -> None:
            self.import_action.setEnabled(True)
            self.statusBar().clearMessage()
            show_error(self, error)

        self._tasks.run(lambda: self._ws.plan.import_file(path), done, failed)

    def _show_import_report(self, report: PlanImportReport) -> None:
        lines = [
            _("The plan {code} is now at version {new} (was {old}).").format(
                code=report.plan_code, new=report.new_version, old=report.old_version or "—"
            ),
            _("{n} assignments kept.").format(n=len(report.kept_assignments)),
        ]
        if report.added_codes:
            lines.append(_("New actions: {codes}").format(codes=", ".join(report.added_codes)))
        if report.unmatched_assignments:
            lines.append(
                _(
                    "These assignments no longer match an action of the plan; they are "
                    "kept and listed under “Not in the current plan”: {codes}"
                ).format(codes=", ".join(report.unmatched_assignments))
            )
        self.last_import_message = "\n\n".join(lines)
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Information,
            _("Plan imported"),
            self.last_import_message,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.open()

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            _("About FocalPoint"),
            _(
                "FocalPoint {version}\n\nThe offline workbench of the RCM Liaison Officer "
                "Network for "
                "the Protection of Migrant Girls, Boys and Adolescents."
            ).format(version=__version__),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._panel is not None:
            self._panel.save_note()  # a note typed just before closing is not lost
        self._tasks.wait()
        super().closeEvent(event)
