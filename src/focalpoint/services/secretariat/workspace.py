"""The Secretariat's workspace: a folder marked as the Secretariat's, its store, its services.

The folder holds ``secretariat.json``, which says it is the Secretariat's for good and where its
data is: ``secretariat.db`` beside it (SQLite, the default) or a PostgreSQL server whose address
is given each time (``--database-url`` or ``FOCALPOINT_DATABASE_URL``), so that no password is
ever written into the folder. Several analysts' folders may share one server database.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from focalpoint.domain.errors import StorageError
from focalpoint.i18n import _
from focalpoint.paths import (
    SECRETARIAT,
    SECRETARIAT_MARKER,
    make_workspace_folder,
    refuse_other_kind,
)
from focalpoint.services.common.files import remove, remove_left_over, write_bytes_whole
from focalpoint.services.secretariat.consolidation import Consolidation
from focalpoint.services.secretariat.exports import RegionalDirectoryExport, RegionalPracticesExport
from focalpoint.services.secretariat.intake import RECEIVED_FOLDER, Intake
from focalpoint.services.secretariat.plans import KnownPlans, PlanPublisher
from focalpoint.services.secretariat.profile import SecretariatProfileService
from focalpoint.services.secretariat.proposals import Proposals
from focalpoint.services.secretariat.receipts import Receipts
from focalpoint.services.secretariat.regional import RegionalMatrixService
from focalpoint.services.secretariat.regional_lists import RegionalPractices, RegionalServices
from focalpoint.services.secretariat.regional_report import RegionalReportService
from focalpoint.services.secretariat.registry import Registry
from focalpoint.services.secretariat.signing_keys import SecretariatKeyService
from focalpoint.storage.secretariat.database import SecretariatDatabase

ENV_DATABASE_URL = "FOCALPOINT_DATABASE_URL"
MARKER_FORMAT = "focalpoint-secretariat-workspace"
IN_FOLDER = "sqlite"
ON_SERVER = "server"

# Where the Secretariat writes files through working copies: the folder (its key file, the
# database's own), the packages received, the report previews.
WORKING_FOLDERS = ("", RECEIVED_FOLDER, "reports")


class SecretariatWorkspace:
    """What the CLI (and later the window) opens on the Secretariat's side."""

    def __init__(self, folder: Path, db: SecretariatDatabase) -> None:
        self.folder = folder
        self.db = db
        self.profile = SecretariatProfileService(db)
        self.keys = SecretariatKeyService(db, self.profile)
        self.registry = Registry(db, self.profile)
        self.plans = KnownPlans(db)
        self.plan_versions = PlanPublisher(db, self.profile, self.keys, self.plans)
        self.intake = Intake(folder, db, self.profile, self.registry, self.keys, self.plans)
        self.consolidation = Consolidation(folder, db, self.profile)
        self.matrix = RegionalMatrixService(db, self.profile)
        self.proposals = Proposals(db, self.profile, self.plans)
        self.receipts = Receipts(self.intake, self.keys, self.proposals)
        self.regional_services = RegionalServices(db)
        self.regional_practices = RegionalPractices(db)
        self.directory_export = RegionalDirectoryExport(db)
        self.practices_export = RegionalPracticesExport(db)
        self.regional_report = RegionalReportService(folder, db, self.plans, self.profile)

    @classmethod
    def open(
        cls, folder: Path, database_url: str | None = None, create: bool = True
    ) -> SecretariatWorkspace:
        """Open (making if new, with ``create``) the Secretariat's workspace in ``folder``.

        A country's folder is refused untouched, and so is a folder whose data is kept
        elsewhere than the address given says. Only ``folder`` itself is ever made: a missing
        parent is a mistyped path, refused. Without ``create`` (every command but ``ts setup``)
        a folder with no workspace is refused and nothing is made.
        """
        folder = Path(folder)
        refuse_other_kind(folder, SECRETARIAT)
        url = database_url or os.environ.get(ENV_DATABASE_URL) or None
        where = _read_marker(folder)
        made = where is None
        if made and not create:
            raise StorageError(
                _(
                    "There is no Secretariat workspace in {folder}. Make one with: focalpoint "
                    'ts setup --name "NAME" --data-dir {folder}'
                ).format(folder=folder)
            )
        if where == ON_SERVER and not url:
            raise StorageError(
                _(
                    "This Secretariat workspace keeps its data on a database server: give its "
                    "address with --database-url or ${name}."
                ).format(name=ENV_DATABASE_URL)
            )
        if where == IN_FOLDER and url:
            raise StorageError(
                _(
                    "This Secretariat workspace keeps its data in its folder ({path}); open it "
                    "without a database address."
                ).format(path=folder)
            )
        if made:
            _write_marker(folder, ON_SERVER if url else IN_FOLDER)
        try:
            db = SecretariatDatabase.open(folder, url)
        except Exception:
            if made:  # a first open that failed leaves the folder as it found it
                remove(folder / SECRETARIAT_MARKER)
            raise
        # What a killed intake, receipt or report left half-written (never a file being
        # written now: a live writer holds its lock).
        remove_left_over(*(folder / name for name in WORKING_FOLDERS))
        return cls(folder, db)

    def changed_elsewhere(self) -> int | None:
        """Grows each time the store is found changed by someone else (another analyst, a
        ``ts`` command): the window reads what it shows again. None: it cannot be told now."""
        return self.db.changed_elsewhere()

    def close(self) -> None:
        self.db.close()


def _read_marker(folder: Path) -> str | None:
    path = folder / SECRETARIAT_MARKER
    if not path.exists():
        return None
    try:
        marker = json.loads(path.read_text("utf-8"))
        where = marker["database"] if marker.get("format") == MARKER_FORMAT else None
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        where = None
    if where not in (IN_FOLDER, ON_SERVER):
        raise StorageError(
            _("The file {path} is not a FocalPoint Secretariat workspace marker.").format(
                path=path
            ),
            damaged=True,
        )
    return str(where)


def _write_marker(folder: Path, where: str) -> None:
    if folder.exists() and not folder.is_dir():
        raise StorageError(
            _(
                "{path} is a file, not a folder: it cannot hold a workspace. Choose a folder. "
                "Nothing was changed."
            ).format(path=folder)
        )
    try:
        make_workspace_folder(folder)
    except OSError as exc:
        raise StorageError(
            _("The workspace folder {path} cannot be made: {reason}.").format(
                path=folder, reason=exc.strerror or exc
            )
        ) from exc
    marker = {"format": MARKER_FORMAT, "version": 1, "database": where}
    data = (json.dumps(marker, indent=2) + "\n").encode("utf-8")
    write_bytes_whole(
        folder / SECRETARIAT_MARKER, data, _("The file {path} cannot be written: {reason}.")
    )
