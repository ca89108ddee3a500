"""Lists of vocabulary codes as stored: a JSON array in one column.

Lists load thousands at a time (every row of the services list has one), and ``json.loads``
per row was most of the time a 20,000-service list took to open. Codes are identifiers
(``alternative_care``, ``SV-SS``), never with quotes, commas or escapes, so a split reads
them exactly; anything else still goes through the JSON parser.
"""

from __future__ import annotations

import json
from functools import lru_cache


@lru_cache(maxsize=4096)  # a few hundred distinct lists repeat across thousands of rows
def read(text: str) -> tuple[str, ...]:
    if text == "[]":
        return ()
    # Two quotes per item and one comma between items: no item holds a comma or a quote.
    simple = text.count('"') == 2 * (text.count(",") + 1)
    if not simple or "\\" in text or text[:2] != '["' or text[-2:] != '"]':
        return tuple(str(c) for c in json.loads(text))
    return tuple(part.strip().strip('"') for part in text[1:-1].split(","))


def write(codes: tuple[str, ...]) -> str:
    return json.dumps(list(codes), ensure_ascii=False)
