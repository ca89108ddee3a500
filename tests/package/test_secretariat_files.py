"""The Secretariat key file and the receipt: real keys, real signatures, every kind of bad file."""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, datetime

import pyrage
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from focalpoint.domain.errors import InvalidInput, PackageRefused
from focalpoint.package import receipt as receipt_format
from focalpoint.package import secretariat_key as key_format
from focalpoint.package.envelope import Envelope
from focalpoint.package.keys import public_of
from focalpoint.package.receipt import read_receipt, write_receipt
from focalpoint.package.secretariat_key import (
    read_secretariat_key_file,
    write_secretariat_key_file,
)
from focalpoint.package.signed_document import seal
from tests.package.conftest import Signer

SHA = "5342758af45333c71d255796deb591db12453f899b1d74094ca332c28c406031"
WHEN = datetime(2026, 12, 3, 10, 11, 39, tzinfo=UTC)


@pytest.fixture(scope="module")
def secretariat() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture(scope="module")
def recipient() -> str:
    return str(pyrage.x25519.Identity.generate().to_public())


def key_file(secretariat: Ed25519PrivateKey, recipient: str) -> bytes:
    return write_secretariat_key_file(
        secretariat, "Secretaría Técnica de la CRM", recipient, created_at=WHEN
    )


class _Refused:
    """``with _Refused("wrong_key"):`` the block raises PackageRefused for that reason."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, error: object, _tb: object) -> bool:
        assert isinstance(error, PackageRefused), f"not refused: {error!r}"
        assert error.reason == self.reason, (error.reason, error.message)
        assert error.message and "Traceback" not in error.message
        return True


# ----- the Secretariat key file


def test_a_key_file_reads_back_as_written(secretariat: Ed25519PrivateKey, recipient: str) -> None:
    data = key_file(secretariat, recipient)
    key = read_secretariat_key_file(data)
    public = public_of(secretariat)
    assert key.name == "Secretaría Técnica de la CRM"
    assert key.public_key == public
    assert key.fingerprint == public.fingerprint
    assert key.key_id == public.key_id
    assert key.age_recipient == recipient
    assert key.created_at == WHEN
    assert key.format_version == 1
    assert key.data == data
    # The payload is the document of docs/secretariat-key-file.md, byte for byte signed.
    envelope = Envelope.from_bytes(data)
    assert envelope.payload_type == key_format.PAYLOAD_TYPE
    assert json.loads(envelope.payload)["key"]["fingerprint"] == public.fingerprint


def test_every_changed_byte_of_a_key_file_is_refused(
    secretariat: Ed25519PrivateKey, recipient: str
) -> None:
    data = key_file(secretariat, recipient)
    for position in range(len(data)):
        changed = bytearray(data)
        changed[position] ^= 0x01
        with pytest.raises(PackageRefused):
            read_secretariat_key_file(bytes(changed))


def test_a_key_file_whose_payload_was_rewritten_is_refused(
    secretariat: Ed25519PrivateKey, recipient: str, signer: Signer
) -> None:
    """Someone swaps the age recipient (to read the packages) and keeps the signature."""
    data = key_file(secretariat, recipient)
    envelope = Envelope.from_bytes(data)
    document = json.loads(envelope.payload)
    document["age_recipient"] = str(pyrage.x25519.Identity.generate().to_public())
    forged = Envelope(
        envelope.payload_type,
        (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode(),
        envelope.key_id,
        envelope.signature,
    ).to_bytes()
    with _Refused("signature"):
        read_secretariat_key_file(forged)
    # Swapping the signing key too, and signing with it, is a different key: its fingerprint
    # differs, which is what the person importing it compares by phone.
    document["key"] = {
        "algorithm": "ed25519",
        "id": signer.public.key_id,
        "fingerprint": signer.public.fingerprint,
        "public_key": signer.public.base64,
    }
    other = read_secretariat_key_file(seal(signer.private, key_format.PAYLOAD_TYPE, document))
    assert other.fingerprint != public_of(secretariat).fingerprint


def test_a_key_file_signed_by_another_key_than_it_carries_is_refused(
    secretariat: Ed25519PrivateKey, recipient: str, attacker: Signer
) -> None:
    document = json.loads(Envelope.from_bytes(key_file(secretariat, recipient)).payload)
    with _Refused("signature"):
        read_secretariat_key_file(seal(attacker.private, key_format.PAYLOAD_TYPE, document))


def test_a_key_file_of_an_unknown_version_is_told_apart(
    secretariat: Ed25519PrivateKey, recipient: str
) -> None:
    document = json.loads(Envelope.from_bytes(key_file(secretariat, recipient)).payload)
    document["format_version"] = 2
    with _Refused("unknown_version"):
        read_secretariat_key_file(seal(secretariat, key_format.PAYLOAD_TYPE, document))


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.pop("name"),
        lambda d: d.update(name="   "),
        lambda d: d.update(name="x" * 201),
        lambda d: d.update(age_recipient="age1notakey"),
        lambda d: d.update(age_recipient="AGE-SECRET-KEY-1QQQ"),
        lambda d: d.update(created_at="yesterday"),
        lambda d: d["key"].update(fingerprint="AAAA-AAAA-AAAA-AAAA"),
        lambda d: d["key"].update(algorithm="rsa"),
        lambda d: d.update(format="focalpoint-receipt"),
        lambda d: d.update(format_version="1"),
    ],
)
def test_a_signed_key_file_with_a_bad_field_is_refused(
    secretariat: Ed25519PrivateKey, recipient: str, change: object
) -> None:
    document = json.loads(Envelope.from_bytes(key_file(secretariat, recipient)).payload)
    change(document)  # type: ignore[operator]
    with _Refused("altered"):
        read_secretariat_key_file(seal(secretariat, key_format.PAYLOAD_TYPE, document))


def test_what_is_not_a_key_file_is_refused(secretariat: Ed25519PrivateKey, recipient: str) -> None:
    with _Refused("too_large"):
        read_secretariat_key_file(b" " * (key_format.MAX_BYTES + 1))
    for junk in (b"", b"{}", b"\xff\xfe", b"[" * 10_000, b"-----BEGIN PUBLIC KEY-----"):
        with _Refused("other_kind"):
            read_secretariat_key_file(junk)
    # Half a file (a copy cut short) is damaged, not another kind of file.
    whole = key_file(secretariat, recipient)
    with _Refused("altered"):
        read_secretariat_key_file(whole[: len(whole) // 2])
    a_receipt = write_receipt(secretariat, "SV", 1, SHA, "accepted")
    with _Refused("other_kind"):
        read_secretariat_key_file(a_receipt)


def test_the_writer_refuses_what_a_reader_would(secretariat: Ed25519PrivateKey) -> None:
    with pytest.raises(InvalidInput):
        write_secretariat_key_file(secretariat, " ", "age1x")
    with pytest.raises(InvalidInput):
        write_secretariat_key_file(secretariat, "TS", "AGE-SECRET-KEY-1ABC")


# ----- the receipt


def test_a_receipt_reads_back_as_written(secretariat: Ed25519PrivateKey) -> None:
    data = write_receipt(
        secretariat, "SV", 3, SHA, "returned", "Faltan las entidades del eje 3. 責任", WHEN
    )
    receipt = read_receipt(data, public_of(secretariat))
    assert (receipt.country, receipt.sequence, receipt.sha256) == ("SV", 3, SHA)
    assert receipt.decision == "returned" and not receipt.accepted
    assert receipt.reason == "Faltan las entidades del eje 3. 責任"
    assert receipt.decided_at == WHEN
    assert receipt.key_id == public_of(secretariat).key_id
    assert receipt.data == data
    accepted = read_receipt(
        write_receipt(secretariat, "SV", 4, SHA, "accepted"), public_of(secretariat)
    )
    assert accepted.accepted and accepted.reason == ""


def test_every_changed_byte_of_a_receipt_is_refused(secretariat: Ed25519PrivateKey) -> None:
    data = write_receipt(secretariat, "SV", 3, SHA, "accepted", "", WHEN)
    for position in range(len(data)):
        changed = bytearray(data)
        changed[position] ^= 0x01
        with pytest.raises(PackageRefused):
            read_receipt(bytes(changed), public_of(secretariat))


def test_a_receipt_signed_by_any_other_key_is_refused(
    secretariat: Ed25519PrivateKey, attacker: Signer
) -> None:
    forged = write_receipt(attacker.private, "SV", 3, SHA, "accepted")
    with _Refused("wrong_key"):
        read_receipt(forged, public_of(secretariat))
    # Naming the trusted key's id over another key's signature does not help either.
    envelope = Envelope.from_bytes(forged)
    renamed = Envelope(
        envelope.payload_type, envelope.payload, public_of(secretariat).key_id, envelope.signature
    ).to_bytes()
    with _Refused("signature"):
        read_receipt(renamed, public_of(secretariat))


def test_a_receipt_with_a_changed_decision_is_refused(secretariat: Ed25519PrivateKey) -> None:
    envelope = Envelope.from_bytes(write_receipt(secretariat, "SV", 3, SHA, "returned", "No."))
    document = json.loads(envelope.payload)
    document.update(decision="accepted", reason="")
    payload = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode()
    forged = Envelope(envelope.payload_type, payload, envelope.key_id, envelope.signature)
    with _Refused("signature"):
        read_receipt(forged.to_bytes(), public_of(secretariat))


def test_a_receipt_of_an_unknown_version_is_told_apart(secretariat: Ed25519PrivateKey) -> None:
    envelope = Envelope.from_bytes(write_receipt(secretariat, "SV", 3, SHA, "accepted"))
    document = json.loads(envelope.payload)
    document["format_version"] = 2
    with _Refused("unknown_version"):
        read_receipt(
            seal(secretariat, receipt_format.PAYLOAD_TYPE, document), public_of(secretariat)
        )


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(decision="maybe"),
        lambda d: d.update(decision="returned", reason=" "),
        lambda d: d.update(reason="x" * 4001),
        lambda d: d.update(country="sv"),
        lambda d: d["submission"].update(sequence=0),
        lambda d: d["submission"].update(sequence=True),
        lambda d: d["submission"].update(sha256=SHA.upper()),
        lambda d: d.update(decided_at="2026-12-03 10:11"),
        lambda d: d["secretariat_key"].update(id="0" * 64),
        lambda d: d.pop("submission"),
        lambda d: d.update(format="focalpoint-secretariat-key"),
    ],
)
def test_a_signed_receipt_with_a_bad_field_is_refused(
    secretariat: Ed25519PrivateKey, change: object
) -> None:
    document = json.loads(
        Envelope.from_bytes(write_receipt(secretariat, "SV", 3, SHA, "accepted")).payload
    )
    change(document)  # type: ignore[operator]
    with _Refused("altered"):
        read_receipt(
            seal(secretariat, receipt_format.PAYLOAD_TYPE, document), public_of(secretariat)
        )


def test_what_is_not_a_receipt_is_refused(secretariat: Ed25519PrivateKey, recipient: str) -> None:
    trusted = public_of(secretariat)
    with _Refused("too_large"):
        read_receipt(b"{" * (receipt_format.MAX_BYTES + 1), trusted)
    with _Refused("other_kind"):
        read_receipt(key_file(secretariat, recipient), trusted)
    with _Refused("other_kind"):
        read_receipt(b"PK\x03\x04" + bytes(100), trusted)
    whole = write_receipt(secretariat, "SV", 3, SHA, "accepted")
    with _Refused("altered"):
        read_receipt(whole[:-40], trusted)


def test_the_receipt_writer_refuses_what_a_reader_would(secretariat: Ed25519PrivateKey) -> None:
    for args in (
        ("SV", 3, SHA, "returned", ""),
        ("SV", 3, SHA, "lost", ""),
        ("El Salvador", 3, SHA, "accepted", ""),
        ("SV", 0, SHA, "accepted", ""),
        ("SV", 3, "abc", "accepted", ""),
    ):
        with pytest.raises(InvalidInput):
            write_receipt(secretariat, *args)  # type: ignore[arg-type]


# ----- whatever the bytes, a refusal and never a crash

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400))
def test_any_bytes_are_refused_not_crashed_on(secretariat: Ed25519PrivateKey, data: bytes) -> None:
    for read in (read_secretariat_key_file, lambda d: read_receipt(d, public_of(secretariat))):
        with contextlib.suppress(PackageRefused):
            read(data)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    fields=st.dictionaries(
        st.sampled_from(
            [
                "country",
                "submission",
                "decision",
                "reason",
                "decided_at",
                "secretariat_key",
                "name",
                "created_at",
                "key",
                "age_recipient",
                "format_version",
            ]
        ),
        JSON,
        max_size=6,
    )
)
def test_any_signed_document_is_refused_not_crashed_on(
    secretariat: Ed25519PrivateKey, recipient: str, fields: dict[str, object]
) -> None:
    """Even signed by the trusted key itself, a payload of the wrong shape is only refused."""
    receipt_doc = json.loads(
        Envelope.from_bytes(write_receipt(secretariat, "SV", 3, SHA, "accepted")).payload
    )
    key_doc = json.loads(Envelope.from_bytes(key_file(secretariat, recipient)).payload)
    for document, kind, read in (
        (
            receipt_doc,
            receipt_format.PAYLOAD_TYPE,
            lambda d: read_receipt(d, public_of(secretariat)),
        ),
        (key_doc, key_format.PAYLOAD_TYPE, read_secretariat_key_file),
    ):
        document.update(fields)
        with contextlib.suppress(PackageRefused):
            read(seal(secretariat, kind, document))
