"""Hand-made archives for the attack tests: an independent ZIP writer and parser.

Written from the PKWARE APPNOTE, not from ``canonical_zip``, so that it can build what
FocalPoint's writer refuses to (bad names, links, compressed members, overlapping entries) and so
that ``test_raw_builder_reproduces_the_writer`` is a second opinion on the canonical layout.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from focalpoint.package import manifest as manifest_format
from focalpoint.package.envelope import MANIFEST_TYPE, Envelope, pae
from focalpoint.package.keys import public_of
from focalpoint.package.writer import MemberSource, WrittenPackage, write_package

LOCAL = struct.Struct("<IHHHHHIIIHH")
CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
END = struct.Struct("<IHHHHIIH")
STORED, DEFLATED = 0, 8
REGULAR_FILE = 0o100644 << 16
SYMLINK = 0o120777 << 16
UNIX_20 = (3 << 8) | 20

MOMENT = datetime(2025, 3, 1, 10, 0, 6, tzinfo=UTC)
PREVIOUS = "ab" * 32
SEQUENCE = 7
MEMBERS: tuple[tuple[str, str, bytes], ...] = (
    ("README.txt", "text/plain", b"FocalPoint submission for SV, number 7.\n"),
    (
        "data/submission.json",
        "application/json",
        b'{\n "country": "SV",\n "actions": [{"code": "1.1", "state": "done"}]\n}\n',
    ),
    ("csv/actions.csv", "text/csv", b"code,state\r\n1.1,done\r\n1.2,en curso\r\n"),
)


# ----- the header and packages written by FocalPoint itself


def header(sequence: int = SEQUENCE, previous: str | None = PREVIOUS, **over: Any) -> dict:
    document = {
        "format": manifest_format.FORMAT,
        "format_version": manifest_format.FORMAT_VERSION,
        "schema_version": manifest_format.SCHEMA_VERSION,
        "country": "SV",
        "sequence": sequence,
        "previous_sha256": previous,
        "created_at": MOMENT.isoformat(),
        "plan": {"code": "RCM-2025", "version": "1"},
        "signer": {"name": "Ana Pérez"},
    }
    document.update(over)
    return document


def write(
    path: Path,
    key: Ed25519PrivateKey,
    members: tuple[tuple[str, str, bytes], ...] = MEMBERS,
    moment: datetime = MOMENT,
    **header_over: Any,
) -> WrittenPackage:
    sources = [MemberSource(name, media, data) for name, media, data in members]
    return write_package(path, header(**header_over), sources, key, moment)


# ----- an independent writer


def dos_stamp(moment: datetime) -> tuple[int, int]:
    """APPNOTE 4.4.6: MS-DOS time and date, two-second resolution."""
    time = moment.hour * 2048 + moment.minute * 32 + moment.second // 2
    date = (moment.year - 1980) * 512 + moment.month * 32 + moment.day
    return time, date


def _bytes(name: str | bytes) -> bytes:
    return name if isinstance(name, bytes) else name.encode("utf-8")


@dataclass
class RawEntry:
    """One member; every field a writer could get wrong can be set by hand."""

    name: str | bytes
    data: bytes  # as stored in the archive (compressed when method is DEFLATED)
    method: int = STORED
    external: int = REGULAR_FILE
    uncompressed_size: int | None = None  # len(data) unless given
    crc: int | None = None  # crc32(data) unless given
    central_name: str | bytes | None = None  # the local header's name unless given
    central_method: int | None = None
    offset: int | None = None  # where the central entry says the local header is
    extra: dict[str, int] = field(default_factory=dict)


def raw_zip(
    entries: list[RawEntry], moment: datetime = MOMENT, prefix: bytes = b"", comment: bytes = b""
) -> bytes:
    """A ZIP file as APPNOTE describes it; with defaults, exactly FocalPoint's layout.

    ``prefix`` is put before the first member *and* counted in every offset, as a
    self-extracting archive's stub would be.
    """
    time, date = dos_stamp(moment)
    out = bytearray(prefix)
    central = bytearray()
    for entry in entries:
        name = _bytes(entry.name)
        crc = zlib.crc32(entry.data) if entry.crc is None else entry.crc
        size = len(entry.data)
        full = size if entry.uncompressed_size is None else entry.uncompressed_size
        offset = len(out)
        out += LOCAL.pack(
            0x04034B50, 20, 0, entry.method, time, date, crc, size, full, len(name), 0
        )
        out += name + entry.data
        central_name = name if entry.central_name is None else _bytes(entry.central_name)
        method = entry.method if entry.central_method is None else entry.central_method
        central += CENTRAL.pack(
            0x02014B50,
            UNIX_20,
            20,
            0,
            method,
            time,
            date,
            crc,
            size,
            full,
            len(central_name),
            0,
            0,
            0,
            0,
            entry.external,
            offset if entry.offset is None else entry.offset,
        )
        central += central_name
    start = len(out)
    out += central
    count = len(entries)
    out += END.pack(0x06054B50, 0, 0, count, count, len(central), start, len(comment)) + comment
    return bytes(out)


def stored(members: list[tuple[str | bytes, bytes]]) -> list[RawEntry]:
    return [RawEntry(name, data) for name, data in members]


# ----- an independent parser, to find where each field of a package lies


@dataclass(frozen=True)
class Placed:
    name: str
    local: int  # offset of the local header
    data: int  # offset of the member's bytes
    size: int
    central: int  # offset of the central-directory entry


@dataclass(frozen=True)
class Layout:
    members: tuple[Placed, ...]
    cd_offset: int
    cd_size: int
    end: int  # offset of the end record

    def member(self, name: str) -> Placed:
        return next(m for m in self.members if m.name == name)

    @property
    def names(self) -> list[str]:
        return [m.name for m in self.members]


def layout(data: bytes) -> Layout:
    end = len(data) - END.size
    signature, _, _, _, count, cd_size, cd_offset, _ = END.unpack_from(data, end)
    assert signature == 0x06054B50
    members = []
    position = cd_offset
    for _ in range(count):
        fields = CENTRAL.unpack_from(data, position)
        name_length = fields[10]
        name = data[position + CENTRAL.size : position + CENTRAL.size + name_length].decode()
        local = fields[16]
        members.append(Placed(name, local, local + LOCAL.size + name_length, fields[9], position))
        position += CENTRAL.size + name_length + fields[11] + fields[12]
    return Layout(tuple(members), cd_offset, cd_size, end)


def contents(data: bytes) -> list[tuple[str, bytes]]:
    """Every member's name and bytes, in order, read through the layout."""
    return [(m.name, data[m.data : m.data + m.size]) for m in layout(data).members]


