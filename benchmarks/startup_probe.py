"""Child process for the start-up benchmark: prints when the first paint and a usable window came.

``bare``: a plain PySide6 main window (the yardstick). ``ts``: the real entry point on a
Secretariat workspace (usable once its inbox is painted). ``label``: the same with one line of text,
which shows what Qt's font set-up alone adds to any first paint with text. ``app``: FocalPoint's
real entry point,
``focalpoint.app.main``, on the workspace given. Times are wall-clock seconds (``time.time()``),
so the parent can subtract the moment it started this process.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from memory import peak_mb


def main() -> None:
    mode = sys.argv[1]
    marks: dict[str, float] = {}
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    marks["qt_imported"] = time.time()
    app = QApplication(sys.argv[:1])

    def finish_when_done() -> None:
        if "first_paint" in marks and "usable" in marks and "peak_rss_mb" not in marks:
            marks["peak_rss_mb"] = peak_mb()
            print(json.dumps(marks))
            app.quit()

    class Watch(QObject):
        """Application-wide: the first paint of a main window, and when its plan is loaded."""

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if not isinstance(obj, QMainWindow):
                return False
            if event.type() == QEvent.Type.Paint and "paint_started" not in marks:
                # The window's own paint comes first; its children (text) paint in the same
                # pass. The first frame is complete when control is back in the event loop.
                marks["paint_started"] = time.time()
                QTimer.singleShot(0, frame_done)
            elif event.type() == QEvent.Type.Show and mode == "app":
                obj.plan_loaded.connect(lambda: loaded(obj))  # type: ignore[attr-defined]
            elif event.type() == QEvent.Type.Show and type(obj).__name__ == "SecretariatWindow":
                # Usable: its inbox, read when the window was made, painted once.
                QTimer.singleShot(0, lambda: inbox_painted(obj))
            return False

    def inbox_painted(window: QMainWindow) -> None:
        window.inbox.table.viewport().repaint()  # type: ignore[attr-defined]
        marks["usable"] = time.time()
        QTimer.singleShot(0, finish_when_done)

    def loaded(window: QMainWindow) -> None:
        # Usable: the tree holds the plan and has been painted once.
        window.workbench.tree.viewport().repaint()  # type: ignore[attr-defined]
        marks["usable"] = time.time()
        QTimer.singleShot(0, finish_when_done)

    def frame_done() -> None:
        marks["first_paint"] = time.time()
        if mode in ("bare", "label"):
            marks["usable"] = marks["first_paint"]
        finish_when_done()

    watch = Watch()
    app.installEventFilter(watch)
    if mode in ("bare", "label"):
        window = QMainWindow()
        if mode == "label":
            from PySide6.QtWidgets import QLabel

            window.setCentralWidget(QLabel("Abriendo su espacio de trabajo…"))
        window.show()
        app.exec()
    else:
        from focalpoint.app import main as focalpoint_main

        focalpoint_main(["--data-dir", sys.argv[2], "--lang", "es"])


if __name__ == "__main__":
    main()
