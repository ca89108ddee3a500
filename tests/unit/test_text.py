"""What a text field may hold: line breaks and tabs are text; other control characters are not."""

from __future__ import annotations

import pytest

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.text import check_visible


@pytest.mark.parametrize(
    "text", ["", "Línea uno\nlínea dos\r\n\tsangría", "Ñandú — « guillemets » \u2028 \u00a0 ’"]
)
def test_visible_text_is_accepted(text: str) -> None:
    check_visible(text)


@pytest.mark.parametrize("code", [c for c in range(32) if chr(c) not in "\n\r\t"] + [0x7F])
def test_every_other_control_character_is_refused(code: int) -> None:
    with pytest.raises(InvalidInput, match="invisible control characters"):
        check_visible(f"Albergue{chr(code)} temporal")
