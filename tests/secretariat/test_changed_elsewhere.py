"""Views that stay true on the Secretariat's side: another analyst on the same database, or a
``ts`` command, changes the store while the window is open; the window shows it within seconds,
on SQLite and on PostgreSQL, and its own edits are never taken for news."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from focalpoint.domain.errors import StorageError
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from focalpoint.ui.secretariat.main_window import SecretariatWindow
from tests.secretariat.test_cli_process import Cli
from tests.secretariat.test_intake import country_workspace, export, register


def revision(ts: SecretariatWorkspace) -> int:
    with ts.db.reading() as connection:
        return int(connection.execute(text("SELECT number FROM store_revision")).scalar_one())


def test_every_write_counts_once_and_only_another_process_s_is_news(
    ts: SecretariatWorkspace, ts_folder: Path, database_url: str | None, tmp_path: Path
) -> None:
    other = SecretariatWorkspace.open(ts_folder, database_url)  # a second analyst
    try:
        seen = ts.changed_elsewhere()
        assert seen is not None
        before = revision(ts)
        ts.profile.save("Secretaría Técnica de la CRM", "es")  # this process's own writes
        ts.profile.save("Secretaría Técnica de la CRM", "fr")
        assert revision(ts) == before + 2
        assert ts.changed_elsewhere() == seen  # no news

        other.profile.save("Secretaría Técnica de la CRM", "en")
        other.profile.save("Secretaría Técnica de la CRM", "es")
        assert ts.changed_elsewhere() == seen + 1  # two writes, found at one look
        assert ts.changed_elsewhere() == seen + 1  # and found once
        # The second analyst's view of the first's writes is the mirror image.
        assert other.changed_elsewhere() is not None

        # Own and others' writes interleaved between two looks: the others' are found.
        ts.profile.save("Secretaría Técnica de la CRM", "en")
        other.profile.save("Secretaría Técnica de la CRM", "fr")
        ts.profile.save("Secretaría Técnica de la CRM", "es")
        assert ts.changed_elsewhere() == seen + 2

        # A write that fails lands nothing, its revision included.
        before = revision(ts)
        with pytest.raises(StorageError), ts.db.transaction() as connection:
            connection.execute(text("INSERT INTO no_such_table VALUES (1)"))
        assert revision(ts) == before
        assert ts.changed_elsewhere() == seen + 2

        # The store put back to an earlier state (a restore): news too.
        with other.db.transaction() as connection:
            connection.execute(text("UPDATE store_revision SET number = 0"))
        assert ts.changed_elsewhere() == seen + 3
    finally:
        other.close()


def test_writes_from_several_threads_of_this_process_are_never_news(
    ts: SecretariatWorkspace,
) -> None:
    seen = ts.changed_elsewhere()
    errors: list[BaseException] = []

    def write() -> None:
        try:
            for n in range(60):
                ts.profile.save(f"Secretaría {n}", "es")
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=write) for _n in range(3)]
    for thread in threads:
        thread.start()
    looks = []
    while any(t.is_alive() for t in threads):  # looking while they write, as the window does
        looks.append(ts.changed_elsewhere())
    for thread in threads:
        thread.join()
    assert errors == [] and len(looks) > 5
    # Not even a look made between a commit and its numbering takes it for news.
    assert set(looks) == {seen} and ts.changed_elsewhere() == seen


def test_the_window_shows_what_a_ts_command_in_another_process_did(
    ts: SecretariatWorkspace,
    ts_folder: Path,
    database_url: str | None,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    ts.keys.create("una frase de paso larga")
    guatemala = country_workspace(tmp_path / "GT", "GT")
    try:
        register(ts, guatemala, tmp_path)
        package = export(guatemala)
    finally:
        guatemala.close()
    window = SecretariatWindow(ts)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    assert window.inbox.model.rowCount() == 0 and window.keys.model.rowCount() == 1
    cli = Cli(ts_folder, database_url)

    received = cli("receive", str(package))  # another process, as another analyst's window
    assert received.returncode == 0, received.stderr
    asked = time.monotonic()
    qtbot.waitUntil(lambda: window.inbox.model.rowCount() == 1, timeout=6000)
    assert time.monotonic() - asked < 5
    assert window.inbox.count.text() == "1 package received"

    def guatemala_in_matrix() -> bool:
        return any(row.cells.get("GT") is not None for row in window.matrix.model.rows)

    package_id = window.inbox.model.rows[0].id
    window.inbox.table.choose(package_id)
    window.keys.table.selectRow(0)
    window.tabs.setCurrentWidget(window.matrix)  # the matrix read now: GT not accepted yet
    matrix = window.matrix
    assert matrix.model.rows and not guatemala_in_matrix()
    at = next(n for n, r in enumerate(matrix.model.rows) if r.action.code == "1.1.1")
    matrix.table.setCurrentIndex(matrix.model.index(at, 2 + matrix.model.countries.index("GT")))
    accepted = cli("accept", package_id)
    assert accepted.returncode == 0, accepted.stderr
    qtbot.waitUntil(guatemala_in_matrix, timeout=6000)
    qtbot.waitUntil(lambda: window.inbox.model.rows[0].package.state == "accepted", timeout=6000)
    # Read again, each tab keeps what the user had chosen: the cell now shows what GT sent.
    chosen = matrix.model.record(matrix.table.currentIndex().row())
    assert chosen is not None and chosen.action.code == "1.1.1"
    assert "Lead of GT" in matrix.panel.toPlainText()
    assert window.inbox.table.chosen().id == package_id  # type: ignore[union-attr]
    assert window.keys.table.chosen().country == "GT"  # type: ignore[union-attr]

    # What the window does itself is no news: nothing is read again for it.
    reloads: list[str] = []
    window.inbox.model.modelReset.connect(lambda: reloads.append("inbox"))
    ts.profile.save("Secretaría Técnica de la CRM", "es")
    assert not window.watch.check() and reloads == []
