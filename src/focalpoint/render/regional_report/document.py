"""The regional report as a PDF: :func:`write_regional_report` puts the parts together on the
pages :mod:`focalpoint.render.report_pages` numbers and heads, as the country report does; the
matrix goes on landscape pages, where eleven countries' columns fit.

Each part is built in a module of its own: ``cover``, ``completion`` (its charts), ``matrix``
(and the actions without a responsible entity), ``practices`` (and alternatives to detention),
``services`` (the country report's map, drawn for the region) and ``proposals``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from focalpoint.domain.errors import Cancelled
from focalpoint.i18n import N_, Translator
from focalpoint.render.regional_report.completion import completion_section
from focalpoint.render.regional_report.content import SECTIONS, RegionalReportData
from focalpoint.render.regional_report.cover import cover_page
from focalpoint.render.regional_report.matrix import matrix_section, unassigned_section
from focalpoint.render.regional_report.practices import detention_section, practices_section
from focalpoint.render.regional_report.proposals import proposals_section
from focalpoint.render.regional_report.services import services_section
from focalpoint.render.report_pages import (
    Contents,
    Metadata,
    Progress,
    Running,
    build_report,
    contents_pages,
)
from focalpoint.render.report_styles import paragraph_styles
from focalpoint.render.style import register_fonts


def write_regional_report(
    data: RegionalReportData,
    path: Path,
    tr: Translator,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the report to ``path``; returns its page count. Raises :class:`Cancelled`."""
    register_fonts()
    styles = paragraph_styles()
    report = progress or (lambda _fraction: None)
    stop = cancelled or (lambda: False)
    contents = Contents()
    story: list[Flowable] = [*cover_page(data, tr, styles), NextPageTemplate("body"), PageBreak()]
    # Every H1 and H2, counted before layout: the contents get room for them all.
    headings = (
        len(SECTIONS)
        + sum(1 for a in data.matrix if a.lines)
        + (1 if data.acronyms else 0)
        + sum(1 for b in data.categories if b.listed)
    )
    story += contents_pages(contents, headings, tr, styles)
    report(0.1)
    parts: dict[str, Callable[[], list[Flowable]]] = {
        "completion": lambda: completion_section(data, tr, styles),
        "matrix": lambda: matrix_section(data, tr, styles),
        "unassigned": lambda: unassigned_section(data, tr, styles),
        "practices": lambda: practices_section(data, tr, styles),
        "detention": lambda: detention_section(data, tr, styles),
        "services": lambda: services_section(data, tr, styles),
        "proposals": lambda: proposals_section(data, tr, styles),
    }
    for n, key in enumerate(SECTIONS):
        if n:  # the contents end with a page break already
            story += [NextPageTemplate("wide" if key == "matrix" else "body"), PageBreak()]
        story += parts[key]()
        report(0.1 + 0.5 * (n + 1) / len(SECTIONS))
        if stop():
            raise Cancelled
    running = Running(
        tr(N_("Regional report")),
        f"{data.plan_code} · v{data.plan_version}",
        data.made_on,
        data.language,
    )
    metadata = Metadata(
        title=tr(N_("Regional report: {plan}")).format(plan=data.plan_title),
        author=data.secretariat,
        subject=tr(N_("Responsible entities and progress of the Strategic Plan {code}")).format(
            code=data.plan_code
        ),
        keywords=("RCM", data.plan_code, *(c.code for c in data.reported)),
        language=data.language,
    )
    return build_report(
        path, story, contents, running, metadata, tr, report, stop, landscape_pages=True
    )
