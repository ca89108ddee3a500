"""Where a received package stands in its country's chain of submissions, as the Secretariat
sees it: every package names its sequence number and the SHA-256 of the package before it, so
a package received twice, a replay, a fork and missing numbers can each be named.

- **duplicate**: this very file was received already (same SHA-256): never taken in twice.
- **replay**: another file with a sequence number already received.
- **fork**: the number follows a received package, but the package names another one as its
  previous (two packages were made from one state, or one was altered and signed again).
- **gap**: numbers are missing between the last package received and this one.
- **late**: a number that was missing arrives after later ones (it fills a gap).
- **next**: the number after the last one received, naming it as previous (or the first, 1).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from focalpoint.i18n import _


@dataclass(frozen=True)
class Link:
    """What a package says of its place: its number, its own hash, the hash it follows."""

    sequence: int
    sha256: str
    previous_sha256: str | None


class Place(Enum):
    NEXT = "next"
    GAP = "gap"
    LATE = "late"
    DUPLICATE = "duplicate"
    REPLAY = "replay"
    FORK = "fork"

    @property
    def acceptable(self) -> bool:
        """Whether a package in this place may be accepted (after a person looks at it)."""
        return self in (Place.NEXT, Place.GAP, Place.LATE)


@dataclass(frozen=True)
class Placement:
    place: Place
    missing: tuple[int, ...] = ()  # for a gap: the numbers never received before this one

    def describe(self, sequence: int) -> str:
        """The placement in the reader's language, as the inbox and the command line say it."""
        if self.place is Place.NEXT:
            return _("Submission {n}, in sequence.").format(n=sequence)
        if self.place is Place.GAP:
            return _("Submission {n}; submissions {missing} were never received.").format(
                n=sequence, missing=_numbers(self.missing)
            )
        if self.place is Place.LATE:
            return _("Submission {n} arrives after later ones: it was missing until now.").format(
                n=sequence
            )
        if self.place is Place.DUPLICATE:
            return _("This package was received already; it is not taken in twice.")
        if self.place is Place.REPLAY:
            return _(
                "Submission {n} was received already, as another file: this one is old or replayed."
            ).format(n=sequence)
        return _(
            "Submission {n} does not follow the package received before it: it names another "
            "previous package (a fork)."
        ).format(n=sequence)


def place_of(new: Link, received: Iterable[Link]) -> Placement:
    """Where ``new`` stands among the packages already ``received`` from its country."""
    by_sequence = {link.sequence: link for link in received}
    if any(link.sha256 == new.sha256 for link in by_sequence.values()):
        return Placement(Place.DUPLICATE)
    if new.sequence in by_sequence:
        return Placement(Place.REPLAY)
    before = by_sequence.get(new.sequence - 1)
    after = by_sequence.get(new.sequence + 1)
    if (before is not None and new.previous_sha256 != before.sha256) or (
        after is not None and after.previous_sha256 != new.sha256
    ):
        return Placement(Place.FORK)
    last = max(by_sequence, default=0)
    if new.sequence < last:
        return Placement(Place.LATE)
    missing = tuple(n for n in range(1, new.sequence) if n not in by_sequence)
    return Placement(Place.GAP, missing) if missing else Placement(Place.NEXT)


def _numbers(numbers: tuple[int, ...]) -> str:
    """1, 2, 3, 5 → "1-3, 5": a long gap stays one short phrase."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)
