"""Attacks on a signed submission package, each with real keys on real files.

The verifier must refuse every change to a package, name a sensible reason, say something a
person can read, never write a byte, and never inflate anything. The pristine package comes from
``write_package`` itself; the attacks are built by hand (see ``zipcraft``) because FocalPoint's
writer refuses to make them.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import shutil
import struct
import subprocess
import time
import tracemalloc
import zipfile
import zlib
from collections import Counter
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from focalpoint.domain.errors import InvalidInput, PackageRefused
from focalpoint.package import keys
from focalpoint.package import manifest as manifest_format
from focalpoint.package.envelope import Envelope, pae
from focalpoint.package.keys import public_of
from focalpoint.package.reader import ChainPoint, verify_package
from tests.package import zipcraft
from tests.package.conftest import Pristine, Signer
from tests.package.zipcraft import RawEntry, flip, put, raw_zip, repair_crc

REASONS = {
    "truncated",
    "altered",
    "too_large",
    "bad_name",
    "path_escape",
    "duplicate",
    "link",
    "compressed",
    "member_changed",
    "member_missing",
    "member_extra",
    "manifest",
    "unknown_version",
    "signature",
    "wrong_key",
    "replayed",
    "forked",
}
# What a change to the archive's structure (not to a member's bytes) may be called.
STRUCTURAL = {"altered", "truncated", "compressed", "link", "bad_name", "path_escape", "duplicate"}

LOCAL_FIELDS = {
    "signature": 0,
    "version": 4,
    "flags": 6,
    "method": 8,
    "time": 10,
    "date": 12,
    "crc": 14,
    "compressed_size": 18,
    "size": 22,
    "name_length": 26,
    "extra_length": 28,
    "name": 30,
}
CENTRAL_FIELDS = {
    "signature": 0,
    "made_by": 4,
    "version": 6,
    "flags": 8,
    "method": 10,
    "time": 12,
    "date": 14,
    "crc": 16,
    "compressed_size": 20,
    "size": 24,
    "name_length": 28,
    "extra_length": 30,
    "comment_length": 32,
    "disk": 34,
    "internal": 36,
    "external": 38,
    "offset": 42,
    "name": 46,
}
END_FIELDS = {
    "signature": 0,
    "disk": 4,
    "cd_disk": 6,
    "count_here": 8,
    "count": 10,
    "cd_size": 12,
    "cd_offset": 16,
    "comment_length": 20,
}
# The reasons a one-bit change of a header field may get (for any member).
LOCAL_REASON = {field: {"altered"} for field in LOCAL_FIELDS}
CENTRAL_REASON = {
    **{field: {"altered"} for field in CENTRAL_FIELDS},
    "method": {"compressed"},
    # The last entry's name then runs past the end of the table of contents.
    "name_length": {"altered", "truncated"},
}
END_REASON = {
    "signature": {"truncated"},
    "disk": {"altered"},
    "cd_disk": {"altered"},
    "count_here": {"altered"},
    "count": {"altered"},
    "cd_size": {"truncated"},
    "cd_offset": {"truncated"},
    "comment_length": {"altered"},
}
PROBED = ("README.txt", "csv/actions.csv", "manifest.json", "signature.json")


def refused(path: Path, **kwargs: object) -> PackageRefused:
    with pytest.raises(PackageRefused) as caught:
        verify_package(path, **kwargs)  # type: ignore[arg-type]
    error = caught.value
    assert error.reason in REASONS
    assert error.message.strip(), error.reason
    assert str(error) == error.message
    assert "{" not in error.message, error.message  # every placeholder filled in
    return error


def refused_bytes(tmp_path: Path, data: bytes, **kwargs: object) -> PackageRefused:
    path = tmp_path / "attack.zip"
    path.write_bytes(data)
    return refused(path, **kwargs)


def _entries(pristine: Pristine) -> list[RawEntry]:
    """The pristine package's members as editable raw entries (manifest and signature last)."""
    return zipcraft.stored(
        [
            *pristine.members,
            ("manifest.json", pristine.manifest),
            ("signature.json", pristine.signature),
        ]
    )


def reason_of(path: Path, data: bytes) -> str:
    """Write ``data`` to ``path`` and verify it: the reason, or "ACCEPTED"."""
    path.write_bytes(data)
    try:
        verify_package(path)
    except PackageRefused as error:
        assert error.message.strip()
        return error.reason
    return "ACCEPTED"


# ===== 1. the untouched package


def test_untouched_package_verifies(pristine: Pristine, signer: Signer, tmp_path: Path) -> None:
    verified = verify_package(pristine.path)
    assert verified.fingerprint == signer.fingerprint
    assert verified.key_id == signer.public.key_id
    assert verified.size == len(pristine.data) == pristine.path.stat().st_size
    assert verified.sha256 == pristine.sha256 == hashlib.sha256(pristine.data).hexdigest()
    assert verified.gap == 0
    assert [(m.path, m.size) for m in verified.members] == [
        (name, len(data)) for name, _media, data in zipcraft.MEMBERS
    ]
    assert [m.sha256 for m in verified.members] == [
        hashlib.sha256(data).hexdigest() for _name, _media, data in zipcraft.MEMBERS
    ]
    assert [m.media_type for m in verified.members] == [m for _n, m, _d in zipcraft.MEMBERS]
    manifest = verified.manifest
    assert (manifest.country, manifest.sequence, manifest.previous_sha256) == (
        "SV",
        zipcraft.SEQUENCE,
        zipcraft.PREVIOUS,
    )
    assert manifest.created_at == zipcraft.MOMENT
    assert manifest.signer_name == "Ana Pérez"
    assert manifest.key_raw == signer.public.raw
    # The layout is exactly the listed members, then the manifest and its signature.
    assert pristine.layout.names == [m[0] for m in zipcraft.MEMBERS] + [
        "manifest.json",
        "signature.json",
    ]


@pytest.mark.parametrize(
    "typed",
    [
        lambda fp: fp,
        lambda fp: fp.lower(),
        lambda fp: fp.replace("-", " ").lower(),
        lambda fp: "  " + fp.replace("-", "") + " ",
    ],
    ids=["as shown", "lower case", "spaces", "run together"],
)
def test_trusted_fingerprint_as_a_person_types_it(
    pristine: Pristine, signer: Signer, typed
) -> None:
    verified = verify_package(pristine.path, trusted=[typed(signer.fingerprint)])
    assert verified.fingerprint == signer.fingerprint
    # Among others, too.
    verify_package(pristine.path, trusted=["AAAA-BBBB-CCCC-DDDD", typed(signer.fingerprint)])


