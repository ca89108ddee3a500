"""Stored lists read back exactly, whether they take the fast path or the JSON parser."""

from focalpoint.storage.country.code_lists import read, write


def test_lists_round_trip() -> None:
    for value in (
        (),
        ("alternative_care",),
        ("SV-SS", "SV-LI", "returned"),
        ("Aldeas Infantiles, SOS", "UNICEF"),  # a comma inside a partner's name
        ('Casa "Nazaret"',),
        ("Niñez", "Éducation"),
    ):
        assert read(write(value)) == value
