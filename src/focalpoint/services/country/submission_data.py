"""What a submission carries: the workspace's records as JSON, CSV copies a person can open, the
schema of the JSON, the evidence files and a short README; read in one consistent snapshot.

Every record keeps its UUID, its timestamps and its tombstone (``deleted_at``, ``retired_at``,
``merged_into``), so the Secretariat can merge one submission after another: a record missing
from a later submission is never taken as deleted, only a tombstone says so.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from focalpoint.domain.evidence import KINDS
from focalpoint.domain.proposals import Proposal
from focalpoint.domain.vocab import ActionStatus
from focalpoint.i18n import _
from focalpoint.package.members import MemberSource, file_chunks
from focalpoint.package.submission_contents import DATA_NAME, SCHEMA_NAME, schema_bytes
from focalpoint.render.csv_cells import csv_bytes, utf8_with_bom
from focalpoint.services.country.plan import PlanOverview
from focalpoint.storage.country import proposal_store, snapshot_store
from focalpoint.storage.sqlite import Database

RECORD_ARRAYS = ("entities", "assignments", "practices", "attachments", "organisations", "services")


@dataclass(frozen=True)
class Snapshot:
    records: dict[str, list[dict[str, Any]]]
    encoded: dict[str, list[str]]  # organisations and services, already JSON (by SQLite)
    live_counts: dict[str, int]
    services_csv: bytes
    audit_mark: int  # the newest audit row when the snapshot was read
    # The amendment proposals not sent yet (drafts): this package carries them.
    proposals: list[Proposal] = field(default_factory=list)

    def live(self, table: str, tombstone: str = "deleted_at") -> list[dict[str, Any]]:
        return [r for r in self.records[table] if not r.get(tombstone)]


def read_snapshot(
    db: Database, services_csv: Callable[[io.StringIO], int] | None = None
) -> Snapshot:
    """Every table a submission carries, in one read transaction: no half-saved edit.

    ``services_csv`` writes the directory's CSV, inside the same transaction (a preview, which
    only counts, leaves it out).
    """
    encoded: dict[str, list[str]] = {}
    live: dict[str, int] = {}
    with db.reading() as conn:
        raw = {
            t: list(snapshot_store.snapshot_rows(conn, t)) for t in snapshot_store.SNAPSHOT_TABLES
        }
        for name in snapshot_store.JSON_TABLES:
            encoded[name], live[name] = snapshot_store.json_rows(conn, name)
        csv_bytes = _csv_text(services_csv) if services_csv is not None else b""
        mark = snapshot_store.audit_mark(conn)
        proposals = proposal_store.drafts(conn)
    support: dict[str, list[str]] = {}
    for row in raw.pop("assignment_support"):
        support.setdefault(row["action_code"], []).append(row["entity_id"])
    practice_entities: dict[str, list[str]] = {}
    for row in raw.pop("practice_entities"):
        practice_entities.setdefault(row["practice_id"], []).append(row["entity_id"])
    practice_actions: dict[str, list[str]] = {}
    for row in raw.pop("practice_actions"):
        practice_actions.setdefault(row["practice_id"], []).append(row["action_code"])
    for row in raw["assignments"]:
        row["support_ids"] = support.get(row["action_code"], [])
    for row in raw["practices"]:
        row["entity_ids"] = practice_entities.get(row["id"], [])
        row["action_codes"] = practice_actions.get(row["id"], [])
    live_practices = {r["id"] for r in raw["practices"] if not r["deleted_at"]}
    for row in raw["attachments"]:
        sent = not row["deleted_at"] and row["practice_id"] in live_practices
        row["path"] = attachment_member(row["sha256"], row["media_type"]) if sent else None
    return Snapshot(raw, encoded, live, csv_bytes, mark, proposals)


def attachment_member(sha256: str, media_type: str) -> str:
    suffix = _SUFFIXES.get(media_type, "")
    return f"attachments/{sha256}{suffix}"


# The first extension of each kind (".jpg" before ".jpeg"), so a person can open the file.
_SUFFIXES: dict[str, str] = {}
for _ext, _kind in KINDS.items():
    _SUFFIXES.setdefault(_kind.media_type, "." + _ext)


def counts_of(snapshot: Snapshot, overview: PlanOverview) -> dict[str, int]:
    """The figures the export wizard and the history show."""
    codes = {a.code for axis in overview.document.axes for o in axis.objectives for a in o.actions}
    assigned = {r["action_code"] for r in snapshot.records["assignments"] if r["lead_id"]} & codes
    practices = snapshot.live("practices")
    attachments = [r for r in snapshot.records["attachments"] if r["path"]]
    unique = {r["sha256"]: r["size"] for r in attachments}
    return {
        "actions": len(codes),
        "actions_assigned": len(assigned),
        "entities": len([e for e in snapshot.records["entities"] if not e["retired_at"]]),
        "practices": len(practices),
        "practices_draft": len([p for p in practices if p["state"] == "draft"]),
        "attachments": len(unique),
        "attachment_bytes": sum(unique.values()),
        "organisations": snapshot.live_counts["organisations"],
        "services": snapshot.live_counts["services"],
        "proposals": len(snapshot.proposals),
    }


def build_members(
    snapshot: Snapshot,
    overview: PlanOverview,
    header: dict[str, Any],
    attachments_folder: Path,
    report: Path | None,
    language: str,
) -> list[MemberSource]:
    """The package's members, in the order they are written (the manifest and signature follow)."""
    document: dict[str, Any] = {
        "schema_version": header["schema_version"],
        "country": header["country"],
        "created_at": header["created_at"],
        "sequence": header["sequence"],
        "plan": header["plan"],
        "officer": header["signer"],
    }
    for name in RECORD_ARRAYS:
        encoded = snapshot.encoded.get(name)
        document[name] = encoded if encoded is not None else snapshot.records[name]
    if snapshot.proposals:  # optional: a package without proposals is as it was before them
        document["proposals"] = [proposal_record(p) for p in snapshot.proposals]
    data = _json_lines(document)
    members = [
        MemberSource("README.txt", "text/plain", _readme(header).encode("utf-8")),
        MemberSource(DATA_NAME, "application/json", data),
        MemberSource(f"schema/{SCHEMA_NAME}", "application/schema+json", schema_bytes()),
        MemberSource("csv/actions.csv", "text/csv", _actions_csv(snapshot, overview, language)),
        MemberSource("csv/entities.csv", "text/csv", _entities_csv(snapshot)),
        MemberSource("csv/practices.csv", "text/csv", _practices_csv(snapshot)),
        MemberSource("csv/services.csv", "text/csv", snapshot.services_csv),
    ]
    if report is not None:
        members.append(
            MemberSource(
                f"report/country-report-{language}.pdf",
                "application/pdf",
                open_chunks=file_chunks(report),
                size=report.stat().st_size,
            )
        )
    seen: set[str] = set()
    for row in snapshot.records["attachments"]:
        if row["path"] and row["path"] not in seen:
            seen.add(row["path"])
            members.append(
                MemberSource(
                    row["path"],
                    row["media_type"],
                    open_chunks=file_chunks(attachments_folder / row["sha256"]),
                    size=row["size"],
                )
            )
    return members


