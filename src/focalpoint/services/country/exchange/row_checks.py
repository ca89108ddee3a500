"""What one row of an imported directory file says, checked: its cells by column, the
organisation it names, and the service fields it gives as vocabulary codes, numbers and a
subdivision of the workspace's country. Which records the row then stands for, and writing
them, is ``importing``'s."""

from __future__ import annotations

import re
from typing import Any

from focalpoint.domain.directory import Organisation
from focalpoint.domain.errors import FocalPointError
from focalpoint.domain.text import fold, name_key
from focalpoint.domain.vocab import COUNTRIES
from focalpoint.domain.vocabularies import Vocabulary
from focalpoint.i18n import _, current_language, pick
from focalpoint.render.csv_cells import unguarded
from focalpoint.render.directory_exchange import BY_KEY
from focalpoint.services.common.vocabularies import vocabularies
from focalpoint.services.country.directory import DirectoryService

# Organisation columns and the field of the organisation each one fills.
ORG_FIELDS = {
    "org_name": "name",
    "org_acronym": "acronym",
    "org_type": "provider_type",
    "org_website": "website",
    "org_contact": "contact_name",
    "org_email": "email",
    "org_phone": "phone",
    "org_notes": "notes",
}
# Service columns copied as they are (after trimming).
_SERVICE_TEXTS = (
    "name",
    "languages",
    "hours",
    "referral",
    "referral_contact",
    "address",
    "municipality",
)


class RowError(FocalPointError):
    """What is wrong with one row (the import lists them all, each with its line)."""