def test_verified_hash_is_sha256sum_of_the_file(pristine: Pristine) -> None:
    verified = verify_package(pristine.path)
    if shutil.which("sha256sum"):
        output = subprocess.run(
            ["sha256sum", str(pristine.path)], capture_output=True, text=True, check=True
        ).stdout
        assert output.split()[0] == verified.sha256
    assert verified.sha256 == hashlib.sha256(pristine.path.read_bytes()).hexdigest()


def test_stdlib_zipfile_reads_the_package(pristine: Pristine) -> None:
    with zipfile.ZipFile(pristine.path) as archive:
        assert archive.testzip() is None
        infos = archive.infolist()
        assert [i.filename for i in infos] == pristine.layout.names
        for info in infos:
            assert info.compress_type == zipfile.ZIP_STORED
            assert info.external_attr >> 16 == 0o100644
            assert info.date_time == (2025, 3, 1, 10, 0, 6)
            assert not info.extra and not info.comment
        assert archive.comment == b""
        for name, _media, data in zipcraft.MEMBERS:
            assert archive.read(name) == data
        assert archive.read("manifest.json") == pristine.manifest


@pytest.mark.skipif(shutil.which("unzip") is None, reason="unzip is not installed")
def test_unzip_tests_the_package_clean(pristine: Pristine) -> None:
    result = subprocess.run(
        ["unzip", "-t", str(pristine.path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No errors detected" in result.stdout
    for name in pristine.layout.names:
        assert f"testing: {name}" in result.stdout


def test_raw_builder_reproduces_the_writer(pristine: Pristine) -> None:
    """The independent writer in ``zipcraft`` makes the very same bytes: a second opinion on the
    canonical layout, and the guarantee that the attacks below change only what they say."""
    rebuilt = zipcraft.package_bytes(pristine.members, pristine.manifest, pristine.signature)
    assert rebuilt == pristine.data


# ===== 2. attacks: member bytes, manifest, signature


@pytest.mark.parametrize("name", [m[0] for m in zipcraft.MEMBERS])
@pytest.mark.parametrize("where", ["first", "middle", "last"])
def test_flipped_byte_in_member_data(
    pristine: Pristine, tmp_path: Path, name: str, where: str
) -> None:
    placed = pristine.layout.member(name)
    offset = placed.data + {"first": 0, "middle": placed.size // 2, "last": placed.size - 1}[where]
    changed = flip(pristine.data, offset, 0x01)
    assert refused_bytes(tmp_path, changed).reason == "member_changed"
    # The attacker who also repairs the CRC-32 meets the signed SHA-256.
    error = refused_bytes(tmp_path, repair_crc(changed, name))
    assert error.reason == "member_changed"
    assert name in error.message


def test_flipped_byte_in_manifest(pristine: Pristine, tmp_path: Path) -> None:
    placed = pristine.layout.member("manifest.json")
    start = pristine.data.index(b'"country": "SV"', placed.data) + len('"country": "S')
    changed = put(pristine.data, start, b"X")  # "SV" -> "SX"
    # As it is, the CRC-32 in the headers gives it away first...
    assert refused_bytes(tmp_path, changed).reason == "member_changed"
    # ...and with the CRC-32 repaired, the signature does.
    assert refused_bytes(tmp_path, repair_crc(changed, "manifest.json")).reason == "signature"


def test_flipped_byte_in_signature(pristine: Pristine, tmp_path: Path) -> None:
    placed = pristine.layout.member("signature.json")
    sig = pristine.data.index(b'"sig": "', placed.data) + len('"sig": "') + 10
    changed = put(pristine.data, sig, b"A" if pristine.data[sig : sig + 1] != b"A" else b"B")
    assert refused_bytes(tmp_path, changed).reason == "member_changed"
    assert refused_bytes(tmp_path, repair_crc(changed, "signature.json")).reason == "signature"


@pytest.mark.parametrize("name", ["manifest.json", "signature.json"])
def test_every_byte_of_manifest_and_signature_with_crc_repaired(
    pristine: Pristine, tmp_path: Path, name: str
) -> None:
    """An attacker who edits the signed documents in place and fixes the CRC-32 each time: no
    single changed byte gets past the signature (or the version check, which comes first)."""
    placed = pristine.layout.member(name)
    path = tmp_path / "attack.zip"
    seen = Counter(
        reason_of(path, repair_crc(flip(pristine.data, offset, 0x01), name))
        for offset in range(placed.data, placed.data + placed.size)
    )
    allowed = (
        {"signature", "unknown_version", "manifest"} if name == "manifest.json" else {"signature"}
    )
    assert set(seen) <= allowed, seen


# ===== 2. attacks: the archive's headers


@pytest.mark.parametrize("member", PROBED)
@pytest.mark.parametrize("field", list(LOCAL_FIELDS))
def test_flipped_bit_in_local_header(
    pristine: Pristine, tmp_path: Path, member: str, field: str
) -> None:
    offset = pristine.layout.member(member).local + LOCAL_FIELDS[field]
    error = refused_bytes(tmp_path, flip(pristine.data, offset, 0x01))
    assert error.reason in LOCAL_REASON[field]


@pytest.mark.parametrize("member", PROBED)
@pytest.mark.parametrize("field", list(CENTRAL_FIELDS))
def test_flipped_bit_in_central_directory(
    pristine: Pristine, tmp_path: Path, member: str, field: str
) -> None:
    offset = pristine.layout.member(member).central + CENTRAL_FIELDS[field]
    mask = 0x08 if field == "method" else 0x01  # stored (0) -> deflated (8)
    error = refused_bytes(tmp_path, flip(pristine.data, offset, mask))
    assert error.reason in CENTRAL_REASON[field]


@pytest.mark.parametrize("field", list(END_FIELDS))
@pytest.mark.parametrize("mask", [0x01, 0x80])
def test_flipped_bit_in_end_record(
    pristine: Pristine, tmp_path: Path, field: str, mask: int
) -> None:
    error = refused_bytes(
        tmp_path, flip(pristine.data, pristine.layout.end + END_FIELDS[field], mask)
    )
    assert error.reason in END_REASON[field]


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        (0o100755, "altered"),  # executable
        (0o100666, "altered"),  # world-writable
        (0o040755, "altered"),  # a folder
        (0o120777, "link"),  # a symbolic link
        (0o020644, "altered"),  # a character device
    ],
)
@pytest.mark.parametrize("member", ["README.txt", "csv/actions.csv", "signature.json"])
def test_external_attributes_changed(
    pristine: Pristine, tmp_path: Path, member: str, mode: int, reason: str
) -> None:
    offset = pristine.layout.member(member).central + CENTRAL_FIELDS["external"]
    changed = put(pristine.data, offset, struct.pack("<I", mode << 16))
    assert refused_bytes(tmp_path, changed).reason == reason


def test_timestamps_changed_everywhere_alike(pristine: Pristine, tmp_path: Path) -> None:
    """Every header re-dated consistently: the archive is canonical, but its date is not the
    signed creation time."""
    later = struct.pack("<HH", *zipcraft.dos_stamp(zipcraft.MOMENT + timedelta(days=1)))
    changed = pristine.data
    for placed in pristine.layout.members:
        changed = put(changed, placed.local + LOCAL_FIELDS["time"], later)
        changed = put(changed, placed.central + CENTRAL_FIELDS["time"], later)
    assert refused_bytes(tmp_path, changed).reason == "altered"
    # The same bytes written from scratch, to be sure nothing else differs.
    rebuilt = zipcraft.package_bytes(
        pristine.members, pristine.manifest, pristine.signature, zipcraft.MOMENT + timedelta(1)
    )
    assert rebuilt == changed


def test_member_renamed_in_both_headers(pristine: Pristine, tmp_path: Path) -> None:
    members = [("README.TXT" if n == "README.txt" else n, d) for n, d in pristine.members]
    data = zipcraft.package_bytes(members, pristine.manifest, pristine.signature)
    assert refused_bytes(tmp_path, data).reason == "member_missing"


@pytest.mark.parametrize(
    "length",
    [0, 1, 4, 21, 22, 23, 30, 100, "half", "cd_offset", "cd_offset+1", "end-1", "end", "end+21"],
)
def test_truncated(pristine: Pristine, tmp_path: Path, length: int | str) -> None:
    at = {
        "half": len(pristine.data) // 2,
        "cd_offset": pristine.layout.cd_offset,
        "cd_offset+1": pristine.layout.cd_offset + 1,
        "end-1": pristine.layout.end - 1,
        "end": pristine.layout.end,
        "end+21": pristine.layout.end + 21,
    }.get(length, length)  # type: ignore[call-overload]
    assert refused_bytes(tmp_path, pristine.data[:at]).reason == "truncated"


def test_empty_file_and_not_a_zip(tmp_path: Path) -> None:
    assert refused_bytes(tmp_path, b"").reason == "truncated"
    assert refused_bytes(tmp_path, b"%PDF-1.7\n" + bytes(500)).reason == "truncated"


@pytest.mark.parametrize(
    "tail",
    [b"\x00", b"\n", b"PK", bytes(1000), b"PK\x05\x06" + bytes(18)],
    ids=["nul", "newline", "PK", "1000 zeros", "an empty end record"],
)
def test_bytes_appended(pristine: Pristine, tmp_path: Path, tail: bytes) -> None:
    assert refused_bytes(tmp_path, pristine.data + tail).reason == "truncated"


def test_end_record_repeated(pristine: Pristine, tmp_path: Path) -> None:
    data = pristine.data + pristine.data[pristine.layout.end :]
    assert refused_bytes(tmp_path, data).reason == "truncated"


def test_zip_comment_added(pristine: Pristine, tmp_path: Path) -> None:
    """A well-formed comment (its length in the end record), which every unzip accepts."""
    comment = b"approved by the Secretariat"
    data = put(pristine.data, pristine.layout.end + 20, struct.pack("<H", len(comment)))
    data += comment
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.comment == comment  # still a valid ZIP for everyone else
    assert refused_bytes(tmp_path, data).reason in {"truncated", "altered"}


@pytest.mark.parametrize(
    "head",
    [
        pytest.param(b"\x00", id="nul"),
        pytest.param(b"MZ" + bytes(62), id="exe stub"),
        pytest.param(None, id="another whole zip"),
    ],
)
def test_bytes_prepended(pristine: Pristine, tmp_path: Path, head: bytes | None) -> None:
    if head is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as other:
            other.writestr("hello.txt", b"hello")
        head = buffer.getvalue()
    assert refused_bytes(tmp_path, head + pristine.data).reason == "truncated"


def test_prepended_stub_with_every_offset_shifted(pristine: Pristine, tmp_path: Path) -> None:
    """A self-extractor: a stub in front and all offsets adjusted, so zipfile reads it fine."""
    data = raw_zip(_entries(pristine), prefix=b"MZ" + bytes(126))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert archive.read("manifest.json") == pristine.manifest
    assert refused_bytes(tmp_path, data).reason == "altered"


# ===== 2. attacks: members swapped, added, removed, duplicated


@pytest.mark.parametrize(
    "replacement",
    [
        b'{\n "country": "SV",\n "actions": [{"code": "1.1", "state": "todo"}]\n}\n',  # same size
        b'{"country": "SV", "actions": []}',
        b"",
    ],
    ids=["same size", "other size", "emptied"],
)
def test_member_swapped(pristine: Pristine, tmp_path: Path, replacement: bytes) -> None:
    members = [(n, replacement if n == "data/submission.json" else d) for n, d in pristine.members]
    data = zipcraft.package_bytes(members, pristine.manifest, pristine.signature)
    error = refused_bytes(tmp_path, data)
    assert error.reason == "member_changed"
    assert "data/submission.json" in error.message


def test_member_swapped_with_stdlib_zipfile(pristine: Pristine, tmp_path: Path) -> None:
    """The same swap done the way anyone would: rewrite the archive with Python's zipfile."""
    path = tmp_path / "attack.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for name, data in zipcraft.contents(pristine.data):
            if name == "data/submission.json":
                data = data.replace(b"done", b"todo")
            archive.writestr(_canonical_info(name), data)
    assert refused(path).reason == "member_changed"
    # With zipfile's default headers (version made by, attributes) the layout is caught first.
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for name, data in zipcraft.contents(pristine.data):
            archive.writestr(zipfile.ZipInfo(name, (2025, 3, 1, 10, 0, 6)), data)
    assert refused(path).reason == "altered"


def test_members_reordered(pristine: Pristine, tmp_path: Path) -> None:
    members = pristine.members
    members[0], members[1] = members[1], members[0]
    data = zipcraft.package_bytes(members, pristine.manifest, pristine.signature)
    assert refused_bytes(tmp_path, data).reason == "altered"


def test_manifest_and_signature_swapped_round(pristine: Pristine, tmp_path: Path) -> None:
    data = raw_zip(
        zipcraft.stored(
            [
                *pristine.members,
                ("signature.json", pristine.signature),
                ("manifest.json", pristine.manifest),
            ]
        )
    )
    assert refused_bytes(tmp_path, data).reason == "altered"


@pytest.mark.parametrize("position", [0, 1, 3, 4, 5], ids=lambda p: f"at {p}")
def test_extra_member(pristine: Pristine, tmp_path: Path, position: int) -> None:
    everything = [
        *pristine.members,
        ("manifest.json", pristine.manifest),
        ("signature.json", pristine.signature),
    ]
    everything.insert(position, ("evil/payload.exe", b"MZ\x90\x00 not listed"))
    data = raw_zip(zipcraft.stored(everything))
    error = refused_bytes(tmp_path, data)
    assert error.reason == "member_extra"
    assert "evil/payload.exe" in error.message


@pytest.mark.parametrize("name", [m[0] for m in zipcraft.MEMBERS])
def test_missing_member(pristine: Pristine, tmp_path: Path, name: str) -> None:
    members = [(n, d) for n, d in pristine.members if n != name]
    data = zipcraft.package_bytes(members, pristine.manifest, pristine.signature)
    error = refused_bytes(tmp_path, data)
    assert error.reason == "member_missing"
    assert name in error.message


def test_missing_manifest_or_signature(pristine: Pristine, tmp_path: Path) -> None:
    without_manifest = raw_zip(
        zipcraft.stored([*pristine.members, ("signature.json", pristine.signature)])
    )
    assert refused_bytes(tmp_path, without_manifest).reason == "member_missing"
    without_signature = raw_zip(
        zipcraft.stored([*pristine.members, ("manifest.json", pristine.manifest)])
    )
    assert refused_bytes(tmp_path, without_signature).reason == "signature"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("README.txt", "README.txt"),
        ("README.txt", "readme.TXT"),
        ("manifest.json", "manifest.json"),
        ("signature.json", "SIGNATURE.json"),
    ],
)
def test_duplicated_member_name(
    pristine: Pristine, tmp_path: Path, first: str, second: str
) -> None:
    everything = [
        *pristine.members,
        ("manifest.json", pristine.manifest),
        ("signature.json", pristine.signature),
    ]
    index = [n for n, _ in everything].index(first)
    everything.insert(index + 1, (second, everything[index][1]))
    error = refused_bytes(tmp_path, raw_zip(zipcraft.stored(everything)))
    assert error.reason == "duplicate"
    assert second in error.message


