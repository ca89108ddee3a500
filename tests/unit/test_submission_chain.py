"""Where a received package stands in its country's chain: each fault named, and a true chain
received in any order never called a fork or a replay."""

from __future__ import annotations

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from focalpoint.domain.submission_chain import Link, Place, place_of


def chain(length: int, salt: str = "") -> list[Link]:
    """Submissions 1..length, each naming the one before it."""
    links: list[Link] = []
    for n in range(1, length + 1):
        sha = hashlib.sha256(f"{salt}{n}".encode()).hexdigest()
        links.append(Link(n, sha, links[-1].sha256 if links else None))
    return links


def test_each_place_is_named() -> None:
    one, two, three, four = chain(4)
    assert place_of(one, []).place is Place.NEXT
    assert place_of(two, [one]).place is Place.NEXT
    assert place_of(two, [one, two]).place is Place.DUPLICATE
    other_two = chain(2, salt="altered")[1]
    assert place_of(Link(2, other_two.sha256, one.sha256), [one, two]).place is Place.REPLAY
    assert place_of(Link(3, "f" * 64, "e" * 64), [one, two]).place is Place.FORK
    gap = place_of(four, [one])
    assert gap.place is Place.GAP and gap.missing == (2, 3)
    assert gap.describe(4) == "Submission 4; submissions 2-3 were never received."
    assert place_of(three, [one, two, four]).place is Place.LATE
    assert place_of(Link(3, three.sha256, "0" * 64), [one, two, four]).place is Place.FORK
    first_seen_late = place_of(Link(5, "a" * 64, "b" * 64), [])
    assert first_seen_late.missing == (1, 2, 3, 4)
    assert not Place.FORK.acceptable and Place.LATE.acceptable


@given(st.permutations(range(6)), st.integers(0, 5))
def test_a_true_chain_in_any_order_is_never_a_fork_or_a_replay(order, again) -> None:  # type: ignore[no-untyped-def]
    links = chain(6)
    received: list[Link] = []
    for index in order:
        assert place_of(links[index], received).place.acceptable
        received.append(links[index])
    assert place_of(links[again], received).place is Place.DUPLICATE
