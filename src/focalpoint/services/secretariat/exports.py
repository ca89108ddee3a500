"""The Secretariat's regional exports, read from the consolidated store: the directory of
services of every country (CSV with HXL hashtags, GeoJSON) and the compilation of practices
(CSV, XLSX), each file whole or not at all.

Both read each country's newest accepted state (``regional_service`` and ``regional_practice``
say which records are live and in what order; the full records are the JSON kept in
``consolidated_record``) a chunk of rows at a time, and write as they read: memory holds one
country's organisations and a chunk of rows, whatever the size of the region. ``export`` may
run on a background thread; ``cancelled`` stops it between rows, leaving no file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from focalpoint.domain.directory import ORGANISATION_FIELDS
from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.practices import STATE_LABELS
from focalpoint.domain.vocab import COUNTRIES
from focalpoint.i18n import _, current_language, pick
from focalpoint.render import directory_exchange
from focalpoint.render.directory_exchange import REGIONAL_COLUMNS
from focalpoint.services.common.files import output_target, writing
from focalpoint.services.common.progress import Progress, Stop, share, stepped
from focalpoint.services.common.vocabularies import vocabularies
from focalpoint.storage.secretariat import export_store
from focalpoint.storage.secretariat.database import SecretariatDatabase, Transaction


@dataclass(frozen=True)
class Exported:
    """What an export wrote: the files, the rows in each, and (GeoJSON) the services left off
    the map for want of coordinates."""

    paths: list[Path]
    rows: int
    unplaced: int = 0


def country_codes(codes: Iterable[str]) -> list[str]:
    """Country codes as typed (any case), refusing one that is not a member country's."""
    wanted = list(dict.fromkeys(c.strip().upper() for c in codes if c.strip()))
    unknown = [c for c in wanted if c not in COUNTRIES]
    if unknown:
        raise InvalidInput(
            _("Unknown country code: {codes}. Use one of: {known}.").format(
                codes=", ".join(unknown), known=", ".join(COUNTRIES)
            )
        )
    return wanted


class RegionalDirectoryExport:
    """Every country's live services in the directory's exchange format, the country first."""

    def __init__(self, db: SecretariatDatabase) -> None:
        self._db = db

    def export(
        self,
        csv: Path | None = None,
        geojson: Path | None = None,
        countries: Sequence[str] = (),
        progress: Progress | None = None,
        cancelled: Stop | None = None,
    ) -> Exported:
        """Write the CSV (UTF-8 with BOM) and/or the GeoJSON of the services of ``countries``
        (codes; none: every country with an accepted submission)."""
        wanted = country_codes(countries)
        targets = [(_target(p), kind) for p, kind in ((csv, "csv"), (geojson, "geojson")) if p]
        failure = _("The file {path} cannot be written: {reason}.")
        written, rows, unplaced = [], 0, 0
        for n, (target, kind) in enumerate(targets):
            part = share(progress, n / len(targets), 1 / len(targets))
            with (
                writing(target, failure) as partial,
                open(
                    partial, "w", encoding="utf-8-sig" if kind == "csv" else "utf-8", newline=""
                ) as out,
                self._db.reading() as conn,
            ):
                rows, unplaced = self._write(conn, out, kind, wanted, part, cancelled)
            written.append(target)
        return Exported(written, rows, unplaced)

    def _write(
        self,
        conn: Transaction,
        out: TextIO,
        kind: str,
        wanted: list[str],
        progress: Progress | None,
        cancelled: Stop | None,
    ) -> tuple[int, int]:
        countries = _chosen(conn, wanted)
        total = export_store.service_count(conn, countries)
        rows = stepped(self._rows(conn, countries), total, progress, cancelled)
        if kind == "csv":
            directory_exchange.write_csv(out, rows, REGIONAL_COLUMNS)
            return total, 0
        done = directory_exchange.write_geojson(out, rows, vocabularies(), REGIONAL_COLUMNS)
        return total, done.left_out

    def _rows(self, conn: Transaction, countries: list[str]) -> Iterator[tuple[Any, ...]]:
        """The values of REGIONAL_COLUMNS of each live service, country by country."""
        from focalpoint.services.common import geography

        language = current_language()
        places: dict[str, str] = {}
        for country in countries:
            name = pick(COUNTRIES[country], language) if country in COUNTRIES else country
            organisations = export_store.organisations(conn, country)
            nobody = ("",) * len(ORGANISATION_FIELDS)
            for s in export_store.services(conn, country):
                subdivision = str(s.get("subdivision") or "")
                if subdivision not in places:
                    place = geography.subdivision(subdivision) if subdivision else None
                    places[subdivision] = place.name_in(language) if place else ""
                yield (
                    name,
                    *organisations.get(str(s.get("organisation_id") or ""), nobody),
                    str(s["id"]),
                    s.get("name") or "",
                    s.get("service_type") or "",
                    ";".join(s.get("populations") or ()),
                    s.get("age_min"),
                    s.get("age_max"),
                    s.get("languages") or "",
                    s.get("cost") or "",
                    s.get("hours") or "",
                    s.get("referral") or "",
                    s.get("referral_contact") or "",
                    s.get("address") or "",
                    subdivision,
                    places[subdivision],
                    s.get("municipality") or "",
                    s.get("latitude"),
                    s.get("longitude"),
                    country,
                    s.get("updated_at") or "",
                )


