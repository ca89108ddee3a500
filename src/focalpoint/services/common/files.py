"""Writing a small file whole or not at all: beside the target as ``.name.part``, synced, then
renamed over it, so a full disk or a file open elsewhere never leaves half a file in its place."""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.os_errors import os_reason


def write_bytes_whole(target: Path, data: bytes, failure: str) -> Path:
    """Write ``data`` to ``target``; ``failure`` is the translated message for an OSError, with
    ``{path}`` and ``{reason}`` in it."""
    partial = target.with_name(f".{target.name}.part")
    try:
        with open(partial, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, target)
    except OSError as exc:
        raise InvalidInput(failure.format(path=target, reason=os_reason(exc))) from exc
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)  # gone already after a successful rename
    return target


def copy_hashed(
    source: Path, partial: Path, progress: Callable[[float], None] | None = None
) -> str:
    """Copy ``source`` to ``partial`` in 1 MiB chunks, synced; the SHA-256 of what was copied.

    The caller compares the hash with the one on record before renaming ``partial`` into place,
    so a kept file changed on disk is never passed on as the original. ``progress`` hears the
    fraction copied: a slow USB stick can take half a minute over a large package.
    """
    digest = hashlib.sha256()
    with open(source, "rb") as reader, open(partial, "wb") as writer:
        total, done = max(1, os.fstat(reader.fileno()).st_size), 0
        while chunk := reader.read(1 << 20):
            digest.update(chunk)
            writer.write(chunk)
            done += len(chunk)
            if progress is not None:
                progress(min(done / total, 1.0) * 0.95)  # the sync below is the last 5 %
        writer.flush()
        os.fsync(writer.fileno())
    if progress is not None:
        progress(1.0)
    return digest.hexdigest()
