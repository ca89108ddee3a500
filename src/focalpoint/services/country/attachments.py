"""Evidence attached to practices: copied into the workspace, named by its SHA-256.

Files are streamed in chunks (never read whole), checked against their extension before they
are kept, and written under a temporary name first, so a full disk or a cancelled copy leaves
nothing half-made behind.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import stat
import tempfile
import zipfile
from contextlib import ExitStack
from pathlib import Path

from focalpoint.domain.errors import InvalidInput, NotFound, StorageError
from focalpoint.domain.evidence import (
    HEAD_BYTES,
    MAX_ATTACHMENT_BYTES,
    TAIL_BYTES,
    FileKind,
    check_ending,
    check_header,
    describe_size,
    is_video_start,
    kind_for,
    motion_video_length,
)
from focalpoint.domain.os_errors import os_reason
from focalpoint.domain.practices import Attachment
from focalpoint.i18n import _
from focalpoint.paths import make_private_folder
from focalpoint.services.common.files import (
    CHUNK,
    copy_whole,
    held,
    place,
    working_name,
)
from focalpoint.services.country.profile import ProfileService
from focalpoint.storage.country import audit_store, practice_store
from focalpoint.storage.sqlite import Database, read_only_error


class AttachmentService:
    def __init__(self, db: Database, profile: ProfileService) -> None:
        self._db = db
        self._profile = profile
        self.folder = db.path.parent / "attachments"

    def list(self, practice_id: str) -> list[Attachment]:
        with self._db.reading() as conn:
            return practice_store.attachments(conn, practice_id)

    def stored_path(self, attachment: Attachment) -> Path:
        return self.folder / attachment.sha256

    def check(self, source: Path) -> FileKind:
        """Refuse, before anything is kept, a file that could not be attached (for a form that
        holds the file until its practice is saved)."""
        name = source.name
        kind = kind_for(name)
        try:
            self._check_size(source)
            _check_content(source, name, kind)
        except OSError as exc:
            raise InvalidInput(
                _("'{name}' could not be read: {reason}.").format(name=name, reason=os_reason(exc))
            ) from exc
        return kind

    @staticmethod
    def _check_size(source: Path) -> None:
        name = source.name
        info = source.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InvalidInput(_("'{name}' is not a file.").format(name=name))
        if info.st_size == 0:
            raise InvalidInput(_("'{name}' is empty.").format(name=name))
        if info.st_size > MAX_ATTACHMENT_BYTES:
            raise InvalidInput(
                _("'{name}' is {size}; attachments can be at most {limit}.").format(
                    name=name,
                    size=describe_size(info.st_size),
                    limit=describe_size(MAX_ATTACHMENT_BYTES),
                )
            )

    def add(self, practice_id: str, source: Path) -> Attachment:
        """Copy ``source`` in as evidence for the practice; refused whole if anything is wrong.

        The content checks run on the copy, so what is kept is what was checked even if the
        original changes meanwhile.
        """
        if self._db.read_only:  # refused before a byte is copied in
            raise read_only_error(self.folder.parent)
        with ExitStack() as live:  # the working copy held while it is made (see files.held)
            return self._add(practice_id, source, live)

    def _add(self, practice_id: str, source: Path, live: ExitStack) -> Attachment:
        actor = self._profile.actor()
        name = source.name
        kind = kind_for(name)
        try:
            self._check_size(source)
            sha, size, incoming = self._copy_in(source, live)
        except OSError as exc:
            raise InvalidInput(
                _("'{name}' could not be read: {reason}.").format(name=name, reason=os_reason(exc))
            ) from exc
        try:
            _check_content(incoming, name, kind)
            if any(a.sha256 == sha for a in self.list(practice_id)):
                raise InvalidInput(
                    _("This file is already attached to the practice ({name}).").format(name=name)
                )
        except OSError as exc:
            incoming.unlink(missing_ok=True)
            raise _write_error(exc) from exc
        except BaseException:
            incoming.unlink(missing_ok=True)
            raise
        target = self.folder / sha
        try:
            if target.exists():
                incoming.unlink()
                created = False
            else:
                place(incoming, target)
                created = True
        except OSError as exc:
            incoming.unlink(missing_ok=True)
            raise _write_error(exc) from exc
        try:
            with self._db.transaction() as conn:
                practice = practice_store.get(conn, practice_id)
                if practice is None or practice.deleted:
                    raise NotFound(_("That practice is not in this workspace."))
                attachment = practice_store.add_attachment(
                    conn, practice_id, name, kind.media_type, size, sha
                )
                audit_store.record(conn, actor, "practice", practice_id, "attachment", "", name)
        except BaseException:
            if created and not self._in_use(sha):
                target.unlink(missing_ok=True)
            raise
        return attachment

    def remove(self, attachment_id: str) -> None:
        actor = self._profile.actor()
        with self._db.transaction() as conn:
            attachment = practice_store.attachment(conn, attachment_id)
            if attachment is None:
                raise NotFound(_("That attachment is no longer there."))
            practice_store.remove_attachment(conn, attachment_id)
            audit_store.record(
                conn, actor, "practice", attachment.practice_id, "attachment",
                attachment.file_name, "",
            )  # fmt: skip

    def export(self, attachment: Attachment, target: Path) -> Path:
        """Write the attachment to ``target``, checking on the way that it is still intact."""
        source = self.stored_path(attachment)
        try:
            return copy_whole(
                source,
                target,
                sha256=attachment.sha256,
                changed=_(
                    "The stored copy of '{name}' has been changed or damaged since it was "
                    "attached; it was not exported."
                ).format(name=attachment.file_name),
            )
        except FileNotFoundError as exc:
            if not source.exists():
                raise InvalidInput(
                    _("The stored copy of '{name}' is missing from the workspace.").format(
                        name=attachment.file_name
                    )
                ) from exc
            raise _write_error(exc) from exc
        except OSError as exc:
            raise _write_error(exc) from exc

    def open_copy(self, attachment: Attachment) -> Path:
        """A read-only copy to hand to the system viewer, so the kept evidence cannot change."""
        # A read-only workspace cannot hold it: the system's temporary folder then (mkdtemp:
        # private to the user).
        opened = (
            Path(tempfile.mkdtemp(prefix="focalpoint-opened-"))
            if self._db.read_only
            else self._db.path.parent / "opened"
        )
        folder = opened / attachment.id
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / _safe_name(attachment.file_name)
        if target.exists():
            with contextlib.suppress(OSError):
                target.chmod(0o600)
        self.export(attachment, target)
        target.chmod(0o400)
        return target

    def _copy_in(self, source: Path, live: ExitStack) -> tuple[str, int, Path]:
        """Copy ``source`` into the workspace under a working name. An OSError from here is a
        read of ``source``; one writing the copy is a StorageError that says "saved" (a full
        disk is the workspace's, not the file's)."""
        incoming = working_name(self.folder / "attachment")
        digest = hashlib.sha256()
        size = 0
        try:
            with source.open("rb") as reader:
                try:
                    make_private_folder(self.folder)
                    live.enter_context(held(incoming, private=True))
                    # Unbuffered: every write fails where it happens, none at the close.
                    writer = incoming.open("wb", buffering=0)
                except OSError as exc:
                    raise _save_error(source.name, self.folder, exc) from exc
                with writer:
                    while chunk := reader.read(CHUNK):
                        size += len(chunk)
                        if size > MAX_ATTACHMENT_BYTES:  # grew while being copied
                            raise InvalidInput(
                                _("'{name}' is larger than {limit}.").format(
                                    name=source.name, limit=describe_size(MAX_ATTACHMENT_BYTES)
                                )
                            )
                        digest.update(chunk)
                        try:
                            _write_all(writer, chunk)
                        except OSError as exc:
                            raise _save_error(source.name, self.folder, exc) from exc
                    try:
                        os.fsync(writer.fileno())
                    except OSError as exc:
                        raise _save_error(source.name, self.folder, exc) from exc
        except BaseException:
            incoming.unlink(missing_ok=True)
            raise
        return digest.hexdigest(), size, incoming

    def _in_use(self, sha: str) -> bool:
        with self._db.reading() as conn:
            return practice_store.hash_in_use(conn, sha)


def _check_content(path: Path, name: str, kind: FileKind) -> None:
    """The file's kind by its first bytes, its end and, for office files, its archive: read
    within bounds (the first bytes, the last kilobyte, the ZIP's directory), never whole."""
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES if kind.ending == "jpeg" else 16)
        check_header(name, kind, head)
        size = handle.seek(0, os.SEEK_END)
        video_after = False
        length = motion_video_length(head) if kind.ending == "jpeg" else None
        if length is not None and 2 <= length + 2 < size:
            handle.seek(size - length - 2)
            video_after = is_video_start(handle.read(10))
        handle.seek(max(0, size - TAIL_BYTES))
        check_ending(name, kind, handle.read(TAIL_BYTES), video_after)
    if kind.zip_member:
        _check_office_zip(path, name, kind)