def _canonical_info(name: str) -> zipfile.ZipInfo:
    """A ZipInfo for which Python's zipfile writes FocalPoint's very headers."""
    info = zipfile.ZipInfo(name, (2025, 3, 1, 10, 0, 6))
    info.create_system, info.create_version, info.extract_version = 3, 20, 20
    info.external_attr = zipcraft.REGULAR_FILE
    return info


def test_stdlib_zipfile_can_write_the_canonical_layout(pristine: Pristine, tmp_path: Path) -> None:
    """So the zipfile-made attacks below differ from a package only where they say."""
    path = tmp_path / "copy.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for name, data in zipcraft.contents(pristine.data):
            archive.writestr(_canonical_info(name), data)
    assert path.read_bytes() == pristine.data


def test_duplicated_member_with_stdlib_zipfile(tmp_path: Path) -> None:
    path = tmp_path / "attack.zip"
    with (
        pytest.warns(UserWarning, match="Duplicate name"),
        zipfile.ZipFile(path, "w") as archive,
    ):
        archive.writestr(_canonical_info("data.json"), b"{}")
        archive.writestr(_canonical_info("data.json"), b'{"evil": 1}')
    assert refused(path).reason == "duplicate"
    # With zipfile's own default headers the first entry is already not FocalPoint's.
    with (
        pytest.warns(UserWarning, match="Duplicate name"),
        zipfile.ZipFile(path, "w") as archive,
    ):
        archive.writestr("data.json", b"{}")
        archive.writestr("data.json", b'{"evil": 1}')
    assert refused(path).reason == "altered"


