"""Peak memory of this process, in MB."""

from __future__ import annotations

import resource
from pathlib import Path


def peak_mb() -> float:
    # ru_maxrss survives execve on Linux, so a child started from a big parent would report
    # the parent's peak; VmHWM belongs to this process image alone.
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
