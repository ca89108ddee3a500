"""Every file FocalPoint reads from outside, mutated by hypothesis: refused with words, or taken.

Each reader starts from a valid file made for real (a signed package, a plan file, a receipt
and the key file signed by a Secretariat key, a directory CSV exported by FocalPoint) and gets
it mutated: bytes flipped, cut, inserted, ranges repeated or dropped; for the JSON files also
the structure (wrong types, huge numbers, deep nesting, long strings, odd Unicode, keys missing
or added), re-signed with the real key where the file is signed so that the mutation reaches
the reader behind the signature; for the package also its members (renamed, repeated, dropped,
swapped). Whatever the file, the reader must:

- raise nothing but FocalPoint's own refusals (``FocalPointError``), or take the file;
- answer within the deadline (no hang);
- when it refuses, leave the workspace as it was (the database's content and the folder's
  files) and say why in words: a non-empty message, no traceback, no Python repr.

``FOCALPOINT_FUZZ_EXAMPLES`` sets the examples per reader and per kind of mutation (60 by
default; thousands for a long run by hand: ``FOCALPOINT_FUZZ_EXAMPLES=3000 pytest -s
tests/package/test_fuzz_readers.py``); the figures are printed at the end (``-s``), and
added to the file ``FOCALPOINT_FUZZ_FIGURES`` names, when it is set.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import tempfile
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from benchmarks.synthetic import plan_file
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from focalpoint.domain.directory import Organisation, Service
from focalpoint.domain.errors import FocalPointError
from focalpoint.domain.records import Profile
from focalpoint.package import manifest as manifest_format
from focalpoint.package import receipt as receipt_format
from focalpoint.package import secretariat_key as key_file_format
from focalpoint.package import signed_plan as plan_format
from focalpoint.package import workspace_archive
from focalpoint.package.envelope import MANIFEST_TYPE, Envelope, pae
from focalpoint.package.keys import public_of
from focalpoint.services.common.package_check import verify_file
from focalpoint.services.country import workspace_move
from focalpoint.services.country.workspace import Workspace
from tests.package import zipcraft
from tests.secretariat_side import Secretariat

EXAMPLES = int(os.environ.get("FOCALPOINT_FUZZ_EXAMPLES", "60"))
PASSPHRASE = "correct horse battery staple"

fuzz = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=10),  # a hang is a failure, not a slow run
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,  # the same examples every run: a failure is the test's, not a stale entry's
    derandomize=True,
)


# ----- figures


@dataclass
class Tally:
    tried: Counter[str] = field(default_factory=Counter)
    refused: Counter[str] = field(default_factory=Counter)
    taken: Counter[str] = field(default_factory=Counter)
    backed_up: Counter[str] = field(default_factory=Counter)  # refusals after a backup was made


TALLY = Tally()


@pytest.fixture(scope="module", autouse=True)
def figures() -> Iterator[None]:
    """Print the figures (``-s``), and add them to the file ``FOCALPOINT_FUZZ_FIGURES`` names
    (one JSON line per reader and process: the way to see them from ``-n`` workers)."""
    yield
    lines = []
    for name in sorted(TALLY.tried):
        counts = {
            "tried": TALLY.tried[name],
            "refused": TALLY.refused[name],
            "taken": TALLY.taken[name],
            "refused_after_backup": TALLY.backed_up[name],
        }
        print(f"\n{name}: {counts}", end="")
        lines.append(json.dumps({"reader": name, **counts}) + "\n")
    print()
    if target := os.environ.get("FOCALPOINT_FUZZ_FIGURES"):
        with open(target, "a", encoding="utf-8") as out:
            out.writelines(lines)


# ----- mutations


@st.composite
def byte_mutations(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with one to three byte-level changes."""
    for _ in range(draw(st.integers(1, 3))):
        size = len(data)
        at = draw(st.integers(0, max(size - 1, 0)))
        kind = draw(st.sampled_from(("flip", "cut", "insert", "repeat", "drop", "zero")))
        if kind == "flip" and size:
            mask = draw(st.integers(1, 255))
            data = data[:at] + bytes([data[at] ^ mask]) + data[at + 1 :]
        elif kind == "cut":
            data = data[:at]
        elif kind == "insert":
            data = data[:at] + draw(st.binary(min_size=1, max_size=64)) + data[at:]
        elif kind == "repeat":
            length = draw(st.integers(1, 4096))
            data = data[:at] + data[at : at + length] + data[at:]
        elif kind == "drop":
            length = draw(st.integers(1, 4096))
            data = data[:at] + data[at + length :]
        elif kind == "zero":
            length = draw(st.integers(1, 512))
            data = data[:at] + bytes(len(data[at : at + length])) + data[at + length :]
    return data


