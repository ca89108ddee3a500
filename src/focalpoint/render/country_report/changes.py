"""The changes section of the country report: every change recorded, oldest first, since the last
submission to the Technical Secretariat or since the workspace was created."""

from __future__ import annotations

from datetime import datetime

from babel.dates import format_datetime
from babel.numbers import format_decimal
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from focalpoint.domain.history import change_text
from focalpoint.i18n import N_, Translator
from focalpoint.render.country_report.content import SECTIONS, ChangesSummary, ReportData
from focalpoint.render.report_styles import Styles
from focalpoint.render.rows import Cell, table
from focalpoint.render.style import BOLD, plain


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
    if data.changes_summary is not None:
        story += _counted(data, data.changes_summary, tr, s)
    if not data.changes:
        if data.changes_summary is None:
            story.append(plain(tr(N_("No change has been recorded yet.")), s["body"]))
        return story
    # The fast table: a long list of changes (an import of thousands of services) must not
    # cost what a reportlab Table of Paragraphs does, whose splitting grows with its length.
    story.append(
        table(
            [28 * mm, 28 * mm, 40 * mm, 78 * mm],
            [tr(N_("When")), tr(N_("Who")), tr(N_("Record")), tr(N_("Change"))],
            [
                [
                    Cell(format_datetime(_local(entry.at), format="short", locale=data.language)),
                    Cell(entry.actor or "—"),
                    Cell(_shorten(subject, 300)),
                    Cell(change_text(entry, limit=300, tr=tr)),
                ]
                for entry, subject in data.changes
            ],
        )
    )
    return story


_KINDS = {
    "action": N_("Actions"),
    "entity": N_("National entities"),
    "practice": N_("Practices"),
    "organisation": N_("Organisations"),
    "service": N_("Services"),
}


def _counted(
    data: ReportData, summary: ChangesSummary, tr: Translator, s: Styles
) -> list[Flowable]:
    """What a long list of changes comes to; the newest changes to the plan follow it."""
    lang = data.language
    return [
        plain(
            tr(
                N_(
                    "{total} changes were recorded: too many to list here one by one. They are "
                    "counted below by kind of record; then come the newest {listed} changes to "
                    "the actions and the national entities. Every change stays in the "
                    "workspace's history."
                )
            ).format(
                total=format_decimal(summary.changes, locale=lang),
                listed=format_decimal(len(data.changes), locale=lang),
            ),
            s["muted"],
        ),
        Spacer(1, 2 * mm),
        table(
            [64 * mm, 36 * mm, 36 * mm, 38 * mm],
            [tr(N_("Records")), tr(N_("Added")), tr(N_("Changed")), tr(N_("Deleted"))],
            [
                [
                    Cell(tr(_KINDS.get(kind, kind)), BOLD),
                    Cell(format_decimal(added, locale=lang)),
                    Cell(format_decimal(changed, locale=lang)),
                    Cell(format_decimal(deleted, locale=lang)),
                ]
                for kind, added, deleted, changed in summary.kinds
            ],
        ),
        Spacer(1, 4 * mm),
    ]


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _local(iso: str) -> datetime:
    """A recorded time (ISO 8601, with its offset) in this computer's time zone."""
    return datetime.fromisoformat(iso).astimezone()
