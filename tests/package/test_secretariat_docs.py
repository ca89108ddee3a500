"""The Secretariat key file and receipt documents: their check scripts work on real files, and
real files validate against the shipped JSON Schemas."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

from focalpoint.package.envelope import Envelope
from tests.package.conftest import Pristine
from tests.secretariat_side import Package, Secretariat

ROOT = Path(__file__).parents[2]
SCHEMAS = ROOT / "src" / "focalpoint" / "resources" / "schemas"
TOOLS = ("bash", "jq", "openssl", "base32", "base64", "sha256sum", "unzip")


def script_of(document: str) -> str:
    text = (ROOT / "docs" / document).read_text(encoding="utf-8")
    block = re.search(
        r"<!-- check-script:start -->\n```sh\n(.*?)```\n<!-- check-script:end -->", text, re.S
    )
    assert block, f"the check script is missing from docs/{document}"
    return block.group(1)


def run(document: str, folder: Path, **env: Path | str) -> subprocess.CompletedProcess[str]:
    """Run a document's script from ``folder``, with relative paths as a person types them."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"not on this machine: {', '.join(missing)}")
    folder.mkdir(exist_ok=True)
    values = {
        name: os.path.relpath(value, folder) if isinstance(value, Path) else value
        for name, value in env.items()
    }
    return subprocess.run(
        ["bash", "-c", script_of(document)],
        cwd=folder,
        env={"PATH": "/usr/bin:/bin:/usr/local/bin", **values},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def ts() -> Secretariat:
    return Secretariat()


def test_the_key_file_check_passes_on_a_real_file_and_writes_the_pem(
    ts: Secretariat, tmp_path: Path
) -> None:
    path = ts.key_file(tmp_path)
    done = run("secretariat-key-file.md", tmp_path / "here", FILE=path, FINGERPRINT=ts.fingerprint)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-2:] == [ts.name, ts.recipient]
    typed = ts.fingerprint.lower().replace("-", " ")
    assert (
        run("secretariat-key-file.md", tmp_path / "here", FILE=path, FINGERPRINT=typed).returncode
        == 0
    )
    assert list((tmp_path / "here").iterdir()) == []


def test_the_key_file_check_fails_on_a_wrong_fingerprint_or_a_forged_file(
    ts: Secretariat, tmp_path: Path
) -> None:
    path = ts.key_file(tmp_path)
    wrong = run(
        "secretariat-key-file.md", tmp_path / "a", FILE=path, FINGERPRINT=Secretariat().fingerprint
    )
    assert wrong.returncode != 0
    envelope = Envelope.from_bytes(path.read_bytes())
    forged_payload = envelope.payload.replace(
        ts.recipient.encode(), Secretariat().recipient.encode()
    )
    forged = tmp_path / "forged.json"
    forged.write_bytes(
        Envelope(
            envelope.payload_type, forged_payload, envelope.key_id, envelope.signature
        ).to_bytes()
    )
    done = run("secretariat-key-file.md", tmp_path / "b", FILE=forged, FINGERPRINT=ts.fingerprint)
    assert done.returncode != 0 and "Signature Verified Successfully" not in done.stdout


def test_the_receipt_check_passes_on_a_real_receipt_and_fails_on_others(
    ts: Secretariat, pristine: Pristine, tmp_path: Path
) -> None:
    answered = _answering(pristine)
    key = tmp_path / "secretariat.pem"
    key.write_text(ts.public.pem())
    receipt = ts.receipt(tmp_path, answered, "returned", "Falta el eje 3 — año 2026", "SV")
    done = run("receipt-format.md", tmp_path / "here", RECEIPT=receipt, KEY=key, PKG=pristine.path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-2:] == ["returned", "Falta el eje 3 — año 2026"]
    assert list((tmp_path / "here").iterdir()) == []

    (tmp_path / "other").mkdir()
    forged = Secretariat().receipt(tmp_path / "other", answered)
    assert (
        run(
            "receipt-format.md", tmp_path / "a", RECEIPT=forged, KEY=key, PKG=pristine.path
        ).returncode
        != 0
    )
    stranger = ts.receipt(tmp_path / "other", answered, country="GT")
    assert (
        run(
            "receipt-format.md", tmp_path / "b", RECEIPT=stranger, KEY=key, PKG=pristine.path
        ).returncode
        != 0
    )
    another = tmp_path / "another.zip"
    another.write_bytes(pristine.data + b"\0")
    assert (
        run("receipt-format.md", tmp_path / "c", RECEIPT=receipt, KEY=key, PKG=another).returncode
        != 0
    )


@pytest.mark.parametrize(
    ("schema", "make"),
    [
        ("secretariat-key", lambda ts, folder, pristine: ts.key_file(folder)),
        (
            "receipt",
            lambda ts, folder, pristine: ts.receipt(
                folder,
                _answering(pristine),
                "returned",
                "Faltan las entidades responsables del eje 3.",
            ),
        ),
        ("receipt", lambda ts, folder, pristine: ts.receipt(folder, _answering(pristine))),
    ],
)
def test_real_files_validate_against_the_shipped_schemas(
    ts: Secretariat, pristine: Pristine, tmp_path: Path, schema: str, make: object
) -> None:
    document = json.loads((SCHEMAS / f"{schema}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(document)
    validator = jsonschema.Draft202012Validator(document)
    path = make(ts, tmp_path, pristine)  # type: ignore[operator]
    payload = json.loads(Envelope.from_bytes(path.read_bytes()).payload)
    validator.validate(payload)
    # And the schema is no rubber stamp: a field out of form fails it.
    payload["format_version"] = 2
    assert not validator.is_valid(payload)
    if schema == "receipt":
        payload.update(format_version=1, decision="returned", reason=" ")
        assert not validator.is_valid(payload)


def _answering(pristine: Pristine) -> Package:
    return Package(pristine.document["sequence"], pristine.sha256)