@dataclass(frozen=True)
class Deep:
    """Nesting ``depth`` deep, written into the JSON text as such (a value this deep would
    overflow Python's own recursion in the test before it reached the reader)."""

    depth: int

    def text(self) -> str:
        return '{"x": [' * self.depth + "0" + "]}" * self.depth


ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([10**400, -(10**30), 2**63, -1, 0, 1.5, 1e308, -0.0]),
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            " ",
            "x" * 100_000,
            "\u202e\u0000\ufeff",
            "\ud800",
            "é" * 5000,
            "../../etc/passwd",
            "2026-02-30T25:61:00Z",
            "SV\n",
            "<script>",
        ]
    ),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.sampled_from([Deep(60), Deep(3000), Deep(100_000)]),
)


def _paths(value: Any, here: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield here
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*here, key))
    elif isinstance(value, list):
        for n, item in enumerate(value[:5]):  # the first few of a long list are enough
            yield from _paths(item, (*here, n))


@st.composite
def json_mutations(draw: st.DrawFn, document: Any) -> Any:
    """A deep copy of ``document`` with one value replaced, removed or given a sibling."""
    document = json.loads(json.dumps(document))
    places = list(_paths(document))
    path = draw(st.sampled_from(places))
    if not path:
        return draw(ODD_VALUES)
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    kind = draw(st.sampled_from(("replace", "remove", "add", "repeat")))
    if kind == "replace":
        parent[last] = draw(ODD_VALUES)
    elif kind == "remove":
        del parent[last]
    elif kind == "add":
        if isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=10))] = draw(ODD_VALUES)
        else:
            parent.insert(last, draw(ODD_VALUES))
    elif isinstance(parent, list):
        parent.insert(last, parent[last])
    else:
        parent[last] = [parent[last], parent[last]]
    return document


def to_json(document: Any) -> bytes:
    """``document`` as JSON text: non-ASCII as it is (escaped where it cannot be encoded)."""
    deep: list[Deep] = []

    def mark(value: Any) -> str:
        assert isinstance(value, Deep)
        deep.append(value)
        return f"@@deep{len(deep) - 1}@@"

    try:
        text = json.dumps(document, ensure_ascii=False, default=mark).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: only its escape can be written
        text = json.dumps(document, default=mark).encode()
    for n, value in enumerate(deep):
        text = text.replace(f'"@@deep{n}@@"'.encode(), value.text().encode())
    return text


# ----- what a refusal and a workspace must look like


# A traceback, an exception's name, an object's or a dict's Python repr ({'code': …}).
_RAW = re.compile(
    r"Traceback|File \"|object at 0x|<class |\b[A-Z]\w*(Error|Exception)\b|\{'[^']*': |^\s*$"
)


def assert_readable(error: FocalPointError) -> None:
    message = str(error)
    assert message.strip(), f"{type(error).__name__} without a message"
    assert not _RAW.search(message), f"not words for a person: {message[:300]!r}"
    assert len(message) < 2_000, f"a message of {len(message)} characters"


def state_of(folder: Path) -> tuple[str, list[tuple[str, int, str]]]:
    """The database's content and every other file of the workspace, to compare.

    Backups are left out: one is made before an import is checked row by row (a copy of the
    data as it was, not a change to it); ``backups`` counts them."""
    with closing(sqlite3.connect(f"file:{folder / 'focalpoint.db'}?mode=ro", uri=True)) as conn:
        content = hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    files = [
        (str(p.relative_to(folder)), p.stat().st_size, hashlib.sha256(p.read_bytes()).hexdigest())
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith("focalpoint.db") and p.parts[-2] != "backups"
    ]
    return content, files


