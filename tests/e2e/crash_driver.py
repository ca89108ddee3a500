"""A stream of edits, directory imports and exports, for the crash test to kill at any moment.

Run as ``python -m tests.e2e.crash_driver FOLDER SEED RUN``. It opens the country workspace
in FOLDER through the same services the window and the CLI use, and then, forever, does one
thing after another chosen by SEED. Before each it prints ``begin`` and what it is about to do;
once the call has returned (the change is committed) it prints ``done`` and the same. The test
reads those lines: everything ``done`` before the kill must be in the workspace afterwards,
and the one ``begin`` without its ``done`` may be there whole or not at all.

Each line is one JSON object, flushed at once, so nothing confirmed sits in a buffer when the
process is killed.
"""

from __future__ import annotations

import csv
import json
import random
import sys
import uuid
from pathlib import Path
from typing import Any

from focalpoint.domain.directory import Organisation, Service
from focalpoint.domain.practices import Practice
from focalpoint.domain.records import EntityDraft
from focalpoint.domain.vocab import ActionStatus, EntityType
from focalpoint.services.country.workspace import Workspace

PASSPHRASE = "correct horse battery staple"
IMPORT_ROWS = 2_000
# Every import rewrites the same services (created by the first): the workspace stays the same
# size however many runs there are, and "all or nothing" is one prefix on every one of them.
IMPORTED = tuple(str(uuid.uuid5(uuid.NAMESPACE_URL, f"crash-test/{n}")) for n in range(IMPORT_ROWS))
STATUSES = tuple(s.value for s in ActionStatus)


def say(word: str, what: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps({"event": word, **what}) + "\n")
    sys.stdout.flush()


def write_csv(path: Path, prefix: str) -> None:
    """The ``IMPORTED`` services of 30 organisations, every service's name starting with
    ``prefix``."""
    with open(path, "w", encoding="utf-8", newline="") as out:
        table = csv.writer(out)
        table.writerow(["Organisation", "Service ID", "Service", "Service type"])
        table.writerow(["#org+name", "#service+id", "#service+name", "#service+type+code"])
        for n, service_id in enumerate(IMPORTED):
            table.writerow(
                [f"Importada {n % 30}", service_id, f"{prefix} service {n}", "legal_aid"]
            )


def main(folder: Path, seed: int, run: int) -> None:
    rng = random.Random(seed)
    ws = Workspace.open(folder)
    codes = ws.plan.overview().document.action_codes()
    entities = [e.id for e in ws.entities.all(include_retired=False)]
    scratch = folder.parent / f"crash-scratch-{run}"
    scratch.mkdir(exist_ok=True)
    out = folder.parent / "copies"
    out.mkdir(exist_ok=True)
    say("ready", {"run": run})
    # The weights: mostly small edits, with an import or an export every dozen steps or so.
    kinds = ("entity", "assign", "status", "note", "practice", "service", "import", "export")
    weights = (3, 4, 4, 4, 2, 2, 1, 1)
    for step in range(1_000_000):
        kind = rng.choices(kinds, weights)[0]
        tag = f"r{run}s{step}"
        if kind in ("assign",) and not entities:
            kind = "entity"
        what: dict[str, Any] = {"kind": kind, "tag": tag}
        if kind == "entity":
            what["acronym"] = f"E{tag.upper()}"
            say("begin", what)
            entity = ws.entities.add(
                EntityDraft(f"Entidad {tag}", what["acronym"], EntityType.CHILD_PROTECTION)
            )
            entities.append(entity.id)
            what["id"] = entity.id
        elif kind == "assign":
            what["code"] = rng.choice(codes)
            what["value"] = rng.choice(entities)
            say("begin", what)
            ws.assignments.set_lead(what["code"], what["value"])
        elif kind == "status":
            what["code"] = rng.choice(codes)
            what["value"] = rng.choice(STATUSES)
            say("begin", what)
            ws.assignments.set_status(what["code"], what["value"])
        elif kind == "note":
            what["code"] = rng.choice(codes)
            what["value"] = f"Avance {tag}: reunión con la niñez y la adolescencia"
            say("begin", what)
            ws.assignments.set_note(what["code"], what["value"])
        elif kind == "practice":
            what["title"] = f"Práctica {tag}"
            say("begin", what)
            ws.practices.save(Practice(title=what["title"], action_codes=(rng.choice(codes),)))
        elif kind == "service":
            what["name"] = f"Servicio {tag}"
            say("begin", what)
            org = ws.directory.save_organisation(Organisation(name=f"Organización {tag}"))
            ws.directory.save_service(Service(org.id, what["name"], "shelter"))
        elif kind == "import":
            what["prefix"] = f"Import {tag}"
            source = scratch / f"{tag}.csv"
            write_csv(source, what["prefix"])
            say("begin", what)
            ws.exchange.import_csv(source)
            source.unlink()
        else:
            say("begin", what)
            submission = ws.submissions.export(PASSPHRASE, include_report=rng.random() < 0.5)
            what["sequence"] = submission.sequence
            what["sha256"] = submission.sha256
            ws.submissions.save_copy(submission.id, out)
        say("done", what)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
