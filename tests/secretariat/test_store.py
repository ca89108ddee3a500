"""The Secretariat store on both databases: its migrations, its transactions, its pages."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlmodel import SQLModel

from focalpoint.storage.secretariat import migrate, tables
from focalpoint.storage.secretariat.database import SecretariatDatabase


def test_the_migrations_build_exactly_the_tables_the_models_define(
    ts_folder: Path, database_url: str | None
) -> None:
    db = SecretariatDatabase.open(ts_folder, database_url)
    try:
        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "compare_server_default": True}
            )
            differences = compare_metadata(context, SQLModel.metadata)
    finally:
        db.close()
    assert differences == []
    assert {t.name for t in SQLModel.metadata.sorted_tables} == {
        tables.SecretariatProfile.__tablename__,
        tables.SecretariatKey.__tablename__,
        tables.CountryKey.__tablename__,
        tables.ReceivedPackage.__tablename__,
        tables.KnownPlan.__tablename__,
        tables.ConsolidatedCountry.__tablename__,
        tables.ConsolidatedAssignment.__tablename__,
        tables.ConsolidatedRecord.__tablename__,
        tables.RegionalService.__tablename__,
        tables.RegionalPractice.__tablename__,
        tables.PlanVersion.__tablename__,
        tables.Proposal.__tablename__,
        tables.StoreRevision.__tablename__,
    }


def test_opening_migrates_once_to_the_newest_revision(
    ts_folder: Path, database_url: str | None
) -> None:
    SecretariatDatabase.open(ts_folder, database_url).close()
    db = SecretariatDatabase.open(ts_folder, database_url)  # a second open finds nothing to do
    try:
        with db.reading() as connection:
            assert migrate.current_revision(connection) == migrate.script_revisions()[-1]
            # HEAD, which an up-to-date open checks without Alembic, is the newest script.
            assert migrate.stored_revision(connection) == migrate.HEAD
            count = connection.execute(text("SELECT count(*) FROM alembic_version")).scalar()
        assert count == 1
    finally:
        db.close()


def test_analysts_opening_a_new_shared_database_at_once_both_get_it(
    tmp_path: Path, postgres_url: str
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def open_and_close(analyst: int) -> str | None:
        db = SecretariatDatabase.open(tmp_path / f"analyst-{analyst}", postgres_url)
        try:
            with db.reading() as connection:
                return migrate.current_revision(connection)
        finally:
            db.close()

    with ThreadPoolExecutor(max_workers=3) as pool:
        revisions = list(pool.map(open_and_close, range(3)))
    assert revisions == [migrate.script_revisions()[-1]] * 3


def test_upgrading_a_sqlite_store_keeps_a_copy_of_it_first(tmp_path: Path) -> None:
    """An upgrade installed over last year's: the store as it was is in ``backups/``."""
    folder = tmp_path / "ts"
    folder.mkdir()
    url = f"sqlite:///{folder / 'secretariat.db'}"
    older = migrate.script_revisions()[-2]
    engine = create_engine(url)
    with engine.begin() as connection:
        migrate.upgrade(connection, older)
    engine.dispose()

    SecretariatDatabase.open(folder).close()

    (copy,) = (folder / "backups").glob("secretariat-*.db")
    assert copy.name.endswith(f"-before-{migrate.HEAD}.db")
    kept = create_engine(f"sqlite:///{copy}")
    with kept.connect() as connection:
        assert migrate.current_revision(connection) == older
    kept.dispose()
    SecretariatDatabase.open(folder).close()  # up to date: no second copy
    assert len(list((folder / "backups").glob("*.db"))) == 1
