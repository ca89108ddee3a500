"""Help → User guide: the guide in the window's language, its contents beside it, a find field.

One window for the whole application, never modal: it stays open beside the dialog it explains
(a dialog opened with ``open()`` blocks only its own window, and the guide has no parent), and
it does not keep FocalPoint running once the main window is closed. It is offline: a link to a
section scrolls there; a link to anywhere else is shown, never opened.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from focalpoint.i18n import _, current_language
from focalpoint.ui.help.guide_text import Heading, guide_markdown, headings, slug
from focalpoint.ui.widgets.screen_fit import open_size

# Lines longer than this many logical pixels are hard to follow back to their start.
READABLE_WIDTH = 760
ANCHOR_ROLE = Qt.ItemDataRole.UserRole


class GuideBrowser(QTextBrowser):
    """The guide's text, at most :data:`READABLE_WIDTH` wide, centred in a wider window."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_width()

    def fit_width(self) -> None:
        side = max(12.0, (self.viewport().width() - READABLE_WIDTH) / 2)
        root = self.document().rootFrame()
        frame = root.frameFormat()
        if frame.leftMargin() != side:
            frame.setLeftMargin(side)
            frame.setRightMargin(side)
            root.setFrameFormat(frame)


class GuideWindow(QWidget):
    """The user guide: contents on the left, the text on the right, a find field above it."""

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Window)
        # Closing the main window quits FocalPoint even while the guide is open.
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        # Made again when next asked for, in the language of then.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.language = ""
        self.contents = QTreeWidget()
        self.contents.setHeaderHidden(True)
        self.contents.setRootIsDecorated(False)  # every part is shown: nothing to fold
        self.contents.setIndentation(16)
        self.contents.setAccessibleName(_("Contents"))
        self.contents.itemActivated.connect(lambda item, _column: self._go_to_item(item))
        self.contents.itemClicked.connect(lambda item, _column: self._go_to_item(item))
        self.browser = GuideBrowser()
        self.browser.setOpenLinks(False)  # offline: links are handled in _link, never followed
        self.browser.anchorClicked.connect(self._link)
        self.find_field = QLineEdit()
        self.find_field.setClearButtonEnabled(True)
        self.find_field.returnPressed.connect(lambda: self.find_next())
        self.find_field.textChanged.connect(lambda _t: self._said(""))
        previous = QPushButton(_("Previous"))
        previous.clicked.connect(lambda: self.find_next(backward=True))
        following = QPushButton(_("Next"))
        following.clicked.connect(lambda: self.find_next())
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.hide()
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_find)
        QShortcut(QKeySequence.StandardKey.FindNext, self, lambda: self.find_next())
        QShortcut(
            QKeySequence.StandardKey.FindPrevious, self, lambda: self.find_next(backward=True)
        )
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)

        find_row = QHBoxLayout()
        find_row.addWidget(self.find_field, 1)
        find_row.addWidget(previous)
        find_row.addWidget(following)
        text_side = QWidget()
        text_layout = QVBoxLayout(text_side)
        text_layout.setContentsMargins(0, 0, 0, 0)
        text_layout.addLayout(find_row)
        text_layout.addWidget(self.notice)
        text_layout.addWidget(self.browser, 1)
        splitter = QSplitter()
        splitter.addWidget(self.contents)
        splitter.addWidget(text_side)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        open_size(self, 1080, 800)
        # The text gets the room: on a small screen the contents take a quarter of it.
        splitter.setSizes([min(280, self.width() // 4), self.width()])
        self.load(current_language())

    # -- the text -----------------------------------------------------------------------------
    def load(self, language: str) -> None:
        """Show the guide in ``language`` (English when there is none in it), from its top."""
        self.language = language
        self.setWindowTitle(_("FocalPoint user guide"))
        self.find_field.setPlaceholderText(_("Find in the guide (Ctrl+F)"))
        self.find_field.setAccessibleName(_("Find in the guide"))
        self.browser.setMarkdown(guide_markdown(language))
        self.browser.fit_width()
        self.sections = headings(language)
        self._name_headings()
        self._fill_contents()
        self._said("")

    def _name_headings(self) -> None:
        """Give each heading of the document its anchor, so that links and buttons reach it
        (Qt's Markdown reader gives headings none)."""
        document = self.browser.document()
        block = document.begin()
        index = 0
        while block.isValid():
            if block.blockFormat().headingLevel() > 0:
                known = self.sections[index] if index < len(self.sections) else None
                anchor = known.anchor if known is not None else slug(block.text())
                if block.length() > 1:
                    cursor = QTextCursor(block)
                    cursor.setPosition(
                        block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor
                    )
                    style = cursor.charFormat()
                    style.setAnchor(True)
                    style.setAnchorNames([anchor])
                    cursor.mergeCharFormat(style)
                index += 1
            block = block.next()

    def _fill_contents(self) -> None:
        self.contents.clear()
        parent: QTreeWidgetItem | None = None
        for heading in self.sections:
            if heading.level == 1:
                continue
            item = QTreeWidgetItem([heading.text])
            item.setData(0, ANCHOR_ROLE, heading.anchor)
            item.setToolTip(0, heading.text)
            if heading.level == 2 or parent is None:
                self.contents.addTopLevelItem(item)
                parent = item
            else:
                parent.addChild(item)
        self.contents.expandAll()

    # -- moving about -------------------------------------------------------------------------
    def go_to(self, anchor: str) -> bool:
        """Scroll to the section named ``anchor``; False (and the top) when there is none."""
        heading = self.heading(anchor)
        if heading is None:
            self.browser.verticalScrollBar().setValue(0)
            return False
        self.browser.scrollToAnchor(anchor)
        item = self._item(anchor)
        if item is not None:
            self.contents.setCurrentItem(item)
        return True

    def heading(self, anchor: str) -> Heading | None:
        return next((h for h in self.sections if h.anchor == anchor), None)

    def top_line(self) -> str:
        """The text of the first paragraph or heading shown: where the reader is."""
        shown_from = self.browser.verticalScrollBar().value()
        layout = self.browser.document().documentLayout()
        block = self.browser.document().begin()
        while block.isValid():
            if layout.blockBoundingRect(block).bottom() > shown_from + 1:
                return block.text()
            block = block.next()
        return ""

    def _item(self, anchor: str) -> QTreeWidgetItem | None:
        for item in self._items():
            if item.data(0, ANCHOR_ROLE) == anchor:
                return item
        return None

    def _items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        for index in range(self.contents.topLevelItemCount()):
            top = self.contents.topLevelItem(index)
            if top is None:
                continue
            found.append(top)
            found.extend(child for i in range(top.childCount()) if (child := top.child(i)))
        return found

    def _go_to_item(self, item: QTreeWidgetItem) -> None:
        self.go_to(str(item.data(0, ANCHOR_ROLE)))

    def _link(self, url: QUrl) -> None:
        inside = not url.scheme() and not url.path() and bool(url.fragment())
        if inside and self.go_to(url.fragment()):
            return
        # Offline by design: the address is shown, to copy, and nothing is opened.
        self._said(
            _(
                "This link leads outside the guide, and FocalPoint does not open it: {address}"
            ).format(address=url.toString())
        )

    # -- finding ------------------------------------------------------------------------------
    def _focus_find(self) -> None:
        self.find_field.setFocus()
        self.find_field.selectAll()

    def find_next(self, backward: bool = False) -> bool:
        """Select the next place (or the previous) where the typed words are; from the top
        again after the last one."""
        words = self.find_field.text().strip()
        if not words:
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        if self.browser.find(words, flags):
            self._said("")
            return True
        cursor = self.browser.textCursor()
        cursor.movePosition(
            QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
        )
        self.browser.setTextCursor(cursor)
        if self.browser.find(words, flags):
            self._said("")
            return True
        self._said(_("“{words}” is not in the guide.").format(words=words))
        return False

    def _said(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))


def guide_window() -> GuideWindow | None:
    """The guide's window, if one is open."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return None
    # A closed one is on its way to deletion (WA_DeleteOnClose): never shown again.
    shown = (w for w in app.topLevelWidgets() if isinstance(w, GuideWindow) and w.isVisible())
    return next(shown, None)


def show_guide(section: str = "", near: QWidget | None = None) -> GuideWindow:
    """Open the guide (or bring it forward) in the interface's language, at ``section``."""
    window = guide_window()
    if window is None:
        window = GuideWindow()
        if near is not None:
            _beside(window, near.window())
    elif window.language != current_language():
        window.load(current_language())
    window.show()
    window.raise_()
    window.activateWindow()
    if section:
        window.go_to(section)
    return window


def _beside(window: QWidget, other: QWidget) -> None:
    """Put ``window`` to the right of ``other`` when the screen has room, so that the dialog
    being explained stays in sight; otherwise at the screen's right edge."""
    screen = other.screen()
    if screen is None:
        return
    area = screen.availableGeometry()
    x = min(other.frameGeometry().right() + 8, area.right() - window.width())
    y = max(area.top(), min(other.frameGeometry().top(), area.bottom() - window.height()))
    window.move(max(area.left(), x), y)
