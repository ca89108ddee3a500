"""Every Qt model passes Qt's own model tester, with real data from a workspace."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt

from focalpoint.domain.directory import Organisation, Service, ServiceColumn, ServiceFilter
from focalpoint.domain.listing import Sorting
from focalpoint.domain.practices import Practice, PracticeColumn, PracticeFilter
from focalpoint.domain.records import AuditEntry
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.directory.organisation_model import OrganisationTableModel
from focalpoint.ui.country.directory.service_model import ServiceTableModel
from focalpoint.ui.country.entities.entity_dialog import _EntityFilter
from focalpoint.ui.country.entities.entity_model import EntityTableModel
from focalpoint.ui.country.plan.history_model import HistoryTableModel
from focalpoint.ui.country.plan.plan_model import PlanFilterProxy, PlanTreeModel
from focalpoint.ui.country.practices.practice_model import PracticeTableModel
from focalpoint.ui.widgets.paged_model import PagedTableModel, Pages
from focalpoint.ui.widgets.table_model import RowTableModel

SUBDIVISIONS = {"SV-LI": "La Libertad", "SV-SS": "San Salvador"}
ENTRY = AuditEntry(
    "2026-11-27T10:00:00.000+00:00", "Ana", "action", "1.1.1", "status", "not_started", "completed"
)


@pytest.fixture
def directory(ws: Workspace) -> Workspace:
    """Services and organisations of every kind the lists show: placed or not, deleted too."""
    sos = ws.directory.save_organisation(
        Organisation(name="Aldeas Infantiles SOS", acronym="SOS", provider_type="ngo")
    )
    red_cross = ws.directory.save_organisation(Organisation(name="Cruz Roja Salvadoreña"))
    ws.directory.save_service(
        Service(sos.id, "Acogimiento familiar", "family_care", latitude=13.69, longitude=-89.21)
    )
    ws.directory.save_service(
        Service(sos.id, "Defensoría", "legal_aid", subdivision="SV-LI", municipality="Santa Tecla")
    )
    gone = ws.directory.save_service(Service(red_cross.id, "Albergue", "shelter"))
    ws.directory.delete_service(gone.id)
    ws.directory.delete_organisation(red_cross.id, force=True)
    kept = ws.practices.save(
        Practice(
            title="Red consular",
            categories=("alternative_care",),
            national=False,
            subdivisions=("SV-LI", "SV-SS"),
            action_codes=("1.1.1",),
        )
    )
    dropped = ws.practices.save(Practice(title="Borrada", action_codes=("1.1.2",)))
    ws.practices.delete(dropped.id, force=True)
    assert kept.id
    return ws


def outside_the_table(model: RowTableModel | PagedTableModel) -> None:  # type: ignore[type-arg]
    """What a view may ask beyond the cells: nothing there, and no exception."""
    columns = model.columnCount()
    for section in (-1, columns, columns + 5):
        assert model.headerData(section, Qt.Orientation.Horizontal) is None
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert model.data(QModelIndex()) is None
    assert model.index(model.rowCount(), 0).data() is None
    assert model.rowCount(model.index(0, 0)) == 0 and model.columnCount(model.index(0, 0)) == 0


def test_plan_tree_model(ws: Workspace, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    ws.assignments.set_lead("1.1.1", ws.entities.resolve("CONNA").id)
    model = PlanTreeModel()
    model.load(ws.plan.overview())
    qtmodeltester.check(model)
    proxy = PlanFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_criteria("1.1", "", None, False)
    qtmodeltester.check(proxy)


def test_entity_table_model_and_its_filter(ws: Workspace, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = EntityTableModel()
    qtmodeltester.check(model)
    ws.entities.retire(ws.entities.resolve("DGME").id, force=True)
    model.load(ws.entities.all(), ws.entities.usage())
    assert model.index(0, 0).data() == "Consejo Nacional de la Niñez y Adolescencia"
    outside_the_table(model)
    proxy = _EntityFilter()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 1  # the retired entity is left out until asked for


def service_pages(ws: Workspace, wanted: ServiceFilter, sorting: Sorting) -> Pages:  # type: ignore[type-arg]
    return Pages(
        lambda: ws.directory.count(wanted),
        lambda offset, limit: ws.directory.page(wanted, sorting, offset, limit),
        lambda service_id: ws.directory.position(wanted, sorting, service_id),
    )


def practice_pages(ws: Workspace, wanted: PracticeFilter, sorting: Sorting) -> Pages:  # type: ignore[type-arg]
    return Pages(
        lambda: ws.practices.count(wanted),
        lambda offset, limit: ws.practices.page(wanted, sorting, offset, limit),
        lambda practice_id: ws.practices.position(wanted, sorting, practice_id),
    )


def test_service_table_model(directory: Workspace, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = ServiceTableModel(SUBDIVISIONS)
    qtmodeltester.check(model)
    wanted = ServiceFilter(include_deleted=True)
    model.show(service_pages(directory, wanted, Sorting(ServiceColumn.NAME)))
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    assert [model.index(r, 0).data() for r in range(3)] == [
        "Acogimiento familiar",
        "Albergue (deleted)",
        "Defensoría",
    ]
    assert model.index(2, 3).data() == "La Libertad"
    outside_the_table(model)


def test_practice_table_model(directory: Workspace, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = PracticeTableModel(SUBDIVISIONS)
    qtmodeltester.check(model)
    wanted = PracticeFilter(include_deleted=True)
    model.show(practice_pages(directory, wanted, Sorting(PracticeColumn.CHANGED, True)))
    qtmodeltester.check(model)
    assert sorted(model.index(r, 1).data() for r in range(2)) == ["Deleted", "Draft"]
    row = model.row_of(directory.practices.summaries()[0].id)
    assert model.index(row, 4).data() == "La Libertad, San Salvador"
    outside_the_table(model)


def test_organisation_table_model(directory: Workspace, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = OrganisationTableModel()
    qtmodeltester.check(model)
    counts = {o.id: 2 for o in directory.directory.organisations()}
    model.load(directory.directory.organisations(include_deleted=True), counts)
    assert [[model.index(r, c).data() for c in range(5)] for r in range(2)] == [
        ["Aldeas Infantiles SOS", "SOS", "Non-governmental", "2", "Active"],
        ["Cruz Roja Salvadoreña", "", "", "0", "Deleted"],
    ]
    outside_the_table(model)


def test_history_table_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = HistoryTableModel()
    qtmodeltester.check(model)
    model.load([ENTRY])
    assert [model.index(0, c).data() for c in (1, 2)] == ["Ana", "Status: Not started → Completed"]
    outside_the_table(model)


def test_the_check_lists_filter_proxy(ws: Workspace, qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from focalpoint.ui.widgets.checklist import CheckList

    choices = CheckList("Entities", searchable=True)
    qtbot.addWidget(choices)
    proxy = choices.view.model()
    assert isinstance(proxy, QSortFilterProxyModel)
    qtmodeltester.check(proxy)
    choices.set_items([(e.id, e.display_name) for e in ws.entities.all()])
    choices.filter.setText("consejo")
    assert proxy.rowCount() == 1


class _Named(PagedTableModel):  # type: ignore[type-arg]
    COLUMNS = ("Name",)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        record = self.record(index.row()) if index.isValid() else None
        if record is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        return record.id


def test_a_paged_model_reads_the_pages_looked_at_and_says_when_one_fails(
    qtbot, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    rows = [Organisation(name=f"n{i}", id=f"r{i:03d}") for i in range(450)]
    reads: list[int] = []

    def read(offset: int, limit: int) -> list[Organisation]:
        reads.append(offset)
        if offset == 400 and len(reads) > 50:
            raise OSError("the disk went away")
        return rows[offset : offset + limit]

    model = _Named()
    model.show(Pages(lambda: 450, read, lambda i: int(i[1:])))
    assert reads == [0]  # counted, and the first page read: nothing else yet
    assert model.index(449, 0).data() == "r449" and reads == [0, 400]
    assert model.row_of("r300") == 300 and reads == [0, 400]  # asked, not read
    qtmodeltester.check(model)
    reads.extend([-1] * 50)  # from now on the last page cannot be read
    model.show(Pages(lambda: 450, read, lambda i: int(i[1:])))
    with qtbot.waitSignal(model.failed, timeout=1000) as failed:
        assert model.index(420, 0).data() is None
    assert isinstance(failed.args[0], OSError)