# ===== 2. attacks: names, links, compression


ESCAPES = [
    "../evil",
    "/etc/passwd",
    "C:/x",
    "a\\b",
    "..\\evil",
    "data/../../evil",
    "data/..",
    "..",
    "C:evil",
    "\\\\server\\share\\x",
    "/",
]
BAD_NAMES = [
    "",
    ".hidden",
    "data/",
    "a//b",
    "./a",
    "data/./a",
    "na me",
    "-rf",
    "x" * 201,
    "a\x00b",
    "tab\there",
    "new\nline",
]


def _zipfile_archive(path: Path, info: zipfile.ZipInfo, data: bytes) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(info, data)
    return path


@pytest.mark.parametrize("name", ESCAPES)
def test_path_escape_with_stdlib_zipfile(tmp_path: Path, name: str) -> None:
    path = _zipfile_archive(tmp_path / "attack.zip", zipfile.ZipInfo(name), b"owned")
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist() == [name]  # zipfile kept the name as given
    assert refused(path).reason == "path_escape"


@pytest.mark.parametrize("name", ESCAPES)
def test_path_escape_in_an_otherwise_canonical_package(
    pristine: Pristine, tmp_path: Path, name: str
) -> None:
    """Only the name is wrong: every other byte is FocalPoint's own."""
    members = [(name if n == "csv/actions.csv" else n, d) for n, d in pristine.members]
    data = zipcraft.package_bytes(members, pristine.manifest, pristine.signature)
    error = refused_bytes(tmp_path, data)
    assert error.reason == "path_escape"
    assert all(c.isprintable() for c in error.message)


@pytest.mark.parametrize("name", BAD_NAMES, ids=repr)
def test_bad_names(pristine: Pristine, tmp_path: Path, name: str) -> None:
    members = [(name if n == "csv/actions.csv" else n, d) for n, d in pristine.members]
    data = zipcraft.package_bytes(members, pristine.manifest, pristine.signature)
    error = refused_bytes(tmp_path, data)
    assert error.reason == "bad_name"
    assert all(c.isprintable() for c in error.message), error.message


@pytest.mark.parametrize("name", ["café.txt", "данные.json", "a\u202etxt.exe"], ids=repr)
def test_non_ascii_names(tmp_path: Path, name: str) -> None:
    path = _zipfile_archive(tmp_path / "attack.zip", zipfile.ZipInfo(name), b"x")
    error = refused(path)
    assert error.reason == "bad_name"
    assert "\u202e" not in error.message  # no bidi override smuggled into the message


def test_symlink_with_stdlib_zipfile(tmp_path: Path) -> None:
    info = zipfile.ZipInfo("data/link")
    info.create_system = 3
    info.external_attr = zipfile_link = 0o120777 << 16
    path = _zipfile_archive(tmp_path / "attack.zip", info, b"/etc/passwd")
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("data/link").external_attr == zipfile_link
    error = refused(path)
    assert error.reason == "link"
    assert "data/link" in error.message


