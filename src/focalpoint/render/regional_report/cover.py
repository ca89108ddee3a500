"""The regional report's cover: the plan, the Secretariat, the date, the countries that have
reported, and what the report is limited to when it shows the open actions only."""

from __future__ import annotations

from babel.dates import format_date
from babel.numbers import format_decimal
from reportlab.platypus import Flowable

from focalpoint.i18n import N_, Translator
from focalpoint.render.regional_report.content import RegionalReportData
from focalpoint.render.report_cover import cover
from focalpoint.render.report_styles import Styles


def cover_page(data: RegionalReportData, tr: Translator, s: Styles) -> list[Flowable]:
    lang = data.language
    reported = data.reported
    rows = [
        (tr(N_("Prepared by")), data.secretariat or tr(N_("Technical Secretariat"))),
        (tr(N_("Date")), format_date(data.made_on, format="long", locale=lang)),
        (
            tr(N_("Plan")),
            tr(N_("{code}, version {version}")).format(
                code=data.plan_code, version=data.plan_version
            ),
        ),
        (
            tr(N_("Countries")),
            tr(N_("{reported} of {total} have an accepted submission: {names}")).format(
                reported=format_decimal(len(reported), locale=lang),
                total=format_decimal(len(data.countries), locale=lang),
                names=", ".join(c.name for c in reported) or "—",
            ),
        ),
    ]
    notices = []
    if data.open_only:
        notices.append(
            tr(
                N_(
                    "Open actions only: {open} of the plan's {total} actions. An action is "
                    "open while a country that has reported has not completed it (an action "
                    "a country marked not applicable counts as done there), or while no "
                    "country has reported. The matrix and the list of actions without a "
                    "responsible entity show the open actions; the other parts cover the "
                    "whole plan."
                )
            ).format(
                open=format_decimal(data.open_actions, locale=lang),
                total=format_decimal(data.actions, locale=lang),
            )
        )
    if data.provisional:
        notices.append(
            tr(
                N_(
                    "Provisional plan: this report follows a reconstruction of the Strategic "
                    "Plan made from public sources, until the Technical Secretariat publishes "
                    "the official plan."
                )
            )
        )
    made_with = tr(
        N_(
            "Made with FocalPoint from the submissions the countries' focal points signed "
            "and the Technical Secretariat accepted: each country as of its newest "
            "accepted submission."
        )
    )
    return cover(
        tr(N_("Regional report")),
        tr(N_("Regional Conference on Migration")),
        data.plan_title,
        rows,
        notices,
        made_with,
        s,
    )
