"""Submissions to the Secretariat: what will be sent, signing it, the history, and verifying.

A package is written under a temporary name in the workspace's ``submissions/`` folder, renamed
into place only when complete, and recorded in the same step that gives it its sequence number;
a failure or a cancel leaves neither a file nor a record. The kept copy is what "save again"
copies, byte for byte, after checking its hash.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from focalpoint import __version__
from focalpoint.domain.errors import InvalidInput, NotFound
from focalpoint.domain.evidence import describe_size
from focalpoint.domain.os_errors import os_reason
from focalpoint.domain.records import AuditEntry
from focalpoint.i18n import _, ngettext
from focalpoint.services.common.files import copy_hashed
from focalpoint.services.common.package_check import CheckedPackage, check_package
from focalpoint.services.country.attachments import AttachmentService
from focalpoint.services.country.exchange import DirectoryExchange
from focalpoint.services.country.plan import PlanService
from focalpoint.services.country.profile import ProfileService
from focalpoint.services.country.reports import ReportService
from focalpoint.services.country.signing_keys import KeyService
from focalpoint.services.country.submission_data import (
    build_members,
    counts_of,
    created_stamp,
    missing_attachments,
    read_snapshot,
)
from focalpoint.storage.country import audit_store, settings_store, submission_store
from focalpoint.storage.country.submission_store import SubmissionRow
from focalpoint.storage.sqlite import Database, now_iso

STATES = ("signed", "sent", "acknowledged", "returned")
# The moves a person may make by hand; a receipt from the Secretariat will make the last two.
_NEXT = {
    "signed": ("sent",),
    "sent": ("acknowledged", "returned"),
    "acknowledged": (),
    "returned": (),
}
SECRETARIAT_RECIPIENT = "secretariat_age_recipient"
# Many ministry mail servers refuse messages above 20 MB (some at 10), and an attachment grows
# by a third on its way (base64): beyond this, say so.
EMAIL_LIMIT = 20 * 1024 * 1024
EMAIL_GROWTH = 4 / 3
# The kinds of record a submission carries: their changes are what "changed since" lists.
RECORD_KINDS = ("action", "entity", "practice", "attachment", "organisation", "service")


@dataclass(frozen=True)
class Preview:
    """Exactly what the next submission will carry, and what to look at before sending it."""

    sequence: int
    counts: dict[str, int]
    changes: tuple[AuditEntry, ...]  # since the last submission (all, before the first)
    last: SubmissionRow | None
    warnings: tuple[str, ...]
    blocking: tuple[str, ...]  # reasons it cannot be sent now
    has_key: bool
    fingerprint: str

    def changes_by_kind(self) -> dict[str, int]:
        """How many records of each kind changed (not how many fields)."""
        keys: dict[str, set[str]] = {}
        for entry in self.changes:
            keys.setdefault(entry.record_kind, set()).add(entry.record_key)
        return {kind: len(found) for kind, found in keys.items()}


@dataclass(frozen=True)
class Verification:
    """A package that passed every check, and how it relates to this workspace."""

    sequence: int
    country: str
    created_at: datetime
    signer: str
    fingerprint: str
    sha256: str
    size: int
    members: tuple[tuple[str, int], ...]
    own_key: bool  # signed with a key this workspace has had
    on_record: bool | None  # same bytes as the submission of that number here (None: not ours)
    encrypted: bool
    gap: int | None  # submissions missing since the previous package given; None: none given


def email_note(size: int) -> str:
    """What to tell a person about to e-mail a file of ``size`` bytes ("" when it is small)."""
    if not _too_big_for_email(size):
        return ""
    return _(
        "At {size}, the package is larger than most e-mail accepts (often 20 MB): send it on a "
        "USB stick or through a shared folder."
    ).format(size=describe_size(size))


def _too_big_for_email(size: int) -> bool:
    return size * EMAIL_GROWTH > EMAIL_LIMIT


def verification_of(
    checked: CheckedPackage, own_key: bool = False, on_record: bool | None = None
) -> Verification:
    """What a person is told of a package that passed (``own_key``: seen from a workspace)."""
    package = checked.package
    return Verification(
        sequence=package.manifest.sequence,
        country=package.manifest.country,
        created_at=package.manifest.created_at,
        signer=package.manifest.signer_name,
        fingerprint=package.fingerprint,
        sha256=package.sha256,
        size=package.size,
        members=tuple((m.path, m.size) for m in package.members),
        own_key=own_key,
        on_record=on_record,
        encrypted=checked.encrypted,
        gap=checked.gap,
    )


class SubmissionService:
    def __init__(
        self,
        db: Database,
        profile: ProfileService,
        plan: PlanService,
        keys: KeyService,
        attachments: AttachmentService,
        exchange: DirectoryExchange,
        reports: ReportService,
    ) -> None:
        self._db = db
        self._profile = profile
        self._plan = plan
        self._keys = keys
        self._attachments = attachments
        self._exchange = exchange
        self._reports = reports
        self.folder = db.path.parent / "submissions"

    # ----- before sending

    def preview(self) -> Preview:
        snapshot = read_snapshot(self._db)
        overview = self._plan.overview()
        counts = counts_of(snapshot, overview)
        with self._db.reading() as conn:
            last = submission_store.last_submission(conn)
            changes = tuple(
                audit_store.changes_since(conn, last.audit_mark if last else 0, RECORD_KINDS)
            )
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
        if _too_big_for_email(counts["attachment_bytes"]):
            warnings.append(
                _(
                    "The evidence files alone come to {size}: too big for most e-mail. Send the "
                    "package on a USB stick or through a shared folder."
                ).format(size=describe_size(counts["attachment_bytes"]))
            )
        blocking = []
        missing = missing_attachments(snapshot, self._attachments.folder)
        if missing:
            blocking.append(
                _(
                    "Evidence files are missing from the workspace folder: {names}. Remove them "
                    "from their practices or attach them again."
                ).format(names=", ".join(missing[:5]))
            )
        key = self._keys.current()
        return Preview(
            sequence=(last.sequence if last else 0) + 1,
            counts=counts,
            changes=changes,
            last=last,
            warnings=tuple(warnings),
            blocking=tuple(blocking),
            has_key=key is not None,
            fingerprint=key.fingerprint if key else "",
        )

    # ----- signing

    def export(
        self,
        passphrase: str,
        include_report: bool = True,
        language: str | None = None,
        encrypt_to: str | None = None,
        progress: Callable[[float], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> SubmissionRow:
        """Sign and keep the next submission; returns its record. Copy it out with save_copy."""
        from focalpoint.package import manifest as manifest_format
        from focalpoint.package.writer import write_package

        key = self._keys.unlock(passphrase)  # a wrong passphrase stops here, before any work
        key_info = self._keys.current()
        assert key_info is not None
        recipient = _recipient(encrypt_to) if encrypt_to else None
        profile = self._profile.get()
        assert profile is not None  # a key exists, so set-up was done
        language = language or profile.language
        # For people; "changes since" counts from the snapshot's audit mark, not from a clock.
        snapshot_at = now_iso()
        snapshot = read_snapshot(self._db, self._exchange.write_csv)
        missing = missing_attachments(snapshot, self._attachments.folder)
        if missing:
            raise InvalidInput(
                _(
                    "Evidence files are missing from the workspace folder: {names}. Remove them "
                    "from their practices or attach them again."
                ).format(names=", ".join(missing[:5]))
            )
        overview = self._plan.overview()
        with self._db.reading() as conn:
            last = submission_store.last_submission(conn)
        sequence = (last.sequence if last else 0) + 1
        moment = datetime.now(UTC).replace(microsecond=0)
        info = overview.info
        header: dict[str, Any] = {
            "format": manifest_format.FORMAT,
            "format_version": manifest_format.FORMAT_VERSION,
            "schema_version": manifest_format.SCHEMA_VERSION,
            "country": profile.country,
            "sequence": sequence,
            "previous_sha256": last.sha256 if last else None,
            "plan": {"code": info.code, "version": info.version},
            "created_at": created_stamp(moment),
            "app": {"name": "FocalPoint", "version": __version__},
            "language": language,
            "signer": {
                "name": profile.name,
                "title": profile.title,
                "institution": profile.institution,
                "email": profile.email,
                "phone": profile.phone,
            },
            "counts": counts_of(snapshot, overview),
        }
        name = f"FocalPoint-{profile.country}-{sequence:03d}-{moment:%Y-%m-%d}.zip"
        self._make_folder()
        target = self.folder / name
        sealed = self.folder / f"{name}.age"
        # Working files carry a name of their own, so that two exports at once (two windows, a
        # script) never write into each other's files; only the one that claims the sequence
        # number renames its package into place.
        own = uuid.uuid4().hex[:12]
        partial = self.folder / f".{name}.{own}.part"
        report = self.folder / f".{name}.{own}.report.pdf"
        sealed_partial = self.folder / f".{name}.{own}.age.part"
        share = 0.35 if include_report else 0.0  # of the progress bar, for the report
        placed: list[Path] = []  # what this export put in place, and only that, is undone

        def part(start: float, size: float) -> Callable[[float], None] | None:
            return None if progress is None else (lambda f: progress(start + f * size))

        try:
            if include_report:
                self._reports.make(report, language, progress=part(0, share), cancelled=cancelled)
            members = build_members(
                snapshot,
                overview,
                header,
                self._attachments.folder,
                report if include_report else None,
                language,
            )
            written = write_package(
                partial, header, members, key, moment, part(share, 1 - share), cancelled
            )
            encrypted_sha = ""
            if recipient is not None:
                encrypted_sha = _encrypt(partial, sealed_partial, recipient)
            row = SubmissionRow(
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
                plan_code=info.code,
                plan_version=info.version,
                counts=header["counts"],
                encrypted_name=sealed.name if recipient is not None else "",
                encrypted_sha256=encrypted_sha,
                encrypted_to=str(recipient) if recipient is not None else "",
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
                if recipient is not None:
                    os.replace(sealed_partial, sealed)
                    placed.append(sealed)
                os.replace(partial, target)
                placed.append(target)
                _sync_folder(self.folder)
                submission_store.add_submission(conn, row)
                audit_store.record(
                    conn, profile.name, "submission", str(sequence), "state", "", "signed"
                )
        except OSError as exc:
            _remove(*placed)
            raise InvalidInput(
                _("The package cannot be written in {folder}: {reason}.").format(
                    folder=self.folder, reason=os_reason(exc)
                )
            ) from exc
        except BaseException:
            _remove(*placed)
            raise
        finally:
            _remove(partial, report, sealed_partial)
        return row

    # ----- the history

    def history(self) -> list[SubmissionRow]:
        with self._db.reading() as conn:
            return submission_store.submissions(conn)

    def get(self, submission_id: str) -> SubmissionRow:
        with self._db.reading() as conn:
            row = submission_store.submission(conn, submission_id)
        if row is None:
            raise NotFound(_("There is no such submission."))
        return row

    def kept_file(self, row: SubmissionRow, encrypted: bool = False) -> Path:
        return self.folder / (row.encrypted_name if encrypted else row.file_name)

    def next_states(self, row: SubmissionRow) -> tuple[str, ...]:
        return _NEXT[row.state]

    def set_state(self, submission_id: str, state: str, note: str = "") -> SubmissionRow:
        """Mark a submission sent, acknowledged or returned (with the Secretariat's reason)."""
        row = self.get(submission_id)
        if state not in _NEXT[row.state]:
            raise InvalidInput(
                _("A submission that is {old} cannot be marked {new}.").format(
                    old=state_label(row.state), new=state_label(state)
                )
            )
        actor = self._profile.actor()
        with self._db.transaction() as conn:
            submission_store.set_state(conn, submission_id, state, now_iso(), note.strip())
            audit_store.record(
                conn, actor, "submission", str(row.sequence), "state", row.state, state
            )
        return self.get(submission_id)

    def save_copy(
        self,
        submission_id: str,
        folder: Path,
        encrypted: bool = False,
        progress: Callable[[float], None] | None = None,
    ) -> Path:
        """Copy the kept package into ``folder``, byte for byte, checked against its hash."""
        row = self.get(submission_id)
        if encrypted and not row.encrypted_name:
            raise InvalidInput(
                _("Submission {n} was not encrypted; save the package itself.").format(
                    n=row.sequence
                )
            )
        source = self.kept_file(row, encrypted)
        expected = row.encrypted_sha256 if encrypted else row.sha256
        folder = Path(folder).expanduser()
        if not folder.is_dir():
            raise InvalidInput(_("{path} is not a folder.").format(path=folder))
        target = folder / source.name
        if target.resolve() == source.resolve():
            return target
        partial = folder / f".{source.name}.part"
        try:
            target = _free_name(target, expected)
            if target.exists():
                return target  # this very package is there already, byte for byte
            if copy_hashed(source, partial, progress) != expected:
                raise InvalidInput(
                    _(
                        "The kept copy of submission {n} has changed on disk since it was signed; "
                        "it was not copied. Export a new submission instead."
                    ).format(n=row.sequence)
                )
            os.replace(partial, target)
        except FileNotFoundError as exc:
            if exc.filename == str(source):
                raise InvalidInput(
                    _(
                        "The kept copy of submission {n} is missing from {folder}. Export a new "
                        "submission instead."
                    ).format(n=row.sequence, folder=self.folder)
                ) from exc
            raise _copy_error(folder, exc) from exc
        except OSError as exc:
            raise _copy_error(folder, exc) from exc
        finally:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
        return target

    # ----- verifying

    def verify(
        self,
        path: Path,
        fingerprint: str | None = None,
        previous: Path | None = None,
        identity: Path | None = None,
        progress: Callable[[float], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Verification:
        """Check a package (this workspace's or another's); raise PackageRefused on any fault."""
        checked = check_package(
            path, fingerprint, previous, identity, self._db.path.parent, progress, cancelled
        )
        package = checked.package
        ours = {k.key_id for k in self._keys.on_record()}
        own = package.key_id in ours
        on_record = None
        if own:
            with self._db.reading() as conn:
                rows = [
                    r
                    for r in submission_store.submissions(conn)
                    if r.sequence == package.manifest.sequence
                ]
            on_record = bool(rows) and rows[0].sha256 == package.sha256
        return verification_of(checked, own, on_record)

    # ----- the Secretariat's encryption key

    def secretariat_recipient(self) -> str:
        with self._db.reading() as conn:
            return settings_store.read_all(conn).get(SECRETARIAT_RECIPIENT, "")

    def set_secretariat_recipient(self, text: str) -> str:
        value = str(_recipient(text)) if text.strip() else ""
        actor = self._profile.actor()
        with self._db.transaction() as conn:
            old = settings_store.read_all(conn).get(SECRETARIAT_RECIPIENT, "")
            settings_store.write(conn, {SECRETARIAT_RECIPIENT: value})
            audit_store.record(conn, actor, "profile", "profile", SECRETARIAT_RECIPIENT, old, value)
        return value

    def _make_folder(self) -> None:
        try:
            self.folder.mkdir(exist_ok=True)
        except OSError as exc:
            raise InvalidInput(
                _("The folder {folder} cannot be created: {reason}.").format(
                    folder=self.folder, reason=os_reason(exc)
                )
            ) from exc


def state_label(state: str) -> str:
    return {
        "signed": _("signed"),
        "sent": _("sent"),
        "acknowledged": _("acknowledged"),
        "returned": _("returned"),
    }[state]


def _recipient(text: str) -> Any:
    import pyrage

    text = text.strip()
    if "AGE-SECRET-KEY" in text.upper():
        # Never echoed: a secret pasted by mistake should not end up in a terminal's scrollback.
        raise InvalidInput(
            _(
                "That is a secret identity, not a public key; it was not saved. Only the "
                "Secretariat should hold it. Ask the Secretariat for its public key (age1…)."
            )
        )
    try:
        return pyrage.x25519.Recipient.from_str(text)
    except Exception:  # pyrage raises its own RecipientError or ValueError
        raise InvalidInput(
            _(
                "'{text}' is not an age public key. An age public key starts with age1 and is "
                "62 characters long; ask the Secretariat for its key."
            ).format(text=text[:80])
        ) from None


def _free_name(target: Path, sha256: str) -> Path:
    """``target``, or ``name (2).zip`` and so on when a different file already has the name.

    A package signed again after a reset, or on another laptop, can carry the same name as one
    already on the stick; copying over it would lose a file someone may still need.
    """
    stem, dot, suffix = target.name.partition(".")
    candidate, n = target, 1
    while candidate.exists():
        if candidate.is_file() and _same_bytes(candidate, sha256):
            return candidate
        n += 1
        candidate = target.with_name(f"{stem} ({n}){dot}{suffix}")
    return candidate


def _same_bytes(path: Path, sha256: str) -> bool:
    """Whether ``path`` holds exactly the package; a file we cannot read counts as another."""
    from focalpoint.package.writer import hash_file

    try:
        return hash_file(path)[0] == sha256
    except OSError:
        return False


def _encrypt(source: Path, target: Path, recipient: Any) -> str:
    """Encrypt the signed package to the Secretariat (age); returns the SHA-256 of the result."""
    import pyrage

    with open(source, "rb") as reader, open(target, "wb") as writer:
        pyrage.encrypt_io(reader, writer, [recipient])
        writer.flush()
        os.fsync(writer.fileno())
    from focalpoint.package.writer import hash_file

    return hash_file(target)[0]


def _copy_error(folder: Path, exc: OSError) -> InvalidInput:
    return InvalidInput(
        _("The package cannot be copied to {folder}: {reason}.").format(
            folder=folder, reason=os_reason(exc)
        )
    )


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _remove(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