def test_symlink_in_an_otherwise_canonical_package(pristine: Pristine, tmp_path: Path) -> None:
    entries = _entries(pristine)
    entries[0].external = zipcraft.SYMLINK
    assert refused_bytes(tmp_path, raw_zip(entries)).reason == "link"


def test_deflated_member_with_stdlib_zipfile(tmp_path: Path) -> None:
    path = tmp_path / "attack.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data/submission.json", b'{"a": 1}' * 100)
    assert refused(path).reason == "compressed"


def test_deflated_member_in_an_otherwise_canonical_package(
    pristine: Pristine, tmp_path: Path
) -> None:
    entries = _entries(pristine)
    name, plain = pristine.members[1]
    squeezer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = squeezer.compress(plain) + squeezer.flush()
    entries[1] = RawEntry(
        name, packed, zipcraft.DEFLATED, uncompressed_size=len(plain), crc=zlib.crc32(plain)
    )
    data = raw_zip(entries)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.read(name) == plain  # a valid ZIP: the content is even the same
    assert refused_bytes(tmp_path, data).reason == "compressed"
    # Deflated in the local header only, "stored" in the central directory.
    entries[1].central_method = zipcraft.STORED
    assert refused_bytes(tmp_path, raw_zip(entries)).reason == "altered"


def _refused_quickly_and_lean(path: Path) -> PackageRefused:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        error = refused(path)
        elapsed = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < 0.5, elapsed
    assert peak < 4 << 20, peak  # nothing inflated
    return error


def test_classic_zip_bomb_from_stdlib_zipfile(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    zeros = bytes(1 << 20)
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("data/submission.json", "w") as member,
    ):
        for _ in range(128):
            member.write(zeros)
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("data/submission.json").file_size == 128 << 20
    assert path.stat().st_size * 100 < 128 << 20
    assert _refused_quickly_and_lean(path).reason == "compressed"


def test_four_gigabyte_bomb(tmp_path: Path) -> None:
    """4095 MiB of zeros in 4 MiB of deflate (identical full-flush blocks, so it costs nothing to
    build). Inflating it would take seconds and, read whole, all the memory there is."""
    squeezer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = squeezer.compress(bytes(1 << 20)) + squeezer.flush(zlib.Z_FULL_FLUSH)
    mebibytes = 4095
    stream = block * mebibytes + squeezer.flush()
    probe = zlib.decompressobj(-15)
    assert probe.decompress(stream[: 3 * len(block)], 4 << 20) == bytes(3 << 20)
    entry = RawEntry(
        "data/submission.json",
        stream,
        zipcraft.DEFLATED,
        uncompressed_size=mebibytes << 20,
        crc=0,  # an inflating reader would only find out at the very end
    )
    path = tmp_path / "bomb.zip"
    path.write_bytes(raw_zip([entry]))
    assert _refused_quickly_and_lean(path).reason == "compressed"


def test_overlapping_entries_bomb(pristine: Pristine, tmp_path: Path) -> None:
    """Fifield's non-recursive bomb: many central entries pointing at one local file."""
    single = raw_zip([RawEntry("data/00.json", pristine.members[1][1])])
    placed = zipcraft.layout(single)
    entry = single[placed.cd_offset : placed.end]  # says: data/00.json, at offset 0
    names = [f"data/{i:02d}.json".encode() for i in range(51)]
    central = b"".join(entry.replace(b"data/00.json", name) for name in names)
    end = zipcraft.END.pack(0x06054B50, 0, 0, 51, 51, len(central), placed.cd_offset, 0)
    data = single[: placed.cd_offset] + central + end
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert len(archive.namelist()) == 51  # zipfile lists them all, all at one offset
        assert {info.header_offset for info in archive.infolist()} == {0}
    assert _refused_quickly_and_lean(_write(tmp_path, data)).reason == "altered"


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "attack.zip"
    path.write_bytes(data)
    return path


def test_file_over_four_gigabytes_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.zip"
    try:
        with open(path, "wb") as handle:
            handle.truncate((4 << 30) + 1)  # sparse: no disk used
    except OSError as exc:  # pragma: no cover - file systems without sparse files
        pytest.skip(f"no sparse files here: {exc}")
    assert _refused_quickly_and_lean(path).reason == "too_large"


def test_oversized_manifest(pristine: Pristine, tmp_path: Path) -> None:
    manifest = pristine.manifest + b" " * (manifest_format.MAX_MANIFEST_BYTES + 1)
    data = zipcraft.package_bytes(pristine.members, manifest, pristine.signature)
    assert refused_bytes(tmp_path, data).reason == "too_large"


# ===== 2. attacks: versions, keys and signatures


def _forged(pristine: Pristine, document: dict, key, **kwargs) -> bytes:
    manifest, signature = zipcraft.sign_manifest(document, key, **kwargs)
    return zipcraft.package_bytes(pristine.members, manifest, signature)


def test_resigned_by_the_same_key_still_verifies(
    pristine: Pristine, signer: Signer, tmp_path: Path
) -> None:
    """The forging helper itself is sound: re-signing the very document gives the same file."""
    assert _forged(pristine, pristine.document, signer.private) == pristine.data


@pytest.mark.parametrize("version", [2, 99])
def test_unknown_format_version(
    pristine: Pristine, signer: Signer, tmp_path: Path, version: object
) -> None:
    document = {**pristine.document, "format_version": version}
    error = refused_bytes(tmp_path, _forged(pristine, document, signer.private))
    assert error.reason == "unknown_version"
    assert str(version) in error.message


@pytest.mark.parametrize("version", [0, -1, "2", "1", 1.0, True, 10**40, [[1]], {"v": 1}], ids=repr)
def test_a_version_no_focalpoint_writes_is_a_damaged_manifest(
    pristine: Pristine, signer: Signer, tmp_path: Path, version: object
) -> None:
    """Not taken for a newer format, and never echoed (it could be a thousand digits long)."""
    document = {**pristine.document, "format_version": version}
    error = refused_bytes(tmp_path, _forged(pristine, document, signer.private))
    assert error.reason == "manifest"
    assert "version" not in error.message


def test_a_manifest_nested_beyond_recursion_is_refused(
    pristine: Pristine, signer: Signer, tmp_path: Path
) -> None:
    """Signed as it is, so only the parser stands between it and a RecursionError."""
    manifest, _signature = zipcraft.sign_manifest(
        {**pristine.document, "plan": None}, signer.private
    )
    nested = manifest.replace(b"null", b"[" * 100_000 + b"]" * 100_000, 1)
    kind = zipcraft.MANIFEST_TYPE
    envelope = Envelope(
        kind, nested, public_of(signer.private).key_id, signer.private.sign(pae(kind, nested))
    )
    data = zipcraft.package_bytes(pristine.members, nested, envelope.to_bytes())
    assert refused_bytes(tmp_path, data).reason == "manifest"


