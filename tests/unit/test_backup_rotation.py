"""Which backups are kept: the last five, one a day for a week, one a week for five weeks, one a
month for a year, within the size limit, never without the newest."""

from __future__ import annotations

from datetime import datetime, timedelta

from focalpoint.domain.backup_rotation import Kept, to_keep

NOW = datetime(2026, 12, 4, 9, 0)


def daily(days: int, size: int = 10, per_day: int = 1) -> list[Kept]:
    return [
        Kept(f"{d}-{n}", NOW - timedelta(days=d, minutes=n), size)
        for d in range(days)
        for n in range(per_day)
    ]


def test_a_year_and_a_half_of_daily_backups_keeps_about_twenty() -> None:
    kept = to_keep(daily(540), NOW, 10**9)
    ages = sorted(int(k.split("-")[0]) for k in kept)
    assert ages[:7] == [0, 1, 2, 3, 4, 5, 6]  # one a day for a week
    assert max(ages) < 366  # nothing older than a year
    assert 18 <= len(kept) <= 24
    # One a month: each of the last twelve months has a backup kept.
    months = {(NOW - timedelta(days=a)).strftime("%Y-%m") for a in ages}
    assert len(months) == 12


def test_many_backups_in_one_day_keep_the_last_five() -> None:
    kept = to_keep(daily(1, per_day=20), NOW, 10**9)
    assert kept == {"0-0", "0-1", "0-2", "0-3", "0-4"}


def test_the_size_limit_lets_the_oldest_go_but_never_the_newest() -> None:
    kept = to_keep(daily(30, size=100), NOW, 350)
    assert kept == {"0-0", "1-0", "2-0"}
    assert to_keep(daily(3, size=1000), NOW, 10) == {"0-0"}
    assert to_keep([], NOW, 10) == set()