def proposal_record(proposal: Proposal) -> dict[str, Any]:
    """A proposal as ``data/submission.json`` carries it (``docs/submission-format.md``)."""
    return {
        "id": proposal.id,
        "target_code": proposal.target_code,
        "kind": proposal.kind,
        "language": proposal.language,
        "text": proposal.text,
        "justification": proposal.justification,
        "created_at": proposal.created_at,
        "created_by": proposal.created_by,
    }


def _json_lines(document: dict[str, Any]) -> bytes:
    """The document as JSON with one record per line: readable in any editor, and written by
    json's C encoder (``indent`` would switch to the pure-Python one, 10x slower here)."""
    parts = ["{\n"]
    items = list(document.items())
    for n, (key, value) in enumerate(items):
        parts.append(f"{json.dumps(key)}: ")
        if isinstance(value, list):
            rows = ",\n  ".join(
                v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for v in value
            )
            parts.append(f"[\n  {rows}\n]" if value else "[]")
        else:
            parts.append(json.dumps(value, ensure_ascii=False))
        parts.append(",\n" if n < len(items) - 1 else "\n")
    parts.append("}\n")
    return "".join(parts).encode("utf-8")


def missing_attachments(snapshot: Snapshot, folder: Path) -> list[str]:
    """File names of evidence to send whose copy is gone from the workspace folder."""
    return sorted(
        {
            r["file_name"]
            for r in snapshot.records["attachments"]
            if r["path"] and not (folder / r["sha256"]).is_file()
        }
    )


