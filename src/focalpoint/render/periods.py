"""A practice's period as people read it: "2021 – June 2023", "since 2021", "until March 2024"
(the country report and the Secretariat's compilation of practices write it alike)."""

from __future__ import annotations

from datetime import date

from babel.dates import format_skeleton

from focalpoint.i18n import N_, Translator


def period(start: str, end: str, tr: Translator, language: str) -> str:
    """The period from ``start`` to ``end`` ("2021" or "2021-03", either may be empty)."""
    first, last = _month(start, language), _month(end, language)
    if first and last:
        return f"{first} – {last}"
    if first:
        return tr(N_("since {start}")).format(start=first)
    if last:
        return tr(N_("until {end}")).format(end=last)
    return ""


def _month(value: str, language: str) -> str:
    if len(value) == 7:  # YYYY-MM, as the practice form takes it
        return str(
            format_skeleton("yMMMM", date(int(value[:4]), int(value[5:]), 1), locale=language)
        )
    return value
