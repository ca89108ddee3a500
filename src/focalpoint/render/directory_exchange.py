"""The exchange format of the directory of services: CSV with HXL hashtags, and GeoJSON.

The CSV has one row per service with its organisation's columns repeated, a row of headers in
the user's language and a row of HXL hashtags (https://hxlstandard.org), so that a spreadsheet,
a colleague's tool or the Humanitarian Data Exchange reads it as it is;
``docs/directory-exchange.md`` lists the columns. The GeoJSON holds the located services as
points.

Both are written from rows already read: a row is the values of :data:`COLUMNS`, in order
(text, whole numbers for the ages, floats for the coordinates, None for an empty number;
populations as codes joined with ``;``). A country's workspace and the Technical Secretariat's
regional directory write the same files: the regional one's rows are the values of
:data:`REGIONAL_COLUMNS`, the country's name first.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from focalpoint.domain.vocabularies import Vocabularies, Vocabulary
from focalpoint.i18n import N_, _
from focalpoint.render.csv_cells import write_rows

_JSON = json.JSONEncoder(ensure_ascii=False)


@dataclass(frozen=True)
class Column:
    """One column of the exchange CSV: its field, header, HXL hashtag and the tags also read."""

    key: str
    header: str  # N_() text, translated where it is written
    hashtag: str
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column("org_name", N_("Organisation"), "#org+name", ("#org",)),
    Column("org_acronym", N_("Acronym"), "#org+acronym"),
    Column("org_type", N_("Organisation type"), "#org+type+code", ("#org+type", "#org+type+name")),
    Column("org_website", N_("Website"), "#org+url", ("#contact+url",)),
    Column("org_contact", N_("Contact person"), "#contact+name"),
    Column("org_email", N_("E-mail"), "#contact+email"),
    Column("org_phone", N_("Phone"), "#contact+phone"),
    Column("org_notes", N_("Notes on the organisation"), "#description+org"),
    Column(
        "id",
        N_("Service ID"),
        "#service+id",
        ("#activity+id", "#meta+id", "#service+code", "#activity+code"),
    ),
    Column("name", N_("Service"), "#service+name", ("#activity+name", "#service")),
    Column(
        "service_type",
        N_("Service type"),
        "#service+type+code",
        ("#service+type", "#service+type+name", "#activity+type+code", "#activity+type"),
    ),
    Column(
        "populations",
        N_("Populations"),
        "#beneficiary+type+code",
        ("#beneficiary+type", "#beneficiary+code", "#beneficiary", "#targeted+type+code"),
    ),
    Column("age_min", N_("Age from"), "#beneficiary+age+min", ("#targeted+age+min",)),
    Column("age_max", N_("Age to"), "#beneficiary+age+max", ("#targeted+age+max",)),
    Column("languages", N_("Languages"), "#access+languages", ("#meta+languages",)),
    Column("cost", N_("Cost"), "#access+cost+code", ("#access+cost", "#value+cost+code")),
    Column("hours", N_("Opening hours"), "#access+hours", ("#meta+hours",)),
    Column("referral", N_("How to refer a child"), "#access+referral", ("#meta+referral",)),
    Column("referral_contact", N_("Referral contact"), "#contact+referral"),
    Column("address", N_("Address"), "#loc+address"),
    Column("subdivision", N_("Subdivision code"), "#adm1+code"),
    Column("subdivision_name", N_("Subdivision"), "#adm1+name"),
    Column("municipality", N_("Municipality"), "#adm2+name"),
    Column("latitude", N_("Latitude"), "#geo+lat"),
    Column("longitude", N_("Longitude"), "#geo+lon"),
    Column("country", N_("Country"), "#country+code"),
    Column("updated_at", N_("Last changed"), "#date+updated"),
)
BY_KEY = {c.key: c for c in COLUMNS}
KEYS = tuple(c.key for c in COLUMNS)
# The Technical Secretariat's regional directory: the country's name first, then the same
# columns (the country's code stays in its own column, ``#country+code``).
COUNTRY_NAME = Column("country_name", N_("Country name"), "#country+name")
REGIONAL_COLUMNS: tuple[Column, ...] = (COUNTRY_NAME, *COLUMNS)
# A file without these cannot say which service of which organisation a row is.
REQUIRED = ("org_name", "name", "service_type")


@dataclass(frozen=True)
class MapExport:
    """A GeoJSON export: services written as points, and services without a place left out."""

    written: int
    left_out: int


def write_csv(
    stream: TextIO, rows: Iterable[Sequence[Any]], columns: Sequence[Column] = COLUMNS
) -> None:
    """The CSV (headers, hashtags, one row per service) to an open text stream (opened with
    ``newline=""``); ``rows`` (the values of ``columns``) may be a generator (the caller counts
    them)."""
    heading = ([_(c.header) for c in columns], [c.hashtag for c in columns])
    write_rows(stream, rows, heading)


def write_geojson(
    stream: TextIO,
    rows: Iterable[Sequence[Any]],
    vocab: Vocabularies,
    columns: Sequence[Column] = COLUMNS,
) -> MapExport:
    """A GeoJSON FeatureCollection (RFC 7946) of the located services, one per line.

    ``rows`` are the values of ``columns``: :data:`COLUMNS`, or :data:`REGIONAL_COLUMNS`, whose
    country name becomes the property ``country_name``. Labels are in the interface's language;
    codes and keys stay as they are, for map styles.
    """
    keys = tuple(c.key for c in columns)
    named = COUNTRY_NAME.key in keys
    type_labels = _labels(vocab.service_type)
    org_type_labels = _labels(vocab.provider_type)
    population_labels = _labels(vocab.population)
    cost_labels = _labels(vocab.cost)
    written = left_out = 0
    stream.write('{"type": "FeatureCollection", "features": [')
    for values in rows:
        row = dict(zip(keys, values, strict=True))
        if row["latitude"] is None or row["longitude"] is None:
            left_out += 1
            continue
        populations = _split(row["populations"])
        properties = {
            "id": row["id"],
            "service": row["name"],
            "service_type": row["service_type"],
            "service_type_label": type_labels.get(row["service_type"], row["service_type"]),
            "organisation": row["org_name"],
            "acronym": row["org_acronym"],
            "organisation_type": row["org_type"],
            "organisation_type_label": org_type_labels.get(row["org_type"], row["org_type"]),
            "populations": row["populations"],
            "populations_labels": "; ".join(population_labels.get(p, p) for p in populations),
            "age_from": row["age_min"],
            "age_to": row["age_max"],
            "languages": row["languages"],
            "cost": row["cost"],
            "cost_label": cost_labels.get(row["cost"], row["cost"]),
            "hours": row["hours"],
            "referral": row["referral"],
            "referral_contact": row["referral_contact"],
            "address": row["address"],
            "subdivision": row["subdivision"],
            "subdivision_name": row["subdivision_name"],
            "municipality": row["municipality"],
            "country": row["country"],
            **({"country_name": row["country_name"]} if named else {}),
            "website": row["org_website"],
            "contact_name": row["org_contact"],
            "email": row["org_email"],
            "phone": row["org_phone"],
            "organisation_notes": row["org_notes"],
            "updated_at": row["updated_at"],
        }
        feature = {
            "type": "Feature",
            "id": row["id"],
            "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
            "properties": properties,
        }
        stream.write(("\n" if not written else ",\n") + _JSON.encode(feature))
        written += 1
    stream.write("\n]}\n")
    return MapExport(written, left_out)


def _labels(vocabulary: Vocabulary) -> dict[str, str]:
    """Each code's label in the interface language (an empty code stays empty)."""
    return {"": "", **{t.code: t.label() for t in vocabulary.terms}}


def _split(codes: str) -> list[str]:
    return [c for c in codes.split(";") if c]
