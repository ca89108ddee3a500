"""Backups of the workspace: made without thinking, listed, rotated, restored.

A backup is a workspace archive (``package/workspace_archive``): a snapshot of the database
made with SQLite's online backup, the evidence files and the kept submissions, and a manifest
that the list reads without unpacking. The copies the storage layer makes of the database
before an upgrade (``backups/focalpoint-<when>-before-<revision>.db``) are listed, rotated and
restored the same way; they hold the database alone.

Restoring never works on the workspace itself until the backup is whole on disk: it is
unpacked into a hidden staging folder beside the workspace, every file checked against the
manifest and the database against ``PRAGMA integrity_check``; the current state is backed up;
then the files are put in place and the database replaced in one SQLite transaction.
"""

from __future__ import annotations

import builtins
import contextlib
import errno
import logging
import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from focalpoint.domain.backup_rotation import DEFAULT_LIMIT_BYTES, Kept, to_keep
from focalpoint.domain.errors import FocalPointError, InvalidInput, NotFound
from focalpoint.domain.os_errors import os_reason
from focalpoint.i18n import N_, _, ngettext
from focalpoint.package import workspace_archive as archive_format
from focalpoint.package.workspace_archive import ArchiveManifest
from focalpoint.services.common.files import held, output_target, place, working_name, writing
from focalpoint.services.common.progress import Progress, Stop, share
from focalpoint.storage.country import settings_store, workspace_snapshot
from focalpoint.storage.sqlite import Database, read_only_error

log = logging.getLogger("focalpoint")

FOLDER_SETTING = "backup_folder"
LIMIT_SETTING = "backup_limit_bytes"
ARCHIVE_PREFIX = "FocalPoint-backup-"
# The copies the storage layer makes before a migration (storage/sqlite.copy_to_backups).
_UPGRADE_COPY = re.compile(r"focalpoint-(\d{8}T\d{6}Z)-before-[0-9A-Za-z_]+\.db")
_ARCHIVE = re.compile(re.escape(ARCHIVE_PREFIX) + r"(\d{8}T\d{6}Z-[a-z_]+(?:-\d+)?)\.zip")
_STAMP = "%Y%m%dT%H%M%SZ"
MB = 1024**2  # as describe_size shows sizes
MIN_LIMIT_BYTES = 50 * MB


class Reason(StrEnum):
    STARTUP = "startup"
    PLAN_IMPORT = "plan_import"
    DIRECTORY_IMPORT = "directory_import"
    RECEIPT = "receipt"
    ON_DEMAND = "on_demand"
    BEFORE_RESTORE = "before_restore"
    UPGRADE = "upgrade"
    EXPORT = "export"


_REASON_LABELS = {
    Reason.STARTUP: N_("at start-up"),
    Reason.PLAN_IMPORT: N_("before a plan import"),
    Reason.DIRECTORY_IMPORT: N_("before a directory import"),
    Reason.RECEIPT: N_("before a receipt"),
    Reason.ON_DEMAND: N_("made on demand"),
    Reason.BEFORE_RESTORE: N_("before a restore"),
    Reason.UPGRADE: N_("before an upgrade"),
    Reason.EXPORT: N_("moved to another computer"),
}


def reason_label(reason: str) -> str:
    """Why a backup was made, in the interface's language."""
    label = _REASON_LABELS.get(Reason(reason)) if reason in set(Reason) else None
    return _(label) if label else reason


@dataclass(frozen=True)
class Backup:
    """One backup as listed: ``kind`` is "archive" or "database" (a copy before an upgrade)."""

    id: str
    path: Path
    created_at: str  # ISO 8601, UTC
    reason: str
    size: int
    counts: dict[str, int]
    kind: str = "archive"
    country: str = ""
    schema_revision: str = ""
    app_version: str = ""
    attachments: int = 0
    submission_files: int = 0

    @property
    def created(self) -> datetime:
        return datetime.fromisoformat(self.created_at)

    @property
    def reason_label(self) -> str:
        return reason_label(self.reason)


def contents_text(counts: dict[str, int]) -> str:
    """What a backup holds, in words: "30 actions assigned, 4 practices, 200 services, 2
    submissions"."""
    parts = (
        ngettext("{n} action assigned", "{n} actions assigned", counts.get("actions_assigned", 0)),
        ngettext("{n} practice", "{n} practices", counts.get("practices", 0)),
        ngettext("{n} service", "{n} services", counts.get("services", 0)),
        ngettext("{n} submission", "{n} submissions", counts.get("submissions", 0)),
    )
    keys = ("actions_assigned", "practices", "services", "submissions")
    return ", ".join(p.format(n=counts.get(k, 0)) for p, k in zip(parts, keys, strict=True))


