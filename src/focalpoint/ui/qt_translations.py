"""Qt's own strings (file dialogs, standard buttons, context menus) in the interface language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

_installed: list[QTranslator] = []
_LOCALE = Path(__file__).resolve().parent.parent / "locale"


def use_qt_language(language: str) -> bool:
    """Swap Qt's catalogue for ``language`` (shipped with PySide6); False if there is none."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{language}", folder):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    # What Qt's catalogue misses (translations/qt/), installed after it: asked first.
    gaps = QTranslator(app)
    if gaps.load(f"qt_gaps_{language}", str(_LOCALE)):
        app.installTranslator(gaps)
        _installed.append(gaps)
    return True
