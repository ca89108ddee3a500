"""argparse's own messages, so that usage errors and --help speak the user's language.

argparse looks its strings up through a module-level ``_``; :func:`translate_argparse` points
it at FocalPoint's catalogues, and the list below puts the strings a user can meet into them.
"""

from __future__ import annotations

import argparse

from focalpoint.i18n import N_, _, ngettext

ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("expected one argument"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("%(prog)s: error: %(message)s\n"),
)


def translate_argparse() -> None:
    """Make argparse use FocalPoint's catalogues (whatever language is current when it asks)."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
