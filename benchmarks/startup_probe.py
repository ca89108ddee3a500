"""Child process for the start-up benchmark: prints when the first paint and a usable window came.

``bare``: a plain PySide6 main window (the yardstick). ``app``: FocalPoint as
``focalpoint.app.main`` builds it, on the workspace given. Times are wall-clock seconds
(``time.time()``), so the parent can subtract the moment it started this process.
"""

from __future__ import annotations

import json
import resource
import sys
import time


def main() -> None:
    mode = sys.argv[1]
    marks: dict[str, float] = {}
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    class FirstPaint(QObject):
        def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "first_paint" not in marks:
                marks["first_paint"] = time.time()
                if mode == "bare":
                    marks["usable"] = marks["first_paint"]
                QTimer.singleShot(0, finish_when_done)
            return False

    marks["qt_imported"] = time.time()
    app = QApplication(sys.argv[:1])
    spy = FirstPaint()

    def finish_when_done() -> None:
        if "first_paint" in marks and "usable" in marks and "peak_rss_mb" not in marks:
            marks["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(json.dumps(marks))
            app.quit()

    if mode == "bare":
        window = QMainWindow()
        window.installEventFilter(spy)
        window.show()
    else:
        from pathlib import Path

        from focalpoint.app import Application, open_workspace
        from focalpoint.i18n import set_language
        from focalpoint.tasks import TaskRunner

        marks["imported"] = time.time()
        set_language("es")
        workspace = open_workspace(Path(sys.argv[2]))
        assert workspace is not None
        marks["workspace_open"] = time.time()
        application = Application(workspace, TaskRunner())
        original_show = application.show

        def show():  # type: ignore[no-untyped-def]
            window = original_show()
            window.installEventFilter(spy)

            def loaded() -> None:
                # Usable: the tree holds the plan and has been painted once.
                window.tree.viewport().repaint()
                marks["usable"] = time.time()
                QTimer.singleShot(0, finish_when_done)

            window.plan_loaded.connect(loaded)
            return window

        show()
    app.exec()


if __name__ == "__main__":
    main()
