"""The one ZIP layout a package may have, written and read byte for byte.

Every member is *stored* (no compression) with fixed header fields, no extra fields, no comments
and no data descriptors, so the whole file follows from its members' names, contents and one
timestamp. The reader re-derives every header byte and compares: a flipped byte anywhere — in a
header, in a member, in the central directory — is either a content change (caught by the hashes
in the manifest) or a header that is not the canonical one (caught here). Stored members also make
decompression bombs impossible: a member is never larger on disk than in the archive.

Deflate would make JSON smaller, but a deflate stream can change in its padding bits without
changing what it inflates to, and zlib versions differ in what they write, so the reader could
not re-derive it. Packages are mostly attachments (PDF, JPEG), which do not compress anyway.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import BinaryIO

from focalpoint.domain.errors import PackageRefused
from focalpoint.i18n import _

LOCAL_SIGNATURE = 0x04034B50
CENTRAL_SIGNATURE = 0x02014B50
END_SIGNATURE = 0x06054B50
_LOCAL = struct.Struct("<IHHHHHIIIHH")  # 30 bytes, then the name
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")  # 46 bytes, then the name
_END = struct.Struct("<IHHHHIIH")  # 22 bytes, no comment
VERSION_NEEDED = 20  # 2.0: plain stored files and folders
VERSION_MADE_BY = (3 << 8) | 20  # Unix, 2.0: the external attributes are Unix modes
EXTERNAL_ATTRIBUTES = 0o100644 << 16  # a regular file, rw-r--r--; never a link or a folder
MAX_MEMBER_BYTES = 0xFFFFFFFF - 1  # no ZIP64: any size or offset must fit in 32 bits
MAX_ARCHIVE_BYTES = 0xFFFFFFFF
MAX_MEMBERS = 65_000  # the count field is 16 bits
MAX_NAME_BYTES = 200
CHUNK = 1 << 20

# Letters, digits, dot, dash and underscore, in folders separated by "/"; each part starts with a
# letter or digit, so no ".", "..", hidden or absolute names, no drive letters, no backslashes.
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*")


def check_member_name(name: str) -> None:
    """Refuse a member name that could land outside the folder it is unpacked into."""
    parts = name.replace("\\", "/").split("/")
    if (
        name.startswith(("/", "\\"))
        or re.match(r"^[A-Za-z]:", name)
        or ".." in parts
        or "\\" in name
    ):
        raise PackageRefused(
            "path_escape",
            _(
                "This file is not a FocalPoint package as it was made: it holds a file, {name}, "
                "that would be unpacked outside its folder, which FocalPoint never does. Do not "
                "unpack it; ask the sender for the file exactly as FocalPoint saved it."
            ).format(name=_printable(name)),
        )
    if name.endswith("/"):
        # A folder entry: what a ZIP program adds when it packs a folder again by hand.
        raise PackageRefused(
            "bad_name",
            _(
                "This file is not a FocalPoint package as it was made: it contains a folder, "
                "'{name}', that FocalPoint never puts in a package. It was probably unpacked and "
                "packed again with another program, so its signature no longer vouches for it. "
                "Ask the sender for the file exactly as FocalPoint saved it."
            ).format(name=_printable(name)),
        )
    if len(name.encode("utf-8")) > MAX_NAME_BYTES or not _NAME.fullmatch(name):
        raise PackageRefused("bad_name", _unknown_name(name))


def _unknown_name(name: str) -> str:
    return _(
        "This file is not a FocalPoint package as it was made: it contains a file named "
        "'{name}', a name FocalPoint never gives. It was changed after it was saved, or made by "
        "another program. Ask the sender for the file exactly as FocalPoint saved it."
    ).format(name=_printable(name))


def dos_stamp(moment: datetime) -> tuple[int, int]:
    """ZIP's (time, date) fields for a moment, in UTC; two-second resolution, years 1980-2107."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    year = min(max(moment.year, 1980), 2107)
    time = (moment.hour << 11) | (moment.minute << 5) | (moment.second // 2)
    date = ((year - 1980) << 9) | (moment.month << 5) | moment.day
    return time, date


def _local_header(name: bytes, crc: int, size: int, stamp: tuple[int, int]) -> bytes:
    return (
        _LOCAL.pack(
            LOCAL_SIGNATURE, VERSION_NEEDED, 0, 0, stamp[0], stamp[1], crc, size, size, len(name), 0
        )
        + name
    )


def _central_header(name: bytes, crc: int, size: int, offset: int, stamp: tuple[int, int]) -> bytes:
    return (
        _CENTRAL.pack(
            CENTRAL_SIGNATURE,
            VERSION_MADE_BY,
            VERSION_NEEDED,
            0,
            0,
            stamp[0],
            stamp[1],
            crc,
            size,
            size,
            len(name),
            0,
            0,
            0,
            0,
            EXTERNAL_ATTRIBUTES,
            offset,
        )
        + name
    )


@dataclass(frozen=True)
class WrittenMember:
    name: str
    size: int
    sha256: str


class CanonicalZipWriter:
    """Writes members one after another into a seekable file, hashing them as they stream."""

    def __init__(self, out: BinaryIO, moment: datetime) -> None:
        self._out = out
        self._stamp = dos_stamp(moment)
        self._central: list[bytes] = []
        self._names: set[str] = set()
        self.members: list[WrittenMember] = []

    def add_bytes(self, name: str, data: bytes) -> WrittenMember:
        return self.add_stream(name, iter((data,)))

    def add_stream(
        self, name: str, chunks: Iterator[bytes], on_bytes: Callable[[int], None] | None = None
    ) -> WrittenMember:
        """Add one member from ``chunks``; its header is written first, then patched."""
        check_member_name(name)
        if name.lower() in self._names:
            raise ValueError(f"member {name} written twice")
        encoded = name.encode("ascii")
        offset = self._out.tell()
        self._out.write(_local_header(encoded, 0, 0, self._stamp))
        crc, size, digest = 0, 0, hashlib.sha256()
        for chunk in chunks:
            self._out.write(chunk)
            crc = zlib.crc32(chunk, crc)
            digest.update(chunk)
            size += len(chunk)
            if size > MAX_MEMBER_BYTES:
                raise ValueError(f"member {name} is over 4 GiB")
            if on_bytes is not None:
                on_bytes(len(chunk))
        end = self._out.tell()
        self._out.seek(offset)
        self._out.write(_local_header(encoded, crc, size, self._stamp))
        self._out.seek(end)
        self._central.append(_central_header(encoded, crc, size, offset, self._stamp))
        self._names.add(name.lower())
        member = WrittenMember(name, size, digest.hexdigest())
        self.members.append(member)
        return member

    def finish(self) -> None:
        """Write the central directory and the end record; the archive is then complete."""
        start = self._out.tell()
        for header in self._central:
            self._out.write(header)
        size = self._out.tell() - start
        count = len(self._central)
        if count > MAX_MEMBERS or self._out.tell() + _END.size > MAX_ARCHIVE_BYTES:
            raise ValueError("archive too large for a package")
        self._out.write(_END.pack(END_SIGNATURE, 0, 0, count, count, size, start, 0))


@dataclass(frozen=True)
class Entry:
    """One member as the central directory describes it (already checked as canonical)."""

    name: str
    offset: int  # of its data
    size: int
    crc: int


def read_entries(source: BinaryIO, file_size: int) -> list[Entry]:
    """Every member of a canonical archive, in order; refuses any byte out of place.

    Checks the end record, every central-directory entry and every local header against what the
    writer would have produced, and that the members fill the file with no gap or overlap.
    """
    if file_size < _END.size:
        raise _truncated()
    if file_size > MAX_ARCHIVE_BYTES:
        raise PackageRefused(
            "too_large",
            _(
                "This file is larger than any package FocalPoint makes (4 GiB), so it is not "
                "one. Check that you chose the right file."
            ),
        )
    source.seek(file_size - _END.size)
    end = _END.unpack(source.read(_END.size))
    signature, disk, cd_disk, count_here, count, cd_size, cd_offset, comment = end
    if signature != END_SIGNATURE:
        raise _truncated()
    if (disk, cd_disk, comment) != (0, 0, 0) or count_here != count:
        raise _not_canonical(_("the end of the archive"))
    if cd_offset + cd_size != file_size - _END.size:
        raise _truncated()
    if cd_size > count * (_CENTRAL.size + MAX_NAME_BYTES):
        raise _not_canonical(_("the archive's table of contents"))
    source.seek(cd_offset)
    directory = source.read(cd_size)
    entries: list[Entry] = []
    seen: set[str] = set()
    position = 0
    expected_offset = 0
    stamp: tuple[int, int] | None = None
    for _index in range(count):
        header = directory[position : position + _CENTRAL.size]
        if len(header) < _CENTRAL.size:
            raise _truncated()
        fields = _CENTRAL.unpack(header)
        name_length = fields[10]
        raw_name = directory[position + _CENTRAL.size : position + _CENTRAL.size + name_length]
        if len(raw_name) != name_length:
            raise _truncated()
        try:
            name = raw_name.decode("ascii")
        except UnicodeDecodeError:
            raise PackageRefused("bad_name", _unknown_name(raw_name.decode("latin-1"))) from None
        check_member_name(name)
        if name.lower() in seen:
            raise PackageRefused(
                "duplicate",
                _(
                    "This file is not a FocalPoint package as it was made: it contains the file "
                    "{name} twice. Ask the sender for the file exactly as FocalPoint saved it."
                ).format(name=name),
            )
        seen.add(name.lower())
        crc, size, offset = fields[7], fields[9], fields[16]
        stamp = stamp or (fields[5], fields[6])
        if fields[15] >> 16 & 0o170000 == 0o120000:
            raise PackageRefused(
                "link",
                _(
                    "This file is not a FocalPoint package as it was made: it contains a link, "
                    "{name}, where FocalPoint only ever puts files. Ask the sender for the file "
                    "exactly as FocalPoint saved it."
                ).format(name=name),
            )
        if fields[4] != 0:
            raise PackageRefused(
                "compressed",
                _(
                    "This file is not a FocalPoint package as it was made: its file {name} is "
                    "compressed, and FocalPoint never compresses what it puts in a package. It "
                    "was probably packed again with another program. Ask the sender for the file "
                    "exactly as FocalPoint saved it."
                ).format(name=name),
            )
        if header + raw_name != _central_header(raw_name, crc, size, offset, stamp):
            raise _not_canonical(name)
        if offset != expected_offset:
            raise _not_canonical(name)
        source.seek(offset)
        local = source.read(_LOCAL.size + name_length)
        if local != _local_header(raw_name, crc, size, stamp):
            raise _truncated() if len(local) < _LOCAL.size + name_length else _not_canonical(name)
        data_offset = offset + len(local)
        expected_offset = data_offset + size
        if expected_offset > cd_offset:
            raise _truncated()
        entries.append(Entry(name, data_offset, size, crc))
        position += _CENTRAL.size + name_length
    if position != cd_size or expected_offset != cd_offset:
        raise _not_canonical(_("the archive's table of contents"))
    return entries


def stamp_of(source: BinaryIO, entries: list[Entry]) -> tuple[int, int] | None:
    """The (time, date) every member carries, read from the first local header."""
    if not entries:
        return None
    source.seek(entries[0].offset - _LOCAL.size - len(entries[0].name))
    fields = _LOCAL.unpack(source.read(_LOCAL.size))
    return fields[4], fields[5]


def read_member(source: BinaryIO, entry: Entry, limit: int) -> bytes:
    """A small member whole (manifest, signature), refusing one over ``limit`` bytes."""
    if entry.size > limit:
        raise PackageRefused(
            "too_large",
            _(
                "The file {name} in the package is larger than FocalPoint ever makes it: the "
                "package was changed after it was saved. Ask the sender for the file again."
            ).format(name=entry.name),
        )
    source.seek(entry.offset)
    data = source.read(entry.size)
    if len(data) != entry.size or zlib.crc32(data) != entry.crc:
        raise _damaged(entry.name)
    return data


def stream_member(source: BinaryIO, entry: Entry) -> Iterator[bytes]:
    """A member in chunks, never whole in memory; checks its CRC at the end."""
    source.seek(entry.offset)
    left, crc = entry.size, 0
    while left:
        chunk = source.read(min(CHUNK, left))
        if not chunk:
            raise _truncated()
        crc = zlib.crc32(chunk, crc)
        left -= len(chunk)
        yield chunk
    if crc != entry.crc:
        raise _damaged(entry.name)


def _printable(name: str) -> str:
    return "".join(c if c.isprintable() else "?" for c in name)[:120]


def _truncated() -> PackageRefused:
    return PackageRefused(
        "truncated",
        _(
            "This file is not a complete FocalPoint package: it is cut short (a download or a "
            "copy that did not finish), or it is not a package at all. Copy it again, or ask the "
            "sender for it again."
        ),
    )


def _not_canonical(where: str) -> PackageRefused:
    return PackageRefused(
        "altered",
        altered_text().format(where=where),
    )


def _damaged(name: str) -> PackageRefused:
    return PackageRefused(
        "member_changed",
        changed_text().format(name=name),
    )


def altered_text() -> str:
    """Said when the archive around the files is not as FocalPoint writes it (``{where}``)."""
    return _(
        "The package was changed after FocalPoint saved it ({where} changed), so its signature "
        "no longer vouches for it. Ask the sender for the file again, exactly as FocalPoint "
        "saved it."
    )


def changed_text() -> str:
    """Said when a file in the package (``{name}``) is not the one signed."""
    return _(
        "The file {name} in the package was changed or damaged after the package was signed, so "
        "the package cannot be trusted. Ask the sender for the file again."
    )
