"""The country report as a PDF (reportlab): :func:`write_report` puts the parts together in
the report's order, on the pages :mod:`focalpoint.render.report_pages` numbers and heads (the
regional report's too), after a contents page drawn in the same single layout pass.

Each part is built in a module of its own: ``cover``, ``summary``, ``plan``, ``practices``,
``services`` (its map in ``render/service_map``) and ``changes``; ``render/rows`` is the fast
table of the practices and services, ``render/report_styles`` the paragraph styles and the grid
of the other tables.

Text is set in DejaVu Sans, embedded, so every Spanish and French character prints anywhere.
Dates and numbers follow the report's language (babel), not the interface's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from focalpoint.domain.errors import Cancelled
from focalpoint.i18n import N_, Translator
from focalpoint.render.country_report.changes import changes_section
from focalpoint.render.country_report.content import SECTIONS, ReportData
from focalpoint.render.country_report.cover import cover_page
from focalpoint.render.country_report.plan import plan_section
from focalpoint.render.country_report.practices import practices_section
from focalpoint.render.country_report.services import services_section
from focalpoint.render.country_report.summary import summary_section
from focalpoint.render.report_pages import (
    Contents,
    Metadata,
    Running,
    build_report,
    contents_pages,
)
from focalpoint.render.report_styles import paragraph_styles
from focalpoint.render.style import register_fonts

Progress = Callable[[float], None]


def write_report(
    data: ReportData,
    path: Path,
    tr: Translator,
    sections: Sequence[str],
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
    # Every H1 and H2 of the report, counted before layout: the contents get room for them all.
    headings = len(sections) + sum(
        len(part)
        for key, part in (
            ("plan", data.axes),
            ("practices", data.practices),
            ("services", data.services),
        )
        if key in sections
    )
    story += contents_pages(contents, headings, tr, styles)
    report(0.1)
    parts: dict[str, Callable[[], list[Flowable]]] = {
        "summary": lambda: summary_section(data, tr, styles),
        "plan": lambda: plan_section(data, tr, styles, report, stop),
        "practices": lambda: practices_section(data, tr, styles),
        "services": lambda: services_section(data, tr, styles),
        "changes": lambda: changes_section(data, tr, styles),
    }
    for key in SECTIONS:  # always in the report's own order, whatever order they were asked in
        if key in sections:
            story += parts[key]()
    if stop():
        raise Cancelled
    report(0.6)
    running = Running(
        tr(N_("Country report · {country}")).format(country=data.country),
        f"{data.plan_code} · v{data.plan_version}",
        data.made_on,
        data.language,
    )
    metadata = Metadata(
        title=tr(N_("Country report: {country}")).format(country=data.country),
        author=data.officer,
        subject=tr(N_("Responsible entities and progress of the Strategic Plan {code}")).format(
            code=data.plan_code
        ),
        keywords=("RCM", data.plan_code, data.country_code),
        language=data.language,
    )
    return build_report(path, story, contents, running, metadata, tr, report, stop)