@pytest.mark.parametrize(
    "change",
    [
        {"sequence": "7"},
        {"sequence": 0},
        {"previous_sha256": "AB" * 32},
        {"created_at": "2025-03-01T10:00:06"},
        {"country": None},
        {"members": [{"path": "README.txt"}]},
        {"members": "README.txt"},
        {"key": {"algorithm": "rsa"}},
        {"plan": "RCM"},
    ],
    ids=repr,
)
def test_malformed_but_signed_manifest(
    pristine: Pristine, signer: Signer, tmp_path: Path, change: dict
) -> None:
    document = {**pristine.document, **change}
    error = refused_bytes(tmp_path, _forged(pristine, document, signer.private))
    assert error.reason == "manifest"


def test_signed_by_another_key_than_the_trusted_one(
    pristine: Pristine, signer: Signer, attacker: Signer, tmp_path: Path
) -> None:
    path = tmp_path / "theirs.zip"
    zipcraft.write(path, attacker.private)
    assert verify_package(path).fingerprint == attacker.fingerprint  # a fine package...
    error = refused(path, trusted=[signer.fingerprint])  # ...from the wrong person
    assert error.reason == "wrong_key"
    assert attacker.fingerprint in error.message
    assert signer.fingerprint in error.message


@pytest.mark.parametrize("key_id", ["original", "attacker's"])
def test_resigned_by_attacker_with_the_original_public_key_left(
    pristine: Pristine, signer: Signer, attacker: Signer, tmp_path: Path, key_id: str
) -> None:
    document = {**pristine.document, "country": "GT"}
    assert document["key"]["public_key"] == signer.public.base64
    data = _forged(
        pristine,
        document,
        attacker.private,
        key_id=signer.public.key_id if key_id == "original" else attacker.public.key_id,
    )
    assert refused_bytes(tmp_path, data).reason == "signature"
    assert refused_bytes(tmp_path, data, trusted=[signer.fingerprint]).reason == "signature"


def test_resigned_by_attacker_with_their_own_key_in_the_manifest(
    pristine: Pristine, signer: Signer, attacker: Signer, tmp_path: Path
) -> None:
    key = {
        "algorithm": "ed25519",
        "id": attacker.public.key_id,
        "fingerprint": signer.fingerprint,  # the displayed field lies: only the raw key counts
        "public_key": attacker.public.base64,
    }
    data = _forged(pristine, {**pristine.document, "key": key}, attacker.private)
    assert refused_bytes(tmp_path, data, trusted=[signer.fingerprint]).reason == "wrong_key"
    # Without a trusted fingerprint it verifies, and names the real signer for the caller.
    path = tmp_path / "attack.zip"
    assert verify_package(path).fingerprint == attacker.fingerprint != signer.fingerprint


def test_signature_over_another_payload_type(
    pristine: Pristine, signer: Signer, tmp_path: Path
) -> None:
    data = _forged(
        pristine, pristine.document, signer.private, kind="application/vnd.focalpoint.receipt+json"
    )
    assert refused_bytes(tmp_path, data).reason == "signature"


def test_envelope_over_another_manifest(pristine: Pristine, signer: Signer, tmp_path: Path) -> None:
    """A genuine signature by the trusted key, but over a different manifest."""
    _other, signature = zipcraft.sign_manifest({**pristine.document, "sequence": 8}, signer.private)
    data = zipcraft.package_bytes(pristine.members, pristine.manifest, signature)
    assert refused_bytes(tmp_path, data).reason == "signature"


@pytest.mark.parametrize(
    "rewrite",
    [
        lambda e: {**e, "signatures": e["signatures"] * 2},
        lambda e: {**e, "signatures": []},
        lambda e: {**e, "extra": 1},
        lambda e: {k: v for k, v in e.items() if k != "payloadType"},
        lambda e: {**e, "payload": e["payload"] + "="},
        lambda e: {**e, "signatures": [{**e["signatures"][0], "sig": "!!"}]},
        lambda e: {
            **e,
            "signatures": [{**e["signatures"][0], "sig": base64.b64encode(bytes(64)).decode()}],
        },
    ],
    ids=["two signatures", "none", "extra field", "no type", "bad base64", "junk sig", "zero sig"],
)
def test_envelope_rewritten(pristine: Pristine, tmp_path: Path, rewrite) -> None:
    envelope = json.loads(pristine.signature)
    signature = (json.dumps(rewrite(envelope), indent=2) + "\n").encode("ascii")
    data = zipcraft.package_bytes(pristine.members, pristine.manifest, signature)
    assert refused_bytes(tmp_path, data).reason == "signature"


def test_envelope_reformatted_is_refused(pristine: Pristine, tmp_path: Path) -> None:
    """Same JSON, other whitespace: the envelope must be byte for byte FocalPoint's."""
    signature = json.dumps(json.loads(pristine.signature)).encode("ascii")
    data = zipcraft.package_bytes(pristine.members, pristine.manifest, signature)
    assert refused_bytes(tmp_path, data).reason == "signature"


# ===== 2. the chain of submissions


def test_chain(pristine: Pristine, tmp_path: Path) -> None:
    sequence, previous = zipcraft.SEQUENCE, zipcraft.PREVIOUS
    assert verify_package(pristine.path, after=ChainPoint(sequence - 1, previous)).gap == 0
    for last in (sequence, sequence + 1, sequence + 100):
        error = refused(pristine.path, after=ChainPoint(last, previous))
        assert error.reason == "replayed"
        assert str(last) in error.message
    error = refused(pristine.path, after=ChainPoint(sequence - 1, "cd" * 32))
    assert error.reason == "forked"
    # A gap is no refusal: it is reported, whatever the earlier package was.
    assert verify_package(pristine.path, after=ChainPoint(sequence - 3, "cd" * 32)).gap == 2
    assert verify_package(pristine.path, after=ChainPoint(1, previous)).gap == 5