def _check_office_zip(source: Path, name: str, kind: FileKind) -> None:
    """A well-formed ZIP from its first byte to its last, holding what every document of its
    kind holds: ``[Content_Types].xml`` (Office Open XML) or the ``mimetype`` naming the kind
    (OpenDocument), and the kind's own main part."""
    not_office = InvalidInput(
        _(
            "'{name}' is not a real office document: its content does not match its name. "
            "Nothing was attached."
        ).format(name=name)
    )
    try:
        with zipfile.ZipFile(source) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            # Nothing before the first entry nor between the directory and the end: data
            # stuck before or after the archive would be a second file hiding in the first.
            if min((e.header_offset for e in entries), default=-1) != 0 or _after_directory(
                archive, source
            ):
                raise not_office
            if kind.media_type.startswith(_ODF_TYPES):
                if "mimetype" not in names:
                    raise not_office
                said = archive.read("mimetype")[:200].decode("ascii", "replace").strip()
                if said != kind.media_type:
                    raise not_office
            elif "[Content_Types].xml" not in names:
                raise not_office
    except (zipfile.BadZipFile, ValueError, KeyError, NotImplementedError) as exc:
        raise not_office from exc
    if kind.zip_member not in names:
        raise not_office


_ODF_TYPES = "application/vnd.oasis.opendocument."


