"""The bundled practice and directory vocabularies."""

from __future__ import annotations

import json
from functools import lru_cache

from focalpoint.domain.vocabularies import Vocabularies, vocabularies_from_dict
from focalpoint.paths import RESOURCES

VOCABULARY_FILE = RESOURCES / "vocabularies" / "directory.json"


@lru_cache(maxsize=1)
def vocabularies() -> Vocabularies:
    """Read once: the file ships inside FocalPoint and does not change while it runs."""
    return vocabularies_from_dict(json.loads(VOCABULARY_FILE.read_text(encoding="utf-8")))