def test_chain_of_real_packages(signer: Signer, tmp_path: Path) -> None:
    first = zipcraft.write(tmp_path / "1.zip", signer.private, sequence=1, previous=None)
    second = zipcraft.write(tmp_path / "2.zip", signer.private, sequence=2, previous=first.sha256)
    one = verify_package(tmp_path / "1.zip", trusted=[signer.fingerprint])
    two = verify_package(tmp_path / "2.zip", after=ChainPoint(1, one.sha256))
    assert (one.gap, two.gap, two.sha256) == (0, 0, second.sha256)
    assert refused(tmp_path / "1.zip", after=ChainPoint(2, two.sha256)).reason == "replayed"
    # A fork: another "number 2" naming a different first package.
    zipcraft.write(tmp_path / "2b.zip", signer.private, sequence=2, previous="0" * 64)
    assert refused(tmp_path / "2b.zip", after=ChainPoint(1, one.sha256)).reason == "forked"


def test_unreadable_path_is_invalid_input(tmp_path: Path) -> None:
    for path in (tmp_path / "missing.zip", tmp_path):
        with pytest.raises(InvalidInput) as caught:
            verify_package(path)
        assert caught.value.message.strip()


# ===== 3. nothing is written


def _snapshot(*folders: Path) -> dict[str, tuple[int, int, str]]:
    seen = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            stat = path.lstat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
            seen[str(path)] = (stat.st_size, stat.st_mtime_ns, digest)
    return seen


