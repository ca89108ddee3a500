"""The directory of services in and out of FocalPoint: CSV with HXL hashtags, and GeoJSON.

:class:`DirectoryExchange` reads the rows from the workspace and hands them to the exchange
format (``render.directory_exchange``: the columns, their hashtags, the CSV and GeoJSON
writers), and writes the file whole. An import is read as a table (``reading``), each row
checked (``row_checks``) and matched and written (``importing``): one bad row and nothing is
imported. ``docs/directory-exchange.md`` describes the files.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO, TypeVar

from focalpoint.domain.directory import ImportReport
from focalpoint.i18n import _, current_language
from focalpoint.render import directory_exchange
from focalpoint.render.directory_exchange import MapExport
from focalpoint.services.common.files import output_target, writing
from focalpoint.services.common.progress import Progress, Stop, share, stepped
from focalpoint.services.common.safeguard import Safeguard, no_backup
from focalpoint.services.common.vocabularies import vocabularies
from focalpoint.services.country.directory import DirectoryService
from focalpoint.services.country.exchange.importing import Import
from focalpoint.services.country.exchange.reading import read_table
from focalpoint.services.country.profile import ProfileService
from focalpoint.storage.country import directory_store
from focalpoint.storage.sqlite import Database

__all__ = ["DirectoryExchange", "MapExport"]

# Of an import's progress, reading the file (the rest is checking and writing the rows).
READING_SHARE = 0.05
# Of an export's progress, reading the services from the workspace (the rest is writing them).
GATHERING_SHARE = 0.45


class DirectoryExchange:
    """Export the directory to CSV or GeoJSON, and import it from CSV, all or nothing."""

    def __init__(self, db: Database, profile: ProfileService, directory: DirectoryService) -> None:
        self._db = db
        self._profile = profile
        self._directory = directory
        self.safeguard: Safeguard = no_backup

    # --- export ------------------------------------------------------------------------------

    def export_csv(
        self, target: Path, progress: Progress | None = None, cancelled: Stop | None = None
    ) -> int:
        """Write every service to ``target`` (UTF-8 with BOM); returns how many were written.

        ``cancelled`` stops it between rows; the file is then not written at all.
        """
        return _write_whole(
            target, lambda handle: self.write_csv(handle, progress, cancelled), bom=True
        )

    def export_geojson(
        self, target: Path, progress: Progress | None = None, cancelled: Stop | None = None
    ) -> MapExport:
        """Write the services that have coordinates as a GeoJSON FeatureCollection."""
        return _write_whole(
            target, lambda handle: self.write_geojson(handle, progress, cancelled), bom=False
        )

    def write_csv(
        self, stream: TextIO, progress: Progress | None = None, cancelled: Stop | None = None
    ) -> int:
        """The CSV to an open text stream (opened with ``newline=""``)."""
        rows = self._rows(share(progress, 0, GATHERING_SHARE), cancelled)
        writing_rows = share(progress, GATHERING_SHARE, 1 - GATHERING_SHARE)
        directory_exchange.write_csv(stream, stepped(rows, len(rows), writing_rows, cancelled))
        return len(rows)

    def write_geojson(
        self, stream: TextIO, progress: Progress | None = None, cancelled: Stop | None = None
    ) -> MapExport:
        """A GeoJSON FeatureCollection (RFC 7946) of the located services, one per line."""
        rows = self._rows(share(progress, 0, GATHERING_SHARE), cancelled)
        writing_rows = share(progress, GATHERING_SHARE, 1 - GATHERING_SHARE)
        return directory_exchange.write_geojson(
            stream, stepped(rows, len(rows), writing_rows, cancelled), vocabularies()
        )

    def _rows(
        self, progress: Progress | None = None, cancelled: Stop | None = None
    ) -> list[tuple[Any, ...]]:
        """Every live service with its organisation: the values of the columns, in order."""
        from focalpoint.services.common import geography

        with self._db.reading() as conn:
            found = directory_store.exchange_rows(conn)
        country = self._directory.country()
        language = current_language()
        names: dict[str, str] = {}
        rows = []
        for raw in stepped(found, len(found), progress, cancelled):
            # raw: 8 organisation fields, id, name, type, populations (JSON), ages, 6 texts,
            # subdivision, municipality, latitude, longitude, updated_at.
            subdivision = raw[20]
            if subdivision not in names:
                place = geography.subdivision(subdivision) if subdivision else None
                names[subdivision] = place.name_in(language) if place else ""
            rows.append(
                (
                    *raw[:11],
                    ";".join(json.loads(raw[11])),
                    *raw[12:21],
                    names[subdivision],
                    raw[21],
                    raw[22],
                    raw[23],
                    country,
                    raw[24],
                )
            )
        return rows

    # --- import ------------------------------------------------------------------------------

    def import_csv(
        self, source: Path, progress: Progress | None = None, cancelled: Stop | None = None
    ) -> ImportReport:
        """Add and update services from a CSV; refused whole, listing every bad row, or done.

        ``cancelled`` stops it between rows: the one transaction rolls back, nothing changes.
        """
        actor = self._profile.actor()  # set up first: every change names a person
        table = read_table(source, share(progress, 0, READING_SHARE), cancelled)
        rest = share(progress, READING_SHARE, 1 - READING_SHARE)
        with self.safeguard("directory_import"), self._db.transaction() as conn:
            report = Import(self._directory, conn, actor, table).run(rest, cancelled)
        self._directory.forget_edits()
        return report


_Result = TypeVar("_Result")


def _write_whole(target: Path, write: Callable[[TextIO], _Result], bom: bool) -> _Result:
    """Write the export through ``write`` into ``target``, whole or not at all."""
    path = output_target(
        target,
        _("Give the file a name, such as directory.csv."),
        _("{path} is not a file: choose another name for the export."),
    )
    failure = _(
        "The directory cannot be written to {path}: {reason}. Choose another folder, "
        "or close the program that has the file open."
    )
    encoding = "utf-8-sig" if bom else "utf-8"
    # The stream closes before the file is placed: the two contexts leave in reverse order.
    with writing(path, failure) as partial, partial.open("w", encoding=encoding, newline="") as out:
        return write(out)
