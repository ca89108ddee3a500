"""The plan section of the country report: every action of the plan under its axis and
objective, with its lead and supporting entities, status and progress note."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Table

from focalpoint.domain.errors import Cancelled
from focalpoint.domain.vocab import ActionStatus
from focalpoint.i18n import N_, Translator
from focalpoint.render.country_report.content import SECTIONS, ReportData
from focalpoint.render.report_styles import Styles, grid
from focalpoint.render.style import FONT, plain


def plan_section(
    data: ReportData,
    tr: Translator,
    s: Styles,
    report: Callable[[float], None],
    stop: Callable[[], bool],
) -> list[Flowable]:
    story: list[Flowable] = [plain(tr(SECTIONS["plan"]), s["H1"])]
    if not data.assigned:
        story.append(plain(tr(N_("No responsible entity has been assigned yet.")), s["body"]))
    none = tr(N_("not assigned yet"))
    status_labels = {status: status.label_in(tr) for status in ActionStatus}
    head = [
        tr(N_("Code")),
        tr(N_("Action")),
        tr(N_("Lead entity")),
        tr(N_("Supporting entities")),
        tr(N_("Status")),
        tr(N_("Progress note")),
    ]
    # The status is a plain string (it never wraps), so its column fits the longest label
    # of this language ("Non commencée" is a third wider than "En curso"); the note takes the rest.
    status_width = max(pdfmetrics.stringWidth(t, FONT, 8) for t in status_labels.values()) + 9
    fixed = [15 * mm, 44 * mm, 31 * mm, 28 * mm, max(status_width, 18 * mm)]
    widths = [*fixed, 174 * mm - sum(fixed)]
    for n, axis in enumerate(data.axes):
        if stop():
            raise Cancelled
        report(0.1 + 0.5 * n / max(len(data.axes), 1))
        story.append(CondPageBreak(40 * mm))
        story.append(
            plain(f"{tr(N_('Axis {code}')).format(code=axis.code)}. {axis.title}", s["H2"])
        )
        for obj in axis.objectives:
            rows: list[list[Any]] = [[plain(h, s["cellhead"]) for h in head]]
            for line in obj.actions:
                # Short or empty cells are plain strings: a Paragraph is re-wrapped at every
                # layout pass, and 2,000 actions make 12,000 cells.
                rows.append(
                    [
                        line.code,
                        plain(line.title, s["cell"]),
                        plain(line.lead, s["cell"]) if line.lead else plain(none, s["muted"]),
                        plain("\n".join(f"• {n}" for n in line.supporting), s["cell"])
                        if line.supporting
                        else "—",
                        status_labels[line.status],
                        plain(line.note, s["cell"]) if line.note else "—",
                    ]
                )
            # Room for the heading and a few rows, or a new page: a heading never stands
            # alone at the foot of a page. (keepWithNext split long tables oddly.)
            story.append(CondPageBreak(35 * mm))
            story.append(plain(f"{obj.code} {obj.title}", s["H3"]))
            if obj.actions:
                # splitInRow: a row taller than a page (a very long note) splits across pages.
                table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
                table.setStyle(grid([]))
                story.append(table)
            else:
                story.append(plain(tr(N_("This objective has no actions.")), s["muted"]))
    story.append(PageBreak())
    return story
