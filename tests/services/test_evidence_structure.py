"""Evidence is checked to its end, not only by its first bytes: a PDF header followed by a
program, an office file that is not a sound archive, an image with something after it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.practices import Practice
from focalpoint.services.country.workspace import Workspace
from tests.services.test_attachments import PDF, docx_bytes, png_bytes

# What a Windows program starts with, and enough of one to be more than a header.
PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(range(256)) * 64 + b"This program..."


SAMSUNG_TRAILER = (
    b"\x00\x00\x01\x0a\x0e\x00\x00\x00Image_UTC_Data1700000000000"
    + b"SEFH\x6a\x00\x00\x00\x01\x00\x00\x00\x00\x00\x01\x0a\x2f\x00\x00\x00\x2f\x00\x00\x00"
    + b"\x3b\x00\x00\x00SEFT"
)


def motion_photo(video: bytes) -> bytes:
    """A phone's motion photo: a JPEG whose XMP names the video after it, then the video."""
    xmp = (
        b'<Container:Directory><rdf:Seq><rdf:li rdf:parseType="Resource"><Container:Item '
        b'Item:Mime="video/mp4" Item:Semantic="MotionPhoto" Item:Length="%d" '
        b'Item:Padding="0"/></rdf:li></rdf:Seq></Container:Directory>' % len(video)
    )
    app1 = b"\xff\xe1" + (len(xmp) + 2).to_bytes(2, "big") + xmp
    return b"\xff\xd8" + app1 + b"\xff\xdb" + bytes(64) + b"\xff\xd9" + video


MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00\x00\x10\x00mdat" + bytes(4088)


@pytest.fixture
def practice_id(ws: Workspace) -> str:
    return ws.practices.save(Practice(title="Protocolo de recepción")).id


def odt_bytes(mimetype: str = "application/vnd.oasis.opendocument.text") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def ooxml_without_content_types() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("informe.pdf", b"%PDF-1.7\n" + PROGRAM, "not a sound .pdf file"),
        ("informe.pdf", PDF + PROGRAM, "not a sound .pdf file"),
        ("cortado.pdf", PDF[: len(PDF) // 2], "not a sound .pdf file"),
        ("foto.png", png_bytes() + PROGRAM, "not a sound .png file"),
        ("foto.jpg", b"\xff\xd8\xff\xe0" + bytes(64) + b"\xff\xd9" + PROGRAM, "sound .jpg"),
        ("anim.gif", b"GIF89a" + bytes(32) + PROGRAM, "not a sound .gif file"),
        ("video.jpg", motion_photo(PROGRAM), "not a sound .jpg file"),  # no video there
        ("ficha.docx", docx_bytes() + PROGRAM, "not a real office document"),
        ("ficha.docx", PROGRAM + docx_bytes(), "not a real .docx file"),
        ("ficha.docx", ooxml_without_content_types(), "not a real office document"),
        ("acta.odt", odt_bytes("application/x-msdownload"), "not a real office document"),
    ],
    ids=[
        "pdf-header-then-program",
        "pdf-then-program",
        "pdf-cut-short",
        "png-then-program",
        "jpeg-then-program",
        "gif-without-trailer",
        "motion-photo-of-a-program",
        "docx-then-program",
        "program-then-docx",
        "ooxml-without-content-types",
        "odt-of-another-type",
    ],
)
def test_files_unsound_past_their_first_bytes_are_refused_by_name(
    ws: Workspace, practice_id: str, tmp_path: Path, name: str, data: bytes, words: str
) -> None:
    source = tmp_path / name
    source.write_bytes(data)
    with pytest.raises(InvalidInput, match=words) as refusal:
        ws.attachments.add(practice_id, source)
    assert f"'{name}'" in refusal.value.message and "Nothing was attached" in refusal.value.message
    with pytest.raises(InvalidInput, match=words):
        ws.attachments.check(source)  # the form's check, before the practice is saved
    assert ws.attachments.list(practice_id) == []


def test_sound_files_are_kept(ws: Workspace, practice_id: str, tmp_path: Path) -> None:
    for name, data in (
        ("informe.pdf", PDF + b"\n\n"),  # blank lines after %%EOF: written so by some tools
        ("ficha.docx", docx_bytes()),
        ("acta.odt", odt_bytes()),
        ("foto.png", png_bytes()),
        ("foto.jpg", b"\xff\xd8\xff\xe0" + bytes(64) + b"\xff\xd9"),
        # A Samsung phone's photo: its own trailer after the image (UTC time, then "SEFT").
        ("galaxy.jpg", b"\xff\xd8\xff\xe1" + bytes(64) + b"\xff\xd9" + SAMSUNG_TRAILER),
        ("pixel.jpg", motion_photo(MP4)),  # a Pixel's motion photo: its video after it
        ("anim.gif", b"GIF89a" + bytes(32) + b";"),
    ):
        (tmp_path / name).write_bytes(data)
        ws.attachments.add(practice_id, tmp_path / name)
    assert len(ws.attachments.list(practice_id)) == 8


def test_a_large_file_is_checked_without_being_read_whole(
    ws: Workspace, practice_id: str, tmp_path: Path
) -> None:
    scan = tmp_path / "escaneo.pdf"
    with scan.open("wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(20 * 1024 * 1024)  # sparse: 20 MB of nothing, then the trailer
        handle.seek(0, 2)
        handle.write(b"\nstartxref\n9\n%%EOF\n")
    assert ws.attachments.check(scan).media_type == "application/pdf"
