"""A workspace: one data folder, its database and the services over it."""

from __future__ import annotations

from pathlib import Path

from focalpoint.services.common.edit_history import EditHistory
from focalpoint.services.common.files import remove_left_over
from focalpoint.services.country.assignments import AssignmentService
from focalpoint.services.country.attachments import AttachmentService
from focalpoint.services.country.backups import BackupService, remove_stale_staging
from focalpoint.services.country.directory import DirectoryService
from focalpoint.services.country.entities import EntityService
from focalpoint.services.country.exchange import DirectoryExchange
from focalpoint.services.country.plan import PlanService
from focalpoint.services.country.practices import PracticeService
from focalpoint.services.country.profile import ProfileService
from focalpoint.services.country.proposals import ProposalService
from focalpoint.services.country.reports import ReportService
from focalpoint.services.country.secretariat import SecretariatService
from focalpoint.services.country.signing_keys import KeyService
from focalpoint.services.country.submissions import SubmissionService
from focalpoint.services.country.workspace_folder import set_aside_damaged
from focalpoint.storage.country.database import WorkspaceDatabase
from focalpoint.storage.sqlite import Database

# Where FocalPoint writes files of its own in a workspace, under working names first.
WORKING_FOLDERS = ("", "attachments", "submissions", "backups", "reports")


class Workspace:
    """What the GUI and the CLI both open: every service over one database."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.folder = db.path.parent
        self.profile = ProfileService(db)
        # Undo/redo over the edits made through this workspace object (one window's session).
        self.edits = EditHistory()
        self.plan = PlanService(db, self.profile)
        self.entities = EntityService(db, self.profile, self.edits)
        self.assignments = AssignmentService(db, self.profile, self.edits)
        self.practices = PracticeService(db, self.profile, self.edits)
        self.attachments = AttachmentService(db, self.profile)
        self.directory = DirectoryService(db, self.profile, self.edits)
        self.exchange = DirectoryExchange(db, self.profile, self.directory)
        self.reports = ReportService(db, self.plan, self.profile)
        self.keys = KeyService(db, self.profile)
        self.submissions = SubmissionService(
            db,
            self.profile,
            self.plan,
            self.keys,
            self.attachments,
            self.exchange,
            self.reports,
        )
        self.secretariat = SecretariatService(db, self.profile)
        self.proposals = ProposalService(db, self.profile)
        # Backups before every import (see services/common/safeguard.py).
        self.backups = BackupService(db)
        for importer in (self.plan, self.exchange, self.secretariat):
            importer.safeguard = self.backups.safeguard

    @classmethod
    def open(cls, folder: Path, create: bool = True, start_anew: bool = False) -> Workspace:
        """Open the workspace in ``folder``, migrating it and installing the bundled plan.

        ``create``: make it if the folder holds none (see ``WorkspaceDatabase.open``, which
        also says ``start_anew``). What a killed export or import left half-written is removed.
        """
        workspace = cls(WorkspaceDatabase.open(folder, create, start_anew))
        if workspace.read_only:
            # Shown as it is: no working file removed, no plan installed, no backup made.
            return workspace
        remove_left_over(*(folder / name for name in WORKING_FOLDERS))
        for staging in ("restore", "import"):  # whole unpacked workspaces a kill left
            remove_stale_staging(folder, staging)
        try:
            workspace.plan.ensure_installed()
        except Exception:
            workspace.close()
            raise
        return workspace

    @classmethod
    def start_anew(cls, folder: Path) -> tuple[Workspace, Path | None]:
        """Set the damaged workspace file in ``folder`` aside (renamed, never deleted) and open
        a new workspace in its place; its evidence, submissions and backups stay where they
        are. Also where the file went (None: the database itself was lost)."""
        kept = set_aside_damaged(folder)
        return cls.open(folder, start_anew=True), kept

    @property
    def read_only(self) -> bool:
        """Opened read-only (the folder or file cannot be written): read, never changed."""
        return self.db.read_only

    def data_version(self) -> int | None:
        """Changes when another process (or a background thread) commits to the workspace;
        None when it cannot be told without waiting (see ``Database.data_version``)."""
        return self.db.data_version()

    def close(self) -> None:
        self.db.close()
