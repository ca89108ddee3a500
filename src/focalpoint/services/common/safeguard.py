"""A backup before an import changes the workspace: the hook a service calls, set by its owner.

A service that imports (a plan, a directory, a receipt) calls ``self.safeguard(reason)`` once
the file is read and checked, before its transaction; the workspace points it at its backups
(``services/country/backups.BackupService.safeguard``), which never raises. Alone (a test, a
tool) a service makes no backup.
"""

from __future__ import annotations

from collections.abc import Callable

Safeguard = Callable[[str], object]


def no_backup(_reason: str) -> None:
    """The default: no backup (the service is used outside a workspace)."""
