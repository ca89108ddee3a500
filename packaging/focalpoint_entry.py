"""The frozen application's first module: PyInstaller needs a script, FocalPoint has a function.

``focalpoint.__main__.main`` calls ``multiprocessing.freeze_support()`` before anything else, so
a helper process the Secretariat starts with ``spawn`` ends there instead of opening a window.
"""

import sys

from focalpoint.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