def _after_directory(archive: zipfile.ZipFile, source: Path) -> bool:
    """Whether bytes follow the archive's end record (beyond its own comment)."""
    end = archive.start_dir + _directory_size(archive) + 22 + len(archive.comment)
    return source.stat().st_size > end + 20 + 56  # room for a ZIP64 end record and locator


def _directory_size(archive: zipfile.ZipFile) -> int:
    return sum(46 + len(e.orig_filename.encode()) + len(e.extra) + len(e.comment)
               for e in archive.infolist())  # fmt: skip


def _safe_name(name: str) -> str:
    cleaned = "".join("_" if c in '/\\:*?"<>|' or ord(c) < 32 else c for c in name).strip(". ")
    return cleaned or "attachment"


def _write_all(writer: io.RawIOBase, chunk: bytes) -> None:
    """All of ``chunk``: an unbuffered write may take part of it (as a disk fills up)."""
    view = memoryview(chunk)
    while view:
        view = view[writer.write(view) or 0 :]


def _save_error(name: str, folder: Path, exc: OSError) -> StorageError:
    """The copy of ``name`` could not be written into the workspace (not: read)."""
    return StorageError(
        _(
            "'{name}' could not be saved in the workspace ({folder}): {reason}. Nothing was "
            "attached."
        ).format(name=name, folder=folder.parent, reason=os_reason(exc))
    )


def _write_error(exc: OSError) -> StorageError:
    return StorageError(
        _("The file could not be written: {reason}. Nothing was changed.").format(
            reason=os_reason(exc)
        )
    )


def remove_tree(folder: Path) -> None:
    """Remove copies opened earlier (they are read-only, so make them writable first)."""
    if not folder.exists():
        return
    for path in folder.rglob("*"):
        with contextlib.suppress(OSError):
            path.chmod(0o700 if path.is_dir() else 0o600)
    shutil.rmtree(folder, ignore_errors=True)
