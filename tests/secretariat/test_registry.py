"""The registry of country keys, as the Secretariat uses it, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.trust import KeyRefusal, KeyState
from focalpoint.package.keys import PublicKey, public_of
from focalpoint.package.registration import registration_payload
from focalpoint.services.secretariat.workspace import SecretariatWorkspace


def country_key() -> tuple[Ed25519PrivateKey, PublicKey]:
    private = Ed25519PrivateKey.generate()
    return private, public_of(private)


def spoken(fingerprint: str) -> str:
    """The fingerprint as someone types what they heard: lower case, spaces, no dashes."""
    return " ".join(fingerprint.replace("-", "").lower()[i : i + 2] for i in range(0, 16, 2))


def test_a_key_from_its_pem_file_is_trusted_for_what_it_signs(
    ts: SecretariatWorkspace, tmp_path: Path
) -> None:
    private, public = country_key()
    pem = tmp_path / "GT.pem"
    pem.write_text(public.pem())
    registered = ts.registry.register_file(pem, "gt", spoken(public.fingerprint))
    assert (registered.key.country, registered.key.fingerprint) == ("GT", public.fingerprint)
    assert registered.replaced is None

    message = b"manifest bytes"
    verdict = ts.registry.key_for("GT", public.key_id, datetime.now(UTC))
    assert verdict.trusted and verdict.key is not None
    assert PublicKey(verdict.key.public_key).verifies(private.sign(message), message)
    [listed] = ts.registry.page()
    assert (listed.country, listed.state, listed.registered_by) == (
        "GT",
        KeyState.CURRENT,
        "Secretaría Técnica de la CRM",
    )


def test_a_key_from_the_qr_text_of_its_sheet(ts: SecretariatWorkspace, tmp_path: Path) -> None:
    _private, public = country_key()
    qr = registration_payload("SV", public.pem(), public.fingerprint, public.key_id)
    sheet = tmp_path / "qr.txt"
    sheet.write_text(qr + "\n")
    registered = ts.registry.register_file(sheet, "SV", public.fingerprint.replace("-", " "))
    assert registered.key.key_id == public.key_id
    with pytest.raises(InvalidInput, match="key of SV, not of HN"):
        ts.registry.register(qr, "HN", public.fingerprint)


@pytest.mark.parametrize(
    ("text", "country", "fingerprint", "message"),
    [
        ("not a key at all", "GT", "AAAA-AAAA-AAAA-AAAA", "does not hold a public key"),
        ("FOCALPOINT-KEY:1;country=GT;fp=x;key=%%", "GT", "x", "not the QR code"),
        (None, "XX", None, "Unknown country code 'XX'"),
        (None, "GT", "AAAA-BBBB-CCCC-DDDD", "is not this key's"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_registered(
    ts: SecretariatWorkspace, text: str | None, country: str, fingerprint: str | None, message: str
) -> None:
    _private, public = country_key()
    with pytest.raises(InvalidInput, match=message):
        ts.registry.register(text or public.pem(), country, fingerprint or public.fingerprint)
    assert ts.registry.count() == 0


def test_a_key_belongs_to_one_country(ts: SecretariatWorkspace) -> None:
    _private, public = country_key()
    ts.registry.register(public.pem(), "GT", public.fingerprint)
    with pytest.raises(InvalidInput, match="already registered for GT: a key belongs to one"):
        ts.registry.register(public.pem(), "HN", public.fingerprint)
    with pytest.raises(InvalidInput, match=r"already registered for GT\. Nothing"):
        ts.registry.register(public.pem(), "GT", public.fingerprint)
    assert [k.country for k in ts.registry.page()] == ["GT"]
    verdict = ts.registry.key_for("HN", public.key_id, datetime.now(UTC))
    assert verdict.refusal is KeyRefusal.OTHER_COUNTRY
    assert "registered for GT" in verdict.message


def test_a_replaced_key_stays_valid_for_what_it_signed_before(ts: SecretariatWorkspace) -> None:
    _old_private, old = country_key()
    _new_private, new = country_key()
    ts.registry.register(old.pem(), "MX", old.fingerprint)
    with pytest.raises(InvalidInput, match="already has a registered key"):
        ts.registry.register(new.pem(), "MX", new.fingerprint)
    before = datetime.now(UTC) - timedelta(days=30)
    registered = ts.registry.register(new.pem(), "MX", new.fingerprint, replace=True)
    assert registered.replaced is not None
    assert registered.replaced.replaced_by == new.key_id

    assert ts.registry.key_for("MX", old.key_id, before).trusted
    after = ts.registry.key_for("MX", old.key_id, datetime.now(UTC) + timedelta(minutes=1))
    assert after.refusal is KeyRefusal.REPLACED
    assert ts.registry.key_for("MX", new.key_id, datetime.now(UTC)).trusted
    states = {k.fingerprint: k.state for k in ts.registry.page("MX")}
    assert states == {old.fingerprint: KeyState.REPLACED, new.fingerprint: KeyState.CURRENT}


def test_a_revoked_key_is_refused_from_its_date(ts: SecretariatWorkspace) -> None:
    _private, public = country_key()
    ts.registry.register(public.pem(), "HN", public.fingerprint)
    revoked = ts.registry.revoke("HN", "2027-03-01")
    assert (revoked.state, revoked.revoked_from) == (KeyState.REVOKED, "2027-03-01")
    day_before = datetime(2027, 2, 28, 23, 59, tzinfo=UTC)
    that_day = datetime(2027, 3, 1, 0, 0, tzinfo=UTC)
    assert ts.registry.key_for("HN", public.key_id, day_before).trusted
    verdict = ts.registry.key_for("HN", public.key_id, that_day)
    assert verdict.refusal is KeyRefusal.REVOKED
    assert "revoked from 2027-03-01" in verdict.message
    with pytest.raises(InvalidInput, match="already revoked"):
        ts.registry.revoke("HN", "2027-01-01")
    with pytest.raises(InvalidInput, match="not a date"):
        ts.registry.revoke("HN", "1 March")
    # A country whose key is revoked registers its new one without --replace.
    _new_private, new = country_key()
    assert ts.registry.register(new.pem(), "HN", new.fingerprint).replaced is not None


def test_an_unknown_key_is_refused(ts: SecretariatWorkspace) -> None:
    verdict = ts.registry.key_for("GT", "ab" * 32, datetime.now(UTC))
    assert (verdict.key, verdict.refusal) == (None, KeyRefusal.UNKNOWN)
    with pytest.raises(InvalidInput, match="GT has no registered key"):
        ts.registry.revoke("GT", "2027-01-01")


def test_the_list_reads_a_page_at_a_time(ts: SecretariatWorkspace) -> None:
    for country in ("BZ", "CA", "CR", "DO", "SV"):
        _private, public = country_key()
        ts.registry.register(public.pem(), country, public.fingerprint)
    assert ts.registry.count() == 5
    first, second = ts.registry.page(limit=3), ts.registry.page(offset=3, limit=3)
    assert [k.country for k in first + second] == ["BZ", "CA", "CR", "DO", "SV"]
