"""Long work tells how far it is and stops when asked, leaving nothing behind: importing and
exporting the directory, importing a plan, copying a signed package (``progress``/``cancelled``,
as the command line's Ctrl+C and the window's Cancel give them)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from focalpoint.domain.errors import Cancelled
from focalpoint.services.common.progress import stepped
from focalpoint.services.country.submissions import SIGNING_SHARE
from focalpoint.services.country.workspace import Workspace
from tests.plan_files import signed_plan_file
from tests.services.test_plan_import import next_version

PASSPHRASE = "correct horse battery staple"
ROWS = 1200  # more than two of the services' steps of 500 rows


class Watch:
    """Hears a service's progress; asks it to stop once it has got as far as ``stop_at``, or
    at its ``stop_on``-th look."""

    def __init__(self, stop_at: float = 2.0, stop_on: int = 0) -> None:
        self.heard: list[float] = []
        self.looks = 0
        self._stop_at, self._stop_on = stop_at, stop_on

    def progress(self, fraction: float) -> None:
        self.heard.append(fraction)

    def cancelled(self) -> bool:
        self.looks += 1
        return max(self.heard, default=0) >= self._stop_at or self.looks == self._stop_on


def a_sheet(folder: Path, rows: int = ROWS) -> Path:
    sheet = folder / "mapeo.csv"
    sheet.write_text(
        "Organización,Servicio,Tipo\n#org+name,#service+name,#service+type+code\n"
        + "".join(f"Albergue {n % 7},Atención {n},shelter\n" for n in range(rows)),
        encoding="utf-8",
    )
    return sheet


def everything(ws: Workspace) -> tuple[object, ...]:
    """What an import could change: services, organisations, plan, assignments, history."""
    with ws.db.reading() as conn:
        history = conn.execute("SELECT count(*), max(id) FROM audit_log").fetchone()
    return (
        ws.directory.services(include_deleted=True),
        ws.directory.organisations(include_deleted=True),
        ws.plan.overview(),
        history,
    )


def test_an_import_reports_its_progress_every_few_hundred_rows(
    ws: Workspace, tmp_path: Path
) -> None:
    watch = Watch()
    report = ws.exchange.import_csv(a_sheet(tmp_path), watch.progress, watch.cancelled)
    assert report.services_created == ROWS
    assert watch.heard[0] == 0 and watch.heard[-1] == 1.0
    assert watch.heard == sorted(watch.heard)  # forward only
    assert len(watch.heard) < 20  # reading, checking and writing 1,200 rows: a report per 500


def test_an_import_stopped_while_writing_changes_nothing(ws: Workspace, tmp_path: Path) -> None:
    before = everything(ws)
    # Half-way: every row checked, the organisations and 1,000 services written.
    watch = Watch(stop_at=0.5)
    with pytest.raises(Cancelled):
        ws.exchange.import_csv(a_sheet(tmp_path), watch.progress, watch.cancelled)
    assert 0.5 <= max(watch.heard) < 1
    assert everything(ws) == before  # the one transaction rolled back


@pytest.mark.parametrize("kind", ["csv", "geojson"])
def test_an_export_stopped_midway_writes_no_file(ws: Workspace, tmp_path: Path, kind: str) -> None:
    ws.exchange.import_csv(a_sheet(tmp_path))
    out = tmp_path / "out"
    out.mkdir()
    export = ws.exchange.export_csv if kind == "csv" else ws.exchange.export_geojson
    whole = Watch()
    export(out / f"whole.{kind}", whole.progress, whole.cancelled)
    assert whole.heard[-1] == 1.0 and whole.heard == sorted(whole.heard)
    stopped = Watch(stop_at=0.6)  # reading done, writing the rows
    with pytest.raises(Cancelled):
        export(out / f"stopped.{kind}", stopped.progress, stopped.cancelled)
    assert sorted(p.name for p in out.iterdir()) == [f"whole.{kind}"]  # nor a working file


def test_a_plan_import_stopped_at_its_last_look_rolls_back(ws: Workspace, tmp_path: Path) -> None:
    plan = signed_plan_file(ws, tmp_path / "plan.json", next_version())
    before = everything(ws)
    watch = Watch(stop_on=2)  # the second look: the new plan written, not yet committed
    with pytest.raises(Cancelled):
        ws.plan.import_file(plan, watch.progress, watch.cancelled)
    assert everything(ws) == before
    done = Watch()
    assert ws.plan.import_file(plan, done.progress, done.cancelled).new_version == "1.0"
    assert done.heard[0] == 0 and done.heard[-1] == 1.0 and done.looks == 2


def test_a_copy_stopped_after_signing_keeps_the_signed_package(
    ws: Workspace, tmp_path: Path
) -> None:
    ws.keys.create(PASSPHRASE)
    usb = tmp_path / "usb"
    usb.mkdir()
    watch = Watch(stop_at=SIGNING_SHARE)  # the first report past signing is the copy's
    sent = ws.submissions.send(
        PASSPHRASE, usb, include_report=False, progress=watch.progress, cancelled=watch.cancelled
    )
    assert (sent.saved, sent.copy_error) == (None, "The copy was stopped.")
    assert list(usb.iterdir()) == []  # neither the package nor its working file
    assert [row.sequence for row in ws.submissions.history()] == [1]  # signed, kept, recorded
    assert ws.submissions.kept_file(sent.submission).is_file()


def test_stepping_reports_before_each_step_and_reads_no_further_than_it_gives() -> None:
    def source() -> Iterator[int]:
        yield from range(7)
        raise ValueError("a broken line after the seventh")

    heard: list[float] = []
    given = []
    with pytest.raises(ValueError):
        for item in stepped(source(), 10, heard.append, lambda: False, every=3):
            given.append(item)
    assert given == list(range(7))  # the error comes where it is, not a step early
    assert heard == [0.0, 0.3, 0.6]
    with pytest.raises(Cancelled):
        list(stepped(range(10), 10, None, lambda: True))