def test_verification_writes_nothing(
    pristine: Pristine, signer: Signer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # anything written relative to the cwd would land here
    work = tmp_path / "work"
    work.mkdir()
    good = work / "good.zip"
    good.write_bytes(pristine.data)
    bad = {
        "member": flip(pristine.data, pristine.layout.members[1].data),
        "header": flip(pristine.data, pristine.layout.members[0].local + 10),
        "escape": zipcraft.package_bytes(
            [("../evil", b"x"), *pristine.members], pristine.manifest, pristine.signature
        ),
        "truncated": pristine.data[:-5],
    }
    for name, data in bad.items():
        (work / f"{name}.zip").write_bytes(data)
    before = _snapshot(tmp_path, pristine.path.parent)
    verify_package(good, trusted=[signer.fingerprint])
    verify_package(good, after=ChainPoint(zipcraft.SEQUENCE - 1, zipcraft.PREVIOUS))
    refused(good, after=ChainPoint(zipcraft.SEQUENCE, zipcraft.PREVIOUS))
    verify_package(pristine.path)
    for name in bad:
        refused(work / f"{name}.zip")
    assert _snapshot(tmp_path, pristine.path.parent) == before
    assert good.read_bytes() == pristine.path.read_bytes() == pristine.data


# ===== 4. every single byte, exhaustively


def test_every_single_byte_flip_is_refused(pristine: Pristine, tmp_path: Path) -> None:
    """The strongest statement: no byte of the file can change alone and go unnoticed."""
    path = tmp_path / "attack.zip"
    reasons: Counter[str] = Counter()
    for mask in (0x01, 0x80, 0xFF):
        for offset in range(len(pristine.data)):
            reason = reason_of(path, flip(pristine.data, offset, mask))
            assert reason != "ACCEPTED", (offset, mask)
            reasons[reason] += 1
    assert set(reasons) <= REASONS


def test_every_end_record_byte_with_every_mask(pristine: Pristine, tmp_path: Path) -> None:
    path = tmp_path / "attack.zip"
    for offset in range(pristine.layout.end, len(pristine.data)):
        for mask in range(1, 256):
            assert reason_of(path, flip(pristine.data, offset, mask)) != "ACCEPTED", (offset, mask)


def test_every_single_byte_deletion_and_truncation(pristine: Pristine, tmp_path: Path) -> None:
    path = tmp_path / "attack.zip"
    data = pristine.data
    for offset in range(len(data)):
        assert reason_of(path, data[:offset] + data[offset + 1 :]) != "ACCEPTED", offset
        assert reason_of(path, data[:offset]) == "truncated", offset


# ===== 4. property-based


PROPERTY = settings(
    database=None,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hypothesis") / "attack.zip"


@settings(PROPERTY, max_examples=400)
@given(data=st.data())
def test_any_single_byte_flip_is_refused(pristine: Pristine, scratch: Path, data) -> None:
    offset = data.draw(st.integers(0, len(pristine.data) - 1), label="offset")
    mask = data.draw(st.integers(1, 255), label="mask")
    scratch.write_bytes(flip(pristine.data, offset, mask))
    with pytest.raises(PackageRefused) as caught:
        verify_package(scratch)
    assert caught.value.reason in REASONS and caught.value.message.strip()


def _must_refuse(scratch: Path, original: bytes, mutated: bytes) -> PackageRefused:
    assume(mutated != original)
    scratch.write_bytes(mutated)
    with pytest.raises(PackageRefused) as caught:
        verify_package(scratch)
    assert caught.value.reason in REASONS and caught.value.message.strip()
    return caught.value


@settings(PROPERTY, max_examples=200)
@given(data=st.data())
def test_overwritten_slice_is_refused(pristine: Pristine, scratch: Path, data) -> None:
    original = pristine.data
    start = data.draw(st.integers(0, len(original) - 1), label="start")
    junk = data.draw(st.binary(min_size=1, max_size=64), label="junk")
    _must_refuse(
        scratch,
        original,
        (original[:start] + junk + original[start + len(junk) :])[
            : max(len(original), start + len(junk))
        ],
    )


@settings(PROPERTY, max_examples=200)
@given(data=st.data())
def test_deleted_slice_is_refused(pristine: Pristine, scratch: Path, data) -> None:
    original = pristine.data
    start = data.draw(st.integers(0, len(original) - 1), label="start")
    length = data.draw(st.integers(1, len(original) - start), label="length")
    _must_refuse(scratch, original, original[:start] + original[start + length :])


@settings(PROPERTY, max_examples=200)
@given(data=st.data())
def test_inserted_bytes_are_refused(pristine: Pristine, scratch: Path, data) -> None:
    original = pristine.data
    at = data.draw(st.integers(0, len(original)), label="at")
    junk = data.draw(st.binary(min_size=1, max_size=64), label="junk")
    _must_refuse(scratch, original, original[:at] + junk + original[at:])


@settings(PROPERTY, max_examples=100)
@given(data=st.data())
def test_truncation_is_refused_as_truncated(pristine: Pristine, scratch: Path, data) -> None:
    length = data.draw(st.integers(0, len(pristine.data) - 1), label="length")
    error = _must_refuse(scratch, pristine.data, pristine.data[:length])
    assert error.reason == "truncated"


_PART = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,11}", fullmatch=True)
_NAME = (
    st.lists(_PART, min_size=1, max_size=3)
    .map("/".join)
    .filter(lambda n: n.lower() not in {"manifest.json", "signature.json"})
)
_MEMBERS = st.lists(
    st.tuples(_NAME, st.binary(max_size=2048)),
    min_size=0,
    max_size=6,
    unique_by=lambda m: m[0].lower(),
)
_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


@settings(PROPERTY, max_examples=40)
@given(members=_MEMBERS, signer_name=_TEXT, sequence=st.integers(1, 10**6))
def test_random_packages_verify_and_round_trip(
    signer: Signer, scratch: Path, members, signer_name: str, sequence: int
) -> None:
    written = zipcraft.write(
        scratch,
        signer.private,
        tuple((name, "application/octet-stream", data) for name, data in members),
        sequence=sequence,
        signer={"name": signer_name},
    )
    verified = verify_package(scratch, trusted=[signer.fingerprint])
    assert verified.sha256 == written.sha256 == hashlib.sha256(scratch.read_bytes()).hexdigest()
    assert verified.manifest.sequence == sequence
    assert verified.manifest.signer_name == signer_name
    assert [(m.path, m.size, m.sha256) for m in verified.members] == [
        (name, len(data), hashlib.sha256(data).hexdigest()) for name, data in members
    ]
    with zipfile.ZipFile(scratch) as archive:
        assert archive.testzip() is None
        assert [(name, archive.read(name)) for name, _ in members] == members
    assert zipcraft.contents(scratch.read_bytes())[: len(members)] == members


# ===== 5. keys


FINGERPRINT = re.compile(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){3}")


def test_wrong_passphrase(signer: Signer) -> None:
    with pytest.raises(InvalidInput) as caught:
        keys.unlock(signer.pem, signer.passphrase + "!")
    assert "passphrase" in caught.value.message
    with pytest.raises(InvalidInput):
        keys.unlock(
            b"-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n",
            signer.passphrase,
        )


@pytest.mark.parametrize("passphrase", ["", "short", "123456789"])
def test_short_passphrase_refused(passphrase: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        keys.new_key(passphrase)
    assert str(keys.MIN_PASSPHRASE) in caught.value.message
    keys.check_passphrase("x" * keys.MIN_PASSPHRASE)  # ten is enough


def test_fingerprint_format_and_stability(signer: Signer, attacker: Signer) -> None:
    fingerprint = signer.fingerprint
    assert FINGERPRINT.fullmatch(fingerprint), fingerprint
    assert fingerprint == keys.public_of(signer.private).fingerprint
    assert fingerprint == keys.fingerprint_of(signer.public.raw)
    assert fingerprint == keys.public_key_from_pem(signer.public.pem().encode()).fingerprint
    text = base64.b32encode(hashlib.sha256(signer.public.raw).digest()[:10]).decode()
    assert fingerprint.replace("-", "") == text
    assert signer.public.key_id == hashlib.sha256(signer.public.raw).hexdigest()
    assert attacker.fingerprint != fingerprint


def test_normalise_fingerprint(signer: Signer) -> None:
    assert keys.normalise_fingerprint("k3zq 7rta m2px qw4d") == "K3ZQ-7RTA-M2PX-QW4D"
    assert keys.normalise_fingerprint("K3ZQ-7RTA-M2PX-QW4D") == "K3ZQ-7RTA-M2PX-QW4D"
    assert keys.normalise_fingerprint(" k3zq7rtam2pxqw4d\n") == "K3ZQ-7RTA-M2PX-QW4D"
    typed = signer.fingerprint.lower().replace("-", " ")
    assert keys.normalise_fingerprint(typed) == signer.fingerprint


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")
def test_openssl_reads_the_locked_key(signer: Signer, tmp_path: Path) -> None:
    pem = tmp_path / "key.pem"
    pem.write_bytes(signer.pem)
    result = subprocess.run(
        ["openssl", "pkey", "-in", str(pem), "-passin", f"pass:{signer.passphrase}", "-pubout"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == signer.public.pem()
    wrong = subprocess.run(
        ["openssl", "pkey", "-in", str(pem), "-passin", "pass:not the passphrase", "-noout"],
        capture_output=True,
        check=False,
    )
    assert wrong.returncode != 0
    structure = subprocess.run(
        ["openssl", "asn1parse", "-in", str(pem)], capture_output=True, text=True, check=True
    ).stdout
    for part in ("PBES2", "PBKDF2", "hmacWithSHA256", "aes-256-cbc", f"{keys.KDF_ROUNDS:X}"):
        assert part in structure, part


# ===== bugs found by these tests, fixed since


@pytest.mark.parametrize(
    "change",
    [
        {"format_version": 2, "format": None},
        {"format_version": 2, "format": "focalpoint-submission-v2"},
        {"format": "focalpoint-receipt"},
        {"format_version": True},
    ],
    ids=["v2 without format", "v2 other format", "other document", "version true"],
)
def test_a_manifest_of_another_format_is_refused(
    pristine: Pristine, signer: Signer, tmp_path: Path, change: dict
) -> None:
    document = {**pristine.document, **change}
    if document["format"] is None:
        del document["format"]
    refused_bytes(tmp_path, _forged(pristine, document, signer.private))


def test_a_package_written_with_a_local_time_verifies(signer: Signer, tmp_path: Path) -> None:
    local = zipcraft.MOMENT.astimezone(timezone(timedelta(hours=-6)))  # Guatemala
    path = tmp_path / "local.zip"
    zipcraft.write(path, signer.private, moment=local, created_at=local.isoformat())
    verified = verify_package(path)
    assert verified.manifest.created_at == zipcraft.MOMENT


def test_utc_moment_round_trips(signer: Signer, tmp_path: Path) -> None:
    """The same moment given in UTC, as the service does, is fine."""
    moment = datetime(2031, 12, 31, 23, 59, 59, tzinfo=UTC)
    path = tmp_path / "utc.zip"
    zipcraft.write(path, signer.private, moment=moment, created_at=moment.isoformat())
    assert verify_package(path).manifest.created_at == moment


def test_no_stray_files_in_the_package_folder(pristine: Pristine) -> None:
    assert sorted(os.listdir(pristine.path.parent)) == [pristine.path.name]


def test_a_package_packed_again_by_hand_is_refused_in_plain_words(
    pristine: Pristine, tmp_path: Path
) -> None:
    """A folder entry ("schema/") is what a ZIP program adds when someone unpacks a package and
    packs it again: the refusal says so, and what to ask the country for."""
    members = [*pristine.members, ("schema/", b"")]
    data = zipcraft.package_bytes(members, pristine.manifest, pristine.signature)
    error = refused_bytes(tmp_path, data)
    assert error.reason == "bad_name"
    assert "a folder, 'schema/', that FocalPoint never puts in a package" in error.message
    assert "packed again with another program" in error.message
    assert "Ask the sender for the file exactly as FocalPoint saved it" in error.message
