"""Reading the records a verified package carries (``data/submission.json``), as the Secretariat
takes them in: read once more and checked against the signed manifest (the file may have changed
since it was verified), decoded, checked against the bundled schema, and against the manifest's
own country, sequence and plan.

The schema check is compiled once (``fastjsonschema``): the ``jsonschema`` validator took 2.1 s
for a country of 10,000 services and 1,000 practices, the compiled one 0.09 s, and the
Secretariat takes in eleven countries of twice that at once. The schema uses only keywords that
draft 7 and draft 2020-12 read alike (type, properties, required, items, enum, const, pattern,
minimum, minLength); a test holds the two validators to the same verdicts.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from focalpoint.domain.errors import PackageRefused
from focalpoint.i18n import _
from focalpoint.package import manifest as manifest_format
from focalpoint.package.canonical_zip import read_entries, read_member
from focalpoint.package.json_texts import decode_keeping_texts

if TYPE_CHECKING:  # the country's export reads this module's names, not the verifier's keys
    from focalpoint.package.reader import VerifiedPackage

DATA_NAME = "data/submission.json"
SCHEMA_NAME = "submission.schema.json"
# The records of the largest country the import allows (100,000 services with long texts and
# 25,000 practices) take about 120 MB as JSON; beyond that a package is not one FocalPoint wrote.
MAX_DATA_BYTES = 256 << 20
# Each kind of record and the field that names it (unique within its kind).
KEYS = {
    "entities": "id",
    "assignments": "action_code",
    "practices": "id",
    "attachments": "id",
    "organisations": "id",
    "services": "id",
}


def schema_bytes() -> bytes:
    """The bundled schema of ``data/submission.json``: every package carries these bytes."""
    return (resources.files("focalpoint") / "resources" / "schemas" / SCHEMA_NAME).read_bytes()


@cache
def _validator() -> Callable[[Any], Any]:
    import fastjsonschema  # compiled when the first package is read, not when exporting one

    document = dict(json.loads(schema_bytes()))
    document["$schema"] = "http://json-schema.org/draft-07/schema#"  # see the module's note
    return fastjsonschema.compile(document)


def read_submission_data(package: VerifiedPackage, checked: bool = False) -> dict[str, Any]:
    """The decoded records of a verified package; PackageRefused when they are not what the
    signed manifest promises or not what the schema allows.

    ``checked``: these very bytes (same SHA-256) passed every check before, as a package the
    Secretariat keeps after taking it in: only the hash is checked again (the schema's pass
    is a third of the read of a large country)."""
    return _read(package, checked, keep_texts=False)[0]


def read_submission_records(
    package: VerifiedPackage, checked: bool = False
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """``read_submission_data``, and each record's own JSON text as the package holds it, by
    kind (``texts["services"][i]`` is ``document["services"][i]``): what an acceptance keeps
    of each record, without encoding it again."""
    return _read(package, checked, keep_texts=True)


def _read(
    package: VerifiedPackage, checked: bool, keep_texts: bool
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    record = next((m for m in package.members if m.path == DATA_NAME), None)
    if record is None:
        raise PackageRefused(
            "member_missing",
            _("The file {name}, listed in the manifest, is missing from the package.").format(
                name=DATA_NAME
            ),
        )
    if record.size > MAX_DATA_BYTES:
        raise PackageRefused(
            "too_large",
            _("The package's records take {size} MB, more than any country's could.").format(
                size=record.size >> 20
            ),
        )
    with open(package.path, "rb") as source:
        entries = {e.name: e for e in read_entries(source, source.seek(0, 2))}
        entry = entries.get(DATA_NAME)
        data = read_member(source, entry, MAX_DATA_BYTES) if entry is not None else b""
    if len(data) != record.size or hashlib.sha256(data).hexdigest() != record.sha256:
        raise PackageRefused(
            "member_changed",
            _("The file {name} in the package has been changed or damaged.").format(name=DATA_NAME),
        )
    try:
        if keep_texts:
            document, texts = decode_keeping_texts(data, KEYS)
        else:
            document, texts = json.loads(data), {}
        if not checked:
            _validator()(document)
    except ValueError as error:  # JSON's errors and the schema's (JsonSchemaException) alike
        # Signed and intact, yet not what the schema allows: a FocalPoint that writes another
        # schema, or a package made by hand. The schema's words say where.
        where = getattr(error, "message", "")
        raise PackageRefused(
            "data",
            _("The package's records do not follow the submission schema ({where}).").format(
                where=str(where)[:200] or _("not JSON")
            ),
        ) from None
    if not checked:
        _check_against_manifest(document, package.manifest)
        _check_unique(document)
    return dict(document), texts


def _check_against_manifest(
    document: Mapping[str, Any], manifest: manifest_format.Manifest
) -> None:
    said = (manifest.country, manifest.sequence, manifest.plan_code, manifest.plan_version)
    held = (
        document["country"],
        document["sequence"],
        document["plan"]["code"],
        document["plan"]["version"],
    )
    if said != held:
        raise PackageRefused(
            "data",
            _(
                "The package's records say submission {held_sequence} from {held_country} for "
                "plan {held_plan}, but its manifest says submission {sequence} from {country} "
                "for plan {plan}."
            ).format(
                held_sequence=held[1],
                held_country=held[0],
                held_plan=f"{held[2]} {held[3]}",
                sequence=said[1],
                country=said[0],
                plan=f"{said[2]} {said[3]}",
            ),
        )


def _check_unique(document: Mapping[str, Any]) -> None:
    """Records are merged by their key: two records with one key cannot both be merged."""
    for kind, key in KEYS.items():
        seen: set[str] = set()
        for item in document.get(kind, ()):
            value = item[key]
            if value in seen:
                raise PackageRefused(
                    "data",
                    _("The package holds two records with the same key ({kind}: {key}).").format(
                        kind=kind, key=str(value)[:80]
                    ),
                )
            seen.add(value)


def proposals_of(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The amendment proposals a package's records carry (none in a package made before
    them), checked by the schema already; two with one id are refused as two records are."""
    proposals = [dict(p) for p in document.get("proposals", ())]
    ids = [p["id"] for p in proposals]
    if len(set(ids)) != len(ids):
        raise PackageRefused(
            "data",
            _("The package holds two records with the same key ({kind}: {key}).").format(
                kind="proposals", key=next(i for i in ids if ids.count(i) > 1)
            ),
        )
    return proposals
