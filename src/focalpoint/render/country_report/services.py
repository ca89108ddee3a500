"""The services section of the country report: the map, then every service of the directory
under its subdivision, with its type, populations, ages, how to refer and where it is."""

from __future__ import annotations

from babel.numbers import format_decimal
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer

from focalpoint.i18n import N_, Translator
from focalpoint.render.country_report.content import SECTIONS, DirectorySummary, ReportData
from focalpoint.render.report_styles import HEADING, KEEP_MAX, Styles
from focalpoint.render.rows import Cell, Row, Rows, table
from focalpoint.render.service_map import service_map_drawing
from focalpoint.render.style import ACCENT, BOLD, SHADE, plain


def services_section(data: ReportData, tr: Translator, s: Styles) -> list[Flowable]:
    story: list[Flowable] = [plain(tr(SECTIONS["services"]), s["H1"])]
    if data.directory_summary is not None:
        return story + _summary(data, data.directory_summary, tr, s)
    if not data.services:
        story += [
            plain(tr(N_("No service has been recorded in the directory yet.")), s["body"]),
            PageBreak(),
        ]
        return story
    lang = data.language
    located = sum(1 for b in data.services for v in b.services if v.latitude is not None)
    story.append(
        plain(
            tr(
                N_(
                    "Services in the directory: {total}. On the map: {located}; the others have "
                    "no coordinates yet. Each dot is one service, in the colour of its type."
                )
            ).format(
                total=format_decimal(data.service_count, locale=lang),
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
                data.subdivision_names,
                data.language,
            )
        )
    colours = {t.code: colors.HexColor(t.colour) for t in data.service_types}
    head = Row(
        [
            Cell(tr(text), BOLD, 8, colors.white, tr(sub) if sub else "", colors.white)
            for text, sub in (
                (N_("Service"), N_("Organisation")),
                (N_("Type"), ""),
                (N_("Populations"), N_("Ages")),
                (N_("How to refer"), N_("Refer to")),
                (N_("Municipality"), N_("Coordinates")),
            )
        ],
        ACCENT,
    )
    no_place = tr(N_("no coordinates"))
    ages = tr(N_("Ages: {ages}"))
    widths = [40 * mm, 31 * mm, 36 * mm, 43 * mm, 24 * mm]
    for block in data.services:
        rows = []
        for n, v in enumerate(block.services):
            where = (
                f"{v.latitude:.4f}, {v.longitude:.4f}"
                if v.latitude is not None and v.longitude is not None
                else no_place
            )
            age = _ages(v.age_min, v.age_max, tr)
            rows.append(
                Row(
                    [
                        Cell(v.name, BOLD, sub=v.organisation),
                        Cell(v.type_label, swatch=colours.get(v.service_type)),
                        Cell(
                            "; ".join(v.populations) or "—",
                            sub=ages.format(ages=age) if age else "",
                        ),
                        Cell(
                            v.referral or ("" if v.referral_contact else "—"),
                            sub=f"→\u00a0{v.referral_contact}" if v.referral_contact else "",
                        ),
                        Cell(v.municipality or "—", sub=where),
                    ],
                    SHADE if n % 2 else None,
                )
            )
        listing = Rows(widths, rows, head)
        # Never a heading alone at the foot of a page.
        story.append(CondPageBreak(min(HEADING + listing.lead_height(), KEEP_MAX)))
        story.append(plain(block.name or tr(N_("No subdivision given")), s["H2"]))
        story.append(listing)
    story.append(PageBreak())
    return story


def _summary(
    data: ReportData, summary: DirectorySummary, tr: Translator, s: Styles
) -> list[Flowable]:
    """The directory counted, for a country with more services than a report can list."""
    lang = data.language
    story: list[Flowable] = [
        plain(
            tr(
                N_(
                    "Services in the directory: {total}. Organisations offering them: "
                    "{organisations}. On the map: {located}; the others have no coordinates yet. "
                    "Each dot is a service, or services of one type close together, in the "
                    "colour of its type."
                )
            ).format(
                total=format_decimal(summary.services, locale=lang),
                organisations=format_decimal(summary.organisations, locale=lang),
                located=format_decimal(summary.located, locale=lang),
            ),
            s["body"],
        ),
        plain(
            tr(
                N_(
                    "The directory is too long to list here service by service: it is counted "
                    "below. Every service, with how to refer a child, is in the directory "
                    "spreadsheet (Services and map → Export) and in every submission to the "
                    "Secretariat (csv/services.csv)."
                )
            ),
            s["muted"],
        ),
        Spacer(1, 3 * mm),
    ]
    if data.shape is not None:
        story.append(
            service_map_drawing(
                data.shape,
                data.map_marks,
                data.service_types,
                data.subdivision_names,
                data.language,
            )
        )
    labels = [t.label for t in data.service_types]
    places = table(
        [44 * mm, 20 * mm, 110 * mm],
        [tr(N_("Subdivision")), tr(N_("Services")), tr(N_("By type of service"))],
        [
            [
                Cell(place.name or tr(N_("No subdivision given")), BOLD),
                Cell(format_decimal(place.total, locale=lang)),
                Cell(
                    " · ".join(
                        f"{label}: {format_decimal(n, locale=lang)}"
                        for label, n in zip(labels, place.counts, strict=True)
                        if n
                    )
                ),
            ]
            for place in summary.places
        ],
    )
    story.append(CondPageBreak(min(HEADING + places.lead_height(), KEEP_MAX)))
    story += [plain(tr(N_("Services by subdivision and type")), s["H3"]), places]
    if summary.largest:
        largest = table(
            [154 * mm, 20 * mm],
            [tr(N_("Organisation")), tr(N_("Services"))],
            [[Cell(name), Cell(format_decimal(n, locale=lang))] for name, n in summary.largest],
        )
        story.append(CondPageBreak(min(HEADING + largest.lead_height(), KEEP_MAX)))
        story += [plain(tr(N_("The organisations with the most services")), s["H3"]), largest]
    story.append(PageBreak())
    return story


def _ages(youngest: int | None, oldest: int | None, tr: Translator) -> str:
    if youngest is not None and oldest is not None:
        return str(youngest) if youngest == oldest else f"{youngest}–{oldest}"
    if youngest is not None:
        return tr(N_("from {age}")).format(age=youngest)
    if oldest is not None:
        return tr(N_("up to {age}")).format(age=oldest)
    return ""
