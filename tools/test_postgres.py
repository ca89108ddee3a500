"""Start or stop the PostgreSQL server the Secretariat store's tests use.

``python tools/test_postgres.py start DIR`` starts a server whose data lives in DIR (made if
new) and prints its URL for ``FOCALPOINT_TEST_DATABASE_URL``; ``stop DIR`` stops it. The server
binaries come from the ``pgserver`` package (a dev dependency), so a fresh machine needs nothing
installed by hand.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

# platformdirs warns that a CI machine has no XDG_RUNTIME_DIR; pgserver then uses /tmp, as meant.
warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR")


def start(folder: Path) -> str:
    import pgserver

    server = pgserver.get_server(folder, cleanup_mode=None)  # left running for the tests
    return server.get_uri().replace("postgresql://", "postgresql+psycopg://", 1)


def stop(folder: Path) -> None:
    import pgserver

    server = pgserver.get_server(folder, cleanup_mode="stop")
    server.cleanup()


def main() -> int:
    if len(sys.argv) != 3 or sys.argv[1] not in ("start", "stop"):
        print("usage: test_postgres.py start|stop DIR", file=sys.stderr)
        return 2
    folder = Path(sys.argv[2]).resolve()
    if sys.argv[1] == "start":
        print(start(folder))
    else:
        stop(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
