"""Signed plan files for tests: one test Secretariat key, trusted by the workspace that takes the
file in, signs every plan version a test installs (as the real Secretariat's would)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from focalpoint.domain.plan_versions import Predecessor
from focalpoint.package.signed_plan import write_signed_plan
from focalpoint.services.country.workspace import Workspace
from tests.secretariat_side import Secretariat

# One key for the whole run: generating keys is cheap, but one name in every failure is clearer.
TEST_SECRETARIAT = Secretariat(name="Secretaría Técnica (pruebas)")


def trust_test_secretariat(ws: Workspace, folder: Path) -> None:
    """Make ``ws`` trust the test Secretariat's key, as a focal point does at first run."""
    trusted = ws.secretariat.trusted()
    if trusted is None or trusted.key_id != TEST_SECRETARIAT.public.key_id:
        keys = folder / "secretariat-key"
        keys.mkdir(exist_ok=True)
        ws.secretariat.trust(TEST_SECRETARIAT.key_file(keys), TEST_SECRETARIAT.fingerprint)


def installed_lineage(ws: Workspace) -> list[Predecessor]:
    """The lineage a successor of the installed version carries: that version, when signed.
    (A test of forks passes its own.)"""
    row = ws.db.connection().execute("SELECT version, sha256 FROM plan WHERE id = 1").fetchone()
    return [Predecessor(row[0], row[1])] if row and row[1] else []


def signed_plan_bytes(
    data: dict[str, Any],
    lineage: Sequence[Predecessor] = (),
    secretariat: Secretariat = TEST_SECRETARIAT,
) -> bytes:
    return write_signed_plan(secretariat.key, data, lineage)


def signed_plan_file(
    ws: Workspace,
    path: Path,
    data: dict[str, Any],
    lineage: Sequence[Predecessor] | None = None,
    secretariat: Secretariat = TEST_SECRETARIAT,
) -> Path:
    """Write ``data`` (a plan file's JSON) to ``path`` as a plan file signed by the test
    Secretariat, the successor of the version ``ws`` has, and make ``ws`` trust that key."""
    trust_test_secretariat(ws, path.parent)
    chain = installed_lineage(ws) if lineage is None else list(lineage)
    path.write_bytes(signed_plan_bytes(json.loads(json.dumps(data)), chain, secretariat))
    return path


def signed_plan_for(
    folder: Path, path: Path, data: dict[str, Any], lineage: Sequence[Predecessor] | None = None
) -> Path:
    """:func:`signed_plan_file` for the workspace in ``folder`` (a command-line test's)."""
    ws = Workspace.open(folder, create=False)
    try:
        return signed_plan_file(ws, path, data, lineage)
    finally:
        ws.close()


def official_plan_file(ws: Workspace, folder: Path) -> Path:
    """Version 1.0 of the plan as the Secretariat publishes it (official, signed), one action
    removed, one renamed and one moved from the bundled plan, ready for ``ws`` to take in."""
    from tests.secretariat.test_plan_versions import version_1_0

    data = version_1_0()
    data["plan"].update(version="1.0", provisional=False)
    return signed_plan_file(ws, folder / "FocalPoint-plan-1.0.json", data)