def backups(folder: Path) -> int:
    return len(list((folder / "backups").glob("*"))) if (folder / "backups").is_dir() else 0


class Live:
    """A copy of a template workspace, opened, put back from the template after a file is taken."""

    def __init__(self, template: Path) -> None:
        self.template = template
        self.root = Path(tempfile.mkdtemp(prefix="focalpoint-fuzz-"))
        self.folder = self.root / "workspace"
        self.ws = self._fresh()

    def _fresh(self) -> Workspace:
        shutil.rmtree(self.folder, ignore_errors=True)
        shutil.copytree(self.template, self.folder)
        return Workspace.open(self.folder)

    def reset(self) -> None:
        self.ws.close()
        self.ws = self._fresh()

    def close(self) -> None:
        self.ws.close()
        shutil.rmtree(self.root, ignore_errors=True)


def attempt(
    name: str,
    live: Live | None,
    data: bytes,
    read: Callable[[Path], object],
    original: bytes | None = None,
) -> None:
    """Give ``data`` as a file to ``read``; check what a refusal leaves and says.

    ``original``: the valid file ``data`` was made from; a mutation that changed nothing
    (zeros over zeros, a drop past the end) is not counted."""
    if original is not None:
        assume(data != original)
    TALLY.tried[name] += 1
    with tempfile.TemporaryDirectory(prefix="focalpoint-fuzz-file-") as scratch:
        path = Path(scratch) / "given"
        path.write_bytes(data)
        before = state_of(live.folder) if live else None
        kept = backups(live.folder) if live else 0
        try:
            read(path)
        except FocalPointError as error:
            TALLY.refused[name] += 1
            assert_readable(error)
            if live is not None:
                assert state_of(live.folder) == before, "a refused file changed the workspace"
                if backups(live.folder) != kept:
                    TALLY.backed_up[name] += 1
        else:
            TALLY.taken[name] += 1
            if live is not None:
                live.reset()
        assert sorted(p.name for p in Path(scratch).iterdir()) == ["given"], "wrote beside it"
        assert path.read_bytes() == data, "the file given was changed"


# ----- the submission package


@dataclass(frozen=True)
class RealPackage:
    """A submission exported by a real workspace, and the key that signed it."""

    data: bytes
    fingerprint: str
    key: Any  # Ed25519PrivateKey

    @property
    def members(self) -> list[tuple[str | bytes, bytes]]:
        return list(zipcraft.contents(self.data)[:-2])

    @property
    def document(self) -> Any:
        return json.loads(dict(zipcraft.contents(self.data))["manifest.json"])

    def resigned(self, document: Any, members: list[tuple[str | bytes, bytes]]) -> bytes:
        try:  # as FocalPoint writes it, so that only the mutation differs
            manifest = manifest_format.encode(document)
        except (RecursionError, UnicodeEncodeError, ValueError, TypeError):
            manifest = to_json(document)
        kind = MANIFEST_TYPE
        signature = self.key.sign(pae(kind, manifest))
        envelope = Envelope(kind, manifest, public_of(self.key).key_id, signature)
        return zipcraft.package_bytes(members, manifest, envelope.to_bytes(), self.moment)

    @property
    def moment(self) -> datetime:
        return datetime.fromisoformat(
            json.loads(dict(zipcraft.contents(self.data))["manifest.json"])["created_at"]
        )

    def verify(self, path: Path) -> object:
        return verify_file(path, self.fingerprint)


@pytest.fixture(scope="module")
def package(country: Path, tmp_path_factory: pytest.TempPathFactory) -> RealPackage:
    folder = tmp_path_factory.mktemp("package") / "workspace"
    shutil.copytree(country, folder)
    ws = Workspace.open(folder)
    try:
        sent = ws.submissions.history()[0]
        data = ws.submissions.kept_file(sent).read_bytes()
        return RealPackage(data, sent.fingerprint, ws.keys.unlock(PASSPHRASE))
    finally:
        ws.close()


def test_the_real_package_verifies(package: RealPackage) -> None:
    attempt("package (valid)", None, package.data, package.verify)
    # Written again by the test's own zip writer, it is the same package.
    again = package.resigned(package.document, package.members)
    attempt("package (valid)", None, again, package.verify)
    assert TALLY.taken["package (valid)"] == 2


