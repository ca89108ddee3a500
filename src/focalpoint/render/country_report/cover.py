"""The country report's cover page: the country, the plan, who made the report and when, and a
warning when the plan is a provisional one."""

from __future__ import annotations

from babel.dates import format_date
from reportlab.platypus import Flowable

from focalpoint.i18n import N_, Translator
from focalpoint.render.country_report.content import ReportData
from focalpoint.render.report_cover import cover
from focalpoint.render.report_styles import Styles


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
    notices = []
    if data.provisional:
        notices.append(
            tr(
                N_(
                    "Provisional plan: this report follows a reconstruction of the Strategic "
                    "Plan made from public sources, which the official plan file of the "
                    "Technical Secretariat will replace."
                )
            )
        )
    made_with = tr(
        N_(
            "Made with FocalPoint for the Liaison Officer Network for the Protection of "
            "Migrant Girls, Boys and Adolescents of the Regional Conference on Migration."
        )
    )
    return cover(
        tr(N_("Country report")), data.country, data.plan_title, rows, notices, made_with, s
    )
