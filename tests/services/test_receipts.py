"""A country trusts the Secretariat's key and takes in its receipts; bad files change nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from focalpoint.domain.errors import InvalidInput, PackageRefused
from focalpoint.domain.submissions import Submission
from focalpoint.services.country.workspace import Workspace
from tests.secretariat_side import Secretariat
from tests.services.test_submissions import PASSPHRASE, keyed  # noqa: F401  (a fixture)

pytestmark = pytest.mark.usefixtures("keyed")


@pytest.fixture
def ts() -> Secretariat:
    return Secretariat()


@pytest.fixture
def sent(keyed: Workspace) -> Submission:  # noqa: F811
    return keyed.submissions.export(PASSPHRASE, include_report=False)


def trusted(ws: Workspace, ts: Secretariat, tmp_path: Path) -> Workspace:
    ws.secretariat.trust(ts.key_file(tmp_path), ts.fingerprint.lower().replace("-", " "))
    return ws


def state(ws: Workspace) -> list[tuple[object, ...]]:
    """Everything a receipt or a trust could change, to compare before and after a refusal."""
    conn: sqlite3.Connection = ws.db.connection()
    return [
        *conn.execute("SELECT * FROM secretariat_key"),
        *conn.execute("SELECT * FROM receipt"),
        *conn.execute("SELECT id, state, state_at, state_note FROM submission"),
        *conn.execute("SELECT count(*) FROM audit_log"),
        *conn.execute("SELECT * FROM setting ORDER BY key"),
    ]


# ----- trusting the Secretariat


def test_trusting_the_key_file_pins_it_and_its_age_recipient(
    keyed: Workspace,  # noqa: F811
    ts: Secretariat,
    tmp_path: Path,
) -> None:
    assert keyed.secretariat.trusted() is None
    path = ts.key_file(tmp_path)
    shown = keyed.secretariat.read_key_file(path)
    assert (shown.name, shown.fingerprint) == (ts.name, ts.fingerprint)
    assert keyed.secretariat.trusted() is None  # reading is not trusting
    row = keyed.secretariat.trust(path, ts.fingerprint)
    assert row.fingerprint == ts.fingerprint and row.key_id == ts.public.key_id
    assert row.public_key == ts.public.raw and row.age_recipient == ts.recipient
    assert row.key_file == path.read_bytes() and row.pinned_by == "Ana Pérez"
    assert keyed.secretariat.trusted() == row
    # Packages are now encrypted to the Secretariat by default, with no key typed anywhere.
    assert keyed.submissions.secretariat_recipient() == ts.recipient
    submission = keyed.submissions.export(PASSPHRASE, include_report=False, encrypt=True)
    assert submission.encrypted_to == ts.recipient
    encrypted = keyed.submissions.kept_file(submission, encrypted=True).read_bytes()
    import pyrage

    assert pyrage.decrypt(encrypted, [ts.identity]) == (
        keyed.submissions.kept_file(submission).read_bytes()
    )
    fields = [
        r[0]
        for r in keyed.db.connection().execute(
            "SELECT field FROM audit_log WHERE record_kind IN ('secretariat', 'profile')"
        )
    ]
    assert "fingerprint" in fields and "secretariat_age_recipient" in fields


def test_a_wrong_or_missing_fingerprint_trusts_nothing(
    keyed: Workspace,  # noqa: F811
    ts: Secretariat,
    tmp_path: Path,
) -> None:
    path = ts.key_file(tmp_path)
    before = state(keyed)
    other = Secretariat().fingerprint
    with pytest.raises(InvalidInput, match="is not that of this key file"):
        keyed.secretariat.trust(path, other)
    with pytest.raises(InvalidInput, match="Type the fingerprint"):
        keyed.secretariat.trust(path, "  ")
    assert state(keyed) == before


def test_a_damaged_key_file_trusts_nothing(
    keyed: Workspace,  # noqa: F811
    ts: Secretariat,
    tmp_path: Path,
) -> None:
    path = ts.key_file(tmp_path)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x04
    path.write_bytes(bytes(data))
    before = state(keyed)
    with pytest.raises(PackageRefused):
        keyed.secretariat.trust(path, ts.fingerprint)
    with pytest.raises(InvalidInput, match="does not exist"):
        keyed.secretariat.trust(tmp_path / "missing.json", ts.fingerprint)
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (1 << 20))
    with pytest.raises(InvalidInput, match="too large"):
        keyed.secretariat.trust(big, ts.fingerprint)
    assert state(keyed) == before


def test_a_new_key_replaces_the_old_only_by_a_new_trust(
    keyed: Workspace,  # noqa: F811
    sent: Submission,
    ts: Secretariat,
    tmp_path: Path,
) -> None:
    trusted(keyed, ts, tmp_path)
    successor = Secretariat(name="Secretaría Ejecutiva de la CRM")
    (tmp_path / "new").mkdir()
    keyed.secretariat.trust(successor.key_file(tmp_path / "new"), successor.fingerprint)
    assert keyed.secretariat.trusted().fingerprint == successor.fingerprint  # type: ignore[union-attr]
    rows = (
        keyed.db.connection()
        .execute("SELECT fingerprint, replaced_at IS NULL FROM secretariat_key ORDER BY pinned_at")
        .fetchall()
    )
    assert rows == [(ts.fingerprint, 0), (successor.fingerprint, 1)]
    # The old key signs no more receipts here.
    with pytest.raises(PackageRefused, match="not signed by the Secretariat key"):
        keyed.secretariat.import_receipt(ts.receipt(tmp_path, sent))
    keyed.secretariat.import_receipt(successor.receipt(tmp_path / "new", sent))


# ----- receipts


def test_an_accepting_receipt_acknowledges_that_submission_only(
    keyed: Workspace,  # noqa: F811
    sent: Submission,
    ts: Secretariat,
    tmp_path: Path,
) -> None:
    trusted(keyed, ts, tmp_path)
    second = keyed.submissions.export(PASSPHRASE, include_report=False)
    done = keyed.secretariat.import_receipt(ts.receipt(tmp_path, sent))
    assert not done.already
    assert done.submission.id == sent.id and done.submission.state == "acknowledged"
    assert done.receipt.decision == "accepted" and done.receipt.reason == ""
    assert keyed.submissions.get(second.id).state == "signed"  # untouched
    assert set(keyed.secretariat.receipts()) == {sent.id}
    audit = (
        keyed.db.connection()
        .execute(
            "SELECT record_key, field, old, new FROM audit_log WHERE record_kind = 'submission'"
            " AND field IN ('state', 'receipt') ORDER BY id DESC LIMIT 2"
        )
        .fetchall()
    )
    assert ("1", "state", "signed", "acknowledged") in audit


def test_a_returning_receipt_keeps_its_reason(
    keyed: Workspace,  # noqa: F811
    sent: Submission,
    ts: Secretariat,
    tmp_path: Path,
) -> None:
    trusted(keyed, ts, tmp_path)
    reason = "Faltan las entidades responsables del eje 3."
    done = keyed.secretariat.import_receipt(ts.receipt(tmp_path, sent, "returned", reason))
    assert done.submission.state == "returned" and done.submission.state_note == reason
    assert done.receipt.reason == reason
    assert keyed.submissions.get(sent.id).state_note == reason


def test_the_same_receipt_twice_is_harmless(
    keyed: Workspace,  # noqa: F811
    sent: Submission,
    ts: Secretariat,
    tmp_path: Path,
) -> None:
    trusted(keyed, ts, tmp_path)
    path = ts.receipt(tmp_path, sent)
    keyed.secretariat.import_receipt(path)
    before = state(keyed)
    again = keyed.secretariat.import_receipt(path)
    assert again.already and again.submission.state == "acknowledged"
    # A second file with the same answer (written again by the Secretariat) is the same answer.
    (tmp_path / "again").mkdir()
    assert keyed.secretariat.import_receipt(ts.receipt(tmp_path / "again", sent)).already
    assert state(keyed) == before
    # One that says otherwise is refused, not silently believed.
    with pytest.raises(PackageRefused, match="says otherwise") as refusal:
        keyed.secretariat.import_receipt(ts.receipt(tmp_path, sent, "returned", "No."))
    assert refusal.value.reason == "contradicts"
    assert state(keyed) == before


def test_receipts_are_refused_before_the_secretariat_is_trusted(
    keyed: Workspace,  # noqa: F811
    sent: Submission,
    ts: Secretariat,
    tmp_path: Path,
) -> None:
    before = state(keyed)
    with pytest.raises(InvalidInput, match="does not trust a Secretariat key yet"):
        keyed.secretariat.import_receipt(ts.receipt(tmp_path, sent))
    assert state(keyed) == before


@pytest.mark.parametrize(
    ("make", "reason", "message"),
    [
        (lambda ts, p, s: Secretariat().receipt(p, s), "wrong_key", "not signed by the"),
        (lambda ts, p, s: ts.receipt(p, s, country="GT"), "other_country", "from GT"),
        (
            lambda ts, p, s: ts.receipt(p, _with(s, sequence=2)),
            "not_ours",
            "never made",
        ),
        (
            lambda ts, p, s: ts.receipt(p, _with(s, sha256="0" * 64)),
            "not_ours",
            "never made",
        ),
        (lambda ts, p, s: _flipped(ts.receipt(p, s)), "signature", "altered"),
        (lambda ts, p, s: ts.key_file(p), "other_kind", "not a receipt"),
    ],
)
def test_bad_receipts_change_nothing(
    keyed: Workspace,  # noqa: F811
    sent: Submission,
    ts: Secretariat,
    tmp_path: Path,
    make: object,
    reason: str,
    message: str,
) -> None:
    trusted(keyed, ts, tmp_path)
    (tmp_path / "in").mkdir()
    path = make(ts, tmp_path / "in", sent)  # type: ignore[operator]
    before = state(keyed)
    with pytest.raises(PackageRefused, match=message) as refusal:
        keyed.secretariat.import_receipt(path)
    assert refusal.value.reason == reason
    assert state(keyed) == before


def _with(row: Submission, **changes: object) -> Submission:
    from dataclasses import replace

    return replace(row, **changes)  # type: ignore[arg-type]


def _flipped(path: Path) -> Path:
    """The receipt with one letter of its payload changed (the decision's base64)."""
    data = bytearray(path.read_bytes())
    start = data.index(b'"payload": "') + 40
    data[start] = ord("A") if data[start] != ord("A") else ord("B")
    path.write_bytes(bytes(data))
    return path


def test_trusting_the_same_key_again_keeps_one_row_and_going_back_works(
    keyed: Workspace,  # noqa: F811
    ts: Secretariat,
    tmp_path: Path,
) -> None:
    path = ts.key_file(tmp_path)
    keyed.secretariat.trust(path, ts.fingerprint)
    keyed.secretariat.trust(path, ts.fingerprint)
    successor = Secretariat()
    (tmp_path / "new").mkdir()
    keyed.secretariat.trust(successor.key_file(tmp_path / "new"), successor.fingerprint)
    keyed.secretariat.trust(path, ts.fingerprint)  # the Secretariat went back to its old key
    rows = (
        keyed.db.connection()
        .execute(
            "SELECT fingerprint, replaced_at IS NULL FROM secretariat_key ORDER BY fingerprint"
        )
        .fetchall()
    )
    assert sorted(rows) == sorted([(ts.fingerprint, 1), (successor.fingerprint, 0)])
    assert keyed.secretariat.trusted().fingerprint == ts.fingerprint  # type: ignore[union-attr]
    assert keyed.submissions.secretariat_recipient() == ts.recipient
