"""How names compare and how text matches: one rule for each, everywhere."""

from __future__ import annotations

import pytest

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.text import check_email, check_visible, fold, name_key


def test_the_same_name_ignores_case_and_spacing_but_not_accents() -> None:
    assert name_key("  CONNA ") == name_key("conna")
    assert name_key("Dirección  General") == name_key("dirección general")
    assert name_key("Perú") != name_key("Peru")  # two institutions may differ by an accent


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("educacion", "Educación"),
        ("AVILA", "Ávila"),
        ("l'ile", "L’Île"),
        ("san  salvador", "San Salvador "),
        ("NINEZ", "Niñez"),
        ("francais", "Français"),
    ],
)
def test_text_matches_without_case_accents_spacing_or_apostrophe_kind(
    typed: str, stored: str
) -> None:
    assert fold(typed) == fold(stored)


def test_folded_names_sort_as_a_reader_expects() -> None:
    names = ["Usulután", "Ahuachapán", "Ávila", "Cabañas", "La Unión", "Morazán"]
    assert sorted(names, key=fold) == [
        "Ahuachapán", "Ávila", "Cabañas", "La Unión", "Morazán", "Usulután",
    ]  # fmt: skip


def test_email_addresses() -> None:
    check_email("")
    check_email("ana.perez@rree.gob.sv")
    with pytest.raises(InvalidInput, match="not an e-mail address"):
        check_email("ana.perez at rree")


@pytest.mark.parametrize(
    "text", ["", "Línea uno\nlínea dos\r\n\tsangría", "Ñandú — « guillemets » \u2028 \u00a0 ’"]
)
def test_visible_text_is_accepted(text: str) -> None:
    check_visible(text)


@pytest.mark.parametrize("code", [c for c in range(32) if chr(c) not in "\n\r\t"] + [0x7F])
def test_every_other_control_character_is_refused(code: int) -> None:
    with pytest.raises(InvalidInput, match="invisible control characters"):
        check_visible(f"Albergue{chr(code)} temporal")
