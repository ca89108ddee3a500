"""The regional map of services (the country report's map, drawn for the whole region) and the
services counted per country and type."""

from __future__ import annotations

from typing import Any

from babel.numbers import format_decimal
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from focalpoint.i18n import N_, Translator
from focalpoint.render.regional_report.content import SECTIONS, RegionalReportData
from focalpoint.render.regional_report.counts import counts_table
from focalpoint.render.report_styles import Styles
from focalpoint.render.service_map import service_map_drawing
from focalpoint.render.style import ACCENT, plain


def services_section(data: RegionalReportData, tr: Translator, s: Styles) -> list[Flowable]:
    lang = data.language
    story: list[Flowable] = [plain(tr(SECTIONS["services"]), s["H1"])]
    if not data.services:
        story.append(plain(tr(N_("No country has submitted a service yet.")), s["body"]))
        return story
    located = sum(c.located for c in data.service_counts)
    story.append(
        plain(
            tr(
                N_(
                    "Services in the region's directories: {total}. On the map: {located}; the "
                    "others have no coordinates. Each dot is a service, or services of one type "
                    "close together, in the colour of its type."
                )
            ).format(
                total=format_decimal(data.services, locale=lang),
                located=format_decimal(located, locale=lang),
            ),
            s["body"],
        )
    )
    story.append(Spacer(1, 3 * mm))
    if data.shape is not None:
        story.append(
            service_map_drawing(
                data.shape,
                data.map_marks,
                data.service_types,
                data.country_names,
                lang,
                height=150 * mm,
            )
        )
    codes = [
        c.code for c in data.countries if any(sc.country == c.name for sc in data.service_counts)
    ]
    head = [tr(N_("Type")), *codes, tr(N_("Total"))]
    rows: list[list[Any]] = [
        [kind.label]
        + [format_decimal(c.counts[n], locale=lang) for c in data.service_counts]
        + [format_decimal(kind.count, locale=lang)]
        for n, kind in enumerate(data.service_types)
    ]
    rows.append(
        [plain(tr(N_("All types")), s["cellhead"])]
        + [format_decimal(c.total, locale=lang) for c in data.service_counts]
        + [format_decimal(data.services, locale=lang)]
    )
    rows.append(
        [tr(N_("On the map"))]
        + [format_decimal(c.located, locale=lang) for c in data.service_counts]
        + [format_decimal(located, locale=lang)]
    )
    total_row = [
        ("BACKGROUND", (0, -2), (-1, -2), ACCENT),
        ("TEXTCOLOR", (0, -2), (-1, -2), (1, 1, 1)),
    ]
    counts = counts_table(head, rows, s, label_min=48 * mm, extra=total_row)
    story += [
        CondPageBreak(60 * mm),
        plain(tr(N_("Services by type and country")), s["H3"]),
        counts,
        plain(
            tr(N_("Countries by their code: {names}.")).format(
                names="; ".join(f"{code} {data.country_names[code]}" for code in codes)
            ),
            s["muted"],
        ),
    ]
    return story
