"""Submissions to the Secretariat: sending one (sign, keep, copy), the history, verifying.

A package is signed and kept in the workspace first (``package_signing``), then copied where the
person wants it; a failed copy leaves the signed package in the workspace, from where the
history can copy it again, byte for byte, after checking its hash.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from focalpoint.domain.errors import Cancelled, FocalPointError, InvalidInput, NotFound
from focalpoint.domain.os_errors import os_reason
from focalpoint.domain.submissions import Submission, next_states, state_label
from focalpoint.i18n import _
from focalpoint.services.common.files import copy_whole
from focalpoint.services.common.package_check import Verification, check_package, verification_of
from focalpoint.services.common.progress import Progress, Stop, share
from focalpoint.services.country.attachments import AttachmentService
from focalpoint.services.country.exchange import DirectoryExchange
from focalpoint.services.country.package_signing import (
    PackageSigner,
    SigningOptions,
    age_recipient,
)
from focalpoint.services.country.plan import PlanService
from focalpoint.services.country.profile import ProfileService
from focalpoint.services.country.reports import ReportService
from focalpoint.services.country.signing_keys import KeyService
from focalpoint.services.country.submission_preview import Preview, make_preview
from focalpoint.storage.country import audit_store, settings_store, submission_store
from focalpoint.storage.sqlite import Database, now_iso, read_only_error

SECRETARIAT_RECIPIENT = "secretariat_age_recipient"
# Of the progress of a send: signing first, then copying the package to the chosen folder.
SIGNING_SHARE = 0.8
log = logging.getLogger("focalpoint")


@dataclass(frozen=True)
class Sent:
    """What a send did: the submission signed and kept, and where its copy went."""

    submission: Submission
    saved: Path | None  # the copy (``… (2).zip`` beside a namesake); None when not copied
    copy_error: str  # why the copy failed; the package is signed and kept all the same


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
        self.folder = db.path.parent / "submissions"
        self._signer = PackageSigner(db, profile, plan, attachments, exchange, reports, self.folder)

    # ----- before sending

    def preview(self) -> Preview:
        key = self._keys.current()
        return make_preview(
            self._db, self._plan, self._attachments.folder, key.fingerprint if key else None
        )

    # ----- signing and sending

    def send(
        self,
        passphrase: str,
        destination: Path | None = None,
        include_report: bool = True,
        language: str | None = None,
        encrypt: bool = False,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Sent:
        """Unlock the key once, sign and keep the next submission, copy it to ``destination``.

        Refused before anything is signed (a signed submission takes its number for good): a
        wrong passphrase (``WrongPassphrase``), a destination that is not a folder, encryption
        without the Secretariat's key. ``cancelled`` stops the signing (``Cancelled``: nothing
        is kept) or, once signed, the copy. A failed or stopped copy is reported in
        :attr:`Sent.copy_error`.
        """
        destination = self.check_sendable(destination, encrypt)
        signing = progress if destination is None else share(progress, 0, SIGNING_SHARE)
        row = self.export(passphrase, include_report, language, encrypt, signing, cancelled)
        if destination is None:
            return Sent(row, None, "")
        copying = share(progress, SIGNING_SHARE, 1 - SIGNING_SHARE)
        try:
            saved = self.save_copy(
                row.id, destination, bool(row.encrypted_name), copying, cancelled
            )
        except Cancelled:  # signed and kept for good: only the copy is left undone
            return Sent(row, None, _("The copy was stopped."))
        except FocalPointError as error:
            return Sent(row, None, error.message)
        except Exception as error:  # the package is signed and kept all the same
            log.error("Copy failed", exc_info=error)
            return Sent(row, None, _("The copy could not be written."))
        return Sent(row, saved, "")

    def check_sendable(self, destination: Path | None, encrypt: bool) -> Path | None:
        """Refuse now what would stop a send before signing: no key, a destination that is
        not a folder, encryption without the Secretariat's key. A face asks this before it
        asks for the passphrase; ``send`` asks it again. Returns the destination as a path."""
        if self._db.read_only:  # a submission is kept in the workspace: it must be writable
            raise read_only_error(self._db.path.parent)
        self._keys.require()
        if encrypt and not self.secretariat_recipient():
            raise InvalidInput(_no_recipient())
        if destination is None:
            return None
        folder = Path(destination).expanduser()
        if not folder.is_dir():
            raise InvalidInput(_("{path} is not a folder.").format(path=folder))
        return folder

    def export(
        self,
        passphrase: str,
        include_report: bool = True,
        language: str | None = None,
        encrypt: bool = False,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Submission:
        """Sign and keep the next submission; returns its record. Copy it out with save_copy."""
        if self._db.read_only:
            raise read_only_error(self._db.path.parent)
        recipient = None
        if encrypt:
            text = self.secretariat_recipient()
            if not text:
                raise InvalidInput(_no_recipient())
            recipient = age_recipient(text)
        key = self._keys.unlock(passphrase)  # a wrong passphrase stops here, before any work
        key_info = self._keys.current()
        assert key_info is not None
        options = SigningOptions(include_report, language, recipient)
        return self._signer.sign(key, key_info, options, progress, cancelled)

    # ----- the history

    def history(self) -> list[Submission]:
        with self._db.reading() as conn:
            return submission_store.submissions(conn)

    def get(self, submission_id: str) -> Submission:
        with self._db.reading() as conn:
            row = submission_store.submission(conn, submission_id)
        if row is None:
            raise NotFound(_("There is no such submission."))
        return row

    def by_number(self, number: int) -> Submission:
        for row in self.history():
            if row.sequence == number:
                return row
        raise InvalidInput(_("There is no submission number {n}.").format(n=number))

    def kept_file(self, row: Submission, encrypted: bool = False) -> Path:
        return self.folder / (row.encrypted_name if encrypted else row.file_name)

    def next_states(self, row: Submission) -> tuple[str, ...]:
        return next_states(row.state)

    def set_state(self, submission_id: str, state: str, note: str = "") -> Submission:
        """Mark a submission sent, acknowledged or returned (with the Secretariat's reason)."""
        row = self.get(submission_id)
        if state not in next_states(row.state):
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
        progress: Progress | None = None,
        cancelled: Stop | None = None,
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
        changed = _(
            "The kept copy of submission {n} has changed on disk since it was signed; "
            "it was not copied. Export a new submission instead."
        ).format(n=row.sequence)
        try:
            target = _free_name(target, expected)
            if target.exists():
                return target  # this very package is there already, byte for byte
            return copy_whole(
                source,
                target,
                sha256=expected,
                changed=changed,
                progress=progress,
                cancelled=cancelled,
            )
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
        value = str(age_recipient(text)) if text.strip() else ""
        actor = self._profile.actor()
        with self._db.transaction() as conn:
            old = settings_store.read_all(conn).get(SECRETARIAT_RECIPIENT, "")
            settings_store.write(conn, {SECRETARIAT_RECIPIENT: value})
            audit_store.record(conn, actor, "profile", "profile", SECRETARIAT_RECIPIENT, old, value)
        return value


def _no_recipient() -> str:
    return _(
        "The Secretariat's encryption key (age1…) is not set, so the package cannot be "
        "encrypted for it. Trust the Secretariat's key file, which carries it (File → Trust "
        "the Secretariat's key…, or `focalpoint key trust-secretariat FILE --fingerprint F`), "
        "or set the key alone (in the Send wizard's options, or with "
        "`focalpoint key secretariat age1…`), or send without encryption."
    )


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


def _copy_error(folder: Path, exc: OSError) -> InvalidInput:
    return InvalidInput(
        _("The package cannot be copied to {folder}: {reason}.").format(
            folder=folder, reason=os_reason(exc)
        )
    )
