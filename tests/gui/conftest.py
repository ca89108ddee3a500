"""GUI fixtures: the real window over a real workspace, offscreen, tasks run inline."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from focalpoint.app import Application
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.main_window import MainWindow
from focalpoint.ui.tasks import TaskRunner
from focalpoint.ui.widgets.guarded_form import GuardedForm
from focalpoint.ui.widgets.paged_model import PagedTableModel


@pytest.fixture(autouse=True)
def own_settings(tmp_path: Path) -> None:
    """Settings the window saves (the last folder a package went to…) go to this test's own
    folder: never the user's, nor another test's running beside it."""
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(tmp_path / "settings"))


# How long a modal dialog may wait for an answer a test scheduled (a few ms, in practice).
UNANSWERED_S = 30


@pytest.fixture(autouse=True)
def no_unanswered_dialog(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """A modal dialog nobody answers blocks its test forever, in Qt's own loop where no timeout
    can reach it. One left waiting is closed, and the test fails saying what it asked."""
    stuck: list[str] = []
    opened: dict[int, float] = {}

    def look() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            opened.clear()
            return
        since = opened.setdefault(id(modal), time.monotonic())
        if time.monotonic() - since < UNANSWERED_S:
            return
        text = modal.text() if isinstance(modal, QMessageBox) else ""
        stuck.append(f"{type(modal).__name__} {modal.windowTitle()!r} {text!r}")
        if isinstance(modal, QDialog):
            modal.reject()
        else:
            modal.close()

    watch = QTimer()
    watch.timeout.connect(look)
    watch.start(1000)
    yield
    watch.stop()
    # Windows a test left open (a wizard over its window…) would be the next test's active
    # window, the parent of its message boxes. Hidden, not closed: closing may ask a question.
    for window in QApplication.topLevelWidgets():
        if window.isVisible():
            window.hide()
    if stuck:
        pytest.fail(f"left waiting for an answer nobody gave: {'; '.join(stuck)}")


@pytest.fixture
def open_window(qtbot) -> Iterator[Callable[[Workspace], MainWindow]]:  # type: ignore[no-untyped-def]
    apps: list[Application] = []

    def make(workspace: Workspace) -> MainWindow:
        app = Application(workspace, TaskRunner(synchronous=True))
        window = app.show()
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.plan_loaded, timeout=5000):
            pass
        apps.append(app)
        return window

    yield make
    for app in apps:
        if app.window is not None:
            app.window.close()


W = TypeVar("W", bound=QWidget)
R = TypeVar("R")


def records(model: PagedTableModel[R]) -> list[R]:  # type: ignore[type-var]
    """Every record a list model shows, read as a view scrolling to its end would."""
    found = [model.record(row) for row in range(model.rowCount())]
    return [r for r in found if r is not None]


def when_shown(kind: type[W], act: Callable[[W], None]) -> None:
    """Do what a user would do in the next window of ``kind`` that opens (a modal dialog
    blocks the test until it is answered, so the answer is scheduled before it opens)."""

    def look() -> None:
        window = next(
            (w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()),
            None,
        )
        if window is None:
            QTimer.singleShot(20, look)
            return
        act(window)

    QTimer.singleShot(20, look)


def answer_message_box(button_text: str) -> list[str]:
    """Click ``button_text`` on the next message box that opens; returns the texts it showed."""
    seen: list[str] = []

    def click(box: QMessageBox) -> None:
        seen.append(box.text())
        for button in box.buttons():
            if button.text().replace("&", "") == button_text:
                button.click()
                return
        box.reject()  # an error raised here cannot end the dialog's loop: close it first
        raise AssertionError(f"no button {button_text!r} in {[b.text() for b in box.buttons()]}")

    when_shown(QMessageBox, click)
    return seen


def discard(form: GuardedForm) -> None:
    """Close a form whose changes were refused, answering "Discard changes" when it asks."""
    if form.has_changes():
        answer_message_box("Discard changes")
    form.reject()


@pytest.fixture
def focus_style() -> Iterator[None]:
    """The application's focus style, as the window applies it after its first paint; the
    style and style sheet the other tests run with are put back afterwards."""
    from focalpoint.ui.focus_style import show_focus

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style, sheet = app.style().name(), app.styleSheet()
    show_focus(app)
    yield
    app.setStyleSheet(sheet)
    app.setStyle(style)
