"""The bundled practice and directory vocabularies."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import lru_cache

from focalpoint.domain.records import AuditEntry
from focalpoint.domain.vocabularies import (
    VOCABULARY_NAMES,
    Vocabularies,
    Vocabulary,
    vocabularies_from_dict,
)
from focalpoint.paths import RESOURCES

VOCABULARY_FILE = RESOURCES / "vocabularies" / "directory.json"


@lru_cache(maxsize=1)
def vocabularies() -> Vocabularies:
    """Read once: the file ships inside FocalPoint and does not change while it runs."""
    return vocabularies_from_dict(json.loads(VOCABULARY_FILE.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def search_words() -> dict[str, str]:
    """Every code's labels in every language, and every subdivision's names: what the search
    index adds to a record so that it is found by the words people use, not by codes."""
    from focalpoint.domain.vocab import COUNTRIES
    from focalpoint.services.common import geography

    words: dict[str, list[str]] = {}
    vocab = vocabularies()
    for name in VOCABULARY_NAMES:
        for term in getattr(vocab, name).terms:
            words.setdefault(term.code, []).extend(term.labels.values())
    for country in COUNTRIES:
        for sub in geography.subdivisions(country):
            words.setdefault(sub.code, []).extend(sub.names.values())
    return {code: " ".join(dict.fromkeys(texts)) for code, texts in words.items()}


# Audit-log fields that hold vocabulary codes, and the vocabulary of each.
_CODED_FIELDS = {
    "categories": "practice_category",
    "populations": "population",
    "phases": "migration_phase",
    "service_type": "service_type",
    "provider_type": "provider_type",
    "cost": "cost",
}


def readable(entries: list[AuditEntry]) -> list[AuditEntry]:
    """History entries with vocabulary codes shown as labels in the interface's language.

    The log keeps codes (they mean the same in every language); people read labels.
    """
    vocab = vocabularies()
    out = []
    for entry in entries:
        name = _CODED_FIELDS.get(entry.field)
        if name is None:
            out.append(entry)
            continue
        terms = getattr(vocab, name)

        def labels(value: str, terms: Vocabulary = terms) -> str:
            return "; ".join(terms.label(c) for c in value.split("; ")) if value else ""

        out.append(replace(entry, old=labels(entry.old), new=labels(entry.new)))
    return out
