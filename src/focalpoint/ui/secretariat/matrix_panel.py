"""The matrix's side panel: the chosen cell in full (lead, supporting entities, status, note) and
the accepted package that set it, so that any cell can be traced to its package; or, for the
code and action columns, the action across every country. Simple HTML for a ``QTextBrowser``."""

from __future__ import annotations

from html import escape

from focalpoint.domain.regional_matrix import MatrixCell, MatrixRow
from focalpoint.i18n import _, format_timestamp
from focalpoint.services.secretariat.intake import ReceivedRow
from focalpoint.ui.secretariat.inbox_details import country_name


def cell_html(row: MatrixRow, country: str, origin: ReceivedRow | None) -> str:
    cell = row.cells.get(country)
    parts = [_heading(row), f"<p><b>{escape(country_name(country))}</b></p>"]
    if cell is None:
        nothing = _("No submission accepted from this country yet.")
        parts.append(f"<p>{escape(nothing)}</p>")
        return "".join(parts)
    facts = [
        (_("Lead entity"), _value(cell.lead)),
        (_("Supporting entities"), _value("; ".join(cell.supports))),
        (_("Status"), escape(cell.status.label)),
        (_("Note"), _value(cell.note)),
        (_("Set by"), _origin(origin)),
    ]
    rows = "".join(
        f"<tr><td valign='top' style='padding-right:10px'><b>{escape(label)}</b></td>"
        f"<td>{value}</td></tr>"
        for label, value in facts
    )
    parts.append(f"<table>{rows}</table>")
    if origin is not None:
        parts.append(
            "<p style='color:#555'>{}</p>".format(
                escape(_("Package id: {id}").format(id=origin.id))
            )
        )
    return "".join(parts)


def action_html(row: MatrixRow, countries: tuple[str, ...]) -> str:
    """The action against every country, one line each."""
    line = escape(_("{country}: {cell}"))
    lines = "".join(
        "<li>{}</li>".format(
            line.format(
                country=f"<b>{escape(country_name(code))}</b>",
                cell=escape(_summary(row.cells.get(code))),
            )
        )
        for code in countries
    )
    hint = escape(_("Choose a country's cell to see which package set it."))
    return f"{_heading(row)}<ul>{lines}</ul><p style='color:#555'>{hint}</p>"


def _heading(row: MatrixRow) -> str:
    return f"<h3>{escape(row.action.code)}</h3><p>{escape(row.action.title)}</p>"


def _summary(cell: MatrixCell | None) -> str:
    if cell is None:
        return _("No submission yet")
    lead = cell.lead or _("No responsible entity")
    return f"{lead} · {cell.status.label}"


def _origin(origin: ReceivedRow | None) -> str:
    if origin is None:
        return escape(_("No accepted submission has set this action yet."))
    made = _("Submission {n}, made {made}").format(
        n=origin.sequence, made=format_timestamp(origin.created_at)
    )
    decided = (
        _("accepted {day}").format(day=format_timestamp(origin.decided_at))
        if origin.decided_at
        else ""
    )
    return escape(f"{made}; {decided}" if decided else made)


def _value(text: str) -> str:
    if text:
        return escape(text).replace("\n", "<br>")
    none = _("none")
    return f"<i>{escape(none)}</i>"
