"""The workspace file's reader, given hostile files: each refused with a reason, none unpacked."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from focalpoint.domain.errors import PackageRefused
from focalpoint.package.workspace_archive import (
    MANIFEST,
    ArchiveManifest,
    extract,
    read_manifest,
    write_archive,
)

SHA_A = hashlib.sha256(b"evidence").hexdigest()


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    db = tmp_path / "db"
    db.write_bytes(b"SQLite format 3\x00" + b"\x00" * 1000)
    evidence = tmp_path / SHA_A
    evidence.write_bytes(b"evidence")
    package = tmp_path / "FocalPoint-SV-001.zip"
    package.write_bytes(b"PK package")
    about = ArchiveManifest("0.1.0", "2026-12-04T00:00:00+00:00", "SV", "0006", "on_demand", {})
    target = tmp_path / "ws.zip"
    write_archive(target, db, [evidence], [package], about)
    return target


def rewritten(
    source: Path,
    target: Path,
    change: Callable[[str, bytes], bytes],
    manifest: Callable[[dict[str, object]], None] | None = None,
    extra: dict[str, bytes] | None = None,
) -> Path:
    """A copy of ``source`` with members changed, the manifest's hashes made to match them
    (a forger's work), then ``manifest`` applied to it."""
    with zipfile.ZipFile(source) as old:
        members = {n: old.read(n) for n in old.namelist() if n != MANIFEST}
        described = json.loads(old.read(MANIFEST))
    members = {n: change(n, d) for n, d in members.items()}
    for item in described["members"]:
        data = members[item["path"]]
        item["size"], item["sha256"] = len(data), hashlib.sha256(data).hexdigest()
    if manifest is not None:
        manifest(described)
    with zipfile.ZipFile(target, "w") as new:
        for name, data in {**members, **(extra or {})}.items():
            new.writestr(name, data)
        new.writestr(MANIFEST, json.dumps(described))
    return target


def test_a_good_archive_lists_and_unpacks(archive: Path, tmp_path: Path) -> None:
    listed = read_manifest(archive)
    assert listed.country == "SV" and len(listed.members) == 3
    extract(archive, tmp_path / "out")
    assert (tmp_path / "out" / "attachments" / SHA_A).read_bytes() == b"evidence"


def _names(change: str) -> Callable[[dict[str, object]], None]:
    def apply(described: dict[str, object]) -> None:
        members = described["members"]
        assert isinstance(members, list)
        members[-1]["path"] = change

    return apply


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../outside", "bad_name"),
        ("/etc/passwd", "bad_name"),
        ("submissions/../../x", "bad_name"),
        ("submissions/.hidden", "bad_name"),
        ("attachments/not-a-hash", "bad_name"),
        ("C:\\\\windows", "bad_name"),
    ],
)
def test_a_member_outside_the_three_shapes_is_refused(
    archive: Path, tmp_path: Path, name: str, reason: str
) -> None:
    bad = rewritten(archive, tmp_path / "bad.zip", lambda _n, d: d, extra={name: b"x"})
    with pytest.raises(PackageRefused) as refused:
        read_manifest(bad)
    assert refused.value.reason == reason and "Nothing was changed" in str(refused.value)


def test_lies_in_the_manifest_are_refused(archive: Path, tmp_path: Path) -> None:
    cases: list[tuple[Callable[[dict[str, object]], None], str]] = [
        (lambda d: d.update(format_version=2), "unknown_version"),
        (lambda d: d.update(format="something-else"), "manifest"),
        (lambda d: d["members"].pop(), "member_extra"),  # type: ignore[attr-defined]
        (lambda d: d["members"][0].update(size=5), "member_changed"),  # type: ignore[index]
        (lambda d: d["members"].append(dict(d["members"][0])), "duplicate"),  # type: ignore[attr-defined,index]
        (lambda d: d.update(counts=[1]), "manifest"),
    ]
    for lie, reason in cases:
        bad = rewritten(archive, tmp_path / "bad.zip", lambda _n, d: d, lie)
        with pytest.raises(PackageRefused) as refused:
            read_manifest(bad)
        assert refused.value.reason == reason, lie


def test_evidence_whose_bytes_are_not_its_name_is_refused(archive: Path, tmp_path: Path) -> None:
    def swap(name: str, data: bytes) -> bytes:
        return b"something else" if name.startswith("attachments/") else data

    bad = rewritten(archive, tmp_path / "bad.zip", swap)
    with pytest.raises(PackageRefused) as refused:
        read_manifest(bad)
    assert refused.value.reason == "member_changed"


def test_a_duplicate_zip_entry_and_garbage_are_refused(archive: Path, tmp_path: Path) -> None:
    twice = tmp_path / "twice.zip"
    twice.write_bytes(archive.read_bytes())
    with zipfile.ZipFile(twice, "a") as again, pytest.warns(UserWarning):
        again.writestr("focalpoint.db", b"another")
    with pytest.raises(PackageRefused) as refused:
        read_manifest(twice)
    assert refused.value.reason == "duplicate"
    garbage = tmp_path / "garbage.zip"
    garbage.write_bytes(b"not a zip at all" * 100)
    with pytest.raises(PackageRefused, match="damaged or cut short"):
        read_manifest(garbage)


def test_every_single_byte_cut_is_refused(archive: Path, tmp_path: Path) -> None:
    data = archive.read_bytes()
    cut = tmp_path / "cut.zip"
    for length in range(0, len(data), max(1, len(data) // 60)):
        cut.write_bytes(data[:length])
        with pytest.raises(PackageRefused):
            extract(cut, tmp_path / f"out-{length}")
