"""SQL for the directory of organisations and the services they run."""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from typing import Any

from focalpoint.domain.directory import ORGANISATION_FIELDS, Organisation, Service, ServiceSummary
from focalpoint.domain.text import name_key
from focalpoint.storage.country import code_lists, search_index
from focalpoint.storage.country.search_index import SearchWords
from focalpoint.storage.sqlite import now_iso, write_record

SERVICE_FIELDS = (
    "organisation_id",
    "name",
    "service_type",
    "populations",
    "age_min",
    "age_max",
    "languages",
    "cost",
    "hours",
    "referral",
    "referral_contact",
    "address",
    "subdivision",
    "municipality",
    "latitude",
    "longitude",
)
# The service's own words that search finds; its organisation's names are added to them.
SEARCHED_SERVICE_FIELDS = (
    "name",
    "languages",
    "hours",
    "referral",
    "referral_contact",
    "address",
    "municipality",
)


def _organisation(row: tuple[Any, ...]) -> Organisation:
    *values, org_id, updated_at, deleted_at = row
    data: dict[str, Any] = {f: str(v) for f, v in zip(ORGANISATION_FIELDS, values, strict=True)}
    return Organisation(**data, id=org_id, updated_at=updated_at, deleted=deleted_at is not None)


def _service(row: tuple[Any, ...]) -> Service:
    *values, service_id, updated_at, deleted_at = row
    data = dict(zip(SERVICE_FIELDS, values, strict=True))
    data["populations"] = code_lists.read(data["populations"])
    return Service(**data, id=service_id, updated_at=updated_at, deleted=deleted_at is not None)


_ORG_COLUMNS = ", ".join((*ORGANISATION_FIELDS, "id", "updated_at", "deleted_at"))
_SERVICE_COLUMNS = ", ".join((*SERVICE_FIELDS, "id", "updated_at", "deleted_at"))


def organisation(conn: sqlite3.Connection, org_id: str) -> Organisation | None:
    row = conn.execute(
        f"SELECT {_ORG_COLUMNS} FROM organisation WHERE id = ?", (org_id,)
    ).fetchone()
    return _organisation(row) if row else None


def organisations(conn: sqlite3.Connection, include_deleted: bool = False) -> list[Organisation]:
    where = "" if include_deleted else "WHERE deleted_at IS NULL"
    return [
        _organisation(row)
        for row in conn.execute(
            f"SELECT {_ORG_COLUMNS} FROM organisation {where} ORDER BY name COLLATE NOCASE"
        )
    ]


def find_organisation(conn: sqlite3.Connection, name: str) -> Organisation | None:
    """A live organisation with this name, compared as a person would (any case, spacing)."""
    wanted = name_key(name)
    for row in conn.execute(f"SELECT {_ORG_COLUMNS} FROM organisation WHERE deleted_at IS NULL"):
        if name_key(str(row[0])) == wanted:
            return _organisation(row)
    return None


def save_organisation(conn: sqlite3.Connection, org: Organisation, words: SearchWords) -> str:
    values = tuple(getattr(org, f) for f in ORGANISATION_FIELDS)
    org_id = org.id or str(uuid.uuid4())
    write_record(conn, "organisation", org_id, ORGANISATION_FIELDS, values, new=not org.id)
    if org.id:  # the organisation's name is among its services' search words
        for service_id in service_ids_of(conn, org_id, include_deleted=True):
            reindex_service(conn, service_id, words)
    return org_id


def set_organisation_deleted(conn: sqlite3.Connection, org_id: str, stamp: str | None) -> None:
    conn.execute(
        "UPDATE organisation SET deleted_at = ?, updated_at = ? WHERE id = ?",
        (stamp, now_iso(), org_id),
    )


def service(conn: sqlite3.Connection, service_id: str) -> Service | None:
    row = conn.execute(
        f"SELECT {_SERVICE_COLUMNS} FROM service WHERE id = ?", (service_id,)
    ).fetchone()
    return _service(row) if row else None


def service_ids_of(
    conn: sqlite3.Connection, org_id: str, include_deleted: bool = False
) -> list[str]:
    where = "" if include_deleted else " AND deleted_at IS NULL"
    return [
        r[0]
        for r in conn.execute(
            f"SELECT id FROM service WHERE organisation_id = ?{where} ORDER BY name", (org_id,)
        )
    ]


def services(conn: sqlite3.Connection, include_deleted: bool = False) -> list[Service]:
    where = "" if include_deleted else "WHERE deleted_at IS NULL"
    return [
        _service(row)
        for row in conn.execute(f"SELECT {_SERVICE_COLUMNS} FROM service {where} ORDER BY name")
    ]


def summaries(conn: sqlite3.Connection, include_deleted: bool = False) -> list[ServiceSummary]:
    """Every service as a list row, by name (the window's list reads a page at a time through
    ``service_list_store``; this whole list is for the command line and tests)."""
    where = "" if include_deleted else "WHERE s.deleted_at IS NULL"
    return [
        summary(row)
        for row in conn.execute(
            f"SELECT {SUMMARY_COLUMNS} FROM service s INDEXED BY service_by_name {where}"
            " ORDER BY s.name COLLATE NOCASE, s.id"
        )
    ]


