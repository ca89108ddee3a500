"""The key-registration sheet read back as the Secretariat would: one page, in the sheet's
language, naming the key by fingerprint and id; the QR code's text; and the files it refuses
to write."""

from __future__ import annotations

import base64
import errno
import hashlib
import os
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from babel.dates import format_date
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    PublicFormat,
    load_pem_public_key,
)
from pypdf import PdfReader

from focalpoint.domain.errors import InvalidInput
from focalpoint.package.keys import fingerprint_of
from focalpoint.render.key_sheet import KeySheet
from focalpoint.services.common.key_sheets import qr_payload, write_key_sheet

NOT_A_KEY = "-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----\n"
TITLES = {
    "es": "Registro de la clave de firma",
    "en": "Signing key registration",
    "fr": "Enregistrement de la clé de signature",
}


def text_of(path: Path) -> str:
    """The sheet's words in reading order, wrapped lines folded to spaces."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def make_sheet(country_name: str = "Guatemala", **changes: object) -> KeySheet:
    public = Ed25519PrivateKey.generate().public_key()
    raw = public.public_bytes(Encoding.Raw, PublicFormat.Raw)
    pem = public.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo).decode("ascii")
    sheet = KeySheet(
        country_code="GT",
        country_name=country_name,
        officer_name="María José Pérez Álvarez",
        officer_title="Coordinadora de Protección de la Niñez Migrante",
        institution="Secretaría de Bienestar Social de la Presidencia",
        email="maria.perez@sbs.gob.gt",
        phone="+502 2230 1234",
        fingerprint=fingerprint_of(raw),
        key_id=hashlib.sha256(raw).hexdigest(),
        public_key_pem=pem,
        created_at="2026-11-28T10:00:00+00:00",
        replaces=(),
    )
    return replace(sheet, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize("language", ["es", "en", "fr"])
def test_the_sheet_is_one_page_in_its_language(tmp_path: Path, language: str) -> None:
    sheet = make_sheet(
        {"es": "Panamá", "en": "Panama", "fr": "Panama"}[language], country_code="PA"
    )
    path = tmp_path / f"clave-{language}.pdf"
    write_key_sheet(path, sheet, language)
    assert len(PdfReader(path).pages) == 1
    text = text_of(path)
    assert TITLES[language] in text
    for fact in (sheet.fingerprint, sheet.key_id, sheet.officer_name, sheet.country_name):
        assert fact in text
    created = format_date(datetime.fromisoformat(sheet.created_at), "long", locale=language)
    assert created in text
    pem_body = sheet.public_key_pem.splitlines()[1]
    assert pem_body in text
    assert not list(tmp_path.glob(".*.part"))


def test_spanish_and_french_sheets_are_translated_throughout(tmp_path: Path) -> None:
    write_key_sheet(tmp_path / "es.pdf", make_sheet(), "es")
    write_key_sheet(tmp_path / "fr.pdf", make_sheet(), "fr")
    spanish, french = text_of(tmp_path / "es.pdf"), text_of(tmp_path / "fr.pdf")
    for word in ("Secretaría Técnica", "Huella de la clave", "Firma", "Sello", "Cargo"):
        assert word in spanish
    for word in ("Secrétariat technique", "Empreinte de la clé", "Signature", "Cachet"):
        assert word in french
    for english in ("Send this sheet", "Key fingerprint", "Stamp", "Job title"):
        assert english not in spanish
        assert english not in french


def test_earlier_keys_are_named_only_when_there_are_some(tmp_path: Path) -> None:
    older = ("QRST-UVWX-YZ23-4567", "ABCD-EFGH-2345-67AB")
    write_key_sheet(tmp_path / "new.pdf", make_sheet(replaces=older), "en")
    text = text_of(tmp_path / "new.pdf")
    assert "Replaces" in text
    assert "QRST-UVWX-YZ23-4567, ABCD-EFGH-2345-67AB" in text  # newest first, as given
    write_key_sheet(tmp_path / "first.pdf", make_sheet(), "en")
    assert "Replaces" not in text_of(tmp_path / "first.pdf")


def test_long_names_still_fit_on_one_page(tmp_path: Path) -> None:
    sheet = make_sheet(
        institution="Secretaría de Bienestar Social de la Presidencia de la República " * 12,
        officer_title="Coordinadora Nacional " * 10,
        replaces=("QRST-UVWX-YZ23-4567",) * 12,
    )
    write_key_sheet(tmp_path / "long.pdf", sheet, "es")
    assert len(PdfReader(tmp_path / "long.pdf").pages) == 1
    assert sheet.fingerprint in text_of(tmp_path / "long.pdf")


def parse_payload(text: str) -> tuple[str, dict[str, str]]:
    head, *fields = text.split(";")
    return head, dict(field.split("=", 1) for field in fields)


def test_the_qr_text_carries_country_fingerprint_and_the_key_itself() -> None:
    sheet = make_sheet()
    payload = qr_payload(sheet)
    raw = load_pem_public_key(sheet.public_key_pem.encode()).public_bytes(
        Encoding.Raw, PublicFormat.Raw
    )
    assert payload == (
        f"FOCALPOINT-KEY:1;country=GT;fp={sheet.fingerprint};"
        f"key={base64.b64encode(raw).decode('ascii')}"
    )
    head, fields = parse_payload(payload)
    assert head == "FOCALPOINT-KEY:1"
    assert fields["country"] == "GT"
    assert fields["fp"] == sheet.fingerprint
    decoded = base64.b64decode(fields["key"], validate=True)
    assert decoded == raw
    # The key read back from the QR text is the key of the PEM, and names the same fingerprint.
    again = Ed25519PublicKey.from_public_bytes(decoded).public_bytes(Encoding.Raw, PublicFormat.Raw)
    assert again == raw
    assert fingerprint_of(again) == fields["fp"]
    assert payload.isascii() and "\n" not in payload


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"fingerprint": "AAAA-BBBB-CCCC-DDDD"}, "is not that of this public key"),
        ({"key_id": "0" * 64}, "key id is not that of this public key"),
        ({"country_code": "gt"}, "two capital letters"),
        ({"public_key_pem": NOT_A_KEY}, "does not hold a public key"),
    ],
)
def test_a_sheet_that_does_not_match_its_key_is_refused(
    tmp_path: Path, change: dict[str, str], message: str
) -> None:
    sheet = make_sheet(**change)
    with pytest.raises(InvalidInput, match=message):
        qr_payload(sheet)
    with pytest.raises(InvalidInput, match=message):
        write_key_sheet(tmp_path / "sheet.pdf", sheet, "es")
    assert list(tmp_path.iterdir()) == []


def test_a_fingerprint_typed_in_lower_case_is_the_same_fingerprint(tmp_path: Path) -> None:
    sheet = make_sheet()
    typed = replace(sheet, fingerprint=sheet.fingerprint.lower().replace("-", " "))
    assert qr_payload(typed) == qr_payload(sheet)
    write_key_sheet(tmp_path / "sheet.pdf", typed, "en")
    assert sheet.fingerprint in text_of(tmp_path / "sheet.pdf")


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    in_the_way = tmp_path / "not-a-folder"
    in_the_way.write_text("a file, where the sheet's folder should be")
    with pytest.raises(InvalidInput) as refused:
        write_key_sheet(in_the_way / "clave.pdf", make_sheet(), "es")
    message = str(refused.value)
    assert "cannot be written" in message
    assert "part of the path is not a folder" in message
    assert "Errno" not in message
    assert [p.name for p in tmp_path.iterdir()] == ["not-a-folder"]

    folder = tmp_path / "clave.pdf"
    folder.mkdir()
    with pytest.raises(InvalidInput, match="is not a file"):
        write_key_sheet(folder, make_sheet(), "es")
    assert list(folder.iterdir()) == []


def test_a_failed_rename_keeps_the_earlier_sheet_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "clave.pdf"
    write_key_sheet(target, make_sheet(), "es")
    before = target.read_bytes()

    def full_disk(src: object, dst: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(InvalidInput, match="the disk is full"):
        write_key_sheet(target, make_sheet(), "es")
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["clave.pdf"]


def test_the_refusal_speaks_the_interface_language(tmp_path: Path) -> None:
    from focalpoint.i18n import set_language

    set_language("es")
    with pytest.raises(InvalidInput) as refused:
        write_key_sheet(tmp_path / "no-existe" / "clave.pdf", make_sheet(), "fr")
    assert "no se puede escribir" in str(refused.value)
    assert "la carpeta o el archivo no existe" in str(refused.value)


@pytest.mark.parametrize(("target", "message"), [("", "file name"), ("/", "file name")])
def test_the_sheet_needs_a_file_name(target: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        write_key_sheet(Path(target), make_sheet(), "es")


def test_an_unknown_language_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="Unknown language"):
        write_key_sheet(tmp_path / "x.pdf", make_sheet(), "pt")
    assert list(tmp_path.iterdir()) == []
