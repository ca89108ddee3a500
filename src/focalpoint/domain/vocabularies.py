"""The practice and directory vocabularies: stable codes with a label in each language.

They are data (``resources/vocabularies/directory.json``), not code, so the Secretariat can add a
term in a plan update without a new release; the codes are what travels and what is stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.text import fold
from focalpoint.i18n import _, pick

VOCABULARY_NAMES = (
    "practice_category",
    "service_type",
    "provider_type",
    "population",
    "migration_phase",
    "cost",
)


@dataclass(frozen=True)
class Term:
    code: str
    labels: Mapping[str, str]

    def label(self, language: str | None = None) -> str:
        return pick(self.labels, language) or self.code


@dataclass(frozen=True)
class Vocabulary:
    name: str
    terms: tuple[Term, ...]

    @cached_property  # asked for on every check of every imported row
    def codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.terms)

    def term(self, code: str) -> Term | None:
        return next((t for t in self.terms if t.code == code), None)

    def label(self, code: str, language: str | None = None) -> str:
        """The code's label; an unknown code (from a newer vocabulary) shows as itself."""
        term = self.term(code)
        return term.label(language) if term else code

    def labels(self, codes: Iterable[str], language: str | None = None) -> str:
        return "; ".join(self.label(c, language) for c in codes)

    def check(self, codes: Iterable[str], what: str) -> tuple[str, ...]:
        """The codes, in vocabulary order, refusing any this vocabulary does not know."""
        wanted = list(dict.fromkeys(c.strip() for c in codes if c.strip()))
        unknown = [c for c in wanted if c not in self.codes]
        if unknown:
            raise InvalidInput(
                _("Unknown {what}: {codes}. Use one of: {known}.").format(
                    what=what, codes=", ".join(unknown), known=", ".join(self.codes)
                )
            )
        return tuple(c for c in self.codes if c in wanted)

    def find(self, text: str) -> str | None:
        """The code for a code or a label in any language (for imported spreadsheets)."""
        wanted = fold(text)
        for term in self.terms:
            if wanted == fold(term.code) or any(wanted == fold(v) for v in term.labels.values()):
                return term.code
        return None


@dataclass(frozen=True)
class Vocabularies:
    practice_category: Vocabulary
    service_type: Vocabulary
    provider_type: Vocabulary
    population: Vocabulary
    migration_phase: Vocabulary
    cost: Vocabulary


def vocabularies_from_dict(data: Any) -> Vocabularies:
    if not isinstance(data, dict):
        raise InvalidInput(_("The vocabulary file is not a JSON object."))
    found: dict[str, Vocabulary] = {}
    for name in VOCABULARY_NAMES:
        items = data.get(name)
        if not isinstance(items, list) or not items:
            raise InvalidInput(_("The vocabulary '{name}' is missing.").format(name=name))
        terms = []
        for item in items:
            code, labels = item.get("code"), item.get("labels")
            if not isinstance(code, str) or not code or not isinstance(labels, dict):
                raise InvalidInput(_("A term of '{name}' has no code or labels.").format(name=name))
            terms.append(Term(code, {str(k): str(v) for k, v in labels.items()}))
        if len({t.code for t in terms}) != len(terms):
            raise InvalidInput(_("The vocabulary '{name}' repeats a code.").format(name=name))
        found[name] = Vocabulary(name, tuple(terms))
    return Vocabularies(**found)
