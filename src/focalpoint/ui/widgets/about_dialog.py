"""Help → About, on both sides: what is running (version, build, platform), where the workspace
is, and everything FocalPoint ships with its licence.

The first tab is what a support request needs (Copy puts it on the clipboard); the second lists
each part (the Python packages, Qt, Python, the map data, the subdivision names, the fonts) and
shows the chosen one's licence text. Home pages are text: the application never goes online.
The list is read when the dialog opens (some 25 ms), never at start-up.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from focalpoint.i18n import _
from focalpoint.services.common.bundled_software import Component, components, platform_line
from focalpoint.ui.app_icon import app_icon
from focalpoint.ui.widgets.labels import selectable, wrapped
from focalpoint.ui.widgets.screen_fit import open_size, scroll_when_short
from focalpoint.version import app_version, build_info

NAME, VERSION, LICENCE = range(3)


class AboutDialog(QDialog):
    """The version and the workspace on one tab, the licences of what ships on the other."""

    def __init__(self, folder: Path, server: str = "", parent: QWidget | None = None) -> None:
        """``folder`` is the workspace's; ``server`` the address of the database server its data
        is on, when it is not in the folder (a Secretariat's PostgreSQL), without its password."""
        super().__init__(parent)
        self.setWindowTitle(_("About FocalPoint"))
        self.folder = folder
        self.qt_version = qVersion()
        started = time.perf_counter()
        self.components: list[Component] = components(self.qt_version)
        # How long listing what ships took (the test and the report read it).
        self.listing_seconds = time.perf_counter() - started
        self.tabs = QTabWidget()
        self.tabs.addTab(self._about_page(server), _("FocalPoint"))
        self.tabs.addTab(self._licences_page(), _("Licences"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Close"))  # our word: Qt's catalogue may lack the language
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        close.setDefault(True)
        close.setFocus()
        # In lines of text, so that with text at 200% it opens twice as large (within the
        # screen): 54 × 40 lines is 756 × 560 at 100%.
        line = self.fontMetrics().height()
        open_size(self, 54 * line, 40 * line)

    # -- the first tab: what runs, and where --------------------------------------------------
    def _about_page(self, server: str) -> QWidget:
        page = QWidget()
        title = QLabel("FocalPoint")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        heading = QHBoxLayout()
        icon = _icon_label()
        if icon is not None:
            heading.addWidget(icon)
        heading.addWidget(title, 1)
        summary = wrapped(
            _(
                "The offline workbench of the RCM Liaison Officer Network for the Protection of "
                "Migrant Girls, Boys and Adolescents."
            )
        )
        info = build_info()
        self.version = selectable(QLabel(app_version()))
        built = (
            _("Built on {date} for {platform}").format(
                date=info.get("date", "?"), platform=info.get("platform", "?")
            )
            if info
            else _("Run from source")
        )
        self.build = selectable(wrapped(built))
        self.platform = selectable(wrapped(platform_line(self.qt_version)))
        # A path (or an address) has no spaces to wrap at: a read-only field shows all of it
        # by scrolling, and selects and copies it whole, where a label would widen the dialog.
        self.workspace = _read_only(str(self.folder))
        self.server = _read_only(server)
        self.workspace.setAccessibleName(_("Workspace folder"))
        self.server.setAccessibleName(_("Database server"))
        facts = QFormLayout()
        facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        facts.addRow(_("Version:"), self.version)
        facts.addRow(_("Build:"), self.build)
        facts.addRow(_("Platform:"), self.platform)
        facts.addRow(_("Workspace folder:"), self.workspace)
        if server:
            where = QVBoxLayout()
            where.addWidget(self.server)
            where.addWidget(
                wrapped(
                    _(
                        "The workspace's data is kept on this server, not in the folder. Its "
                        "password is given when FocalPoint starts and is never shown or kept."
                    )
                )
            )
            facts.addRow(_("Database server:"), where)
        self.open_folder = QPushButton(_("Open folder"))
        self.open_folder.setToolTip(_("Show the workspace folder in the file manager"))
        # A local folder, opened by the system's file manager: nothing goes online.
        self.open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))
        )
        self.copy = QPushButton(_("Copy version details"))
        self.copy.setToolTip(_("For a support request: paste them into your message"))
        self.copy.clicked.connect(self.copy_details)
        self.copied = QLabel()
        actions = QHBoxLayout()
        actions.addWidget(self.open_folder)
        actions.addWidget(self.copy)
        actions.addWidget(self.copied, 1)
        layout = QVBoxLayout(page)
        layout.addLayout(heading)
        layout.addWidget(summary)
        layout.addSpacing(8)
        layout.addLayout(facts)
        layout.addSpacing(4)
        layout.addLayout(actions)
        layout.addSpacing(12)
        layout.addWidget(
            wrapped(
                _(
                    "FocalPoint is free software under the MIT licence. It ships the parts "
                    "listed under Licences, each under its own licence."
                )
            )
        )
        layout.addStretch(1)
        # On a short screen (or with large text) the facts scroll rather than being cut.
        self.facts_area = scroll_when_short(page)
        # The tab's own background shows through, as on the Licences tab.
        self.facts_area.viewport().setAutoFillBackground(False)
        body = self.facts_area.widget()
        if body is not None:
            body.setAutoFillBackground(False)
        return page

    def details(self) -> str:
        """What Copy puts on the clipboard: enough for whoever answers a support request."""
        lines = [
            _("FocalPoint {version}").format(version=app_version()),
            _("Build: {build}").format(build=self.build.text()),
            _("Platform: {platform}").format(platform=self.platform.text()),
            _("Workspace folder: {path}").format(path=self.folder),
        ]
        if self.server.text():
            lines.append(_("Database server: {address}").format(address=self.server.text()))
        return "\n".join(lines)

    def copy_details(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.details())
            self.copied.setText(_("Copied."))

    # -- the second tab: what ships, and its licences -----------------------------------------
    def _licences_page(self) -> QWidget:
        page = QWidget()
        self.parts = QTreeWidget()
        self.parts.setAccessibleName(_("Parts that ship with FocalPoint"))
        self.parts.setRootIsDecorated(False)
        self.parts.setUniformRowHeights(True)
        self.parts.setHeaderLabels([_("Name"), _("Version"), _("Licence")])
        self._items: list[QTreeWidgetItem] = []
        for component in self.components:
            item = QTreeWidgetItem([component.name, component.version, component.licence])
            item.setToolTip(LICENCE, component.licence)
            self._items.append(item)
        self.parts.addTopLevelItems(self._items)
        header = self.parts.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(VERSION, QHeaderView.ResizeMode.ResizeToContents)
        self.parts.currentItemChanged.connect(lambda _now, _before: self._show_licence())
        self.described = selectable(wrapped())
        self.described.setTextFormat(Qt.TextFormat.PlainText)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName(_("Licence text"))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        # Read with the keyboard too: arrows and Page Down scroll it, Tab leaves it.
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.setTabChangesFocus(True)
        # Licence texts are laid out for a fixed-width font (centred titles, indented clauses);
        # at the size of the rest of the text, so that it grows with it.
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(self.font().pointSizeF())
        self.text.setFont(mono)
        below = QWidget()
        column = QVBoxLayout(below)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.described)
        column.addWidget(self.text, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(self.parts)
        split.addWidget(below)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(page)
        layout.addWidget(split)
        if self._items:
            self.parts.setCurrentItem(self._items[0])
        return page

    def choose(self, name: str) -> Component:
        """Select the part called ``name`` in the list (as a click would) and return it."""
        for row, component in enumerate(self.components):
            if component.name.lower() == name.lower():
                self.parts.setCurrentItem(self._items[row])
                return component
        raise KeyError(name)

    def _show_licence(self) -> None:
        item = self.parts.currentItem()
        if item is None:
            return
        component = self.components[self._items.index(item)]
        about = [f"{component.name} {component.version}", component.what]
        if component.home_page:
            about.append(component.home_page)  # text to read: the application stays offline
        self.described.setText(" · ".join(about))
        self.text.setPlainText(
            component.full_text
            or _("This part ships no licence text of its own; its licence is {licence}.").format(
                licence=component.licence
            )
        )


def _read_only(text: str) -> QLineEdit:
    field = QLineEdit(text)
    field.setReadOnly(True)
    field.setCursorPosition(0)  # the start of a long path, not its end
    return field


def _icon_label() -> QLabel | None:
    """The application's icon beside its name, three lines of text high."""
    icon = app_icon()
    if icon.isNull():  # a copy that lost its icon files still says what it is
        return None
    label = QLabel()
    size = label.fontMetrics().height() * 3
    label.setPixmap(icon.pixmap(size, size))
    return label
