"""The regional tables' rows, made from a country's consolidated records (kept whole as JSON in
``consolidated_record``): the live services and practices in the columns the regional lists,
map and exports read and filter. Written with the country's records at each acceptance, so they
are never out of step with them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, delete

from focalpoint.domain.text import fold
from focalpoint.storage.secretariat.bulk import bulk_insert
from focalpoint.storage.secretariat.tables import RegionalPractice, RegionalService, table_of

_SERVICE = table_of(RegionalService)
_PRACTICE = table_of(RegionalPractice)


def codes(values: Iterable[str]) -> str:
    """Codes as a filter finds them with ``LIKE '% code %'``: between spaces, sorted."""
    listed = sorted({str(v) for v in values if v})
    return f" {' '.join(listed)} " if listed else " "


SERVICE_COLUMNS = (
    "country",
    "record_id",
    "name",
    "organisation",
    "service_type",
    "populations",
    "subdivision",
    "municipality",
    "latitude",
    "longitude",
    "sort_name",
    "sort_organisation",
    "search",
)
PRACTICE_COLUMNS = (
    "country",
    "record_id",
    "title",
    "state",
    "categories",
    "populations",
    "subdivisions",
    "national",
    "action_codes",
    "updated_at",
    "sort_title",
    "search",
)


def service_row(
    country: str, record: Mapping[str, Any], organisations: Mapping[str, tuple[str, str]]
) -> tuple[Any, ...]:
    """A service's values in ``SERVICE_COLUMNS``; ``organisations``: each organisation's name
    and its folded name, by id."""
    name = str(record.get("name") or "")
    organisation, folded_organisation = organisations.get(
        str(record.get("organisation_id") or ""), ("", "")
    )
    municipality = str(record.get("municipality") or "")
    sort_name = fold(name)
    return (
        country,
        str(record["id"]),
        name,
        organisation,
        str(record.get("service_type") or ""),
        codes(record.get("populations") or ()),
        str(record.get("subdivision") or ""),
        municipality,
        record.get("latitude"),
        record.get("longitude"),
        sort_name,
        folded_organisation,
        " ".join(
            (sort_name, folded_organisation, fold(f"{municipality} {record.get('address') or ''}"))
        ),
    )


def practice_row(country: str, record: Mapping[str, Any]) -> tuple[Any, ...]:
    """A practice's values in ``PRACTICE_COLUMNS``."""
    title = str(record.get("title") or "")
    return (
        country,
        str(record["id"]),
        title,
        str(record.get("state") or "draft"),
        codes(record.get("categories") or ()),
        codes(record.get("populations") or ()),
        codes(record.get("subdivisions") or ()),
        bool(record.get("national")),
        codes(record.get("action_codes") or ()),
        str(record.get("updated_at") or ""),
        fold(title),
        fold(
            " ".join(
                (
                    title,
                    record.get("summary") or "",
                    " ".join(record.get("partners") or ()),
                    record.get("contact") or "",
                )
            )
        ),
    )


def rows_of(
    country: str, records: Mapping[str, Iterable[Mapping[str, Any]]]
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The regional rows (services, practices) of ``country``'s ``records`` by kind: its live
    ones (deleted services and practices, and services of a deleted organisation, are left
    out)."""
    organisations = {
        str(o["id"]): (str(o.get("name") or ""), fold(str(o.get("name") or "")))
        for o in records.get("organisations", ())
        if not o.get("deleted_at")
    }
    services = [
        service_row(country, s, organisations)
        for s in records.get("services", ())
        if not s.get("deleted_at") and str(s.get("organisation_id") or "") in organisations
    ]
    practices = [
        practice_row(country, p) for p in records.get("practices", ()) if not p.get("deleted_at")
    ]
    return services, practices


def replace_country(
    conn: Connection,
    country: str,
    services: Sequence[tuple[Any, ...]],
    practices: Sequence[tuple[Any, ...]],
) -> None:
    """Make ``country``'s regional rows these (from :func:`rows_of`)."""
    conn.execute(delete(_SERVICE).where(_SERVICE.c.country == country))
    conn.execute(delete(_PRACTICE).where(_PRACTICE.c.country == country))
    bulk_insert(conn, _SERVICE, SERVICE_COLUMNS, services)
    bulk_insert(conn, _PRACTICE, PRACTICE_COLUMNS, practices)
