"""What the Secretariat's command modules share: their handler's and helper's types."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from focalpoint.cli.commands import Commands

if TYPE_CHECKING:  # the services load when a command runs, never when the parser is built
    from focalpoint.services.secretariat.workspace import SecretariatWorkspace

SecretariatHandler = Callable[["SecretariatWorkspace", argparse.Namespace], int]


class SecretariatCommand(Protocol):
    """``command(name, help_text, handler, parent=None)`` for a Secretariat command."""

    def __call__(
        self,
        name: str,
        help_text: str,
        handler: SecretariatHandler,
        parent: Commands | None = None,
    ) -> argparse.ArgumentParser: ...
