"""The inbox table intake will fill, and what the store itself guarantees, on both databases."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import text

from focalpoint.domain.errors import StorageError
from focalpoint.package.keys import public_of
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from focalpoint.storage.secretariat import inbox_store
from focalpoint.storage.secretariat.database import SecretariatDatabase
from focalpoint.storage.secretariat.inbox_store import ReceivedRow


def received(key_id: str, sequence: int, sha256: str) -> ReceivedRow:
    return ReceivedRow(
        id=str(uuid.uuid4()),
        country="GT",
        sequence=sequence,
        previous_sha256=None,
        sha256=sha256,
        plan_code="rcm-nna-2017-2022",
        plan_version="0.9",
        officer_name="Ana Pérez",
        created_at=f"2026-12-0{sequence}T10:00:00.000+00:00",
        received_at=f"2026-12-0{sequence}T12:00:00.000+00:00",
        key_id=key_id,
        state="pending",
        reason="",
        file_name=f"FocalPoint-GT-00{sequence}.zip",
    )


def test_the_inbox_keeps_each_package_once_and_lists_it_a_page_at_a_time(
    ts: SecretariatWorkspace,
) -> None:
    public = public_of(Ed25519PrivateKey.generate())
    ts.registry.register(public.pem(), "GT", public.fingerprint)
    with ts.db.transaction() as conn:
        for sequence in (1, 2, 3):
            inbox_store.add(conn, received(public.key_id, sequence, f"{sequence:064x}"))
    # The same file twice is never taken in twice.
    with pytest.raises(StorageError), ts.db.transaction() as conn:
        inbox_store.add(conn, received(public.key_id, 4, f"{2:064x}"))
    with ts.db.reading() as conn:
        assert inbox_store.count(conn) == 3
        newest_first = inbox_store.page(conn, 0, 2) + inbox_store.page(conn, 2, 2)
        found = inbox_store.by_sha256(conn, f"{1:064x}")
    assert [row.sequence for row in newest_first] == [3, 2, 1]
    assert found is not None and found.file_name == "FocalPoint-GT-001.zip"


def test_foreign_keys_and_states_are_enforced(ts: SecretariatWorkspace) -> None:
    # A package signed by a key not in the registry.
    with pytest.raises(StorageError), ts.db.transaction() as conn:
        inbox_store.add(conn, received("ab" * 32, 1, "f" * 64))
    public = public_of(Ed25519PrivateKey.generate())
    ts.registry.register(public.pem(), "GT", public.fingerprint)
    row = received(public.key_id, 1, "e" * 64)
    with ts.db.transaction() as conn:
        inbox_store.add(conn, row)
    with pytest.raises(StorageError), ts.db.transaction() as conn:
        inbox_store.set_state(conn, row.id, "lost")
    with ts.db.reading() as conn:
        stored = inbox_store.by_sha256(conn, "e" * 64)
    assert stored is not None and stored.state == "pending"  # the failed write left nothing


def test_a_store_from_a_newer_version_is_refused_untouched(
    ts_folder: Path, database_url: str | None
) -> None:
    db = SecretariatDatabase.open(ts_folder, database_url)
    with db.transaction() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    db.close()
    with pytest.raises(StorageError, match="newer version of FocalPoint"):
        SecretariatDatabase.open(ts_folder, database_url)
