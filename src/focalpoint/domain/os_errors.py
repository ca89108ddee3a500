"""Why the operating system refused a file operation, in the user's language."""

from __future__ import annotations

import errno

from focalpoint.i18n import N_, _

_REASONS = {
    errno.ENOENT: N_("the folder or file does not exist"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.EISDIR: N_("it is a folder"),
    errno.ENOTDIR: N_("part of the path is not a folder"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EROFS: N_("the disk is read-only"),
    errno.EBUSY: N_("the file is in use"),
    errno.ENAMETOOLONG: N_("the name is too long"),
}


def os_reason(exc: OSError) -> str:
    """A short reason for ``exc``; the system's own words when it is an unusual one."""
    known = _REASONS.get(exc.errno or -1)
    return _(known) if known else str(exc.strerror or exc)
