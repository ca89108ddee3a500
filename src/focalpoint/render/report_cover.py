"""The cover both reports share: what the report is, of whom, the plan's title, a table of
facts, notices (a provisional plan, a report limited to the open actions), and how it was made."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from focalpoint.render.report_styles import Styles
from focalpoint.render.style import FONT, plain


def cover(
    kind: str,
    subject: str,
    plan_title: str,
    facts: Sequence[tuple[str, str]],
    notices: Sequence[str],
    made_with: str,
    s: Styles,
) -> list[Flowable]:
    """``kind`` ("Country report") over ``subject`` (the country, or the Conference) and the
    plan's title; ``facts`` as label and value rows; each notice in a banner."""
    table = Table(
        [[plain(k, s["muted"]), plain(v, s["body"])] for k, v in facts],
        colWidths=[40 * mm, None],
        splitInRow=1,
    )
    table.setStyle(
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
        plain(kind, s["cover_big"]),
        plain(subject, s["cover_title"]),
        plain(plan_title, s["cover_big"]),
        Spacer(1, 12 * mm),
        table,
    ]
    for notice in notices:
        story += [Spacer(1, 8 * mm), plain(notice, s["banner"])]
    # The closing line sits lower when no notice takes the room.
    story += [Spacer(1, (50 if not notices else 40) * mm), plain(made_with, s["muted"])]
    return story
