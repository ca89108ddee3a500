"""Every Qt model passes Qt's own model tester, with real data from a workspace."""

from __future__ import annotations

from focalpoint.domain.records import AuditEntry
from focalpoint.services.country.workspace import Workspace
from focalpoint.ui.country.entities.entity_model import EntityTableModel
from focalpoint.ui.country.plan.history_model import HistoryTableModel
from focalpoint.ui.country.plan.plan_model import PlanFilterProxy, PlanTreeModel


def test_plan_tree_model(ws: Workspace, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    ws.assignments.set_lead("1.1.1", ws.entities.resolve("CONNA").id)
    model = PlanTreeModel()
    model.load(ws.plan.overview())
    qtmodeltester.check(model)
    proxy = PlanFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_criteria("1.1", "", None, False)
    qtmodeltester.check(proxy)


def test_entity_table_model(ws: Workspace, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = EntityTableModel()
    model.load(ws.entities.all(), ws.entities.usage())
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "Consejo Nacional de la Niñez y Adolescencia"


def test_history_table_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = HistoryTableModel()
    model.load(
        [
            AuditEntry(
                "2026-11-27T10:00:00.000+00:00",
                "Ana",
                "action",
                "1.1.1",
                "status",
                "not_started",
                "completed",
            )
        ]
    )
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in (1, 2)] == ["Ana", "Status: Not started → Completed"]
