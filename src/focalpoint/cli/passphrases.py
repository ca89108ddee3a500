"""Reading a passphrase: from a file, then $FOCALPOINT_PASSPHRASE, then a prompt that does not echo.

Never from a command-line argument, which other users can read in `ps`. A script with no
terminal on stdin is told how to give one instead of waiting at a prompt it cannot answer.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.os_errors import os_reason
from focalpoint.i18n import _

ENV_PASSPHRASE = "FOCALPOINT_PASSPHRASE"


def passphrase_option(parser: argparse.ArgumentParser) -> None:
    """``--passphrase-file FILE``, read by :func:`read_passphrase`."""
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="FILE",
        help=_("read the passphrase from the first line of FILE (or set ${name})").format(
            name=ENV_PASSPHRASE
        ),
    )


def read_passphrase(file: Path | None, confirm: bool = False) -> str:
    """The passphrase: from ``file``, then $FOCALPOINT_PASSPHRASE, then typed (twice if
    ``confirm``)."""
    if file is not None:
        return _first_line(file)
    if os.environ.get(ENV_PASSPHRASE):
        return os.environ[ENV_PASSPHRASE]
    if not sys.stdin.isatty():
        raise InvalidInput(
            _("Give the passphrase with --passphrase-file FILE or ${name}.").format(
                name=ENV_PASSPHRASE
            )
        )
    first = getpass.getpass(_("Passphrase: "))
    if confirm and getpass.getpass(_("Passphrase again: ")) != first:
        raise InvalidInput(_("The two passphrases differ. Nothing was changed."))
    return first


def read_new_passphrase(file: Path | None) -> str:
    """A new passphrase: from its own file, or typed twice; never the old one's sources."""
    if file is not None:
        return _first_line(file)
    if not sys.stdin.isatty():
        raise InvalidInput(_("Give the new passphrase with --new-passphrase-file FILE."))
    first = getpass.getpass(_("New passphrase: "))
    if getpass.getpass(_("New passphrase again: ")) != first:
        raise InvalidInput(_("The two passphrases differ. Nothing was changed."))
    return first


def _first_line(path: Path) -> str:
    """The first line of a file; a byte-order mark (Notepad writes one) is not part of it."""
    try:
        lines = Path(path).read_text("utf-8-sig").splitlines()
    except UnicodeDecodeError:
        # The codec's own message quotes the offending byte: a byte of the passphrase.
        raise InvalidInput(
            _("The passphrase file {path} is not UTF-8 text.").format(path=path)
        ) from None
    except OSError as exc:
        raise InvalidInput(
            _("The passphrase file {path} cannot be read: {reason}.").format(
                path=path, reason=os_reason(exc)
            )
        ) from exc
    return lines[0] if lines else ""