# A list row's columns, its organisation named as the list shows it ("Name (ACRONYM)"). The
# subquery runs only for the rows a page returns, not for those it skips.
SUMMARY_COLUMNS = (
    "s.id, s.name, (SELECT CASE WHEN o.acronym <> '' THEN o.name || ' (' || o.acronym || ')'"
    " ELSE o.name END FROM organisation o WHERE o.id = s.organisation_id),"
    " s.service_type, s.populations, s.subdivision, s.municipality, s.latitude, s.longitude,"
    " s.deleted_at"
)


def summary(row: tuple[Any, ...]) -> ServiceSummary:
    """A row of SUMMARY_COLUMNS as a list row."""
    return ServiceSummary(
        row[0],
        row[1],
        row[2] or "",
        row[3],
        code_lists.read(row[4]),
        row[5],
        row[6],
        row[7],
        row[8],
        row[9] is not None,
    )


# The columns of exchange_rows(), in order.
EXCHANGE_COLUMNS = (
    *(f"o.{f}" for f in ORGANISATION_FIELDS),
    "s.id",
    "s.name",
    "s.service_type",
    "s.populations",
    "s.age_min",
    "s.age_max",
    "s.languages",
    "s.cost",
    "s.hours",
    "s.referral",
    "s.referral_contact",
    "s.address",
    "s.subdivision",
    "s.municipality",
    "s.latitude",
    "s.longitude",
    "s.updated_at",
)


def exchange_rows(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """Every live service with its organisation, as plain rows of EXCHANGE_COLUMNS.

    For exports: 20,000 services in one query, without building two records for each (that
    alone took half the export's time). ``populations`` is the stored JSON array.
    """
    return conn.execute(
        f"SELECT {', '.join(EXCHANGE_COLUMNS)}"
        " FROM service s JOIN organisation o ON o.id = s.organisation_id"
        " WHERE s.deleted_at IS NULL AND o.deleted_at IS NULL"
        " ORDER BY o.name COLLATE NOCASE, s.name COLLATE NOCASE, s.id"
    ).fetchall()


def save_service(
    conn: sqlite3.Connection, svc: Service, words: SearchWords, *, create: bool = False
) -> str:
    """Insert (no id; or ``create``: a new record keeping the UUID it travelled with) or update."""
    values = tuple(
        json.dumps(list(svc.populations)) if f == "populations" else getattr(svc, f)
        for f in SERVICE_FIELDS
    )
    service_id = svc.id or str(uuid.uuid4())
    write_record(conn, "service", service_id, SERVICE_FIELDS, values, new=not svc.id or create)
    reindex_service(conn, service_id, words)
    return service_id


def reindex_service(conn: sqlite3.Connection, service_id: str, words: SearchWords) -> None:
    row = conn.execute(
        f"SELECT {', '.join('s.' + f for f in SEARCHED_SERVICE_FIELDS)}, o.name, o.acronym,"
        " s.service_type, s.subdivision, s.populations, o.provider_type"
        " FROM service s JOIN organisation o ON o.id = s.organisation_id WHERE s.id = ?",
        (service_id,),
    ).fetchone()
    if row is not None:
        *texts, service_type, subdivision, populations, provider_type = row
        population_codes = code_lists.read(populations)
        codes = (service_type, subdivision, provider_type, *population_codes)
        parts = [str(v) for v in texts] + search_index.words_for(words, codes)
        search_index.put(conn, "service", service_id, parts, service_facets(row[-4:-1]))


def service_facets(codes: tuple[str, str, str]) -> list[str]:
    """The filter tokens of a service: its type, subdivision and populations (``codes`` as
    stored: type, subdivision, the JSON list of populations)."""
    service_type, subdivision, populations = codes
    facets = [search_index.EVERY, search_index.facet("t", service_type)]
    if subdivision:
        facets.append(search_index.facet("d", subdivision))
    return facets + [search_index.facet("p", code) for code in code_lists.read(populations)]


def set_service_deleted(conn: sqlite3.Connection, service_id: str, stamp: str | None) -> None:
    conn.execute(
        "UPDATE service SET deleted_at = ?, updated_at = ? WHERE id = ?",
        (stamp, now_iso(), service_id),
    )


def fresh_tombstone(conn: sqlite3.Connection, org_id: str) -> str:
    """A deletion time no earlier-deleted service of the organisation carries.

    Restoring brings back the services whose tombstone equals the organisation's; one deleted
    on its own in the same millisecond must not come back with them.
    """
    stamp = now_iso()
    while conn.execute(
        "SELECT 1 FROM service WHERE organisation_id = ? AND deleted_at = ?", (org_id, stamp)
    ).fetchone():
        time.sleep(0.001)
        stamp = now_iso()
    return stamp


def deleted_with(conn: sqlite3.Connection, org_id: str) -> list[str]:
    """The services deleted together with their organisation (same tombstone time)."""
    return [
        r[0]
        for r in conn.execute(
            "SELECT s.id FROM service s JOIN organisation o ON o.id = s.organisation_id"
            " WHERE o.id = ? AND s.deleted_at = o.deleted_at",
            (org_id,),
        )
    ]
