"""The country report's cover page: the country, the plan, who made the report and when, and a
warning when the plan is a provisional one."""

from __future__ import annotations

from babel.dates import format_date
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from focalpoint.i18n import N_, Translator
from focalpoint.render.country_report.content import ReportData
from focalpoint.render.report_styles import Styles
from focalpoint.render.style import FONT, plain


def cover_page(data: ReportData, tr: Translator, s: Styles) -> list[Flowable]:
    made = format_date(data.made_on, format="long", locale=data.language)
    rows = [
        (
            tr(N_("Officer")),
            data.officer + (f", {data.officer_title}" if data.officer_title else ""),
        ),
        (tr(N_("Institution")), data.institution or "—"),
        (tr(N_("Date")), made),
        (
            tr(N_("Plan")),
            tr(N_("{code}, version {version}")).format(
                code=data.plan_code, version=data.plan_version
            ),
        ),
    ]
    facts = Table(
        [[plain(k, s["muted"]), plain(v, s["body"])] for k, v in rows],
        colWidths=[40 * mm, None],
        splitInRow=1,
    )
    facts.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT),  # a table's default would name Helvetica
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    story: list[Flowable] = [
        Spacer(1, 35 * mm),
        plain(tr(N_("Country report")), s["cover_big"]),
        plain(data.country, s["cover_title"]),
        plain(data.plan_title, s["cover_big"]),
        Spacer(1, 12 * mm),
        facts,
    ]
    if data.provisional:
        story += [
            Spacer(1, 10 * mm),
            plain(
                tr(
                    N_(
                        "Provisional plan: this report follows a reconstruction of the Strategic "
                        "Plan made from public sources, which the official plan file of the "
                        "Technical Secretariat will replace."
                    )
                ),
                s["banner"],
            ),
        ]
    story += [
        Spacer(1, 50 * mm),
        plain(
            tr(
                N_(
                    "Made with FocalPoint for the Liaison Officer Network for the Protection of "
                    "Migrant Girls, Boys and Adolescents of the Regional Conference on Migration."
                )
            ),
            s["muted"],
        ),
    ]
    return story
