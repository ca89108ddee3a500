"""A read-only workspace in the window: shown whole, said at the top, and never edited.

The one switch is the workspace's: opened read-only (``Workspace.read_only``), its services
refuse every edit in words before SQLite is asked to write. On top of that the window says so
in a banner over every tab, the action panel shows its fields disabled (``ActionPanel``), and
the menu commands that would only end in that refusal are disabled, each with a tooltip.
"""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from focalpoint.i18n import _


def writing_commands() -> set[str]:
    """The menu commands (their labels, in the interface's language) that change the
    workspace or write into its folder. Moving it to another computer stays: it reads the
    workspace and writes the file elsewhere (a backup on a stick, taken to a new laptop)."""
    return {
        _("&Import plan file…"),
        _("&Send to the Secretariat…"),
        _("Import a recei&pt…"),
        _("&Trust the Secretariat's key…"),
        _("&Profile, country and language…"),
        _("Signing &key…"),
        _("&Backups…"),
    }


def banner_text(folder: object) -> str:
    return _(
        "<b>Read only.</b> This workspace cannot be written ({folder}): you can read it, "
        "print its report and check packages, but nothing in it can be changed. To work in "
        "it, copy the folder to a place you can write to and open the copy."
    ).format(folder=escape(str(folder)))


def show_read_only(window: QMainWindow, folder: object) -> QLabel:
    """Put the read-only banner above the window's tabs and disable its writing commands;
    the banner."""
    banner = QLabel(banner_text(folder))
    banner.setObjectName("read_only_banner")
    banner.setWordWrap(True)
    banner.setStyleSheet(
        "background:#e3ecfa; color:#17325c; padding:6px 10px; border-bottom:1px solid #9fb6dc;"
    )
    banner.setAccessibleName(_("Read only"))
    tabs = window.takeCentralWidget()
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(banner)
    if tabs is not None:
        layout.addWidget(tabs, 1)
    window.setCentralWidget(holder)
    refused = writing_commands()
    why = _("This workspace is read-only.")
    for action in window.findChildren(QAction):
        if action.text() in refused:
            action.setEnabled(False)
            action.setToolTip(why)
            action.setStatusTip(why)
    return banner
