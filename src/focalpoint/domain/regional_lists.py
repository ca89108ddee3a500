"""The regional lists of the Secretariat: every country's services and practices, as rows, the
filters they take, and the orders they sort in.

A row's ``id`` is ``"XX:record-id"``: records are named by their country's own ids, which two
countries could in principle share.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple


def row_id(country: str, record_id: str) -> str:
    return f"{country}:{record_id}"


def split_row_id(value: str) -> tuple[str, str]:
    """``(country, record_id)`` of a row id; ValueError for anything else."""
    country, sep, record_id = value.partition(":")
    if not sep or len(country) != 2 or not record_id:
        raise ValueError(value)
    return country, record_id


class RegionalService(NamedTuple):
    """One row of the regional services list (a named tuple: a page makes hundreds at once)."""

    id: str
    country: str
    name: str
    organisation: str
    service_type: str
    populations: tuple[str, ...]
    subdivision: str
    municipality: str
    latitude: float | None
    longitude: float | None


class RegionalPractice(NamedTuple):
    """One row of the regional compilation of practices."""

    id: str
    country: str
    title: str
    state: str
    categories: tuple[str, ...]
    populations: tuple[str, ...]
    subdivisions: tuple[str, ...]
    national: bool
    updated_at: str


class RegionalServiceColumn(StrEnum):
    NAME = "name"
    COUNTRY = "country"
    ORGANISATION = "organisation"
    TYPE = "type"
    SUBDIVISION = "subdivision"
    MUNICIPALITY = "municipality"


class RegionalPracticeColumn(StrEnum):
    TITLE = "title"
    COUNTRY = "country"
    STATE = "state"
    CATEGORIES = "categories"
    SCOPE = "scope"
    CHANGED = "changed"


@dataclass(frozen=True)
class RegionalServiceFilter:
    """Typed words (name, organisation, municipality, address), a country, a type and a
    population code ("" for any)."""

    text: str = ""
    country: str = ""
    service_type: str = ""
    population: str = ""


@dataclass(frozen=True)
class RegionalPracticeFilter:
    """Typed words (title, summary, partners, contact), a country, a category and a population
    code ("" for any)."""

    text: str = ""
    country: str = ""
    category: str = ""
    population: str = ""


def split_codes(value: str) -> tuple[str, ...]:
    """The codes of a regional table's code column (`` a b ``)."""
    return tuple(value.split())