@fuzz
@given(data=st.data())
def test_package_bytes(package: RealPackage, data: st.DataObject) -> None:
    mutated = data.draw(byte_mutations(package.data))
    attempt("package: bytes", None, mutated, package.verify, package.data)


@fuzz
@given(data=st.data())
def test_package_manifest_resigned(package: RealPackage, data: st.DataObject) -> None:
    document = data.draw(json_mutations(package.document))
    mutated = package.resigned(document, package.members)
    attempt("package: manifest re-signed", None, mutated, package.verify)


@st.composite
def member_mutations(
    draw: st.DrawFn, members: list[tuple[str | bytes, bytes]]
) -> list[tuple[str | bytes, bytes]]:
    members = list(members)
    at = draw(st.integers(0, len(members) - 1))
    kind = draw(st.sampled_from(("rename", "repeat", "drop", "swap", "resize", "add")))
    name, content = members[at]
    if kind == "rename":
        new = draw(
            st.one_of(
                st.text(min_size=1, max_size=40),
                st.sampled_from(
                    ["../x", "/etc/x", "a\\b", "A" * 300, "x/", "", "ｍａｎｉｆｅｓｔ.json"]
                ),
                st.just(name.upper()),
                st.just(members[(at + 1) % len(members)][0]),
            )
        )
        members[at] = (new, content)
    elif kind == "repeat":
        members.insert(at, members[at])
    elif kind == "drop":
        del members[at]
    elif kind == "swap":
        other = draw(st.integers(0, len(members) - 1))
        members[at], members[other] = members[other], members[at]
    elif kind == "resize":
        members[at] = (name, draw(byte_mutations(content)))
    else:
        members.insert(at, (draw(st.text(min_size=1, max_size=20)), draw(st.binary(max_size=99))))
    return members


@fuzz
@given(data=st.data())
def test_package_members_under_a_valid_signature(package: RealPackage, data: st.DataObject) -> None:
    members = data.draw(member_mutations(package.members))
    mutated = package.resigned(package.document, members)
    unchanged = package.resigned(package.document, package.members)  # a swap with itself
    attempt("package: members", None, mutated, package.verify, unchanged)


# ----- the country's workspace, and the files it takes in


@pytest.fixture(scope="module")
def secretariat() -> Secretariat:
    return Secretariat()


@pytest.fixture(scope="module")
def country(tmp_path_factory: pytest.TempPathFactory, secretariat: Secretariat) -> Path:
    """A country with entities, a service, a signing key, one submission sent and the
    Secretariat's key trusted: the template every reader's workspace is copied from."""
    root = tmp_path_factory.mktemp("fuzz-country")
    ws = Workspace.open(root / "template")
    ws.profile.save(Profile("en", "SV", "Ana Pérez"))
    org = ws.directory.save_organisation(Organisation("Casa del Migrante", provider_type="ngo"))
    ws.directory.save_service(
        Service(org.id, "Albergue", "shelter", latitude=13.7, longitude=-89.2)
    )
    ws.keys.create(PASSPHRASE)
    ws.secretariat.trust(secretariat.key_file(root), secretariat.fingerprint)
    ws.submissions.export(PASSPHRASE, include_report=False)
    ws.close()
    return root / "template"


@pytest.fixture(scope="module")
def live(country: Path) -> Iterator[Live]:
    workspace = Live(country)
    yield workspace
    workspace.close()


@pytest.fixture(scope="module")
def sent(live: Live) -> Any:
    return live.ws.submissions.history()[0]


# ----- the plan file