@dataclass(frozen=True)
class Restored:
    """What a restore did: the backup put back, and the backup made of the state before it."""

    restored: Backup
    safety: Backup


@dataclass
class _Settings:
    folder: str = ""
    limit: int = DEFAULT_LIMIT_BYTES


def _nothing(_fraction: float) -> None:
    return None


class BackupService:
    """The backups of one workspace, in the folder the user chose (``backups/`` by default)."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self.workspace = db.path.parent
        # Why an automatic backup could not be made, for the face that asked to say so.
        self.warnings: builtins.list[str] = []
        # Told each such warning as it happens (the window shows it; it may call from any thread).
        self.on_warning: Callable[[str], None] | None = None

    # --- settings ------------------------------------------------------------------------------

    def _settings(self) -> _Settings:
        with self._db.reading() as conn:
            values = settings_store.read_all(conn)
        try:
            limit = int(values.get(LIMIT_SETTING, DEFAULT_LIMIT_BYTES))
        except ValueError:
            limit = DEFAULT_LIMIT_BYTES
        return _Settings(values.get(FOLDER_SETTING, ""), limit)

    @property
    def default_folder(self) -> Path:
        return self.workspace / "backups"

    def folder(self) -> Path:
        """Where backups go: the folder chosen, else ``backups/`` in the workspace."""
        chosen = self._settings().folder
        return Path(chosen) if chosen else self.default_folder

    def set_folder(self, folder: Path | None) -> Path:
        """Choose where backups go (None: back to the workspace's own ``backups/``)."""
        value = ""
        if folder is not None:
            path = Path(folder).expanduser().absolute()
            if not path.is_dir():
                raise InvalidInput(
                    _("{path} is not a folder. Choose an existing folder.").format(path=path)
                )
            if not os.access(path, os.W_OK):
                raise InvalidInput(_("The folder {path} cannot be written.").format(path=path))
            value = "" if path == self.default_folder.absolute() else str(path)
        with self._db.transaction() as conn:
            settings_store.write(conn, {FOLDER_SETTING: value})
        return self.folder()

    def limit_bytes(self) -> int:
        return self._settings().limit

    def set_limit_bytes(self, limit: int) -> int:
        """How much room backups may take together (the newest one is kept whatever its size)."""
        if limit < MIN_LIMIT_BYTES:
            raise InvalidInput(
                _("The size limit must be at least {n} MB.").format(n=MIN_LIMIT_BYTES // MB)
            )
        with self._db.transaction() as conn:
            settings_store.write(conn, {LIMIT_SETTING: str(int(limit))})
        self.rotate()
        return limit

    # --- making ----------------------------------------------------------------------------------

    def create(
        self,
        reason: str = Reason.ON_DEMAND,
        progress: Progress | None = None,
        cancelled: Stop | None = None,
        *,
        rotate: bool = True,
    ) -> Backup:
        """Back the workspace up now into the backup folder; the older ones are then rotated."""
        if self._db.read_only:  # a read-only workspace is shown as it is, nothing written
            raise read_only_error(self.workspace)
        folder = self.folder()
        try:
            if folder == self.default_folder:
                folder.mkdir(mode=0o700, exist_ok=True)
            elif not folder.is_dir():
                # A USB stick pulled out leaves its mount point's parent: making the folder
                # again there would put the backups on the laptop's own disk, unseen.
                raise FileNotFoundError(errno.ENOENT, _("the folder is not there"), str(folder))
        except OSError as exc:
            raise InvalidInput(
                _("The backup folder {path} cannot be used: {reason}.").format(
                    path=folder, reason=os_reason(exc)
                )
            ) from exc
        stamp = datetime.now(UTC)
        backup_id = f"{stamp.strftime(_STAMP)}-{Reason(reason).value}"
        target = folder / f"{ARCHIVE_PREFIX}{backup_id}.zip"
        n = 1
        while target.exists():  # two backups in one second (a restore right after a backup)
            n += 1
            target = folder / f"{ARCHIVE_PREFIX}{backup_id}-{n}.zip"
        manifest = self.write_archive(target, reason, stamp, progress, cancelled)
        made = describe(target, manifest)
        log.info("Backup made (%s): %s, %d bytes", reason, target, made.size)
        if rotate:
            self.rotate()
        return made

    def write_archive(
        self,
        target: Path,
        reason: str,
        stamp: datetime | None = None,
        progress: Progress | None = None,
        cancelled: Stop | None = None,
    ) -> ArchiveManifest:
        """Write the whole workspace into ``target``, whole or not at all."""
        from focalpoint.version import app_version

        when = (stamp or datetime.now(UTC)).isoformat(timespec="milliseconds")
        # A read-only workspace is copied out all the same (to move it): its snapshot is made
        # beside the file being written instead.
        beside = target.parent if self._db.read_only else self.workspace
        snapshot = working_name(beside / "focalpoint-snapshot.db")
        failure = _("The backup could not be written to {path}: {reason}.")
        # The snapshot held, so that a start elsewhere meanwhile does not clear it as left over.
        live = contextlib.ExitStack()
        try:
            live.enter_context(held(snapshot, private=True))
            workspace_snapshot.take(self._db.connection(), snapshot)
            facts = workspace_snapshot.read_facts(snapshot)
            about = ArchiveManifest(
                app_version=app_version(),
                created_at=when,
                country=facts.country,
                schema_revision=facts.revision,
                reason=str(reason),
                counts=facts.counts,
            )
            with writing(target, failure) as partial:
                # Private to the user, as the workspace is: it holds contact data and the key.
                partial.touch()
                os.chmod(partial, 0o600)
                return archive_format.write_archive(
                    partial,
                    snapshot,
                    _files(self.workspace / archive_format.ATTACHMENTS),
                    _files(self.workspace / archive_format.SUBMISSIONS),
                    about,
                    progress,
                    cancelled,
                )
        except OSError as exc:  # the snapshot's working file, a file vanishing midway
            raise InvalidInput(failure.format(path=target, reason=os_reason(exc))) from exc
        finally:
            snapshot.unlink(missing_ok=True)
            live.close()

    def export(
        self, target: Path, progress: Progress | None = None, cancelled: Stop | None = None
    ) -> Backup:
        """Write the workspace into one file a person chose (moving to another computer)."""
        path = output_target(
            Path(target).expanduser(),
            _("Please choose a file name."),
            _("{path} is a folder, not a file name."),
        )
        manifest = self.write_archive(path, Reason.EXPORT, None, progress, cancelled)
        return describe(path, manifest)

    @contextlib.contextmanager
    def safeguard(self, reason: str) -> Iterator[Backup | None]:
        """A backup around an import's change, kept only if the change goes through.

        The import goes on even when no backup can be made (the disk full, the USB stick
        gone): refusing it would leave the user unable to take in the Secretariat's answer on
        a full disk. But it does not go on silently: once the change is made, why is kept in
        ``warnings``, which the window and the command line show with the import's result, and
        in the log. An import refused or stopped inside the block changed nothing: its backup
        is deleted again, and the older ones are rotated only after a change that went through.
        """
        failure = ""
        try:
            made: Backup | None = self.create(reason, rotate=False)
        except (FocalPointError, OSError, sqlite3.Error) as exc:
            made, failure = None, str(exc)
            log.warning("Backup %s failed: %s", reason, exc)
        try:
            yield made
        except BaseException:
            if made is not None:
                made.path.unlink(missing_ok=True)
            raise
        if made is not None:
            self.rotate()
        else:
            message = _(
                "No backup could be made before this change ({reason}). The change was made; "
                "make a backup when you can (Settings → Backups…)."
            ).format(reason=failure)
            self.warnings.append(message)
            if self.on_warning is not None:
                self.on_warning(message)

    def take_warnings(self) -> builtins.list[str]:
        said, self.warnings = self.warnings, []
        return said

    def startup_due(self, now: datetime | None = None) -> bool:
        """Whether no backup was made yet today (local time): start-up backs up once a day."""
        if self._db.read_only:  # nothing is ever written into a read-only workspace
            return False
        today = (now or datetime.now().astimezone()).date()
        # A copy made before an upgrade holds the database alone: it does not count.
        return not any(
            b.kind == "archive" and b.created.astimezone().date() == today for b in self.list()
        )

    # --- listing and rotating ------------------------------------------------------------------

    def folders(self) -> builtins.list[Path]:
        """Where backups are looked for: the chosen folder, and the workspace's own."""
        chosen = self.folder()
        return [chosen] if chosen == self.default_folder else [chosen, self.default_folder]

    def list(self) -> list[Backup]:
        """Every backup, newest first; a damaged file is left out (and left alone)."""
        return backups_in(self.folders())

    def find(self, backup_id: str) -> Backup:
        """The backup with this id (or a file name, or the start of an id, if only one fits)."""
        return find_backup(self.list(), backup_id)

    def preview(self, backup_id: str) -> Backup:
        """What a backup holds, its manifest checked against the file (before a restore)."""
        backup = self.find(backup_id)
        if backup.kind == "archive":
            return describe(backup.path, archive_format.read_manifest(backup.path))
        workspace_snapshot.check(backup.path)
        return backup

    def rotate(self, now: datetime | None = None) -> builtins.list[Backup]:
        """Delete the backups the rule lets go of; the ones deleted."""
        listed = self.list()
        keep = to_keep(
            [Kept(b.id + str(b.path), b.created.astimezone(), b.size) for b in listed],
            now or datetime.now().astimezone(),
            self.limit_bytes(),
        )
        gone = []
        for backup in listed:
            if backup.id + str(backup.path) not in keep:
                try:
                    backup.path.unlink()
                except OSError as exc:
                    log.warning("Old backup %s not deleted: %s", backup.path, exc)
                    continue
                gone.append(backup)
        return gone

    # --- restoring -----------------------------------------------------------------------------

    def restore(
        self, backup_id: str, progress: Progress | None = None, cancelled: Stop | None = None
    ) -> Restored:
        """Put the backup back in place of the current workspace, which is backed up first.

        The services over this workspace hold what they read (the profile, the undo history):
        the face reopens the workspace after a restore.
        """
        backup = self.preview(backup_id)
        return self.restore_file(backup.path, progress, cancelled, listed=backup)

    def restore_file(
        self,
        source: Path,
        progress: Progress | None = None,
        cancelled: Stop | None = None,
        *,
        listed: Backup | None = None,
    ) -> Restored:
        """Put a workspace file (or a database copy) back in place of this workspace."""
        if self._db.read_only:
            raise read_only_error(self.workspace)
        report = progress or _nothing
        remove_stale_staging(self.workspace, "restore")
        staging = working_name(self.workspace / "restore")
        try:
            staging.mkdir(mode=0o700)
            if listed is not None and listed.kind == "database":
                shutil.copyfile(source, staging / archive_format.DATABASE)
                manifest: ArchiveManifest | None = None
                report(0.4)
            else:
                manifest = archive_format.extract(source, staging, share(report, 0, 0.4), cancelled)
            workspace_snapshot.check(staging / archive_format.DATABASE)
            if listed is not None:
                restored = listed
            else:
                assert manifest is not None
                restored = describe(source, manifest)
            if not workspace_snapshot.page_sizes_match(
                staging / archive_format.DATABASE, self._db.connection()
            ):
                raise InvalidInput(
                    _("This backup's database cannot replace this one. Nothing was changed.")
                )
            try:
                safety = self.create(
                    Reason.BEFORE_RESTORE, share(report, 0.4, 0.4), cancelled, rotate=False
                )
            except FocalPointError as exc:
                raise InvalidInput(
                    _(
                        "The current workspace could not be backed up first, so nothing was "
                        "restored: {reason}"
                    ).format(reason=exc)
                ) from exc
            self._swap(staging, manifest)
            report(1.0)
        except OSError as exc:
            raise InvalidInput(
                _("The backup could not be restored: {reason}. Nothing was changed.").format(
                    reason=os_reason(exc)
                )
            ) from exc
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        log.info("Restored %s (the state before: %s)", source, safety.path)
        return Restored(restored, safety)

    def _swap(self, staging: Path, manifest: ArchiveManifest | None) -> None:
        """Files first (extra files harm nothing), the database in one transaction, then the
        files the restored database no longer names are removed."""
        with self._db.reading() as conn:
            values = settings_store.read_all(conn)
        current = {k: values.get(k, "") for k in (FOLDER_SETTING, LIMIT_SETTING) if k in values}
        attachments = self.workspace / archive_format.ATTACHMENTS
        submissions = self.workspace / archive_format.SUBMISSIONS
        replace_after: list[tuple[Path, Path]] = []
        if manifest is not None:
            for folder in (attachments, submissions):
                folder.mkdir(mode=0o700, exist_ok=True)
            for member in manifest.members:
                if member.path == archive_format.DATABASE:
                    continue
                staged, target = staging / member.path, self.workspace / member.path
                if not target.exists():
                    place(staged, target)
                elif _differs(target, member):
                    replace_after.append((staged, target))  # the current database names it
        workspace_snapshot.put_back(
            staging / archive_format.DATABASE, self._db.connection(), self._db.path
        )
        # Where backups go and their limit belong to this computer, not to the backup; written
        # only where they differ, so that a restore leaves the data as the backup holds it.
        with self._db.transaction() as conn:
            restored = settings_store.read_all(conn)
            settings_store.write(
                conn,
                {key: value for key, value in current.items() if restored.get(key, "") != value},
            )
        if manifest is None:
            return
        for staged, target in replace_after:
            place(staged, target)
        named = {m.path for m in manifest.members}
        for folder in (attachments, submissions):
            for path in _files(folder):
                if f"{folder.name}/{path.name}" not in named:
                    with contextlib.suppress(OSError):
                        path.unlink()


def backups_in(folders: Iterable[Path]) -> list[Backup]:
    """The backups in ``folders``, newest first (also where a damaged workspace cannot say
    which folder it chose: its own is looked in)."""
    found: dict[Path, Backup] = {}
    for folder in folders:
        try:
            names = sorted(os.listdir(folder))
        except OSError:  # the USB stick is not plugged in: its backups are not listed
            continue
        for name in names:
            path = folder / name
            backup = _listed(path)
            if backup is not None:
                found[path.resolve()] = backup
    return sorted(found.values(), key=lambda b: (b.created_at, b.id), reverse=True)


def find_backup(listed: Sequence[Backup], backup_id: str) -> Backup:
    """The backup with this id (or a file name, or the start of an id, if only one fits)."""
    wanted = backup_id.strip()
    exact = [b for b in listed if wanted in (b.id, b.path.name)]
    matches = exact or [b for b in listed if wanted and b.id.startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFound(
            _("There is no backup {id}. `focalpoint backup list` shows them.").format(id=backup_id)
        )
    raise InvalidInput(
        _("More than one backup starts with {id}: {ids}.").format(
            id=backup_id, ids=", ".join(b.id for b in matches)
        )
    )


def remove_stale_staging(folder: Path, name: str) -> None:
    """Remove the staging folders (``.name.<id>.part``) a killed restore or import left in
    ``folder``: each can hold a whole unpacked workspace. One younger than an hour may be
    another process's restore under way, and is left."""
    import time

    for left in folder.glob(f".{name}.*.part"):
        with contextlib.suppress(OSError):
            if left.is_dir() and time.time() - left.stat().st_mtime > 3600:
                shutil.rmtree(left, ignore_errors=True)


def _files(folder: Path) -> list[Path]:
    """FocalPoint's files in a folder (attachments, submissions): no working file, nor another
    program's (a backup holding one could not be read back; a restore leaves them be)."""
    try:
        entries = sorted(folder.iterdir())
    except FileNotFoundError:
        return []
    return [p for p in entries if p.is_file() and archive_format.keeps(folder.name, p.name)]


def _differs(kept: Path, member: archive_format.Member) -> bool:
    """Whether the workspace's file is not the backup's. Evidence is named by its hash and
    checked when it came in: the same name and size is the same file, which spares hashing
    hundreds of megabytes at every restore. A submission is hashed (a few files)."""
    if kept.stat().st_size != member.size:
        return True
    if member.path.startswith(archive_format.ATTACHMENTS + "/"):
        return False
    return _sha256(kept) != member.sha256


def _sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as reader:
        while chunk := reader.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def describe(path: Path, manifest: ArchiveManifest) -> Backup:
    """A workspace file as listed, from its manifest."""
    match = _ARCHIVE.fullmatch(path.name)
    folders = [m.path.partition("/")[0] for m in manifest.members]
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    return Backup(
        id=match.group(1) if match else path.stem,
        path=path,
        created_at=_utc(manifest.created_at),
        reason=manifest.reason,
        size=size,
        counts=dict(manifest.counts),
        country=manifest.country,
        schema_revision=manifest.schema_revision,
        app_version=manifest.app_version,
        attachments=folders.count(archive_format.ATTACHMENTS),
        submission_files=folders.count(archive_format.SUBMISSIONS),
    )


def _utc(text: str) -> str:
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        when = datetime(1970, 1, 1, tzinfo=UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat(timespec="milliseconds")


def _listed(path: Path) -> Backup | None:
    """The backup at ``path``, or None for another file or one that cannot be read."""
    try:
        if _ARCHIVE.fullmatch(path.name):
            return describe(path, archive_format.read_manifest(path))
        copy = _UPGRADE_COPY.fullmatch(path.name)
        if copy:
            facts = workspace_snapshot.read_facts(path)
            when = datetime.strptime(copy.group(1), _STAMP).replace(tzinfo=UTC)
            return Backup(
                id=f"{copy.group(1)}-{Reason.UPGRADE.value}",
                path=path,
                created_at=when.isoformat(timespec="milliseconds"),
                reason=Reason.UPGRADE,
                size=path.stat().st_size,
                counts=facts.counts,
                kind="database",
                country=facts.country,
                schema_revision=facts.revision,
            )
    except (FocalPointError, OSError, ValueError):
        log.warning("Not a readable backup, left alone: %s", path)
    return None
