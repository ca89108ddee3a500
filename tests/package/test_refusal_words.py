"""What a person reads when a package is refused: what is wrong, in words that need no
knowledge of ZIP files or signatures, and what to do about it.

Each case is a mistake that happens to real files: a package unpacked and packed again with
another program, a download cut short, a file edited after signing, a file that is not a
package at all.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from focalpoint.domain.errors import PackageRefused
from focalpoint.package.reader import verify_package
from tests.package import zipcraft
from tests.package.conftest import Pristine

# Every refusal ends by saying what to do, in one of these ways.
WHAT_TO_DO = (
    "Ask the sender for the file exactly as FocalPoint saved it.",
    "Ask the sender for the file again, exactly as FocalPoint saved it.",
    "Ask the sender for the file again.",
    "Copy it again, or ask the sender for it again.",
    "Check that you chose the right file, or ask the sender for it again.",
    "Check that you chose the right file.",
)
# Words of the format that mean nothing to a focal point.
JARGON = re.compile(r"canonical|central directory|\bmember\b|envelope|\barchive\b|replayed", re.I)


def refusal(tmp_path: Path, data: bytes) -> PackageRefused:
    path = tmp_path / "FocalPoint-SV-003-2026-11-28.zip"
    path.write_bytes(data)
    with pytest.raises(PackageRefused) as caught:
        verify_package(path)
    return caught.value


def assert_plain(message: str) -> None:
    assert message.endswith(WHAT_TO_DO), message
    assert not JARGON.search(message), message
    # "manifest" only with what it is, for whoever wants to look inside.
    assert "manifest" not in message.replace("(manifest.json)", ""), message


def repacked_by_hand(pristine: Pristine, compress: bool = False) -> bytes:
    """The package as a ZIP program packs it again after it was unpacked into a folder."""
    out = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(out, "w", method) as archive:
        archive.writestr("schema/", b"")
        for name, data in zipcraft.contents(pristine.data):
            archive.writestr(name, data)
    return out.getvalue()


def test_a_package_unpacked_and_packed_again_says_so(pristine: Pristine, tmp_path: Path) -> None:
    members = [("schema/", b""), *pristine.members]
    error = refusal(
        tmp_path, zipcraft.package_bytes(members, pristine.manifest, pristine.signature)
    )
    assert error.message == (
        "This file is not a FocalPoint package as it was made: it contains a folder, 'schema/', "
        "that FocalPoint never puts in a package. It was probably unpacked and packed again with "
        "another program, so its signature no longer vouches for it. Ask the sender for the file "
        "exactly as FocalPoint saved it."
    )
    # Packed again by Python's own zipfile, compressed: the folder is what is seen first.
    assert refusal(tmp_path, repacked_by_hand(pristine, compress=True)).reason == "bad_name"


def test_a_package_compressed_by_another_program_says_so(
    pristine: Pristine, tmp_path: Path
) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in zipcraft.contents(pristine.data):
            archive.writestr(name, data)
    error = refusal(tmp_path, out.getvalue())
    assert error.reason == "compressed"
    assert "FocalPoint never compresses what it puts in a package" in error.message
    assert_plain(error.message)


@pytest.mark.parametrize(
    ("fault", "reason", "words"),
    [
        ("cut short", "truncated", "it is cut short"),
        ("not a package", "truncated", "not a package at all"),
        ("stray file", "bad_name", "'.DS_Store', a name FocalPoint never gives"),
        ("file edited", "member_changed", "was changed or damaged after the package was signed"),
        ("file added", "member_extra", "something was added after signing"),
        ("unsigned", "signature", "This package is not signed"),
        ("no contents list", "member_missing", "it lacks the list of its contents"),
    ],
)
def test_each_refusal_says_what_is_wrong_and_what_to_do(
    fault: str, reason: str, words: str, pristine: Pristine, tmp_path: Path
) -> None:
    members = pristine.members
    if fault == "cut short":
        data = pristine.data[: len(pristine.data) // 2]
    elif fault == "not a package":
        data = b"%PDF-1.7\n" + b"x" * 4000
    elif fault == "stray file":
        data = zipcraft.package_bytes(
            [*members, (".DS_Store", b"\0")], pristine.manifest, pristine.signature
        )
    elif fault == "file edited":
        name, content = members[0]
        edited = [(name, content.replace(b"a", b"e", 1)), *members[1:]]
        data = zipcraft.package_bytes(edited, pristine.manifest, pristine.signature)
    elif fault == "file added":
        data = zipcraft.package_bytes(
            [*members, ("notes.txt", b"added later")], pristine.manifest, pristine.signature
        )
    elif fault == "unsigned":
        data = zipcraft.raw_zip(zipcraft.stored([*members, ("manifest.json", pristine.manifest)]))
    else:
        data = zipcraft.raw_zip(zipcraft.stored(members))
    error = refusal(tmp_path, data)
    assert error.reason == reason
    assert words in error.message, error.message
    assert_plain(error.message)
