"""The plan versions the Secretariat knows, and the plan whose actions its views list.

The Secretariat knows the plan bundled with FocalPoint (recorded at first use) and every
version it publishes, so that a package for any other version is refused by name rather than
merged against the wrong list of actions. The newest published version (the bundled plan
before the first) is the one the matrix, the change details and the regional report list.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache

from focalpoint.domain.errors import StorageError
from focalpoint.domain.plan import PlanDocument, plan_from_dict
from focalpoint.paths import BUNDLED_PLAN
from focalpoint.storage.secretariat import plan_store
from focalpoint.storage.secretariat.database import SecretariatDatabase
from focalpoint.storage.sqlite import now_iso


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
