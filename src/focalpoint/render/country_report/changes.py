"""The changes section of the country report: every change recorded, oldest first, since the last
submission to the Technical Secretariat or since the workspace was created."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from babel.dates import format_datetime
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from focalpoint.domain.history import change_text
from focalpoint.i18n import N_, Translator
from focalpoint.render.country_report.content import SECTIONS, ReportData
from focalpoint.render.country_report.styles import Styles, grid
from focalpoint.render.style import plain


def changes_section(data: ReportData, tr: Translator, s: Styles) -> list[Flowable]:
    story: list[Flowable] = [plain(tr(SECTIONS["changes"]), s["H1"])]
    if data.since_submission is None:
        intro = tr(
            N_(
                "Every change to the responsible entities, statuses, progress notes, the entity "
                "directory, practices and services, oldest first. Until the first submission to "
                "the Technical Secretariat, this is every change since the workspace was created."
            )
        )
    else:
        number, when = data.since_submission
        intro = tr(
            N_(
                "Every change since submission {number} to the Technical Secretariat, signed on "
                "{date}: responsible entities, statuses, progress notes, the entity directory, "
                "practices and services, oldest first."
            )
        ).format(
            number=number,
            date=format_datetime(_local(when), format="long", locale=data.language),
        )
    story.append(plain(intro, s["body"]))
    story.append(Spacer(1, 3 * mm))
    if not data.changes:
        story.append(plain(tr(N_("No change has been recorded yet.")), s["body"]))
        return story
    head = [tr(N_("When")), tr(N_("Who")), tr(N_("Record")), tr(N_("Change"))]
    rows: list[list[Any]] = [[plain(h, s["cellhead"]) for h in head]]
    for entry, subject in data.changes:
        rows.append(
            [
                plain(
                    format_datetime(_local(entry.at), format="short", locale=data.language),
                    s["cell"],
                ),
                plain(entry.actor or "—", s["cell"]),
                plain(_shorten(subject, 300), s["cell"]),
                plain(change_text(entry, limit=300, tr=tr), s["cell"]),
            ]
        )
    table = Table(rows, colWidths=[28 * mm, 28 * mm, 40 * mm, 78 * mm], repeatRows=1, splitInRow=1)
    table.setStyle(grid([]))
    story.append(table)
    return story


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _local(iso: str) -> datetime:
    """A recorded time (ISO 8601, with its offset) in this computer's time zone."""
    return datetime.fromisoformat(iso).astimezone()