def flip(data: bytes, offset: int, mask: int = 0xFF) -> bytes:
    changed = bytearray(data)
    changed[offset] ^= mask
    return bytes(changed)


def put(data: bytes, offset: int, value: bytes) -> bytes:
    return data[:offset] + value + data[offset + len(value) :]


def repair_crc(data: bytes, name: str) -> bytes:
    """Recompute a member's CRC-32 in its local header and its central entry, as an attacker
    who edits a member in place would."""
    placed = layout(data).member(name)
    crc = struct.pack("<I", zlib.crc32(data[placed.data : placed.data + placed.size]))
    return put(put(data, placed.local + 14, crc), placed.central + 16, crc)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ----- forging manifests and signatures


def sign_manifest(
    document: dict, key: Ed25519PrivateKey, key_id: str | None = None, kind: str = MANIFEST_TYPE
) -> tuple[bytes, bytes]:
    """The manifest's bytes and a DSSE envelope over them, signed by ``key``."""
    manifest = manifest_format.encode(document)
    envelope = Envelope(
        kind, manifest, key_id or public_of(key).key_id, key.sign(pae(kind, manifest))
    )
    return manifest, envelope.to_bytes()


def package_bytes(
    members: list[tuple[str | bytes, bytes]],
    manifest: bytes,
    signature: bytes,
    moment: datetime = MOMENT,
) -> bytes:
    """A canonical archive of ``members`` followed by the given manifest and signature."""
    return raw_zip(
        stored(
            [
                *members,
                (manifest_format.MANIFEST_NAME, manifest),
                (manifest_format.SIGNATURE_NAME, signature),
            ]
        ),
        moment,
    )
