"""Child process for the report benchmark: make the country report of a workspace, print JSON.

Run apart so that its peak memory is the report's alone.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from focalpoint.services.country.workspace import Workspace

sys.path.insert(0, str(Path(__file__).resolve().parent))
from memory import peak_mb


def main() -> None:
    folder, target = Path(sys.argv[1]), Path(sys.argv[2])
    workspace = Workspace.open(folder)
    started = time.perf_counter()
    result = workspace.reports.make(target, "es")
    seconds = time.perf_counter() - started
    workspace.close()
    print(
        json.dumps(
            {
                "seconds": seconds,
                "pages": result.pages,
                "bytes": target.stat().st_size,
                "peak_rss_mb": peak_mb(),
            }
        )
    )


if __name__ == "__main__":
    main()