class RegionalPracticesExport:
    """The practices of every country (or those a filter keeps), one row each, in words."""

    def __init__(self, db: SecretariatDatabase) -> None:
        self._db = db

    def check(
        self, categories: Iterable[str] = (), populations: Iterable[str] = ()
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The category and population codes, refusing any the vocabularies do not know."""
        vocab = vocabularies()
        return (
            vocab.practice_category.check(categories, _("category")),
            vocab.population.check(populations, _("population")),
        )

    def export(
        self,
        csv: Path | None = None,
        xlsx: Path | None = None,
        categories: Sequence[str] = (),
        populations: Sequence[str] = (),
        countries: Sequence[str] = (),
        progress: Progress | None = None,
        cancelled: Stop | None = None,
    ) -> Exported:
        """Write the compilation as CSV (UTF-8 with BOM) and/or XLSX: the practices of
        ``countries`` (none: all) having one of ``categories`` (none: any) and one of
        ``populations`` (none: any)."""
        from focalpoint.render.regional_practices import (
            write_practices_csv,
            write_practices_xlsx,
        )

        wanted = country_codes(countries)
        chosen = self.check(categories, populations)
        language = current_language()
        targets = [(_target(p), kind) for p, kind in ((csv, "csv"), (xlsx, "xlsx")) if p]
        failure = _("The file {path} cannot be written: {reason}.")
        written, total = [], 0
        for n, (target, kind) in enumerate(targets):
            part = share(progress, n / len(targets), 1 / len(targets))
            with writing(target, failure) as partial, self._db.reading() as conn:
                countries_read = _chosen(conn, wanted)
                total = export_store.practice_count(conn, countries_read, *chosen)
                found = export_store.practices(conn, countries_read, *chosen)
                rows = stepped(_practice_rows(found, language), total, part, cancelled)
                if kind == "xlsx":
                    write_practices_xlsx(rows, partial, language)
                else:
                    with open(partial, "w", encoding="utf-8-sig", newline="") as out:
                        write_practices_csv(rows, out, language)
            written.append(target)
        return Exported(written, total)


def _practice_rows(
    found: Iterable[tuple[str, dict[str, Any]]], language: str
) -> Iterator[list[str]]:
    from focalpoint.render.periods import period
    from focalpoint.services.common import geography

    vocab = vocabularies()
    national = _("National")
    names: dict[str, str] = {}

    def place(code: str) -> str:
        if code not in names:
            found = geography.subdivision(code)
            names[code] = found.name_in(language) if found else code
        return names[code]

    for country, p in found:
        subdivisions = p.get("subdivisions") or ()
        scope = national if p.get("national") else "; ".join(place(c) for c in subdivisions)
        state = str(p.get("state") or "draft")
        yield [
            pick(COUNTRIES.get(country), language) or country,
            p.get("title") or "",
            vocab.practice_category.labels(p.get("categories") or (), language),
            vocab.population.labels(p.get("populations") or (), language),
            scope,
            ", ".join(p.get("action_codes") or ()),
            period(p.get("period_start") or "", p.get("period_end") or "", _, language),
            _(STATE_LABELS[state]) if state in STATE_LABELS else state,
            p.get("summary") or "",
            p.get("results") or "",
            p.get("lessons") or "",
            p.get("contact") or "",
            "; ".join(p.get("partners") or ()),
        ]


def _chosen(conn: Transaction, wanted: list[str]) -> list[str]:
    """The countries to export: those asked for, else every one with an accepted submission."""
    return wanted or export_store.consolidated_countries(conn)


def _target(path: Path) -> Path:
    return output_target(
        path,
        _("Give the file a name, such as directory.csv."),
        _("{path} is not a file: choose another name for the export."),
    )
