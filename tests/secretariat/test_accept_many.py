"""Accepting a selection of packages at once (the inbox's selection, ``ts accept ID...``), on
SQLite and PostgreSQL: with helper processes sharing the countries, or alone, it writes what
accepting each in turn writes, answers a package it cannot accept with its reason, and goes on."""

from __future__ import annotations

from pathlib import Path

import pytest

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.listing import Sorting
from focalpoint.domain.regional_lists import RegionalServiceFilter
from focalpoint.services.country.workspace import Workspace
from focalpoint.services.secretariat import consolidation
from focalpoint.services.secretariat.consolidation import Decision
from focalpoint.services.secretariat.workspace import SecretariatWorkspace
from tests.secretariat.test_intake import TS_PASSPHRASE, countries, export, register
from tests.secretariat.test_regional_lists import with_directory

__all__ = ["countries"]  # the fixture, used by name


def regional_state(ts: SecretariatWorkspace) -> tuple[object, ...]:
    """What a user reads of the consolidation: each country's head, cells and records, and
    the regional list of services."""
    countries = ("SV", "GT", "HN")
    heads = {c: h.sequence if (h := ts.consolidation.head(c)) else None for c in countries}
    cells = {
        c: [(x.action_code, x.lead_name, x.status, x.note) for x in ts.consolidation.assignments(c)]
        for c in countries
    }
    records = {
        (c, kind): [(i, r) for i, r, _by in ts.consolidation.records(c, kind)]
        for c in countries
        for kind in ("entities", "services", "practices")
    }
    services = ts.regional_services.page(RegionalServiceFilter(), Sorting("name"), 0, 100)
    return heads, cells, records, [(s.country, s.name) for s in services]


@pytest.mark.parametrize("helpers", [True, False], ids=["with-helpers", "alone"])
def test_a_selection_accepted_at_once_is_what_accepting_each_in_turn_makes(
    helpers: bool,
    ts: SecretariatWorkspace,
    countries: dict[str, Workspace],
    database_url: str | None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if helpers:  # the batch is small: the helpers are asked for all the same
        monkeypatch.setattr(consolidation, "HELPERS_FROM_BYTES", 0)
        monkeypatch.setattr(consolidation.os, "cpu_count", lambda: 4)
    else:
        monkeypatch.setattr(consolidation, "HELPERS_FROM_BYTES", 1 << 40)
    ts.keys.create(TS_PASSPHRASE)
    for code, ws in countries.items():
        with_directory(ws, code)
        register(ts, ws, tmp_path)
    files = [export(ws) for ws in countries.values()]
    countries["SV"].assignments.set_status("1.1.1", "completed")
    files.append(export(countries["SV"]))  # SV's second submission, in the same selection
    received = ts.intake.receive(files)
    sv_1, gt, hn, sv_2 = (r.id for r in received)
    ts.consolidation.return_(hn, "Falta la entidad responsable de 2.1.1")
    steps: list[tuple[int, int]] = []

    outcomes = ts.consolidation.accept_many([sv_1, gt, hn, sv_2], lambda *s: steps.append(s))

    assert [type(o) for o in outcomes] == [Decision, Decision, InvalidInput, Decision]
    assert "returned" in str(outcomes[2])
    assert [o.package.state for o in outcomes if isinstance(o, Decision)] == ["accepted"] * 3
    assert steps[-1] == (4, 4) and len(steps) == 3  # a country at a time (SV's two at once)
    assert ts.consolidation.head("SV").sequence == 2  # type: ignore[union-attr]
    # The same files accepted one at a time, in another Secretariat workspace.
    one_by_one = SecretariatWorkspace.open(tmp_path / "one-by-one")
    try:
        one_by_one.profile.save("Secretaría Técnica de la CRM", "en")
        for ws in countries.values():
            register(one_by_one, ws, tmp_path)
        ids = [r.id for r in one_by_one.intake.receive(files)]
        one_by_one.consolidation.return_(ids[2], "Falta la entidad responsable de 2.1.1")
        for package_id in (ids[0], ids[1], ids[3]):
            one_by_one.consolidation.accept(package_id)
        assert regional_state(ts) == regional_state(one_by_one)
    finally:
        one_by_one.close()
    # Accepting them again changes nothing.
    again = ts.consolidation.accept_many([sv_1, gt, sv_2])
    assert [o.changed for o in again if isinstance(o, Decision)] == [False] * 3


def test_the_receipts_of_several_decisions_are_written_at_once_or_not_at_all(
    ts: SecretariatWorkspace,
    countries: dict[str, Workspace],
    tmp_path: Path,
) -> None:
    from focalpoint.domain.errors import WrongPassphrase

    ts.keys.create(TS_PASSPHRASE)
    for ws in countries.values():
        register(ts, ws, tmp_path)
    sv, gt, hn = (r.id for r in ts.intake.receive([export(ws) for ws in countries.values()]))
    ts.consolidation.accept_many([sv, gt])
    folder = tmp_path / "receipts"
    folder.mkdir()
    with pytest.raises(InvalidInput, match="not decided yet"):  # HN's is pending
        ts.receipts.write_many([sv, gt, hn], folder, TS_PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        ts.receipts.write_many([sv, gt], folder, "not the passphrase")
    assert list(folder.iterdir()) == []
    written = ts.receipts.write_many([sv, gt], folder, TS_PASSPHRASE)
    assert sorted(p.name for p in written) == [
        "FocalPoint-receipt-GT-001-accepted.json",
        "FocalPoint-receipt-SV-001-accepted.json",
    ]
    assert sorted(folder.iterdir()) == sorted(written)


def _stop_the_helper(*_args: object) -> None:
    """What a helper process meets when it is killed (out of memory, the task manager)."""
    import os

    os._exit(9)


def test_a_helper_that_dies_leaves_its_countries_to_the_window_s_own_process(
    ts: SecretariatWorkspace,
    countries: dict[str, Workspace],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(consolidation, "HELPERS_FROM_BYTES", 0)
    monkeypatch.setattr(consolidation.os, "cpu_count", lambda: 4)
    # Handed to the helpers by reference, as the real one is: they import it and stop.
    monkeypatch.setattr(consolidation, "_accept_group_in_helper", _stop_the_helper)
    ts.keys.create(TS_PASSPHRASE)
    for ws in countries.values():
        register(ts, ws, tmp_path)
    ids = [r.id for r in ts.intake.receive([export(ws) for ws in countries.values()])]

    outcomes = ts.consolidation.accept_many(ids)

    assert all(isinstance(o, Decision) and o.package.state == "accepted" for o in outcomes)
    assert all(ts.consolidation.head(code) is not None for code in countries)
    assert "A helper process stopped" in caplog.text
