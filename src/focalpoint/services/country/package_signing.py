"""Signing the next submission and keeping it in the workspace: all or nothing.

The package is written under a working name in the workspace's ``submissions/`` folder,
renamed into place only when complete, and recorded in the same transaction that claims its
sequence number; a failure or a cancel leaves neither a file nor a record.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from focalpoint.domain.errors import InvalidInput
from focalpoint.domain.os_errors import os_reason
from focalpoint.domain.plan import PlanInfo
from focalpoint.domain.records import Profile
from focalpoint.domain.submissions import Submission
from focalpoint.i18n import _
from focalpoint.package.age_keys import recipient_of
from focalpoint.paths import make_private_folder
from focalpoint.services.common.files import (
    held,
    place,
    remove,
    remove_left_over,
    working_name,
)
from focalpoint.services.common.progress import Progress, share, stop_if_cancelled
from focalpoint.services.country.attachments import AttachmentService
from focalpoint.services.country.exchange import DirectoryExchange
from focalpoint.services.country.plan import PlanService
from focalpoint.services.country.profile import ProfileService
from focalpoint.services.country.reports import ReportService
from focalpoint.services.country.signing_keys import KeyInfo
from focalpoint.services.country.submission_data import (
    build_members,
    counts_of,
    created_stamp,
    missing_attachments,
    read_snapshot,
)
from focalpoint.services.country.submission_preview import missing_evidence
from focalpoint.storage.country import audit_store, proposal_store, submission_store
from focalpoint.storage.sqlite import Database, now_iso
from focalpoint.version import app_version

if TYPE_CHECKING:  # cryptography loads only when a key is used, never at start-up
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


@dataclass(frozen=True)
class SigningOptions:
    include_report: bool = True
    language: str | None = None  # of the report and the CSV headers; the profile's by default
    recipient: Any = None  # the Secretariat's age recipient to encrypt to, or None


class PackageSigner:
    """Reads the workspace once, writes the signed package, records it with its number."""

    def __init__(
        self,
        db: Database,
        profile: ProfileService,
        plan: PlanService,
        attachments: AttachmentService,
        exchange: DirectoryExchange,
        reports: ReportService,
        folder: Path,
    ) -> None:
        self._db = db
        self._profile = profile
        self._plan = plan
        self._attachments = attachments
        self._exchange = exchange
        self._reports = reports
        self.folder = folder

    def sign(
        self,
        key: Ed25519PrivateKey,
        key_info: KeyInfo,
        options: SigningOptions,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Submission:
        """Sign and keep the next submission with the unlocked ``key``; returns its record."""
        from focalpoint.package.writer import write_package

        profile = self._profile.get()
        assert profile is not None  # a key exists, so set-up was done
        language = options.language or profile.language
        # For people; "changes since" counts from the snapshot's audit mark, not from a clock.
        snapshot_at = now_iso()
        snapshot = read_snapshot(self._db, self._exchange.write_csv)
        missing = missing_attachments(snapshot, self._attachments.folder)
        if missing:
            raise InvalidInput(missing_evidence(missing))
        stop_if_cancelled(cancelled)  # nothing written yet: reading was the first long step
        overview = self._plan.overview()
        with self._db.reading() as conn:
            last = submission_store.last_submission(conn)
        sequence = (last.sequence if last else 0) + 1
        moment = datetime.now(UTC).replace(microsecond=0)
        header = _header(profile, sequence, last, overview.info, moment, language)
        header["counts"] = counts_of(snapshot, overview)
        name = f"FocalPoint-{profile.country}-{sequence:03d}-{moment:%Y-%m-%d}.zip"
        self._make_folder()
        target = self.folder / name
        sealed = self.folder / f"{name}.age"
        # Working files carry names of their own, so that two exports at once (two windows, a
        # script) never write into each other's files; only the one that claims the sequence
        # number renames its package into place.
        partial = working_name(target)
        report = working_name(self.folder / f"{name}.report.pdf")
        sealed_partial = working_name(sealed)
        report_share = 0.35 if options.include_report else 0.0  # of the bar, for the report
        placed: list[Path] = []  # what this export put in place, and only that, is undone
        # What an export killed before left behind (held files are another export's, alive).
        remove_left_over(self.folder)
        live = ExitStack()  # the working files held, so that no clean-up takes them meanwhile

        try:
            live.enter_context(held(partial, private=True))
            live.enter_context(held(sealed_partial, private=True))
            if options.include_report:
                self._reports.make(
                    report, language, progress=share(progress, 0, report_share), cancelled=cancelled
                )
                live.enter_context(held(report, private=True))  # made under a name of its own
            members = build_members(
                snapshot,
                overview,
                header,
                self._attachments.folder,
                report if options.include_report else None,
                language,
            )
            stop_if_cancelled(cancelled)
            written = write_package(
                partial,
                header,
                members,
                key,
                moment,
                share(progress, report_share, 1 - report_share),
                cancelled,
            )
            encrypted_sha = ""
            if options.recipient is not None:
                encrypted_sha = _encrypt(partial, sealed_partial, options.recipient)
            row = Submission(
                id=str(uuid.uuid4()),
                sequence=sequence,
                created_at=snapshot_at,
                created_by=profile.name,
                file_name=name,
                sha256=written.sha256,
                size=written.size,
                previous_sha256=last.sha256 if last else None,
                key_id=key_info.key_id,
                fingerprint=key_info.fingerprint,
                plan_code=overview.info.code,
                plan_version=overview.info.version,
                counts=header["counts"],
                encrypted_name=sealed.name if options.recipient is not None else "",
                encrypted_sha256=encrypted_sha,
                encrypted_to=str(options.recipient) if options.recipient is not None else "",
                state="signed",
                state_at=now_iso(),
                state_note="",
                audit_mark=snapshot.audit_mark,
            )
            # The write lock of this transaction is the claim on the sequence number: a second
            # export waits here, then finds the number taken and touches no file but its own.
            with self._db.transaction() as conn:
                now_last = submission_store.last_submission(conn)
                if (now_last.sequence if now_last else 0) != sequence - 1:
                    raise InvalidInput(_("Another submission was signed meanwhile. Export again."))
                # Listed before placing: whatever fails after a rename, the file goes again.
                if options.recipient is not None:
                    placed.append(sealed)
                    place(sealed_partial, sealed)
                placed.append(target)
                place(partial, target)
                submission_store.add_submission(conn, row)
                audit_store.record(
                    conn, profile.name, "submission", str(sequence), "state", "", "signed"
                )
                # The proposals it carries are sent: no longer drafts, never carried again.
                for sent in proposal_store.mark_submitted(conn, snapshot.proposals, row.id):
                    audit_store.record(
                        conn, profile.name, "proposal", sent, "state", "draft", "submitted"
                    )
        except OSError as exc:
            remove(*placed)
            raise InvalidInput(
                _("The package cannot be written in {folder}: {reason}.").format(
                    folder=self.folder, reason=os_reason(exc)
                )
            ) from exc
        except BaseException:
            remove(*placed)
            raise
        finally:
            remove(partial, report, sealed_partial)
            live.close()
        return row

    def _make_folder(self) -> None:
        try:
            make_private_folder(self.folder)  # the user's alone, as the workspace is
        except OSError as exc:
            raise InvalidInput(
                _("The folder {folder} cannot be created: {reason}.").format(
                    folder=self.folder, reason=os_reason(exc)
                )
            ) from exc


def _header(
    profile: Profile,
    sequence: int,
    last: Submission | None,
    plan: PlanInfo,
    moment: datetime,
    lang: str,
) -> dict[str, Any]:
    """The manifest's facts about the submission (the package writer adds its members)."""
    from focalpoint.package import manifest as manifest_format

    return {
        "format": manifest_format.FORMAT,
        "format_version": manifest_format.FORMAT_VERSION,
        "schema_version": manifest_format.SCHEMA_VERSION,
        "country": profile.country,
        "sequence": sequence,
        "previous_sha256": last.sha256 if last else None,
        "plan": {"code": plan.code, "version": plan.version},
        "created_at": created_stamp(moment),
        "app": {"name": "FocalPoint", "version": app_version()},
        "language": lang,
        "signer": {
            "name": profile.name,
            "title": profile.title,
            "institution": profile.institution,
            "email": profile.email,
            "phone": profile.phone,
        },
    }


def age_recipient(text: str) -> Any:
    """The Secretariat's age public key from its text; refuses a secret one, never echoing it."""
    text = text.strip()
    if "AGE-SECRET-KEY" in text.upper():
        # Never echoed: a secret pasted by mistake should not end up in a terminal's scrollback.
        raise InvalidInput(
            _(
                "That is a secret identity, not a public key; it was not saved. Only the "
                "Secretariat should hold it. Ask the Secretariat for its public key (age1…)."
            )
        )
    recipient = recipient_of(text)
    if recipient is None:
        raise InvalidInput(
            _(
                "'{text}' is not an age public key. An age public key starts with age1 and is "
                "62 characters long; ask the Secretariat for its key."
            ).format(text=text[:80])
        )
    return recipient


def _encrypt(source: Path, target: Path, recipient: Any) -> str:
    """Encrypt the signed package to the Secretariat (age); returns the SHA-256 of the result."""
    import pyrage

    from focalpoint.package.writer import hash_file

    with open(source, "rb") as reader, open(target, "wb") as writer:
        pyrage.encrypt_io(reader, writer, [recipient])
        writer.flush()
        os.fsync(writer.fileno())
    return hash_file(target)[0]
