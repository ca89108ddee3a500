"""The records a verified package carries, read as the Secretariat takes them in: checked again
against the signed manifest, against the schema and against the manifest's own words."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from focalpoint.domain.errors import PackageRefused
from focalpoint.package.reader import verify_package
from focalpoint.package.submission_contents import read_submission_data, schema_bytes
from focalpoint.services.country.workspace import Workspace
from tests.package import zipcraft
from tests.package.conftest import Signer
from tests.services.test_submissions import export, keyed

__all__ = ["keyed"]


def a_document(**over: Any) -> dict[str, Any]:
    """The smallest records a FocalPoint of this version writes, as the manifest's header says."""
    document: dict[str, Any] = {
        "schema_version": 1,
        "country": "SV",
        "created_at": zipcraft.MOMENT.isoformat(),
        "sequence": zipcraft.SEQUENCE,
        "plan": {"code": "RCM-2025", "version": "1"},
        "officer": {"name": "Ana Pérez"},
        "entities": [],
        "assignments": [],
        "practices": [],
        "attachments": [],
        "organisations": [],
        "services": [],
    }
    document.update(over)
    return document


def signed_with(path: Path, signer: Signer, document: dict[str, Any] | bytes) -> Path:
    data = document if isinstance(document, bytes) else json.dumps(document).encode()
    members = (("data/submission.json", "application/json", data),)
    zipcraft.write(path, signer.private, members)
    return path


def test_the_records_of_a_real_package_are_read_as_they_were_sent(keyed: Workspace) -> None:
    package = verify_package(export(keyed, include_report=False))
    data = read_submission_data(package)
    assert (data["country"], data["sequence"]) == ("SV", 1)
    lead = next(a for a in data["assignments"] if a["action_code"] == "1.1.1")["lead_id"]
    assert lead in {e["id"] for e in data["entities"]}


def test_a_package_changed_after_it_was_verified_is_refused(keyed: Workspace) -> None:
    path = export(keyed, include_report=False)
    package = verify_package(path)
    raw = bytearray(path.read_bytes())
    at = raw.index(b'"country"')  # inside data/submission.json, the first member with records
    raw[at + 1] ^= 0x20  # "country" → "Country": same size, another hash
    path.chmod(0o644)
    # With the CRC repaired too, as a deliberate change would be: only the hash tells.
    path.write_bytes(zipcraft.repair_crc(bytes(raw), "data/submission.json"))
    with pytest.raises(PackageRefused) as refusal:
        read_submission_data(package)
    assert refusal.value.reason == "member_changed"


@pytest.mark.parametrize(
    ("document", "says"),
    [
        (b"not json at all", "do not follow the submission schema"),
        (a_document(services=[{"id": "s1"}]), "do not follow the submission schema"),
        (a_document(country="GT"), "from GT"),
        (a_document(sequence=8), "submission 8"),
        (
            a_document(assignments=[{"action_code": "1.1.1"}]),
            "do not follow the submission schema",
        ),
    ],
)
def test_signed_records_that_are_not_what_the_manifest_and_schema_say_are_refused(
    signer: Signer, tmp_path: Path, document: dict[str, Any] | bytes, says: str
) -> None:
    package = verify_package(signed_with(tmp_path / "p.zip", signer, document))
    with pytest.raises(PackageRefused, match=says) as refusal:
        read_submission_data(package)
    assert refusal.value.reason == "data"


def test_two_records_with_one_key_are_refused(
    keyed: Workspace, signer: Signer, tmp_path: Path
) -> None:
    real = json.loads(read_bytes_of(export(keyed, include_report=False), "data/submission.json"))
    twice = a_document(entities=real["entities"] + real["entities"][:1])
    package = verify_package(signed_with(tmp_path / "p.zip", signer, twice))
    with pytest.raises(PackageRefused, match="two records with the same key"):
        read_submission_data(package)


def read_bytes_of(path: Path, name: str) -> bytes:
    return dict(zipcraft.contents(path.read_bytes()))[name]


def test_the_compiled_schema_check_agrees_with_jsonschema(keyed: Workspace) -> None:
    """Mutations of real records: each field of a sample set to values of every JSON type; the
    fast validator and the reference one must give the same verdict every time."""
    from focalpoint.package.submission_contents import _validator

    real = json.loads(read_bytes_of(export(keyed, include_report=False), "data/submission.json"))
    reference = jsonschema.Draft202012Validator(json.loads(schema_bytes()))
    compiled = _validator()
    rng = random.Random(7)
    values: list[Any] = [None, "", "x", 0, -1, 2.5, True, [], ["a"], {}, {"a": 1}]
    tried = 0
    for kind in ("entities", "assignments"):
        for record in real[kind][:3]:
            for name in record:
                for value in rng.sample(values, 4):
                    mutated = json.loads(json.dumps(real))
                    target = next(r for r in mutated[kind] if r == record)
                    target[name] = value
                    try:
                        compiled(mutated)
                        fast = True
                    except ValueError:
                        fast = False
                    assert fast == reference.is_valid(mutated), (kind, name, value)
                    tried += 1
    assert tried > 100