class RowChecker:
    """Reads the rows of one file, each distinct cell looked up once (the same few words fill
    a column from top to bottom, and an organisation's columns repeat on each of its rows)."""

    def __init__(self, directory: DirectoryService, columns: dict[str, int]) -> None:
        self._directory = directory
        self._columns = tuple(columns.items())
        self.country = directory.country()
        vocab = vocabularies()
        self._service_types = vocab.service_type
        self._provider_types = vocab.provider_type
        self._populations = vocab.population
        self._costs = vocab.cost
        self._checked_orgs: dict[
            tuple[tuple[str, Any], ...], tuple[str, dict[str, str]] | FocalPointError
        ] = {}
        self._places: dict[tuple[str, str], str | RowError] = {}
        self._codes: dict[tuple[str, str], str] = {}
        self._population_cells: dict[str, tuple[str, ...]] = {}

    def values(self, record: list[str]) -> dict[str, str]:
        """The row's cells by column key, trimmed, without the apostrophe that guards formulas."""
        size = len(record)
        return unguarded({key: record[i].strip() if i < size else "" for key, i in self._columns})

    def organisation(self, values: dict[str, str]) -> tuple[str, dict[str, str]]:
        """The row's organisation, checked on its own; keyed by its name as a person reads it."""
        given: dict[str, Any] = {
            field: values[column] for column, field in ORG_FIELDS.items() if values.get(column)
        }
        # An organisation's columns repeat on each of its services' rows: checked once.
        seen = tuple(given.items())
        known = self._checked_orgs.get(seen)
        if isinstance(known, FocalPointError):
            raise known
        if known is not None:
            return known
        try:
            if given.get("provider_type"):
                given["provider_type"] = self._code(self._provider_types, given["provider_type"])
            clean = self._directory.clean_organisation(Organisation(**{"name": "", **given}))
        except FocalPointError as error:
            self._checked_orgs[seen] = error
            raise
        checked = {f: getattr(clean, f) for f in given}
        result = name_key(clean.name), {"name": clean.name, **checked}
        self._checked_orgs[seen] = result
        return result

    def service_changes(self, values: dict[str, str]) -> dict[str, Any]:
        """The service fields the row's columns give (an empty cell clears its field), as codes
        and numbers; a row for another country is refused."""
        changes: dict[str, Any] = {}
        for key in _SERVICE_TEXTS:
            if key in values:
                changes[key] = values[key]
        if "service_type" in values:
            changes["service_type"] = self._code(self._service_types, values["service_type"])
        if "cost" in values:
            changes["cost"] = self._code(self._costs, values["cost"]) if values["cost"] else ""
        if "populations" in values:
            changes["populations"] = self._population_codes(values["populations"])
        for key in ("age_min", "age_max"):
            if key in values:
                changes[key] = _whole_number(values[key], key)
        for key in ("latitude", "longitude"):
            if key in values:
                changes[key] = _decimal(values[key], key)
        if "subdivision" in values or "subdivision_name" in values:
            changes["subdivision"] = self.subdivision(
                values.get("subdivision", ""), values.get("subdivision_name", "")
            )
        country = values.get("country", "").upper()
        if country and country != self.country:
            raise RowError(
                _("this row is for the country {code}; this workspace is for {country}").format(
                    code=values["country"], country=pick(COUNTRIES.get(self.country, {}))
                )
            )
        return changes

    def subdivision(self, code: str, name: str) -> str:
        """The subdivision code from the code and name cells (the same few, on many rows)."""
        known = self._places.get((code, name))
        if known is None:
            try:
                known = self._find_subdivision(code, name)
            except RowError as error:
                known = error
            self._places[(code, name)] = known
        if isinstance(known, RowError):
            raise known
        return known

    def _find_subdivision(self, code: str, name: str) -> str:
        from focalpoint.services.common import geography

        if code:
            if name:
                found = geography.subdivision(code.upper())
                if found is not None and fold(name) not in {fold(n) for n in found.names.values()}:
                    raise RowError(
                        _(
                            "the subdivision code {code} is {right}, not {name}; correct one of "
                            "the two"
                        ).format(code=code, right=found.name_in(current_language()), name=name)
                    )
            return code
        if not name:
            return ""
        wanted = fold(name)
        for sub in geography.subdivisions(self.country):
            if wanted in {fold(n) for n in sub.names.values()}:
                return sub.code
        raise RowError(
            _("there is no subdivision named {name} in {country}").format(
                name=name, country=pick(COUNTRIES.get(self.country, {}))
            )
        )

    def _code(self, vocabulary: Vocabulary, text: str) -> str:
        """A code for a code or a label in any language; unknown text is left for the check."""
        key = (vocabulary.name, text)
        code = self._codes.get(key)
        if code is None:
            code = self._codes[key] = vocabulary.find(text) or text
        return code

    def _population_codes(self, text: str) -> tuple[str, ...]:
        found = self._population_cells.get(text)
        if found is None:
            found = self._population_cells[text] = self._read_populations(text)
        return found

    def _read_populations(self, text: str) -> tuple[str, ...]:
        """Codes or labels separated by semicolons (labels may hold commas themselves)."""
        codes: list[str] = []
        for piece in re.split(r"[;|\n]", text):
            if not piece.strip():
                continue
            code = self._populations.find(piece)
            if code is not None:
                codes.append(code)
                continue
            parts = [p.strip() for p in piece.split(",") if p.strip()]
            start = 0
            while start < len(parts):  # the longest run of comma pieces that names a term
                for end in range(len(parts), start, -1):
                    code = self._populations.find(", ".join(parts[start:end]))
                    if code is not None:
                        codes.append(code)
                        start = end
                        break
                else:
                    codes.append(parts[start])  # unknown: the check names it
                    start += 1
        return tuple(codes)


def _whole_number(text: str, key: str) -> int | None:
    if not text:
        return None
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        number = float("nan")
    if not number.is_integer():
        raise RowError(
            _("'{text}' in the column {column} is not a whole number").format(
                text=text, column=_(BY_KEY[key].header)
            )
        )
    return int(number)


def _decimal(text: str, key: str) -> float | None:
    """Decimal degrees, written with a point or (as a Spanish or French Excel does) a comma."""
    if not text:
        return None
    try:
        return float(text.replace(",", ".") if "." not in text else text)
    except ValueError:
        raise RowError(
            _("'{text}' in the column {column} is not a number in decimal degrees").format(
                text=text, column=_(BY_KEY[key].header)
            )
        ) from None
