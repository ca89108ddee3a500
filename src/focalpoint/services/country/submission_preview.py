"""Before sending: exactly what the next submission will carry, and what to look at first."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from focalpoint.domain.evidence import describe_size
from focalpoint.domain.history import SUBMITTED_KINDS, Change
from focalpoint.domain.submissions import Submission
from focalpoint.i18n import _, ngettext
from focalpoint.services.country.plan import PlanService
from focalpoint.services.country.submission_data import (
    counts_of,
    missing_attachments,
    read_snapshot,
)
from focalpoint.storage.country import audit_store, submission_store
from focalpoint.storage.sqlite import Database

# Many ministry mail servers refuse messages above 20 MB (some at 10), and an attachment grows
# by a third on its way (base64): beyond this, say so.
EMAIL_LIMIT = 20 * 1024 * 1024
EMAIL_GROWTH = 4 / 3


@dataclass(frozen=True)
class Preview:
    """Exactly what the next submission will carry, and what to look at before sending it."""

    sequence: int
    counts: dict[str, int]
    changes: tuple[Change, ...]  # since the last submission (all, before the first)
    last: Submission | None
    warnings: tuple[str, ...]
    blocking: tuple[str, ...]  # reasons it cannot be sent now
    has_key: bool
    fingerprint: str

    def changes_by_kind(self) -> dict[str, int]:
        """How many records of each kind changed (not how many fields)."""
        keys: dict[str, set[str]] = {}
        for change in self.changes:
            keys.setdefault(change.entry.record_kind, set()).add(change.entry.record_key)
        return {kind: len(found) for kind, found in keys.items()}


def email_note(size: int) -> str:
    """What to tell a person about to e-mail a file of ``size`` bytes ("" when it is small)."""
    if not too_big_for_email(size):
        return ""
    return _(
        "At {size}, the package is larger than most e-mail accepts (often 20 MB): send it on a "
        "USB stick or through a shared folder."
    ).format(size=describe_size(size))


def too_big_for_email(size: int) -> bool:
    return size * EMAIL_GROWTH > EMAIL_LIMIT


def missing_evidence(names: list[str]) -> str:
    """Why a submission cannot be signed while evidence files are gone from the workspace."""
    return _(
        "Evidence files are missing from the workspace folder: {names}. Remove them "
        "from their practices or attach them again."
    ).format(names=", ".join(names[:5]))


def make_preview(
    db: Database, plan: PlanService, attachments_folder: Path, fingerprint: str | None
) -> Preview:
    """The next submission as it would be signed now (``fingerprint``: the current key's)."""
    snapshot = read_snapshot(db)
    counts = counts_of(snapshot, plan.overview())
    with db.reading() as conn:
        last = submission_store.last_submission(conn)
        mark = last.audit_mark if last else 0
        changes = tuple(audit_store.named_changes_since(conn, mark, SUBMITTED_KINDS))
    warnings = []
    unassigned = counts["actions"] - counts["actions_assigned"]
    if unassigned:
        warnings.append(
            ngettext(
                "{n} action of the plan has no responsible entity.",
                "{n} actions of the plan have no responsible entity.",
                unassigned,
            ).format(n=unassigned)
        )
    if counts["practices_draft"]:
        warnings.append(
            ngettext(
                "{n} practice is still a draft; it is sent marked as a draft.",
                "{n} practices are still drafts; they are sent marked as drafts.",
                counts["practices_draft"],
            ).format(n=counts["practices_draft"])
        )
    if last is not None and not changes:
        warnings.append(_("Nothing has changed since the last submission."))
    if too_big_for_email(counts["attachment_bytes"]):
        warnings.append(
            _(
                "The evidence files alone come to {size}: too big for most e-mail. Send the "
                "package on a USB stick or through a shared folder."
            ).format(size=describe_size(counts["attachment_bytes"]))
        )
    missing = missing_attachments(snapshot, attachments_folder)
    return Preview(
        sequence=(last.sequence if last else 0) + 1,
        counts=counts,
        changes=changes,
        last=last,
        warnings=tuple(warnings),
        blocking=(missing_evidence(missing),) if missing else (),
        has_key=fingerprint is not None,
        fingerprint=fingerprint or "",
    )
