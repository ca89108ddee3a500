"""A workspace archive: a whole country workspace in one file (backups, a move to a new laptop).

A ZIP holding ``focalpoint.db`` (a consistent snapshot, made by the caller with SQLite's online
backup), ``attachments/<sha256>``, ``submissions/<name>`` and, last, ``workspace.json``: the
format and its version, the FocalPoint that wrote it, when, for which country, the schema
revision of the snapshot, a few counts to show before anything is opened, and every member's
path, size and SHA-256.

Reading assumes a hostile file: every member name is checked against the three shapes above
(no absolute path, no ``..``, no duplicates, no link, no encryption), the ZIP's entries must be
exactly the manifest's, each member is streamed within its declared size and its hash checked,
and the whole is bounded. A listing reads the manifest alone (the central directory and one
small member), never the data.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from focalpoint.domain.errors import Cancelled, PackageRefused
from focalpoint.i18n import _

FORMAT = "focalpoint-workspace"
FORMAT_VERSION = 1
MANIFEST = "workspace.json"
DATABASE = "focalpoint.db"
ATTACHMENTS = "attachments"
SUBMISSIONS = "submissions"
COUNT_NAMES = ("actions_assigned", "practices", "services", "submissions")

MAX_MANIFEST_BYTES = 64 * 1024**2
MAX_MEMBERS = 200_000
# Far above any real workspace (a large country is a few hundred MB), far below a disk filled
# by a crafted file that claims a terabyte.
MAX_TOTAL_BYTES = 64 * 1024**3
CHUNK = 1 << 20
COMPRESS_LEVEL = 1

_SHA256 = re.compile(r"[0-9a-f]{64}")
# What FocalPoint names its submissions and their encrypted copies; never hidden, never a path.
_SUBMISSION_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")

Progress = Callable[[float], None]
Stop = Callable[[], bool]


@dataclass(frozen=True)
class Member:
    path: str
    size: int
    sha256: str


@dataclass(frozen=True)
class ArchiveManifest:
    """What ``workspace.json`` says; ``counts`` by the names in ``COUNT_NAMES``."""

    app_version: str
    created_at: str
    country: str
    schema_revision: str
    reason: str
    counts: Mapping[str, int]
    members: tuple[Member, ...] = field(default=())
    format_version: int = FORMAT_VERSION

    @property
    def data_bytes(self) -> int:
        return sum(m.size for m in self.members)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": self.format_version,
            "app_version": self.app_version,
            "created_at": self.created_at,
            "country": self.country,
            "schema_revision": self.schema_revision,
            "reason": self.reason,
            "counts": {name: int(self.counts.get(name, 0)) for name in COUNT_NAMES},
            "members": [{"path": m.path, "size": m.size, "sha256": m.sha256} for m in self.members],
        }


def write_archive(
    target: Path,
    database: Path,
    attachments: Sequence[Path],
    submissions: Sequence[Path],
    about: ArchiveManifest,
    progress: Progress | None = None,
    cancelled: Stop | None = None,
) -> ArchiveManifest:
    """Write the archive into ``target`` (the caller's working file); the manifest written.

    The database compresses well and is deflated; evidence and submissions are mostly PDFs,
    images and ZIPs already, and are stored as they are, which keeps a backup at start-up fast.
    """
    sources = [(DATABASE, database, zipfile.ZIP_DEFLATED)]
    sources += [(f"{ATTACHMENTS}/{p.name}", p, zipfile.ZIP_STORED) for p in attachments]
    sources += [(f"{SUBMISSIONS}/{p.name}", p, zipfile.ZIP_STORED) for p in submissions]
    total = max(1, sum(p.stat().st_size for _name, p, _method in sources))
    done = 0
    members: list[Member] = []
    # Deflated at level 1: a third of level 6's time on a database, for a tenth more bytes
    # (55 MB: 1.2 s and 17 MB against 3.3 s and 15 MB), and a backup at start-up is waited on.
    with zipfile.ZipFile(
        target, "w", zipfile.ZIP_DEFLATED, allowZip64=True, compresslevel=COMPRESS_LEVEL
    ) as archive:
        for name, source, method in sources:
            # A name alone takes the archive's method and level; a ZipInfo, stored as it is.
            info: zipfile.ZipInfo | str = name
            if method == zipfile.ZIP_STORED:
                info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
                info.compress_type = method
                info.external_attr = 0o600 << 16
            digest = hashlib.sha256()
            size = 0
            with open(source, "rb") as reader, archive.open(info, "w", force_zip64=True) as out:
                while chunk := reader.read(CHUNK):
                    if cancelled is not None and cancelled():
                        raise Cancelled
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                    done += len(chunk)
                    if progress is not None:
                        progress(min(done / total, 1.0) * 0.99)
            members.append(Member(name, size, digest.hexdigest()))
        written = ArchiveManifest(
            app_version=about.app_version,
            created_at=about.created_at,
            country=about.country,
            schema_revision=about.schema_revision,
            reason=about.reason,
            counts=dict(about.counts),
            members=tuple(members),
        )
        text = json.dumps(written.to_json(), ensure_ascii=False, indent=1).encode("utf-8")
        archive.writestr(MANIFEST, text)
    if progress is not None:
        progress(1.0)
    return written


def _refused(reason: str, detail: str = "") -> PackageRefused:
    message = _("This is not a usable FocalPoint workspace file: {detail} Nothing was changed.")
    return PackageRefused(reason, message.format(detail=detail))


def keeps(folder: str, leaf: str) -> bool:
    """Whether the file ``leaf`` of the workspace's ``folder`` (attachments, submissions) is one
    a workspace file carries: evidence named by its hash, a submission by its name. Another
    file there (a Thumbs.db, a copy the user dropped in) is not FocalPoint's, and left alone."""
    if folder == ATTACHMENTS:
        return _SHA256.fullmatch(leaf) is not None
    return (
        folder == SUBMISSIONS and _SUBMISSION_NAME.fullmatch(leaf) is not None and ".." not in leaf
    )


def _check_name(name: str) -> None:
    """One of the three shapes a member may have; anything else (a path, ``..``) is refused."""
    if name in (MANIFEST, DATABASE):
        return
    folder, _sep, leaf = name.partition("/")
    if keeps(folder, leaf):
        return
    raise _refused("bad_name", _("it holds an unexpected file ({name}).").format(name=name[:120]))


def read_manifest(path: Path) -> ArchiveManifest:
    """The archive's manifest, checked against its ZIP entries, without reading the data."""
    try:
        with zipfile.ZipFile(path) as archive:
            return _checked_manifest(archive)
    except zipfile.BadZipFile as exc:
        raise _refused("truncated", _("it is damaged or cut short.")) from exc
    except (EOFError, ValueError, NotImplementedError, RuntimeError, zlib.error) as exc:
        raise _refused("truncated", _("it is damaged or cut short.")) from exc


def _checked_manifest(archive: zipfile.ZipFile) -> ArchiveManifest:
    entries = archive.infolist()
    if len(entries) > MAX_MEMBERS + 1:
        raise _refused("too_large", _("it holds too many files."))
    by_name: dict[str, zipfile.ZipInfo] = {}
    for entry in entries:
        _check_name(entry.filename)
        if entry.filename in by_name:
            raise _refused(
                "duplicate", _("it holds {name} twice.").format(name=entry.filename[:120])
            )
        if entry.flag_bits & 0x1:
            raise _refused("encrypted", _("a file in it is password-protected."))
        if stat.S_ISLNK(entry.external_attr >> 16):
            raise _refused("link", _("it holds a link."))
        if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _refused("compressed", _("it is compressed in an unknown way."))
        by_name[entry.filename] = entry
    info = by_name.get(MANIFEST)
    if info is None:
        raise _refused("manifest", _("it has no description (workspace.json)."))
    if info.file_size > MAX_MANIFEST_BYTES:
        raise _refused("too_large", _("its description is too large."))
    with archive.open(info) as reader:
        raw = reader.read(MAX_MANIFEST_BYTES + 1)
    if len(raw) > MAX_MANIFEST_BYTES:
        raise _refused("too_large", _("its description is too large."))
    manifest = _parse(raw)
    listed = {m.path: m for m in manifest.members}
    if len(listed) != len(manifest.members):
        raise _refused("duplicate", _("its description names a file twice."))
    if set(listed) != set(by_name) - {MANIFEST}:
        missing = sorted(set(listed) - set(by_name))
        extra = sorted(set(by_name) - set(listed) - {MANIFEST})
        name = (missing or extra)[0]
        raise _refused(
            "member_missing" if missing else "member_extra",
            _("{name} is not as its description says.").format(name=name[:120]),
        )
    if DATABASE not in listed:
        raise _refused("member_missing", _("it holds no database."))
    for member in manifest.members:
        if by_name[member.path].file_size != member.size:
            raise _refused(
                "member_changed",
                _("{name} is not as its description says.").format(name=member.path[:120]),
            )
        if member.path.startswith(ATTACHMENTS + "/") and member.path[12:] != member.sha256:
            raise _refused(
                "member_changed",
                _("{name} is not as its description says.").format(name=member.path[:120]),
            )
    if manifest.data_bytes > MAX_TOTAL_BYTES:
        raise _refused("too_large", _("it is larger than any workspace."))
    return manifest


def _parse(raw: bytes) -> ArchiveManifest:
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError
        version = data["format_version"]
        if not isinstance(version, int) or isinstance(version, bool):
            raise ValueError
        if version > FORMAT_VERSION:
            raise PackageRefused(
                "unknown_version",
                _(
                    "This workspace file was written by a newer version of FocalPoint. Install "
                    "that version to open it. Nothing was changed."
                ),
            )
        counts = data["counts"]
        if not isinstance(counts, dict):
            raise ValueError
        members = tuple(_member(item) for item in data["members"])
        texts = [data[k] for k in ("app_version", "created_at", "country", "schema_revision")]
        reason = data.get("reason", "")
        if not all(isinstance(t, str) and len(t) <= 200 for t in [*texts, reason]):
            raise ValueError
        return ArchiveManifest(
            app_version=texts[0],
            created_at=texts[1],
            country=texts[2],
            schema_revision=texts[3],
            reason=reason,
            counts={name: _count(counts.get(name, 0)) for name in COUNT_NAMES},
            members=members,
            format_version=version,
        )
    except PackageRefused:
        raise
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise _refused("manifest", _("its description cannot be read.")) from exc


def _count(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError
    return value


def _member(item: object) -> Member:
    if not isinstance(item, dict):
        raise ValueError
    path, size, sha = item["path"], item["size"], item["sha256"]
    if not isinstance(path, str) or not isinstance(sha, str) or not _SHA256.fullmatch(sha):
        raise ValueError
    _check_name(path)
    return Member(path, _count(size), sha)


def extract(
    path: Path,
    staging: Path,
    progress: Progress | None = None,
    cancelled: Stop | None = None,
) -> ArchiveManifest:
    """Unpack the archive into the empty folder ``staging``, every member checked.

    Each member is read within its declared size and its SHA-256 compared with the manifest's;
    the first difference refuses the whole file (the caller removes ``staging``).
    """
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = _checked_manifest(archive)
            (staging / ATTACHMENTS).mkdir(parents=True, exist_ok=True)
            (staging / SUBMISSIONS).mkdir(exist_ok=True)
            total = max(1, manifest.data_bytes)
            done = 0
            for member in manifest.members:
                digest = hashlib.sha256()
                size = 0
                with archive.open(member.path) as reader, open(staging / member.path, "wb") as out:
                    while chunk := reader.read(CHUNK):
                        if cancelled is not None and cancelled():
                            raise Cancelled
                        size += len(chunk)
                        if size > member.size:
                            break
                        digest.update(chunk)
                        out.write(chunk)
                        done += len(chunk)
                        if progress is not None:
                            progress(min(done / total, 1.0))
                    out.flush()
                    os.fsync(out.fileno())  # what replaces a workspace is on the disk first
                if size != member.size or digest.hexdigest() != member.sha256:
                    raise _refused(
                        "altered",
                        _("{name} has been changed or damaged.").format(name=member.path[:120]),
                    )
    except zipfile.BadZipFile as exc:
        raise _refused("truncated", _("it is damaged or cut short.")) from exc
    except (EOFError, ValueError, NotImplementedError, RuntimeError, zlib.error) as exc:
        raise _refused("truncated", _("it is damaged or cut short.")) from exc
    return manifest