@pytest.fixture(scope="module")
def plan_json(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A plan file's JSON: what the signed plan file holds, mutated and signed again below."""
    path = tmp_path_factory.mktemp("plan") / "plan.json"
    return json.loads(plan_file(path, axes=2, objectives=2, actions=3).read_bytes())


@pytest.fixture(scope="module")
def plan_bytes(plan_json: Any, secretariat: Secretariat) -> bytes:
    """The plan file signed by the Secretariat the template country trusts."""
    return _signed_plan(secretariat, plan_json)


def _signed_plan(secretariat: Secretariat, plan: Any) -> bytes:
    """``plan``, whatever it holds, in a signed plan file the trusted key really signed: the
    plan format's own checks are what a mutation then reaches."""
    public = secretariat.public
    document = {
        "format": plan_format.FORMAT,
        "format_version": plan_format.FORMAT_VERSION,
        "lineage": [],
        "signed_at": "2026-12-04T10:00:00Z",
        "secretariat_key": {"id": public.key_id, "fingerprint": public.fingerprint},
        "plan_file": plan,
    }
    return _resealed(secretariat.key, plan_format.PAYLOAD_TYPE, document)


def test_the_plan_file_is_taken(live: Live, plan_bytes: bytes) -> None:
    attempt("plan (valid)", live, plan_bytes, live.ws.plan.import_file)
    assert TALLY.taken["plan (valid)"] == 1


@fuzz
@given(data=st.data())
def test_plan_bytes(live: Live, plan_bytes: bytes, data: st.DataObject) -> None:
    mutated = data.draw(byte_mutations(plan_bytes))
    attempt("plan: bytes", live, mutated, lambda p: live.ws.plan.import_file(p), plan_bytes)


@fuzz
@given(data=st.data())
def test_plan_structure(
    live: Live, plan_json: Any, secretariat: Secretariat, data: st.DataObject
) -> None:
    mutated = _signed_plan(secretariat, data.draw(json_mutations(plan_json)))
    attempt("plan: structure", live, mutated, lambda p: live.ws.plan.import_file(p))


# ----- the receipt


@pytest.fixture(scope="module")
def receipt_bytes(
    secretariat: Secretariat, sent: Any, tmp_path_factory: pytest.TempPathFactory
) -> bytes:
    return secretariat.receipt(tmp_path_factory.mktemp("receipt"), sent).read_bytes()


def _resealed(key: Any, payload_type: str, document: Any) -> bytes:
    """``document`` signed as a real one is: an envelope over its bytes, whatever they hold."""
    payload = to_json(document)
    envelope = Envelope(
        payload_type, payload, public_of(key).key_id, key.sign(pae(payload_type, payload))
    )
    return envelope.to_bytes()


def _payload(data: bytes) -> Any:
    import base64

    return json.loads(base64.b64decode(json.loads(data)["payload"]))


def test_the_receipt_is_taken(live: Live, receipt_bytes: bytes) -> None:
    attempt("receipt (valid)", live, receipt_bytes, live.ws.secretariat.import_receipt)
    assert TALLY.taken["receipt (valid)"] == 1


@fuzz
@given(data=st.data())
def test_receipt_bytes(live: Live, receipt_bytes: bytes, data: st.DataObject) -> None:
    mutated = data.draw(byte_mutations(receipt_bytes))
    attempt("receipt: bytes", live, mutated, live.ws.secretariat.import_receipt, receipt_bytes)


@fuzz
@given(data=st.data())
def test_receipt_envelope(live: Live, receipt_bytes: bytes, data: st.DataObject) -> None:
    mutated = to_json(data.draw(json_mutations(json.loads(receipt_bytes))))
    attempt("receipt: envelope", live, mutated, lambda p: live.ws.secretariat.import_receipt(p))


@fuzz
@given(data=st.data())
def test_receipt_resigned(
    live: Live, receipt_bytes: bytes, secretariat: Secretariat, data: st.DataObject
) -> None:
    document = data.draw(json_mutations(_payload(receipt_bytes)))
    mutated = _resealed(secretariat.key, receipt_format.PAYLOAD_TYPE, document)
    attempt("receipt: re-signed", live, mutated, lambda p: live.ws.secretariat.import_receipt(p))


# ----- the Secretariat's key file


@pytest.fixture(scope="module")
def key_file_bytes(secretariat: Secretariat, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return secretariat.key_file(tmp_path_factory.mktemp("key")).read_bytes()


def _trust(live: Live, secretariat: Secretariat) -> Callable[[Path], object]:
    return lambda path: live.ws.secretariat.trust(path, secretariat.fingerprint)


def test_the_key_file_is_taken(live: Live, key_file_bytes: bytes, secretariat: Secretariat) -> None:
    attempt("key file (valid)", live, key_file_bytes, _trust(live, secretariat))
    assert TALLY.taken["key file (valid)"] == 1


@fuzz
@given(data=st.data())
def test_key_file_bytes(
    live: Live, key_file_bytes: bytes, secretariat: Secretariat, data: st.DataObject
) -> None:
    mutated = data.draw(byte_mutations(key_file_bytes))
    attempt("key file: bytes", live, mutated, _trust(live, secretariat), key_file_bytes)


@fuzz
@given(data=st.data())
def test_key_file_resigned(
    live: Live, key_file_bytes: bytes, secretariat: Secretariat, data: st.DataObject
) -> None:
    document = data.draw(json_mutations(_payload(key_file_bytes)))
    mutated = _resealed(secretariat.key, key_file_format.PAYLOAD_TYPE, document)
    attempt("key file: re-signed", live, mutated, _trust(live, secretariat))


# ----- the directory CSV


@pytest.fixture(scope="module")
def csv_bytes(live: Live, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("csv") / "services.csv"
    live.ws.exchange.export_csv(path)
    return path.read_bytes()


def test_the_csv_is_taken(live: Live, csv_bytes: bytes) -> None:
    attempt("directory CSV (valid)", live, csv_bytes, live.ws.exchange.import_csv)
    assert TALLY.taken["directory CSV (valid)"] == 1


@fuzz
@given(data=st.data())
def test_csv_bytes(live: Live, csv_bytes: bytes, data: st.DataObject) -> None:
    mutated = data.draw(byte_mutations(csv_bytes))
    attempt("directory CSV: bytes", live, mutated, live.ws.exchange.import_csv, csv_bytes)


@fuzz
@given(data=st.data())
def test_csv_cells(live: Live, csv_bytes: bytes, data: st.DataObject) -> None:
    text = csv_bytes.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    row = data.draw(st.integers(0, len(rows) - 1))
    column = data.draw(st.integers(0, len(rows[row]) - 1))
    rows[row][column] = str(data.draw(ODD_VALUES))[:200_000]
    if data.draw(st.booleans()):
        rows.insert(row, list(rows[row]))  # a row twice
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    mutated = ("\ufeff" + out.getvalue()).encode("utf-8", "surrogatepass")
    attempt("directory CSV: cells", live, mutated, lambda p: live.ws.exchange.import_csv(p))


# ----- the workspace file (moving to another computer)


@pytest.fixture(scope="module")
def archive_bytes(country: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    root = tmp_path_factory.mktemp("archive")
    shutil.copytree(country, root / "workspace")
    ws = Workspace.open(root / "workspace")
    try:
        ws.backups.export(root / "moved.zip")
    finally:
        ws.close()
    return (root / "moved.zip").read_bytes()


def _import_into_new_folder(path: Path) -> object:
    """Make a workspace from ``path`` in a new folder; a refusal must not leave that folder."""
    with tempfile.TemporaryDirectory(prefix="focalpoint-fuzz-new-") as root:
        target = Path(root) / "new workspace"
        try:
            return workspace_move.import_workspace(path, target)
        except FocalPointError:
            assert not target.exists(), "a refused workspace file left a folder behind"
            raise


def _rezipped(data: bytes, change: Callable[[list[tuple[str, bytes]]], None]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as old:
        members = [(info.filename, old.read(info)) for info in old.infolist()]
    change(members)
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w") as new:
        warnings.simplefilter("ignore")  # a duplicate name is the point
        for name, content in members:
            new.writestr(name, content)
    return out.getvalue()


def test_the_workspace_file_is_taken(archive_bytes: bytes) -> None:
    attempt("workspace file (valid)", None, archive_bytes, _import_into_new_folder)
    assert TALLY.taken["workspace file (valid)"] == 1


@fuzz
@given(data=st.data())
def test_workspace_file_bytes(archive_bytes: bytes, data: st.DataObject) -> None:
    mutated = data.draw(byte_mutations(archive_bytes))
    attempt("workspace file: bytes", None, mutated, _import_into_new_folder, archive_bytes)


@fuzz
@given(data=st.data())
def test_workspace_file_manifest(archive_bytes: bytes, data: st.DataObject) -> None:
    with zipfile.ZipFile(io.BytesIO(archive_bytes)) as old:
        document = json.loads(old.read(workspace_archive.MANIFEST))
    changed = to_json(data.draw(json_mutations(document)))

    def change(members: list[tuple[str, bytes]]) -> None:
        members[:] = [(n, changed if n == workspace_archive.MANIFEST else c) for n, c in members]

    mutated = _rezipped(archive_bytes, change)
    attempt("workspace file: manifest", None, mutated, _import_into_new_folder)


@fuzz
@given(data=st.data())
def test_workspace_file_members(archive_bytes: bytes, data: st.DataObject) -> None:
    with zipfile.ZipFile(io.BytesIO(archive_bytes)) as old:
        count = len(old.infolist())
    at = data.draw(st.integers(0, count - 1))
    kind = data.draw(st.sampled_from(("rename", "repeat", "drop", "content")))
    new_name = data.draw(
        st.one_of(
            # zipfile cuts a name at NUL, and cannot write an empty one
            st.text(min_size=1, max_size=30).filter(lambda n: bool(n.split("\x00")[0])),
            st.sampled_from(["../x", "/tmp/x", "submissions/../../x", "attachments/", "a\\b"]),
        )
    )
    new_content = data.draw(st.binary(max_size=64))

    def change(members: list[tuple[str, bytes]]) -> None:
        name, content = members[at]
        if kind == "rename":
            members[at] = (new_name, content)
        elif kind == "repeat":
            members.insert(at, (name, new_content))
        elif kind == "drop":
            del members[at]
        else:
            members[at] = (name, new_content)

    mutated = _rezipped(archive_bytes, change)
    attempt("workspace file: members", None, mutated, _import_into_new_folder)


# ----- what fuzzing found, each kept as a plain test


def test_a_lone_surrogate_in_a_signed_receipt_is_refused(
    live: Live, receipt_bytes: bytes, secretariat: Secretariat
) -> None:
    document = {**_payload(receipt_bytes), "reason": "\ud800"}
    mutated = _resealed(secretariat.key, receipt_format.PAYLOAD_TYPE, document)
    refused = TALLY.refused["found"]
    attempt("found", live, mutated, live.ws.secretariat.import_receipt)
    assert TALLY.refused["found"] == refused + 1


def test_a_lone_surrogate_in_a_signed_key_file_is_refused(
    live: Live, key_file_bytes: bytes, secretariat: Secretariat
) -> None:
    document = {**_payload(key_file_bytes), "name": "\ud800"}
    mutated = _resealed(secretariat.key, key_file_format.PAYLOAD_TYPE, document)
    refused = TALLY.refused["found"]
    attempt("found", live, mutated, _trust(live, secretariat))
    assert TALLY.refused["found"] == refused + 1


def test_a_lone_surrogate_in_a_plan_file_is_refused(
    live: Live, plan_json: Any, secretariat: Secretariat
) -> None:
    document = copy.deepcopy(plan_json)
    document["axes"][0]["title"]["es"] = "\ud800"
    refused = TALLY.refused["found"]
    attempt("found", live, _signed_plan(secretariat, document), live.ws.plan.import_file)
    assert TALLY.refused["found"] == refused + 1


def test_a_plan_file_of_the_wrong_shape_is_not_quoted_as_python(
    live: Live, plan_json: Any, secretariat: Secretariat
) -> None:
    document = copy.deepcopy(plan_json)
    document["axes"][0]["objectives"] = [document["axes"][0]["objectives"]]
    refused = TALLY.refused["found"]
    attempt("found", live, _signed_plan(secretariat, document), live.ws.plan.import_file)
    assert TALLY.refused["found"] == refused + 1


def test_a_long_member_name_under_a_valid_signature_is_quoted_short(
    package: RealPackage,
) -> None:
    document = package.document
    document["members"][0]["path"] = "x" * 100_000
    refused = TALLY.refused["found"]
    attempt("found", None, package.resigned(document, package.members), package.verify)
    assert TALLY.refused["found"] == refused + 1


def test_a_plan_file_whose_version_is_no_number_is_no_plan_file(
    live: Live, plan_json: Any, secretariat: Secretariat
) -> None:
    document = {**plan_json, "format_version": {"": 0}}
    refused = TALLY.refused["found"]
    attempt("found", live, _signed_plan(secretariat, document), live.ws.plan.import_file)
    assert TALLY.refused["found"] == refused + 1
