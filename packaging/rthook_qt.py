"""Run-time hook in place of PyInstaller's for PySide6: the same paths, without importing Qt.

PyInstaller's own hook imports PySide6.QtCore at every start, to register a qt.conf that the
PyPI wheels of PySide6 register themselves anyway when QtCore is first imported. The command
line never uses Qt, and that import cost it about 0.1 s a command (and every helper process
the Secretariat starts). Qt is found through the paths set here once it is imported.
"""

import os
import sys


def _point_qt_at_the_bundle() -> None:
    base = getattr(sys, "_MEIPASS", os.path.dirname(sys.executable))
    # The wheels' layout: PySide6/plugins on Windows, PySide6/Qt/plugins elsewhere.
    qt = (
        os.path.join(base, "PySide6")
        if sys.platform == "win32"
        else os.path.join(base, "PySide6", "Qt")
    )
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt, "plugins")
    if sys.platform == "win32":
        # Where the DLLs collected beside the program are found (as PyInstaller's hook does).
        os.environ["PATH"] = base + os.pathsep + os.environ.get("PATH", "")


_point_qt_at_the_bundle()
del _point_qt_at_the_bundle
