"""A PDF shown as its pages, rendered by PDFium as they scroll into view; and printing it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QImage, QPainter, QPixmap, QTransform
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from focalpoint.i18n import _

PREVIEW_DPI = 96
PRINT_DPI_CAP = 300  # enough for text; more only makes the print job huge
PAGES_PER_PASS = 4


def render_page(document: Any, index: int, dpi: float) -> QImage:
    """One page as an image (a copy: PDFium's buffer is freed with its bitmap)."""
    page = document[index]
    bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
    image = QImage(
        bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888
    ).copy()
    page.close()
    return image


class PdfPreview(QScrollArea):
    """Scrollable pages with zoom; a page is rendered the first time it becomes visible."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: Any = None
        self._zoom = 1.0
        self._pages: list[QLabel] = []
        self._rendered: set[int] = set()
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setStyleSheet("QScrollArea { background: #7b8794; }")
        self._body = QWidget()
        self._body.setStyleSheet("background: #7b8794;")
        self._layout = QVBoxLayout(self._body)
        self._layout.setSpacing(12)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setWidget(self._body)
        self.message = QLabel(_("The preview appears here."))
        self.message.setStyleSheet("color: white;")
        self._layout.addWidget(self.message)
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(30)
        self._render_timer.timeout.connect(self._render_visible)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._render_timer.start())

    @property
    def page_count(self) -> int:
        return len(self._pages)

    def show_message(self, text: str) -> None:
        self.clear()
        self.message.setText(text)
        self.message.show()

    def clear(self) -> None:
        for label in self._pages:
            label.deleteLater()
        self._pages = []
        self._rendered = set()
        if self._document is not None:
            self._document.close()
            self._document = None

    def load(self, path: Path) -> None:
        import pypdfium2  # loaded with the first preview, not at start-up

        self.clear()
        self.message.hide()
        self._document = pypdfium2.PdfDocument(str(path))
        for index in range(len(self._document)):
            width, height = self._document.get_page_size(index)
            label = QLabel()
            label.setFixedSize(self._scaled(width), self._scaled(height))
            label.setStyleSheet("background: white;")
            label.setAccessibleName(_("Page {page}").format(page=index + 1))
            self._layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self._pages.append(label)
        self._render_timer.start()

    def set_zoom(self, zoom: float) -> None:
        self._zoom = max(0.25, min(zoom, 4.0))
        if self._document is None:
            return
        for index, label in enumerate(self._pages):
            width, height = self._document.get_page_size(index)
            label.setFixedSize(self._scaled(width), self._scaled(height))
        self._rendered = set()
        self._render_timer.start()

    @property
    def zoom(self) -> float:
        return self._zoom

    def _scaled(self, points: float) -> int:
        return round(points / 72 * PREVIEW_DPI * self._zoom)

    def _render_visible(self) -> None:
        """Render the pages in view (a few per pass) and let go of those far away."""
        if self._document is None:
            return
        self._layout.activate()  # page positions are real only once the layout has run
        top = self.verticalScrollBar().value()
        screen = self.viewport().height()
        near = QRect(0, top - screen, self._body.width(), 3 * screen)
        far = QRect(0, top - 4 * screen, self._body.width(), 9 * screen)
        done = 0
        for index, label in enumerate(self._pages):
            geometry = label.geometry()
            if index in self._rendered and not geometry.intersects(far):
                label.clear()  # a 400 % page is ~60 MB: keep only what is near the view
                self._rendered.discard(index)
            elif index not in self._rendered and geometry.intersects(near):
                if done == PAGES_PER_PASS:
                    self._render_timer.start()  # the rest on the next pass; stay responsive
                    continue
                image = render_page(self._document, index, PREVIEW_DPI * self._zoom)
                label.setPixmap(QPixmap.fromImage(image))
                self._rendered.add(index)
                done += 1

    def render_all_visible_now(self) -> None:
        """Render what is on screen without waiting (tests and screenshots)."""
        for _pass in range(8):
            self._render_timer.stop()
            self._render_visible()
            if not self._render_timer.isActive():
                break

    @property
    def rendered_pages(self) -> int:
        return len(self._rendered)


def print_pdf(
    path: Path, printer: QPrinter, on_page: Callable[[int, int], bool] | None = None
) -> int:
    """Print the PDF at ``path`` on ``printer``; returns the pages printed.

    ``on_page(done, total)`` is called before each page; returning False stops the job.
    """
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    painter = QPainter()
    if not painter.begin(printer):
        document.close()
        raise OSError(_("The printer could not be started."))
    try:
        dpi = min(printer.resolution(), PRINT_DPI_CAP)
        total = len(document)
        for index in range(total):
            if on_page is not None and not on_page(index, total):
                printer.abort()
                return index
            if index:
                printer.newPage()
            image = render_page(document, index, dpi)
            target = painter.viewport()
            if (image.width() > image.height()) != (target.width() > target.height()):
                # A landscape page (the regional matrix) on portrait paper: turned, not shrunk.
                image = image.transformed(QTransform().rotate(-90))
            scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(target.x(), target.y(), scaled.width(), scaled.height())
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
            painter.setViewport(target)
        return len(document)
    finally:
        painter.end()
        document.close()
