"""Files written whole or not at all, copied with a check, read within a bound.

Every file FocalPoint writes for a person (a report, an export, a key, a package, a copy on a
USB stick) goes through :func:`writing`: it is made under a hidden working name beside its
target, synced to the disk, renamed over the target and the rename synced too. A full disk,
a cancel, a crash or a file open elsewhere therefore never leaves half a file in its place,
and a power cut after "saved" never loses it. The working names are unique, so two writers
(two windows, a script) never write into each other's files.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from focalpoint.domain.errors import Cancelled, InvalidInput
from focalpoint.domain.os_errors import os_reason
from focalpoint.i18n import _
from focalpoint.paths import make_private
from focalpoint.services.common.progress import Progress, Stop

CHUNK = 1 << 20  # 1 MiB: large files are streamed, never held whole


# FocalPoint's own working files, and only them: ``.name.<12 hex>.part`` (see working_name) and
# the clear copy of an encrypted package being checked (``.decrypted-<8>.zip``, tempfile's).
_LEFT_OVER = re.compile(r"\..+\.[0-9a-f]{12}\.part|\.decrypted-[a-z0-9_]{8}\.zip")
# What SQLite writes beside a working database file (a backup's snapshot): left over once the
# working file itself is gone.
_SQLITE_SIDE = re.compile(r"(\..+\.[0-9a-f]{12}\.part)-(?:journal|wal|shm)")
# Where no lock can tell a live working file from a dead one (Windows): only one this old.
_STALE_SECONDS = 3600


def working_name(target: Path) -> Path:
    """A hidden, unique name beside ``target`` to write it under (``.name.<id>.part``)."""
    return target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}.part")


@contextmanager
def held(partial: Path, private: bool = False) -> Iterator[Path]:
    """Create the working file ``partial`` and hold a lock on it while it is written.

    The lock is what tells :func:`remove_left_over` that the file is alive, not left behind by
    an export that was killed (on POSIX; a lock is released with its process, however it dies).
    ``private``: the file is the user's alone (0600), as everything in the workspace is.
    """
    handle = os.open(partial, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
    if private:
        try:
            make_private(partial)
        except OSError:
            os.close(handle)
            raise
    if os.name != "posix":  # Windows renames no file open elsewhere: nothing is held there
        os.close(handle)
        yield partial
        return
    try:
        with contextlib.suppress(OSError):
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield partial
    finally:
        os.close(handle)


def remove_left_over(*folders: Path) -> int:
    """Remove FocalPoint's working files that a killed process left in ``folders``; how many.

    Only names FocalPoint makes (never another program's file), only in these folders (not
    below), and never one a live writer holds. A folder that cannot be read is passed over.
    """
    removed = 0
    for folder in folders:
        try:
            names = os.listdir(folder)  # names only: 10,000 attachments in a few milliseconds
        except OSError:
            continue
        for name in names:
            if not name.startswith(".") or not _LEFT_OVER.fullmatch(name):
                continue
            path = os.path.join(folder, name)
            with contextlib.suppress(OSError):
                if os.path.isfile(path) and not os.path.islink(path) and _abandoned(path):
                    removed += 1
        for name in names:  # after their working files: only an orphan goes
            side = _SQLITE_SIDE.fullmatch(name)
            if side is None or os.path.exists(os.path.join(folder, side.group(1))):
                continue
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(folder, name))
                removed += 1
    return removed


def _abandoned(path: str) -> bool:
    """Remove ``path`` if no live writer holds it; whether it was removed."""
    # Windows has no such locks (a file open elsewhere cannot be removed there anyway), and a
    # decrypted copy is made by tempfile, held by none: only an old one is left over.
    if os.name != "posix" or os.path.basename(path).startswith(".decrypted-"):
        if time.time() - os.stat(path).st_mtime < _STALE_SECONDS:
            return False
        os.unlink(path)
        return True
    import fcntl

    handle = os.open(path, os.O_RDONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # held: an export is writing it right now
            return False
        os.unlink(path)
        return True
    finally:
        os.close(handle)


def place(partial: Path, target: Path) -> None:
    """Make a finished working file ``target``: synced, renamed over it, the rename synced."""
    sync_file(partial)
    os.replace(partial, target)
    sync_folder(target.parent)


@contextmanager
def writing(target: Path, failure: str | None = None, private: bool = False) -> Iterator[Path]:
    """The path to write ``target``'s content to; it becomes ``target`` when the block ends.

    Any error or cancel inside the block removes the working file and leaves ``target`` as it
    was. ``failure``: the translated message (with ``{path}`` and ``{reason}``) an OSError
    becomes; without it the OSError goes up as it is. ``private``: a file of the workspace,
    the user's alone (0600).
    """
    partial = working_name(target)
    try:
        with held(partial, private):
            yield partial
            place(partial, target)
    except OSError as exc:
        if failure is None:
            raise
        raise InvalidInput(failure.format(path=target, reason=os_reason(exc))) from exc
    finally:
        remove(partial)  # gone already after a successful rename


def write_bytes_whole(target: Path, data: bytes, failure: str, private: bool = False) -> Path:
    """Write ``data`` to ``target`` whole or not at all (see :func:`writing`)."""
    with writing(target, failure, private) as partial:
        partial.write_bytes(data)
    return target


def copy_hashed(
    source: Path, partial: Path, progress: Progress | None = None, cancelled: Stop | None = None
) -> str:
    """Copy ``source`` to ``partial`` in 1 MiB chunks, synced; the SHA-256 of what was copied.

    The caller compares the hash with the one on record before placing ``partial``, so a kept
    file changed on disk is never passed on as the original. ``progress`` hears the fraction
    copied: a slow USB stick can take half a minute over a large package, which ``cancelled``
    stops between chunks and before the copy is complete (:class:`Cancelled`).
    """
    digest = hashlib.sha256()
    with open(source, "rb") as reader, open(partial, "wb") as writer:
        total, done = max(1, os.fstat(reader.fileno()).st_size), 0
        while chunk := reader.read(CHUNK):
            if cancelled is not None and cancelled():
                raise Cancelled
            digest.update(chunk)
            writer.write(chunk)
            done += len(chunk)
            if progress is not None:
                progress(min(done / total, 1.0) * 0.95)  # the sync below is the last 5 %
        if cancelled is not None and cancelled():  # a file of one chunk is stopped here
            raise Cancelled
        writer.flush()
        os.fsync(writer.fileno())
    if progress is not None:
        progress(1.0)
    return digest.hexdigest()


def copy_whole(
    source: Path,
    target: Path,
    *,
    sha256: str | None = None,
    changed: str = "",
    failure: str | None = None,
    progress: Progress | None = None,
    cancelled: Stop | None = None,
    private: bool = False,
) -> Path:
    """Copy ``source`` to ``target`` whole or not at all (see :func:`writing`).

    With ``sha256``, only if the bytes still have the hash on record: otherwise ``changed`` is
    the message (the kept copy was altered or damaged) and ``target`` stays as it was.
    """
    with writing(target, failure, private) as partial:
        if copy_hashed(source, partial, progress, cancelled) != sha256 and sha256 is not None:
            raise InvalidInput(changed)
    return target


def read_bounded(path: Path, limit: int, too_large: str) -> bytes:
    """The bytes of the file a person chose, refused (``too_large``) above ``limit`` bytes.

    Bounded whatever ``stat()`` says (a file can grow while it is read, a pipe has no size),
    and never a folder, a device or a pipe.
    """
    try:
        if not path.exists():
            raise InvalidInput(_("The file {path} does not exist.").format(path=path))
        if not path.is_file():
            raise InvalidInput(_("{path} is not a file.").format(path=path))
        if path.stat().st_size > limit:
            raise InvalidInput(too_large)
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise InvalidInput(
            _("The file {path} cannot be read: {error}").format(path=path, error=os_reason(exc))
        ) from exc
    if len(raw) > limit:
        raise InvalidInput(too_large)
    return raw


def output_target(path: Path, empty: str, not_a_file: str) -> Path:
    """Where a file a person named really goes (through a link, onto the file it names).

    Refuses an empty name (``empty``) and what is not, or cannot become, a plain file
    (``not_a_file``, with ``{path}``).
    """
    if not str(path).strip() or not Path(path).name:
        raise InvalidInput(empty)
    target = Path(path).expanduser().resolve()
    if target.exists() and not target.is_file():
        raise InvalidInput(not_a_file.format(path=target))
    return target


def sync_file(path: Path) -> None:
    """Flush a file's bytes to the disk (whoever wrote them: reportlab, a CSV writer…)."""
    handle = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable, where the system allows it (as SQLite does).

    Windows has no directory handles to sync, and some network, FUSE and shared folders refuse
    it (EINVAL): the rename has happened all the same, so the file is there and saying it
    "cannot be written" would be false. Only the extra guarantee against a power cut is lost.
    """
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def remove(*paths: Path) -> None:
    """Remove working files, quietly: each may be gone already, or never made."""
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
