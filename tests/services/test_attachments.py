"""Evidence files: kept inside the workspace by hash, checked against their names, bounded."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.evidence import MAX_ATTACHMENT_BYTES
from focalpoint.domain.practices import Practice
from focalpoint.services.country.workspace import Workspace

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\nstartxref\n9\n%%EOF\n"


@pytest.fixture
def practice_id(ws: Workspace) -> str:
    return ws.practices.save(Practice(title="Protocolo de recepción")).id


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def png_bytes() -> bytes:
    """A real one-pixel PNG, made by Qt-free means (zlib) as any program would write it."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_an_attachment_is_kept_with_hash_size_and_type(
    ws: Workspace, practice_id: str, tmp_path: Path
) -> None:
    source = write(tmp_path, "Informe anual.pdf", PDF)
    attachment = ws.attachments.add(practice_id, source)
    assert attachment.file_name == "Informe anual.pdf"
    assert attachment.media_type == "application/pdf"
    assert attachment.size == len(PDF)
    assert attachment.sha256 == hashlib.sha256(PDF).hexdigest()
    assert ws.attachments.stored_path(attachment).read_bytes() == PDF
    source.unlink()  # the workspace keeps its own copy
    exported = ws.attachments.export(attachment, tmp_path / "copy.pdf")
    assert exported.read_bytes() == PDF
    opened = ws.attachments.open_copy(attachment)
    assert opened.name == "Informe anual.pdf" and opened.read_bytes() == PDF
    assert [a.id for a in ws.attachments.list(practice_id)] == [attachment.id]


def test_office_documents_and_images_are_recognised(
    ws: Workspace, practice_id: str, tmp_path: Path
) -> None:
    doc = ws.attachments.add(practice_id, write(tmp_path, "ficha.docx", docx_bytes()))
    assert doc.media_type.endswith("wordprocessingml.document")
    png = ws.attachments.add(practice_id, write(tmp_path, "foto.PNG", png_bytes()))
    assert png.media_type == "image/png"


def test_files_that_are_not_what_they_say_are_refused(
    ws: Workspace, practice_id: str, tmp_path: Path
) -> None:
    for name, data, words in (
        ("informe.pdf", b"MZ\x90\x00 this is a program", "not a real .pdf"),
        ("hoja.xlsx", docx_bytes(), "not a real office document"),
        ("hoja.docx", b"PK\x03\x04 broken zip", "not a real office document"),
        ("script.exe", b"MZ", "cannot be attached"),
        ("vacio.pdf", b"", "empty"),
    ):
        with pytest.raises(InvalidInput, match=words):
            ws.attachments.add(practice_id, write(tmp_path, name, data))
    assert ws.attachments.list(practice_id) == []
    assert not any((ws.attachments.folder).glob("*")) if ws.attachments.folder.exists() else True


def test_too_big_a_file_is_refused_with_the_limit(
    ws: Workspace, practice_id: str, tmp_path: Path
) -> None:
    big = tmp_path / "escaneo.pdf"
    with big.open("wb") as handle:
        handle.write(PDF)
        handle.truncate(MAX_ATTACHMENT_BYTES + 1)
    with pytest.raises(InvalidInput, match=r"at most 25\.0 MB"):
        ws.attachments.add(practice_id, big)
    with pytest.raises(InvalidInput, match="could not be read"):
        ws.attachments.add(practice_id, tmp_path / "missing.pdf")
    folder = tmp_path / "carpeta.pdf"
    folder.mkdir()
    with pytest.raises(InvalidInput, match="not a file"):
        ws.attachments.add(practice_id, folder)
    assert ws.attachments.list(practice_id) == []


def test_removing_is_recorded_and_a_damaged_copy_is_not_exported(
    ws: Workspace, practice_id: str, tmp_path: Path
) -> None:
    attachment = ws.attachments.add(practice_id, write(tmp_path, "a.pdf", PDF))
    stored = ws.attachments.stored_path(attachment)
    stored.write_bytes(PDF + b"tampered")
    with pytest.raises(InvalidInput, match="changed or damaged"):
        ws.attachments.export(attachment, tmp_path / "out.pdf")
    assert not (tmp_path / "out.pdf").exists() and not list(tmp_path.glob(".*.part"))
    ws.attachments.remove(attachment.id)
    assert ws.attachments.list(practice_id) == []
    fields = [(e.field, e.old, e.new) for e in ws.practices.history(practice_id)]
    assert ("attachment", "a.pdf", "") in fields and ("attachment", "", "a.pdf") in fields


def test_the_same_file_twice_is_refused_and_check_runs_before_keeping(
    ws: Workspace, practice_id: str, tmp_path: Path
) -> None:
    source = write(tmp_path, "a.pdf", PDF)
    ws.attachments.add(practice_id, source)
    with pytest.raises(InvalidInput, match="already attached"):
        ws.attachments.add(practice_id, write(tmp_path, "copia.pdf", PDF))
    assert len(ws.attachments.list(practice_id)) == 1
    assert not list(ws.attachments.folder.glob(".*.part"))
    with pytest.raises(InvalidInput, match=r"not a real \.pdf"):
        ws.attachments.check(write(tmp_path, "falso.pdf", b"MZ not a pdf"))
    assert ws.attachments.check(source).media_type == "application/pdf"