def _csv_text(write: Callable[[io.StringIO], int]) -> bytes:
    out = io.StringIO(newline="")
    write(out)
    return utf8_with_bom(out.getvalue())


def _actions_csv(snapshot: Snapshot, overview: PlanOverview, language: str) -> bytes:
    names = {e["id"]: e["name"] for e in snapshot.records["entities"]}
    by_code = {a["action_code"]: a for a in snapshot.records["assignments"]}
    rows = []
    for axis in overview.document.axes:
        for objective in axis.objectives:
            for action in objective.actions:
                a = by_code.get(action.code, {})
                status = ActionStatus(a.get("status", ActionStatus.NOT_STARTED))
                rows.append(
                    [
                        action.code,
                        action.title.get(language) or next(iter(action.title.values()), ""),
                        names.get(a.get("lead_id") or "", ""),
                        "; ".join(names.get(s, s) for s in a.get("support_ids", [])),
                        status.label,
                        a.get("note", ""),
                        a.get("updated_at", ""),
                    ]
                )
    header = [
        _("Action"),
        _("Title"),
        _("Lead entity"),
        _("Supporting entities"),
        _("Status"),
        _("Progress note"),
        _("Last change"),
    ]
    return csv_bytes(header, rows)


def _entities_csv(snapshot: Snapshot) -> bytes:
    header = [
        _("ID"),
        _("Name"),
        _("Acronym"),
        _("Type"),
        _("Contact person"),
        _("E-mail"),
        _("Phone"),
        _("Retired"),
        _("Merged into"),
    ]
    rows = (
        [
            e["id"],
            e["name"],
            e["acronym"],
            e["type"],
            e["contact_person"],
            e["email"],
            e["phone"],
            e["retired_at"] or "",
            e["merged_into"] or "",
        ]
        for e in snapshot.records["entities"]
    )
    return csv_bytes(header, rows)


def _practices_csv(snapshot: Snapshot) -> bytes:
    names = {e["id"]: e["name"] for e in snapshot.records["entities"]}
    evidence = Counter(r["practice_id"] for r in snapshot.records["attachments"] if r["path"])
    header = [
        _("ID"),
        _("Title"),
        _("State"),
        _("Categories"),
        _("Populations"),
        _("Subdivisions"),
        _("Implementing entities"),
        _("Plan actions"),
        _("Start date"),
        _("End date"),
        _("Evidence files"),
        _("Deleted"),
    ]
    rows = (
        [
            p["id"],
            p["title"],
            p["state"],
            "; ".join(p["categories"]),
            "; ".join(p["populations"]),
            "; ".join(p["subdivisions"]),
            "; ".join(names.get(i, i) for i in p["entity_ids"]),
            "; ".join(p["action_codes"]),
            p["period_start"],
            p["period_end"],
            evidence[p["id"]],
            p["deleted_at"] or "",
        ]
        for p in snapshot.records["practices"]
    )
    return csv_bytes(header, rows)


def _readme(header: dict[str, Any]) -> str:
    return (
        f"FocalPoint submission {header['sequence']} — {header['country']} — "
        f"{header['created_at']}\n\n"
        "EN  Signed submission to the RCM Technical Secretariat. data/submission.json holds the\n"
        "    records (schema in schema/), csv/ the same as spreadsheets, report/ the country\n"
        "    report, attachments/ the evidence. manifest.json lists every file with its SHA-256;\n"
        "    signature.json signs the manifest. Check it with `focalpoint verify FILE`.\n"
        "ES  Envío firmado a la Secretaría Técnica de la CRM. data/submission.json contiene los\n"
        "    registros (esquema en schema/), csv/ lo mismo como hojas de cálculo, report/ el\n"
        "    informe de país, attachments/ las evidencias. manifest.json lista cada archivo con\n"
        "    su SHA-256; signature.json firma el manifiesto. Verifíquelo con `focalpoint verify`.\n"
        "FR  Envoi signé au Secrétariat technique de la CRM. data/submission.json contient les\n"
        "    enregistrements (schéma dans schema/), csv/ la même chose en tableurs, report/ le\n"
        "    rapport pays, attachments/ les pièces. manifest.json liste chaque fichier avec son\n"
        "    SHA-256 ; signature.json signe le manifeste. Vérifiez-le avec `focalpoint verify`.\n"
    )


def created_stamp(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")
