"""The regional matrix from countries' real submissions, and the spreadsheet read back as the
Secretariat's readers will open it."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from openpyxl import load_workbook

from focalpoint.domain.regional_matrix import PlanAction, build_matrix
from focalpoint.domain.vocab import ActionStatus
from focalpoint.render.regional_matrix import STATUS_FILLS, write_matrix_csv, write_matrix_xlsx
from focalpoint.services.country.workspace import Workspace
from tests.conftest import entity_id
from tests.services.test_submissions import export, keyed, read_member

__all__ = ["keyed"]

ACTIONS = (
    PlanAction("1.1.1", "1", "Protocolo regional de atención"),
    PlanAction("1.1.2", "1", "Registro de casos"),
    PlanAction("2.1.1", "2", "Alternativas a la detención"),
)
NAMES = {"SV": "El Salvador", "GT": "Guatemala", "HN": "Honduras"}


def guatemala() -> dict[str, Any]:
    """A second country's records: an entity named like a formula, one action done."""
    return {
        "entities": [{"id": "e1", "name": "=HYPERLINK(\"http://x\")", "acronym": ""}],
        "assignments": [
            {"action_code": "1.1.2", "lead_id": "e1", "support_ids": [], "status": "completed",
             "note": "Registro único en línea"},
            {"action_code": "2.1.1", "lead_id": None, "support_ids": [],
             "status": "not_applicable", "note": ""},
        ],
    }  # fmt: skip


@pytest.fixture
def submissions(keyed: Workspace) -> dict[str, Any]:
    keyed.assignments.set_note("1.1.1", "Mesa técnica instalada")
    sv = json.loads(read_member(export(keyed, include_report=False), "data/submission.json"))
    return {"SV": sv, "GT": guatemala(), "HN": None}


def test_the_matrix_reads_each_countrys_lead_status_and_note(
    keyed: Workspace, submissions: dict[str, Any]
) -> None:
    matrix = build_matrix(ACTIONS, submissions)
    first = matrix.rows[0].cells
    sv = first["SV"]
    assert sv is not None and "CONNA" in sv.lead and sv.status is ActionStatus.IN_PROGRESS
    assert sv.note == "Mesa técnica instalada" and len(sv.supports) == 1
    gt = first["GT"]
    assert gt is not None and not gt.has_lead and gt.status is ActionStatus.NOT_STARTED
    assert first["HN"] is None  # no submission yet: not the same as "not started"
    assert [a.code for a in matrix.without_lead_anywhere()] == ["2.1.1"]
    completion = matrix.by_country()
    assert (completion["GT"].completed, completion["GT"].applicable) == (1, 2)
    assert completion["HN"].actions == 3 and completion["HN"].applicable == 0
    assert matrix.by_axis()["1"].with_lead == 2
    assert entity_id(keyed, "CONNA")  # the lead is the workspace's own entity


def test_the_spreadsheet_has_a_column_per_country_colours_filters_and_a4_landscape(
    submissions: dict[str, Any],
) -> None:
    out = io.BytesIO()
    write_matrix_xlsx(build_matrix(ACTIONS, submissions), out, "es", NAMES)
    book = load_workbook(io.BytesIO(out.getvalue()))
    assert book.sheetnames == ["Matriz", "Detalles", "Avance"]
    sheet = book["Matriz"]
    header = [c.value for c in sheet[1]]
    assert header == ["Código", "Acción", "El Salvador", "Guatemala", "Honduras"]
    assert sheet.freeze_panes == "C2" and sheet.auto_filter.ref == "A1:E4"
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9
    assert sheet.print_title_rows == "$1:$1" and sheet.print_title_cols == "$A:$B"
    assert sheet.row_dimensions[2].height >= 45  # the longest cell's three lines are in view
    sv = sheet["C2"]
    assert "CONNA" in sv.value and sv.value.endswith("En curso")
    assert sv.fill.fgColor.rgb.endswith(STATUS_FILLS[ActionStatus.IN_PROGRESS].lstrip("#"))
    formula_named = sheet["D3"]
    assert formula_named.data_type == "s" and formula_named.value.startswith("=HYPERLINK")
    assert sheet["D4"].value == "Sin entidad responsable\nNo aplica"
    assert sheet["E2"].value == "Sin envío todavía"
    details = book["Detalles"]
    rows = [[c.value for c in r] for r in details.iter_rows(min_row=2)]
    assert rows[0][:3] == ["1.1.1", "Protocolo regional de atención", "El Salvador"]
    assert rows[0][6] == "Mesa técnica instalada" and len(rows) == 6  # HN has no rows
    progress = {r[0].value: r[1].value for r in book["Avance"].iter_rows(min_row=2) if r[0].value}
    assert progress["Guatemala"] == 1


def test_the_csv_is_one_row_per_action_guarded_against_formulas(
    submissions: dict[str, Any],
) -> None:
    out = io.StringIO(newline="")
    write_matrix_csv(build_matrix(ACTIONS, submissions), out, "en", NAMES)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0][:4] == [
        "Code",
        "Action",
        "El Salvador: responsible entity",
        "El Salvador: status",
    ]
    assert rows[2][4].startswith("'=HYPERLINK") and rows[2][5] == "Completed"
    assert len(rows) == 1 + len(ACTIONS)
