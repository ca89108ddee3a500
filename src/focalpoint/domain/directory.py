"""The map of specialized actors and services: organisations and the services they run."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

# An organisation's own fields, in the order the directory's files and stores list them.
ORGANISATION_FIELDS = (
    "name",
    "acronym",
    "provider_type",
    "website",
    "contact_name",
    "email",
    "phone",
    "notes",
)


@dataclass(frozen=True)
class Organisation:
    """An actor that provides services; ``id`` is empty for one not saved yet."""

    name: str
    acronym: str = ""
    provider_type: str = ""
    website: str = ""
    contact_name: str = ""
    email: str = ""
    phone: str = ""
    notes: str = ""
    id: str = ""
    updated_at: str = ""
    deleted: bool = False

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


@dataclass(frozen=True)
class Service:
    """A service one organisation offers at one place; ``id`` is empty until saved."""

    organisation_id: str
    name: str
    service_type: str
    populations: tuple[str, ...] = ()
    age_min: int | None = None
    age_max: int | None = None
    languages: str = ""
    cost: str = ""
    hours: str = ""
    referral: str = ""
    referral_contact: str = ""
    address: str = ""
    subdivision: str = ""
    municipality: str = ""
    latitude: float | None = None
    longitude: float | None = None
    id: str = ""
    updated_at: str = ""
    deleted: bool = False


class ServiceSummary(NamedTuple):
    """One row of the services list and one point of the map.

    A named tuple, not a frozen dataclass: a list reads 20,000 of them, and a frozen
    dataclass's ``__init__`` (one ``object.__setattr__`` per field) took most of that time.
    """

    id: str
    name: str
    organisation: str
    service_type: str
    populations: tuple[str, ...]
    subdivision: str
    municipality: str
    latitude: float | None
    longitude: float | None
    deleted: bool = False


class MapMark(NamedTuple):
    """A point of the map of services: one service, or the one drawn on top of ``stands_for``
    that share a spot too small to tell apart at the map's zoom."""

    id: str
    longitude: float
    latitude: float
    service_type: str
    label: str = ""  # its name and organisation, when the mark is one service
    stands_for: int = 1


class ServiceColumn(StrEnum):
    """The columns of the services list, each an order it can be sorted in."""

    NAME = "name"
    ORGANISATION = "organisation"
    TYPE = "type"
    SUBDIVISION = "subdivision"
    MUNICIPALITY = "municipality"


@dataclass(frozen=True)
class ServiceFilter:
    """What the services list shows: typed words, one code of each vocabulary ("" for any), and
    whether deleted services come back (to be restored; they are matched by name only)."""

    text: str = ""
    service_type: str = ""
    population: str = ""
    subdivision: str = ""
    include_deleted: bool = False


@dataclass(frozen=True)
class ImportReport:
    """What a directory import changed (it changes everything in the file or nothing)."""

    organisations_created: int
    services_created: int
    services_updated: int
    organisations_updated: int = 0
    services_unchanged: int = 0
