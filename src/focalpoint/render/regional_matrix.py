"""The regional matrix as the spreadsheet the Secretariat sends around (XLSX), and as CSV.

The workbook has three sheets:
- **Matrix**: one row per action, one column of responsible entities per country; each cell the
  lead entity and, on a second line, the status, filled in the status's colour (the words say it
  too, for a black-and-white printout and for readers who do not tell the colours apart). Frozen
  header and code/action columns, filters, A4 landscape, the code and action on every page.
- **Details**: one row per action and country, with supporting entities and the note: the sheet
  to filter and sort.
- **Completion**: per country and per axis, and the legend of the colours.

Text goes in as text, never as a formula: an entity named "=HYPERLINK(…)" is a name.

Written with XlsxWriter, whose formats are made once and shared by every cell: openpyxl spent
most of 7 s hashing a style per cell for 2,000 actions and eleven countries.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from focalpoint.domain.regional_matrix import MatrixCell, RegionalMatrix
from focalpoint.domain.vocab import ActionStatus
from focalpoint.i18n import N_, Translator, translator
from focalpoint.render.csv_cells import write_rows
from focalpoint.render.sheets import HEADER_FILL, LINE_HEIGHT, finish, heading, lines

if TYPE_CHECKING:
    from collections.abc import Mapping

    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

# Light fills under dark text (the same hues as the window's and the report's status colours).
STATUS_FILLS = {
    ActionStatus.NOT_STARTED: "#ECEFF1",
    ActionStatus.IN_PROGRESS: "#D6E4F5",
    ActionStatus.COMPLETED: "#D9EED9",
    ActionStatus.NOT_APPLICABLE: "#F5EBC8",
}
MISSING_TEXT = "#9A3412"
# Column widths in characters. Spreadsheet programs do not grow a row for wrapped text they did
# not wrap themselves, so each row is given the height of its longest cell.
CODE_WIDTH, ACTION_WIDTH, COUNTRY_WIDTH = 9, 40, 24
# On paper (render/sheets.PRINT_SCALE): the code and action columns on every page and four or
# five countries beside them at 65 %, readable, where eleven countries squeezed onto one page
# width printed at about 35 %.


def write_matrix_xlsx(
    matrix: RegionalMatrix, out: BinaryIO, language: str, country_names: Mapping[str, str]
) -> None:
    """Write the workbook to ``out`` (a binary stream), its words in ``language``."""
    from xlsxwriter import Workbook  # loaded when a spreadsheet is made, never at start-up

    tr = translator(language)
    names = [country_names.get(c, c) for c in matrix.countries]
    book = Workbook(out, {"in_memory": True, "strings_to_formulas": False})
    styles = _Styles(book)
    _matrix_sheet(book.add_worksheet(tr(N_("Matrix"))[:31]), styles, matrix, names, tr)
    _details_sheet(book.add_worksheet(tr(N_("Details"))[:31]), styles, matrix, names, tr)
    _completion_sheet(book.add_worksheet(tr(N_("Completion"))[:31]), styles, matrix, names, tr)
    book.close()


def write_matrix_csv(
    matrix: RegionalMatrix, out: TextIO, language: str, country_names: Mapping[str, str]
) -> None:
    """The matrix as CSV: code, action, then the lead entity and the status of each country."""
    tr = translator(language)
    heading = [tr(N_("Code")), tr(N_("Action"))]
    for country in matrix.countries:
        name = country_names.get(country, country)
        heading += [
            tr(N_("{country}: responsible entity")).format(country=name),
            tr(N_("{country}: status")).format(country=name),
        ]
    rows = []
    for row in matrix.rows:
        values: list[Any] = [row.action.code, row.action.title]
        for country in matrix.countries:
            cell = row.cells.get(country)
            values += ["", ""] if cell is None else [cell.lead, cell.status.label_in(tr)]
        rows.append(values)
    write_rows(out, rows, [heading])


class _Styles:
    """Every format of the workbook, made once."""

    def __init__(self, book: Workbook) -> None:
        top = {"text_wrap": True, "valign": "top"}
        self.header = book.add_format(
            {"bold": True, "font_color": "#FFFFFF", "bg_color": HEADER_FILL, "text_wrap": True}
        )
        self.text = book.add_format(top)
        self.status = {s: book.add_format({**top, "bg_color": c}) for s, c in STATUS_FILLS.items()}
        self.no_lead = {
            s: book.add_format({**top, "bg_color": c, "italic": True, "font_color": MISSING_TEXT})
            for s, c in STATUS_FILLS.items()
        }
        self.no_submission = book.add_format({**top, "italic": True, "font_color": "#6B6B6B"})
        self.bold = book.add_format({"bold": True})


# -- the sheets -------------------------------------------------------------------------------


def _matrix_sheet(
    sheet: Worksheet, styles: _Styles, matrix: RegionalMatrix, names: Sequence[str], tr: Translator
) -> None:
    heading(sheet, styles.header, [tr(N_("Code")), tr(N_("Action")), *names])
    none_yet, no_submission = tr(N_("No responsible entity")), tr(N_("No submission yet"))
    for r, row in enumerate(matrix.rows, start=1):
        sheet.write_string(r, 0, row.action.code, styles.text)
        sheet.write_string(r, 1, row.action.title, styles.text)
        height = lines(row.action.title, ACTION_WIDTH)
        for c, country in enumerate(matrix.countries, start=2):
            cell = row.cells.get(country)
            if cell is None:
                sheet.write_string(r, c, no_submission, styles.no_submission)
                continue
            text = f"{cell.lead or none_yet}\n{cell.status.label_in(tr)}"
            style = (styles.status if cell.has_lead else styles.no_lead)[cell.status]
            sheet.write_string(r, c, text, style)
            height = max(height, lines(text, COUNTRY_WIDTH))
        sheet.set_row(r, LINE_HEIGHT * height)
    sheet.set_column(0, 0, CODE_WIDTH)
    sheet.set_column(1, 1, ACTION_WIDTH)
    sheet.set_column(2, 1 + len(names), COUNTRY_WIDTH)
    finish(sheet, (1, 2), len(matrix.rows), 1 + len(names), title_columns=True)


def _details_sheet(
    sheet: Worksheet, styles: _Styles, matrix: RegionalMatrix, names: Sequence[str], tr: Translator
) -> None:
    columns = [
        (N_("Code"), 9),
        (N_("Action"), 40),
        (N_("Country"), 16),
        (N_("Responsible entity (lead)"), 30),
        (N_("Supporting entities"), 36),
        (N_("Status"), 14),
        (N_("Note"), 48),
    ]
    heading(sheet, styles.header, [tr(label) for label, _width in columns])
    r = 0
    for row in matrix.rows:
        for country, name in zip(matrix.countries, names, strict=True):
            cell = row.cells.get(country)
            if cell is None:
                continue
            r += 1
            values = _detail_values(row.action.code, row.action.title, name, cell, tr)
            for c, value in enumerate(values):
                sheet.write_string(r, c, value, styles.text)
    for c, (_label, width) in enumerate(columns):
        sheet.set_column(c, c, width)
    finish(sheet, (1, 0), r, len(columns) - 1)


def _detail_values(
    code: str, title: str, country: str, cell: MatrixCell, tr: Translator
) -> list[str]:
    return [
        code,
        title,
        country,
        cell.lead,
        "; ".join(cell.supports),
        cell.status.label_in(tr),
        cell.note,
    ]


def _completion_sheet(
    sheet: Worksheet, styles: _Styles, matrix: RegionalMatrix, names: Sequence[str], tr: Translator
) -> None:
    titles = [
        tr(N_("Country")),
        tr(N_("Completed")),
        tr(N_("Applicable actions")),
        tr(N_("Completed (%)")),
        tr(N_("With a responsible entity")),
        tr(N_("Actions")),
    ]
    heading(sheet, styles.header, titles)
    by_country = matrix.by_country()
    rows: list[tuple[str, Any]] = [
        (name, by_country[country]) for country, name in zip(matrix.countries, names, strict=True)
    ]
    rows += [
        (tr(N_("Axis {code}")).format(code=axis), done) for axis, done in matrix.by_axis().items()
    ]
    for r, (label, done) in enumerate(rows, start=1):
        sheet.write_string(r, 0, label)
        numbers = (
            done.completed,
            done.applicable,
            round(100 * done.share, 1),
            done.with_lead,
            done.actions,
        )
        for c, value in enumerate(numbers, start=1):
            sheet.write_number(r, c, value)
    legend = len(rows) + 2
    sheet.write_string(legend, 0, tr(N_("Colours of the Matrix sheet")), styles.bold)
    for offset, status in enumerate(ActionStatus, start=1):
        sheet.write_string(legend + offset, 0, status.label_in(tr), styles.status[status])
    sheet.set_column(0, 0, 30)
    sheet.set_column(1, 5, 18)
    finish(sheet, (1, 1), len(rows), len(titles) - 1)
