"""The Secretariat's tests run on SQLite and on PostgreSQL: a real server, a fresh database each.

The server's address comes from ``FOCALPOINT_TEST_DATABASE_URL`` (``.ci/run`` starts one and
sets it); without it the PostgreSQL half of each test is skipped and says why.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from focalpoint.services.secretariat.workspace import SecretariatWorkspace

ENV_TEST_DATABASE = "FOCALPOINT_TEST_DATABASE_URL"
NO_SERVER = f"no PostgreSQL server: set {ENV_TEST_DATABASE}, .ci/run starts one"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str | None:
    """None for the workspace's own SQLite file, or the URL of a new, empty PostgreSQL
    database, dropped after the test."""
    if request.param == "sqlite":
        return None
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """The URL of a new, empty database on the test server, dropped after the test."""
    server = os.environ.get(ENV_TEST_DATABASE)
    if not server:
        pytest.skip(NO_SERVER)
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    url = make_url(server)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    name = f"focalpoint_test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield url.set(database=name).render_as_string(hide_password=False)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@pytest.fixture
def ts_folder(tmp_path: Path) -> Path:
    return tmp_path / "secretariat"


@pytest.fixture
def ts(ts_folder: Path, database_url: str | None) -> Iterator[SecretariatWorkspace]:
    """A set-up Secretariat workspace (no key yet), on SQLite or PostgreSQL."""
    workspace = SecretariatWorkspace.open(ts_folder, database_url)
    workspace.profile.save("Secretaría Técnica de la CRM", "en")
    yield workspace
    workspace.close()
