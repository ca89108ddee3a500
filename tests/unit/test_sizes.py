"""File sizes as each language writes them (the evidence list, the package, the verifier)."""

from __future__ import annotations

import pytest

from focalpoint.domain.evidence import describe_size


@pytest.mark.parametrize(
    ("size", "language", "expected"),
    [
        (850 * 1024, "en", "850 KB"),
        (3_355_443, "en", "3.2 MB"),
        (3_355_443, "es", "3,2 MB"),
        (850 * 1024, "fr", "850 Ko"),
        (3_355_443, "fr", "3,2 Mo"),
        (10, "en", "1 KB"),  # never "0 KB" for a file that is there
    ],
)
def test_sizes_read_as_people_write_them(size: int, language: str, expected: str) -> None:
    assert describe_size(size, language) == expected
