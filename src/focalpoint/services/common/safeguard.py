"""A backup before an import changes the workspace: the hook a service calls, set by its owner.

A service that imports (a plan, a directory, a receipt) runs its change inside
``with self.safeguard(reason):`` once the file is read; the workspace points it at its backups
(``services/country/backups.BackupService.safeguard``), which never raises. The backup is kept
only when the change goes through: an import refused or stopped midway changed nothing, so its
backup would be a copy of what is still there, and rotating it in would push out an older one.
Alone (a test, a tool) a service makes no backup.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

Safeguard = Callable[[str], AbstractContextManager[object]]


@contextlib.contextmanager
def no_backup(_reason: str) -> Iterator[None]:
    """The default: no backup (the service is used outside a workspace)."""
    yield None
