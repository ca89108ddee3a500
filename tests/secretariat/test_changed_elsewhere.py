"""Views that stay true on the Secretariat's side: another analyst on the same database, or a
``ts`` command, changes the store while the window is open; the window shows it within seconds,
on SQLite and on PostgreSQL, and its own edits are never taken for news."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from focalpoint.domain.errors import StorageError
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from focalpoint.ui.secretariat.main_window import SecretariatWindow
from tests.secretariat.test_cli_process import Cli
from tests.secretariat.test_intake import country_workspace, export, register


def first_packages(ts: SecretariatWorkspace, tmp_path: Path, *codes: str) -> list[Path]:
    """Each country's first package, its key registered with the Secretariat (given a key)."""
    ts.keys.create("una frase de paso larga")
    files = []
    for code in codes:
        country = country_workspace(tmp_path / code, code)
        try:
            register(ts, country, tmp_path)
            files.append(export(country))
        finally:
            country.close()
    return files


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
    [package] = first_packages(ts, tmp_path, "GT")
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
    looked(window, qtbot)
    assert reloads == []


def looked(window: SecretariatWindow, qtbot: QtBot) -> None:
    """A look started after what the test did, and its answer taken in (the window looks
    from a thread; one its timer started earlier is let finish first)."""
    qtbot.waitUntil(lambda: not window.watch.looking, timeout=5000)
    window.watch.check()
    assert window.watch.looking
    qtbot.waitUntil(lambda: not window.watch.looking, timeout=5000)
    QApplication.processEvents()


def test_a_refresh_keeps_every_package_chosen_and_never_offers_accept_twice(
    ts: SecretariatWorkspace,
    ts_folder: Path,
    database_url: str | None,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    for path in first_packages(ts, tmp_path, "GT", "SV", "HN"):
        ts.intake.receive([path])
    window = SecretariatWindow(ts)
    qtbot.addWidget(window)
    window.show()
    inbox = window.inbox
    ids = {row.package.country: row.id for row in inbox.model.rows}
    inbox.table.choose_all([ids["GT"], ids["SV"]], current=ids["SV"])
    assert len(inbox.table.chosen_all()) == 2  # two chosen: Accept takes both
    other = SecretariatWorkspace.open(ts_folder, database_url)  # another analyst
    try:
        other.profile.save("Secretaría Técnica de la CRM", "fr")  # a change of nothing shown
        looked(window, qtbot)
        assert {r.id for r in inbox.table.chosen_all()} == {ids["GT"], ids["SV"]}
        assert inbox.table.chosen().id == ids["SV"]  # type: ignore[union-attr]

        # One chosen and read in full: a change elsewhere leaves the panel as the user reads it.
        inbox.table.choose(ids["SV"])
        qtbot.waitUntil(lambda: inbox.details_for == ids["SV"], timeout=5000)
        details = inbox.details.toHtml()
        other.profile.save("Secretaría Técnica de la CRM", "en")
        looked(window, qtbot)
        assert inbox.details_for == ids["SV"] and inbox.details.toHtml() == details

        # The other analyst returns SV's package: its details are read again, still chosen.
        other.consolidation.return_(ids["SV"], "Falta la entidad de apoyo")
        looked(window, qtbot)
        assert inbox.table.chosen().id == ids["SV"]  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: "Falta la entidad de apoyo" in inbox.details.toPlainText())

        # While an acceptance is written, a refresh never offers Accept again.
        inbox.table.choose_all([ids["HN"]], current=ids["HN"])
        inbox._deciding(True)
        other.profile.save("Secretaría Técnica de la CRM", "en")
        assert not inbox.accept_button.isEnabled()
        window.refresh_from_store()
        assert not inbox.accept_button.isEnabled() and not inbox.return_button.isEnabled()
        qtbot.waitUntil(lambda: not window.watch.looking, timeout=5000)
        assert window.watch.check() is False and not window.watch.looking  # no look meanwhile
        inbox._deciding(False)
        assert inbox.accept_button.isEnabled()
        # The change made meanwhile was kept for after: the next look reads the window again.
        resets: list[int] = []
        inbox.model.modelReset.connect(lambda: resets.append(1))
        looked(window, qtbot)
        assert resets == [1]
    finally:
        other.close()


def test_a_look_never_waits_on_a_write_in_progress(
    ts: SecretariatWorkspace, ts_folder: Path, database_url: str | None
) -> None:
    other = SecretariatWorkspace.open(ts_folder, database_url)
    writing, release = threading.Event(), threading.Event()

    def long_write() -> None:
        with other.db.transaction() as connection:
            connection.execute(text("UPDATE secretariat_profile SET language = 'fr'"))
            writing.set()
            release.wait(10)

    thread = threading.Thread(target=long_write)
    thread.start()
    try:
        assert writing.wait(10)
        started = time.monotonic()
        seen = ts.changed_elsewhere()
        # Not held by the write (which lasts until released, 10 s at most).
        assert time.monotonic() - started < 1.5 and seen is not None
    finally:
        release.set()
        thread.join()
        other.close()
    assert ts.changed_elsewhere() == seen + 1  # the write, once it landed


def test_a_helper_process_s_writes_are_the_window_s_own(
    ts: SecretariatWorkspace, ts_folder: Path, database_url: str | None
) -> None:
    seen = ts.changed_elsewhere()
    helper = SecretariatWorkspace.open(ts_folder, database_url)  # as a batch's helper
    analyst = SecretariatWorkspace.open(ts_folder, database_url)
    try:
        helper.profile.save("Secretaría Técnica de la CRM", "fr")
        helper.profile.save("Secretaría Técnica de la CRM", "es")
        ts.db.written_elsewhere(helper.db.own_revisions())  # what the batch hands back
        assert ts.changed_elsewhere() == seen  # no news
        helper.profile.save("Secretaría Técnica de la CRM", "en")
        analyst.profile.save("Secretaría Técnica de la CRM", "fr")  # meanwhile, another analyst
        ts.db.written_elsewhere(helper.db.own_revisions())
        assert ts.changed_elsewhere() == seen + 1  # the analyst's is news all the same
    finally:
        helper.close()
        analyst.close()
