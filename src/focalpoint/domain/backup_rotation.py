"""Which backups to keep: a pure rule, the same for every folder of backups.

Kept: the newest five; the newest of each of the last 7 days, of each of the last 5 weeks and of
each of the last 12 months; then, oldest first, backups are let go while the whole is over the
size limit. The newest backup is always kept, even alone over the limit: a limit the user set
too low must never leave them with nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

KEEP_LAST = 5
KEEP_DAYS = 7
KEEP_WEEKS = 5
KEEP_MONTHS = 12
DEFAULT_LIMIT_BYTES = 2 * 1024**3  # 2 GB, as sizes are shown (1 MB = 1024 KB)


@dataclass(frozen=True)
class Kept:
    """One backup as the rule sees it: its id, when it was made (local time), its size."""

    id: str
    created: datetime
    size: int


def to_keep(backups: Iterable[Kept], now: datetime, limit_bytes: int) -> set[str]:
    """The ids of the backups to keep; every other one may be deleted."""
    newest_first = sorted(backups, key=lambda b: (b.created, b.id), reverse=True)
    if not newest_first:
        return set()
    kept = {b.id: b for b in newest_first[:KEEP_LAST]}
    periods: tuple[tuple[date, Callable[[datetime], object]], ...] = (
        (now.date() - timedelta(days=KEEP_DAYS - 1), lambda when: when.date()),
        (now.date() - timedelta(weeks=KEEP_WEEKS - 1, days=now.weekday()), _week),
        (_first_of_month(now, KEEP_MONTHS - 1), lambda when: (when.year, when.month)),
    )
    for since, slot_of in periods:
        seen: set[object] = set()
        for backup in newest_first:
            slot = slot_of(backup.created)
            if backup.created.date() >= since and slot not in seen:
                seen.add(slot)
                kept[backup.id] = backup
    return _within(kept.values(), limit_bytes, newest_first[0])


def _week(when: datetime) -> object:
    year, week, _day = when.isocalendar()
    return (year, week)


def _first_of_month(now: datetime, months_back: int) -> date:
    year, month = divmod(now.year * 12 + now.month - 1 - months_back, 12)
    return date(year, month + 1, 1)


def _within(kept: Iterable[Kept], limit_bytes: int, newest: Kept) -> set[str]:
    """Let go of the oldest kept backups while the whole is over the limit; never the newest."""
    ordered = sorted(kept, key=lambda b: (b.created, b.id), reverse=True)
    total = sum(b.size for b in ordered)
    while total > limit_bytes and len(ordered) > 1:
        total -= ordered.pop().size
    return {b.id for b in ordered} | {newest.id}
