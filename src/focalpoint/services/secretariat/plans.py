"""The plan versions the Secretariat knows, and the plan whose actions its views list.

The Secretariat knows the plan bundled with FocalPoint (recorded at first use) and every
version it publishes, so that a package for any other version is refused by name rather than
merged against the wrong list of actions. The newest published version (the bundled plan
before the first) is the one the matrix, the change details and the regional report list.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

from focalpoint.domain.errors import InvalidInput, StorageError
from focalpoint.domain.plan import PlanDocument, PlanInfo, plan_from_dict, plan_to_dict, version_key
from focalpoint.domain.plan_changes import PlanChanges, plan_changes
from focalpoint.domain.plan_versions import PublishedPlan
from focalpoint.i18n import _
from focalpoint.paths import BUNDLED_PLAN
from focalpoint.services.common.files import output_target, remove, write_bytes_whole
from focalpoint.services.secretariat.profile import SecretariatProfileService
from focalpoint.services.secretariat.signing_keys import SecretariatKeyService
from focalpoint.storage.secretariat import plan_store
from focalpoint.storage.secretariat.database import SecretariatDatabase
from focalpoint.storage.sqlite import now_iso

_VERSION = re.compile(r"\d{1,9}(\.\d{1,9}){0,5}")


@cache
def bundled_plan() -> PlanDocument:
    """The plan shipped with FocalPoint (checked by the country side's tests)."""
    return plan_from_dict(json.loads(BUNDLED_PLAN.read_bytes()))


class KnownPlans:
    def __init__(self, db: SecretariatDatabase) -> None:
        self._db = db
        self._seeded = False

    def ensure_bundled(self) -> None:
        """Record the bundled plan's code and version (once; nothing when known)."""
        if self._seeded:
            return
        info = bundled_plan().info
        with self._db.reading() as conn:
            known = plan_store.knows(conn, info.code, info.version)
        if not known:
            try:
                with self._db.transaction() as conn:
                    plan_store.add(conn, info.code, info.version, now_iso())
            except StorageError:
                # Another analyst on the shared server recorded it at the same moment: the
                # unique key refused the second. Anything else fails this check as well.
                with self._db.reading() as conn:
                    if not plan_store.knows(conn, info.code, info.version):
                        raise
        self._seeded = True

    def knows(self, code: str, version: str) -> bool:
        self.ensure_bundled()
        with self._db.reading() as conn:
            return plan_store.knows(conn, code, version)

    def known(self) -> list[tuple[str, str]]:
        self.ensure_bundled()
        with self._db.reading() as conn:
            return plan_store.known(conn)

    def current_document(self) -> PlanDocument:
        """The plan the Secretariat's views list: its newest published version, or the bundled
        plan before the first is published."""
        with self._db.reading() as conn:
            latest = plan_store.latest(conn)
        if latest is None:
            return bundled_plan()
        return _document_of(latest.document)


@lru_cache(maxsize=4)
def _document_of(text: str) -> PlanDocument:
    """A published version's plan, parsed once (a 2,000-action plan takes 80 ms to parse)."""
    return plan_from_dict(json.loads(text))


@dataclass(frozen=True)
class PlanPreview:
    """A plan file as it would be published, and what it changes from the current plan."""

    document: PlanDocument  # as it would be signed: the version given, official
    base: PlanDocument  # the newest published version, or the bundled plan before the first
    base_published: bool
    changes: PlanChanges

    @property
    def info(self) -> PlanInfo:
        return self.document.info


class PlanPublisher:
    """Publishes plan versions: a plan file signed with the Secretariat's key, its lineage
    naming every earlier version, recorded and known (a package on it is accepted at intake)."""

    def __init__(
        self,
        db: SecretariatDatabase,
        profile: SecretariatProfileService,
        keys: SecretariatKeyService,
        plans: KnownPlans,
    ) -> None:
        self._db = db
        self._profile = profile
        self._keys = keys
        self._plans = plans

    def versions(self) -> list[PublishedPlan]:
        """Every version published, oldest first."""
        with self._db.reading() as conn:
            return plan_store.versions(conn)

    def write_source(self, output: Path) -> Path:
        """Write the current plan (the newest published version, or the bundled one) as a
        plan file to edit: the next version starts from it, and ``formerly`` keeps every
        earlier code an action had, for a country that skipped a version."""
        target = output_target(
            output,
            _("Give the plan file a name, such as plan-1.1.json."),
            _("{path} is not a file: choose another name for the plan file."),
        )
        document = plan_to_dict(self._plans.current_document())
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        return write_bytes_whole(
            target, text.encode("utf-8"), _("The file {path} cannot be written: {reason}.")
        )

    def save_signed(self, version: str, output: Path) -> Path:
        """Write the signed plan file of a published version again, byte for byte as it was
        signed (a country lost it, or joins late); no passphrase: nothing is signed anew."""
        versions = self.versions()
        found = next((v for v in versions if v.version == version.strip()), None)
        if found is None:
            published = ", ".join(v.version for v in versions) or "—"
            raise InvalidInput(
                _("No version {version} of the plan was published. Published: {published}.").format(
                    version=version.strip()[:20], published=published
                )
            )
        target = _signed_target(output)
        return write_bytes_whole(
            target, found.signed_file, _("The file {path} cannot be written: {reason}.")
        )

    def preview(self, path: Path, version: str) -> PlanPreview:
        """The plan file at ``path`` as version ``version``, and what changes from the current
        plan; refused (nothing recorded) when it is malformed, another plan, or not newer."""
        from focalpoint.services.common.plan_file import read_plan_file

        version = version.strip()
        document = read_plan_file(Path(path))
        with self._db.reading() as conn:
            latest = plan_store.latest(conn)
        return self._preview(document, version, latest)

    def publish(
        self, path: Path, version: str, output: Path, passphrase: str
    ) -> tuple[PublishedPlan, PlanChanges]:
        """Sign the plan file at ``path`` as version ``version`` and write the signed plan file
        to ``output``; the version is recorded with it, or, on any refusal, neither is."""
        from focalpoint.package.signed_plan import write_signed_plan
        from focalpoint.services.common.plan_file import read_plan_file

        version = version.strip()
        document = read_plan_file(Path(path))
        target = _signed_target(output)
        actor = self._profile.actor()
        unlocked = self._keys.unlock(passphrase)  # WrongPassphrase: nothing written
        written = False
        try:
            with self._db.transaction() as conn:
                plan_store.hold_publishing(conn)
                latest = plan_store.latest(conn)
                preview = self._preview(document, version, latest)
                lineage = latest.successor_lineage() if latest else ()
                plan_file = plan_to_dict(preview.document)
                data = write_signed_plan(unlocked.signing, plan_file, lineage)
                published = PublishedPlan(
                    code=preview.info.code,
                    version=preview.info.version,
                    sha256=_payload_sha256(data),
                    lineage=lineage,
                    document=json.dumps(plan_file, ensure_ascii=False),
                    signed_file=data,
                    key_id=unlocked.info.key_id,
                    published_at=now_iso(),
                    published_by=actor,
                )
                plan_store.add_version(conn, published)
                plan_store.add(conn, published.code, published.version, published.published_at)
                # Last inside the transaction: a file that cannot be written records nothing.
                write_bytes_whole(target, data, _("The file {path} cannot be written: {reason}."))
                written = True
        except Exception:
            if written:  # the record did not commit: no signed file of a version not on record
                remove(target)
            raise
        return published, preview.changes

    def _preview(
        self, document: PlanDocument, version: str, latest: PublishedPlan | None
    ) -> PlanPreview:
        if not _VERSION.fullmatch(version):
            raise InvalidInput(
                _("The plan version '{version}' is not a number such as 1.2.").format(
                    version=version[:20]
                )
            )
        base = _document_of(latest.document) if latest else bundled_plan()
        if document.info.code != base.info.code:
            raise InvalidInput(
                _(
                    "This file holds the plan {new}, but the Secretariat publishes the plan "
                    "{current}. Nothing was published."
                ).format(new=document.info.code, current=base.info.code)
            )
        if version_key(version) <= base.info.version_key:
            raise InvalidInput(
                _(
                    "Version {new} is not higher than the current version {current} of the plan. "
                    "Nothing was published: give a higher version."
                ).format(new=version, current=base.info.version)
            )
        # Publishing makes it official: the version given, dated today, never provisional.
        info = replace(
            document.info, version=version, provisional=False, published=date.today().isoformat()
        )
        signed = PlanDocument(info, document.axes)
        return PlanPreview(signed, base, latest is not None, plan_changes(base, signed))


def _payload_sha256(data: bytes) -> str:
    """The SHA-256 a country records of a signed plan file: that of its payload."""
    from focalpoint.package.envelope import Envelope

    return hashlib.sha256(Envelope.from_bytes(data).payload).hexdigest()


def _signed_target(output: Path) -> Path:
    """``output`` checked as the name of a signed plan file (not a folder, a name given)."""
    return output_target(
        output,
        _("Give the signed plan file a name, such as FocalPoint-plan-1.0.json."),
        _("{path} is not a file: choose another name for the signed plan file."),
    )
